/**
 * The Compare sheet (issue 18) in HyperFormula (add-in mode): built against the spec's settings, it
 * shows no shift while the settings are the spec's; after editing Weights cells (a dimension weight,
 * the constant) every cell equals the core's compareRankings of the baseline ranking and the new one.
 * A saved scenario as the baseline: the stored ranking is that scenario's.
 */
import type { HyperFormula } from "hyperformula";
import { compareRankings } from "../../src/core/compare";
import { copySettings, defaultSettings } from "../../src/core/settings";
import { hlnSpec } from "../../src/core/specs";
import type { Bundle } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { parseAddress } from "../../src/workbook/a1";
import { buildWorkbook, computeMeasure, specBaseline } from "../../src/workbook/pipeline";
import type { WorkbookPlan } from "../../src/workbook/planTypes";
import { compareFormulaBlocks, planToEngine, setIndexedCell, subsetBundle } from "./helpers";

let bundle: Bundle;
let plan: WorkbookPlan;
let hf: HyperFormula;
const BUILT = { builtAt: "2026-01-01T00:00:00Z", version: "test", formulas: "addin" as const };

beforeAll(async () => {
  bundle = subsetBundle(loadBundleFromDir(), 600, 8);
  plan = buildWorkbook(hlnSpec, bundle, defaultSettings(hlnSpec), BUILT).plan;
  hf = await planToEngine(plan);
});
afterAll(() => hf?.destroy());

const compareSheet = (p: WorkbookPlan) => p.sheets.find((s) => s.role === "compare")!;

const setKey = (key: string, value: number | string) => setIndexedCell(hf, plan, key, value);

/** The Compare sheet's formula cells in HyperFormula against `expected`'s (its cached values). */
function compareWith(expected: WorkbookPlan) {
  const byAddress = new Map(compareSheet(expected).blocks.map((b) => [b.address, b]));
  const only = { ...plan, sheets: [compareSheet(plan)] };
  return compareFormulaBlocks(hf, only, (_s, b) => byAddress.get(b.address)!.cached, 20);
}

test("built with the spec's settings: every formula evaluates to the core's values, no shift", () => {
  const c = compareFormulaBlocks(hf, plan);
  expect(c.mismatches.filter(Boolean)).toEqual([]);
  const sheet = compareSheet(plan);
  const shift = sheet.blocks.find((b) => b.address === plan.index.get("compare:shift")!.range.split(":")[0])!;
  expect(shift.cached!.every(([v]) => v === 0 || v === null)).toBe(true);
  expect(plan.index.has("compare:groups")).toBe(true);
});

test("editing a dimension weight and the constant: the shifts, deciles, top-10/20 moves and the group table follow", () => {
  setKey("weight:growth", 0.5);
  setKey("option:constant", 15);
  const s = copySettings(defaultSettings(hlnSpec));
  s.weights.growth = 0.5;
  s.constant = 15;
  const expected = buildWorkbook(hlnSpec, bundle, s, { ...BUILT, compare: specBaseline(hlnSpec) }).plan;
  const c = compareWith(expected);
  expect(c.mismatches.filter(Boolean)).toEqual([]);
  expect(c.checked).toBeGreaterThan(600 * 6);
  // and the expected values are the core's comparison of the two rankings
  const base = computeMeasure(hlnSpec, bundle, defaultSettings(hlnSpec)).result;
  const now = computeMeasure(hlnSpec, bundle, s).result;
  const cmp = compareRankings(base.rank, now.rank, now.groups.codes, now.groups.labels.length);
  expect(cmp.meanAbsShift).toBeGreaterThan(1);
  const overall = plan.index.cell("compare:overall")!;
  const { row, col } = parseAddress(overall.address);
  const got = hf.getCellValue({ sheet: hf.getSheetId(overall.sheet)!, row: row - 1, col }) as number;
  expect(Math.abs(got - cmp.meanAbsShift)).toBeLessThan(1e-9);
  expect(cmp.entered10 + cmp.left10).toBeGreaterThan(0);
});

test("a saved scenario as the baseline: the stored ranking is the scenario's", () => {
  const scenario = copySettings(defaultSettings(hlnSpec));
  scenario.weights.crime = 0.6;
  const p = buildWorkbook(hlnSpec, bundle, defaultSettings(hlnSpec), {
    ...BUILT,
    compare: { name: "crime first", settings: scenario },
  }).plan;
  const sheet = compareSheet(p);
  const baseBlock = sheet.blocks.find((b) => b.address === p.index.get("compare:baseRank")!.range.split(":")[0])!;
  const want = computeMeasure(hlnSpec, bundle, scenario).result.rank;
  baseBlock.values!.forEach(([v], i) => expect(v).toBe(Number.isFinite(want[i]) ? want[i] : null));
  expect(JSON.stringify(sheet.blocks)).toContain("Baseline: crime first");
  // no Compare sheet when asked for none
  const none = buildWorkbook(hlnSpec, bundle, defaultSettings(hlnSpec), { ...BUILT, compare: null }).plan;
  expect(none.sheets.some((x) => x.role === "compare")).toBe(false);
});
