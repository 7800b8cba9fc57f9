/**
 * Issue 17: the HLN Dual sheet evaluated in HyperFormula (the HLN.* adapters) on a bundle subset: every
 * formula block equals the core's dualFlag / groupDual values; editing the shares and a dimension weight
 * recalculates the flags, quadrants and district counts to the core's values.
 */
import type { HyperFormula } from "hyperformula";
import { buildMeasure } from "../../src/core/buildMeasure";
import { dualFlag } from "../../src/core/dualFlag";
import { hlnSpec } from "../../src/core/specs";
import { toMeasureData, type Bundle } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { bundledSecondIndex } from "../../src/data/secondIndex";
import { parseAddress } from "../../src/workbook/a1";
import { planWorkbook } from "../../src/workbook/plan";
import type { WorkbookPlan } from "../../src/workbook/planTypes";
import { compareFormulaBlocks, planToEngine, subsetBundle } from "./helpers";

let bundle: Bundle;
let plan: WorkbookPlan;
let hf: HyperFormula;

beforeAll(async () => {
  bundle = subsetBundle(loadBundleFromDir(), 2000, 21);
  const res = buildMeasure(hlnSpec, toMeasureData(bundle));
  plan = planWorkbook(hlnSpec, bundle, res, {
    builtAt: "2026-01-01T00:00:00Z",
    version: "test",
    dual: bundledSecondIndex(bundle),
  });
  hf = await planToEngine(plan);
}, 120_000);
afterAll(() => hf?.destroy());

const dualSheet = () => plan.sheets.find((s) => s.role === "dual")!;
const range = (key: string) => {
  const e = plan.index.require(key);
  const r = e.range.split(":").map((a) => parseAddress(a));
  return hf.getRangeValues({
    start: { sheet: hf.getSheetId(e.sheet)!, row: r[0].row - 1, col: r[0].col },
    end: { sheet: hf.getSheetId(e.sheet)!, row: r[1].row - 1, col: r[1].col },
  });
};
const setNamed = (name: string, value: number) => {
  const ref = plan.names.find((n) => n.name === name)!.ref;
  const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)/.exec(ref)!;
  const { row, col } = parseAddress(`${m[2]}${m[3]}`);
  hf.setCellContents({ sheet: hf.getSheetId(m[1].replace(/''/g, "'"))!, row: row - 1, col }, value);
};

test("the Dual sheet's formulas equal the core (flags, ranks, quadrants, districts, wards, the list)", () => {
  expect(dualSheet().name).toBe("HLN Dual");
  const sheetOnly = { ...plan, sheets: [dualSheet()] };
  const c = compareFormulaBlocks(hf, sheetOnly);
  expect(c.mismatches.filter(Boolean)).toEqual([]);
  expect(c.checked).toBeGreaterThan(2000 * 5);
  // quadrants sum to the areas with both values
  const q = range("dual:quadrants");
  expect((q[1][1] as number) + (q[1][2] as number) + (q[2][1] as number) + (q[2][2] as number)).toBe(
    range("dual:flag").filter((r) => typeof r[0] === "number").length,
  );
});

test("editing the shares and a dimension weight recalculates the flags and district counts", () => {
  setNamed("HLN_DualShareA", 0.2);
  setNamed("HLN_DualShareB", 0.3);
  setNamed("HLN_W_dimensions", 0.6);
  const weights = {
    ...Object.fromEntries(hlnSpec.dimensions.map((d) => [d.id, d.weight])),
    [hlnSpec.dimensions[0].id]: 0.6,
  };
  const res = buildMeasure(hlnSpec, toMeasureData(bundle), { weights });
  const want = dualFlag(res.score, bundle.columns.imd_rank, { shareA: 0.2, shareB: 0.3, directionB: "rank" });
  const got = range("dual:flag").map((r) => (typeof r[0] === "number" ? r[0] : NaN));
  expect(got.map((x) => (Number.isNaN(x) ? "-" : x)).join("")).toBe(
    Array.from(want.flag, (x) => (Number.isNaN(x) ? "-" : x)).join(""),
  );
  expect(want.flag.reduce((s, x) => s + (x === 1 ? 1 : 0), 0)).toBeGreaterThan(50);
  // district table: the flagged count of each district
  const la = range("dual:la").slice(1);
  const byLa = new Map<string, number>();
  bundle.geography.ladCode.forEach((c, i) => want.flag[i] === 1 && byLa.set(c, (byLa.get(c) ?? 0) + 1));
  for (const row of la) expect([row[0], row[3]]).toEqual([row[0], byLa.get(row[0] as string) ?? 0]);
});
