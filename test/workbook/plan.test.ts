/**
 * The sheet plan evaluated in HyperFormula (the functions' harness, the same HLN.* adapters):
 * on a bundle subset (≥ 2,000 LSOAs in ≥ 20 LADs, with the Isles of Scilly), every formula block
 * equals the core's buildMeasure output (1e-9) before and after editing Weights cells.
 */
import type { HyperFormula } from "hyperformula";
import { buildMeasure, BuildOptions } from "../../src/core/buildMeasure";
import { hlnSpec } from "../../src/core/specs";
import { toMeasureData, type Bundle } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { planWorkbook } from "../../src/workbook/plan";
import { parseAddress } from "../../src/workbook/a1";
import { defaultSettings, settingsToBuild } from "../../src/core/settings";
import { syntheticIndicators } from "../../src/data/openData";
import type { Block, CellValue, WorkbookPlan } from "../../src/workbook/planTypes";
import type { MeasureResult } from "../../src/core/buildMeasure";
import { compareFormulaBlocks, planToEngine, setIndexedCell, subsetBundle } from "./helpers";

let bundle: Bundle;
let plan: WorkbookPlan;
let hf: HyperFormula;

const build = (o: BuildOptions = {}) => {
  const res = buildMeasure(hlnSpec, toMeasureData(bundle), o);
  return planWorkbook(hlnSpec, bundle, res, { builtAt: "2026-01-01T00:00:00Z", version: "test" });
};

const setKey = (key: string, value: number | string) => setIndexedCell(hf, plan, key, value);

/** Sets a Weights cell found by its defined name (first cell of the named range + offset). */
function setNamed(name: string, value: number | string, offset = 0) {
  const ref = plan.names.find((n) => n.name === name)!.ref;
  const m = /^'?(.*?)'?!\$?([A-Z]+\$?\d+)/.exec(ref)!;
  const { row, col } = parseAddress(m[2].replace(/\$/g, ""));
  hf.setCellContents({ sheet: hf.getSheetId(m[1].replace(/''/g, "'"))!, row: row - 1 + offset, col }, value);
}

beforeAll(async () => {
  bundle = subsetBundle(loadBundleFromDir(), 2000, 21);
  plan = build();
  hf = await planToEngine(plan);
});
afterAll(() => hf?.destroy());

test("the subset has ≥ 2,000 LSOAs in ≥ 20 LADs, including an excluded area", () => {
  expect(bundle.n).toBeGreaterThanOrEqual(2000);
  expect(new Set(bundle.geography.ladCode).size).toBeGreaterThanOrEqual(20);
  expect(bundle.geography.excluded.some((x) => x === 1)).toBe(true);
});

test("every formula block evaluates to the core's values (1e-9)", () => {
  const c = compareFormulaBlocks(hf, plan);
  expect(c.mismatches.filter(Boolean)).toEqual([]);
  expect(c.checked).toBeGreaterThan(2000 * 80);
});

test("editing Weights cells recalculates everything downstream to the core's values", () => {
  // dimension weights, an indicator weight, a polarity, the constant and the scaling
  setNamed("HLN_W_dimensions", 0.4, 0);
  setNamed("HLN_W_dimensions", 0.05, 1);
  setKey("weight:gva_per_head", 3);
  setNamed("HLN_P_travel_hospital", 1);
  setNamed("HLN_Constant", 15);
  setNamed("HLN_Scaling", "iod");
  const spec = JSON.parse(JSON.stringify(hlnSpec));
  const hosp = spec.dimensions[4].subdimensions[2].indicators.find((i: { id: string }) => i.id === "travel_hospital");
  hosp.polarity = 1;
  const res = buildMeasure(spec, toMeasureData(bundle), {
    constant: 15,
    scaling: "iod",
    weights: { growth: 0.4, energy: 0.05, gva_per_head: 3 },
  });
  const expected = planWorkbook(spec, bundle, res, { builtAt: "2026-01-01T00:00:00Z", version: "test" });
  const byAddress = new Map(
    expected.sheets.flatMap((s) => s.blocks.filter((b) => b.formula).map((b) => [`${s.name}!${b.address}`, b])),
  );
  const c = compareFormulaBlocks(
    hf,
    plan,
    (sheet, b) => laTableRow(sheet, b, res) ?? byAddress.get(`${sheet}!${b.address}`)!.cached,
  );
  expect(c.mismatches.filter(Boolean)).toEqual([]);
  // the edit really moved the scores
  const before = plan.sheets.find((s) => s.role === "score")!.blocks.find((b) => b.address === "C3")!.columnValues![0];
  const after = res.score;
  let moved = 0;
  for (let i = 0; i < after.length; i++) if (Math.abs((before[i] as number) - after[i]) > 1e-6) moved++;
  expect(moved).toBeGreaterThan(100);
  // including the Isles of Scilly (HLN_ApplyExclusions = 0) matches a build without exclusions
  setNamed("HLN_ApplyExclusions", 0);
  const res2 = buildMeasure(spec, toMeasureData(bundle), {
    constant: 15,
    scaling: "iod",
    exclude: [],
    weights: { growth: 0.4, energy: 0.05, gva_per_head: 3 },
  });
  const exp2 = planWorkbook(spec, bundle, res2, { builtAt: "x", version: "test" });
  const by2 = new Map(
    exp2.sheets.flatMap((s) => s.blocks.filter((b) => b.formula).map((b) => [`${s.name}!${b.address}`, b])),
  );
  const c2 = compareFormulaBlocks(
    hf,
    plan,
    (sheet, b) => laTableRow(sheet, b, res2) ?? by2.get(`${sheet}!${b.address}`)!.cached,
  );
  expect(c2.mismatches.filter(Boolean)).toEqual([]);
  // leaving out the indicators with no open data (HLN_IncludeSynthetic = 0, issue 16): their used
  // weights become 0 and every sheet follows, as the core with those weights at 0
  const synthetic = syntheticIndicators(spec, bundle.meta);
  expect(synthetic).toEqual(["jobs_density", "high_growth_jobs", "level3_qualifications", "epc_fg", "childcare_ratio"]);
  setNamed("HLN_IncludeSynthetic", 0);
  const settings3 = defaultSettings(spec);
  Object.assign(settings3.weights, { growth: 0.4, energy: 0.05, gva_per_head: 3 });
  Object.assign(settings3, { constant: 15, scaling: "iod", applyExclusions: false, includeSynthetic: false });
  const b3 = settingsToBuild(spec, settings3, synthetic);
  expect(synthetic.map((id) => b3.options.weights![id])).toEqual([0, 0, 0, 0, 0]);
  const res3 = buildMeasure(b3.spec, toMeasureData(bundle), b3.options);
  const exp3 = planWorkbook(b3.spec, bundle, res3, { builtAt: "x", version: "test", settings: settings3 });
  const by3 = new Map(
    exp3.sheets.flatMap((s) => s.blocks.filter((b) => b.formula).map((b) => [`${s.name}!${b.address}`, b])),
  );
  const c3 = compareFormulaBlocks(
    hf,
    plan,
    (sheet, b) => laTableRow(sheet, b, res3) ?? by3.get(`${sheet}!${b.address}`)!.cached,
  );
  expect(c3.mismatches.filter(Boolean)).toEqual([]);
  let moved3 = 0;
  for (let i = 0; i < res3.score.length; i++) if (Math.abs(res3.score[i] - res2.score[i]) > 1e-6) moved3++;
  expect(moved3).toBeGreaterThan(100);
});

/**
 * The charts sheet's "LAs with the most hotspots" table lists the LAs chosen at build time (documented
 * in docs/maps.md); after an edit its COUNTIFS must give the new counts for those same LAs.
 */
function laTableRow(sheet: string, b: Block, res: MeasureResult): CellValue[][] | undefined {
  if (!sheet.startsWith("HLN Charts") || !b.formula) return undefined;
  const isCount = /^=COUNTIFS\('HLN Data'!\$C\$3:\$C\$\d+,I\d+,'HLN Score'!\$F\$3:\$F\$\d+,(1|">=0")\)$/.exec(
    b.formula,
  );
  const isShare = /^=IF\(J\d+>0,H\d+\/J\d+,""\)$/.test(b.formula);
  if (!isCount && !isShare) return undefined;
  const { row } = parseAddress(b.address);
  const code = hf.getCellValue({ sheet: hf.getSheetId(sheet)!, row: row - 1, col: colIndex("I") });
  let hotspots = 0;
  let areas = 0;
  for (let i = 0; i < res.hotspot.length; i++) {
    if (res.groups.labels[res.groups.codes[i]] !== code || !Number.isFinite(res.hotspot[i])) continue;
    areas++;
    if (res.hotspot[i] === 1) hotspots++;
  }
  if (isShare) return [[areas > 0 ? hotspots / areas : ""]];
  return [[isCount![1] === "1" ? hotspots : areas]];
}

const colIndex = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
