/**
 * Saved scenarios in the task pane (issue 18), on the in-memory Excel through the real excel.ts:
 * saving the Weights sheet's settings as a Scenarios column, a rebuild that compares with it and
 * leaves the sheet as it is, a new copy that carries the saved scenarios, and what is refused.
 */
import { SPEC_SCENARIO } from "../../src/core/scenario";
import { copySettings, defaultSettings } from "../../src/core/settings";
import { hlnSpec } from "../../src/core/specs";
import type { Bundle } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { buildInWorkbook, builtBaseline } from "../../src/taskpane/controller";
import { checkWorkbook, excel } from "../../src/taskpane/excel";
import { paneOptionsFromSpec } from "../../src/taskpane/model";
import { saveScenarioInWorkbook } from "../../src/taskpane/saveScenario";
import { savedScenarios } from "../../src/taskpane/scenarios";
import { computeMeasure } from "../../src/workbook/pipeline";
import { compareRankings } from "../../src/core/compare";
import { installExcel } from "../helpers/excelGlobal";
import { FakeWorkbook, rowOf } from "../helpers/fakeExcel";
import { subsetBundle } from "../workbook/helpers";

let sub: Bundle;
beforeAll(() => {
  sub = subsetBundle(loadBundleFromDir(), 300, 3);
});

const build = (wb: FakeWorkbook, extra: { baseline?: string; choice?: "rebuild" | "copy" } = {}) => {
  installExcel(wb);
  return buildInWorkbook(
    { spec: hlnSpec, bundle: sub, pane: paneOptionsFromSpec(hlnSpec), choice: extra.choice ?? "rebuild", ...extra },
    excel,
  );
};

test("save the edited Weights as a scenario, rebuild comparing with it: the shifts are against it, the sheet kept", async () => {
  const wb = new FakeWorkbook(["Mine"]);
  await build(wb);
  const w = wb.sheet("HLN Weights")!;
  w.get(rowOf(w, "growth"), 1)!.v = 0.35;
  w.get(rowOf(w, "Constant"), 1)!.v = 20;
  const said = await saveScenarioInWorkbook(excel, hlnSpec, "  more growth ");
  expect(said).toMatch(/^Saved "more growth" on 'HLN Scenarios' \(D\)/);
  const sc = wb.sheet("HLN Scenarios")!;
  expect(sc.get(3, 3)!.v).toBe("more growth");
  expect(sc.get(rowOf(sc, "weight:growth"), 3)!.v).toBe(0.35);
  expect(sc.get(rowOf(sc, "Constant"), 3)!.v).toBe(20);
  const check = await checkWorkbook();
  const read = savedScenarios(check, hlnSpec);
  expect(read.problems).toEqual([]);
  expect(read.scenarios.map((s) => s.name)).toEqual([SPEC_SCENARIO, "more growth"]);
  const expected = copySettings(defaultSettings(hlnSpec));
  expected.weights.growth = 0.35;
  expected.constant = 20;
  expect(read.scenarios[1].settings).toEqual(expected);

  // back to the spec's growth weight, and compare with the saved scenario
  w.get(rowOf(w, "growth"), 1)!.v = 0.2;
  w.get(rowOf(w, "Constant"), 1)!.v = 23;
  const kept = sc.snapshot();
  const out = await build(wb, { baseline: "More Growth" });
  expect(out.status).toBe("complete");
  expect(out.report?.kept).toEqual(["HLN Scenarios"]);
  expect(sc.snapshot()).toBe(kept);
  expect(out.comparison?.baseline).toBe("more growth");
  // the plan index remembers the baseline (the spec's settings before), so the pane chooses it again when it
  // opens, spelled as the card lists it; one no longer saved: none
  const listed = [SPEC_SCENARIO, "More growth"];
  expect(builtBaseline(check, listed)).toBe(SPEC_SCENARIO);
  const rebuilt = await checkWorkbook();
  expect(builtBaseline(rebuilt, listed)).toBe("More growth");
  expect(builtBaseline(rebuilt, [SPEC_SCENARIO])).toBeNull();
  const base = computeMeasure(hlnSpec, sub, expected, { lean: true }).result;
  const cmp = compareRankings(base.rank, out.result.rank, out.result.groups.codes, out.result.groups.labels.length);
  expect(out.comparison?.meanAbsShift).toBeCloseTo(cmp.meanAbsShift, 9);
  expect(cmp.meanAbsShift).toBeGreaterThan(0);
  // a new copy carries the saved scenarios into its own Scenarios sheet
  const copy = await build(wb, { choice: "copy" });
  const copied = wb.sheet(`HLN Scenarios${copy.suffix}`)!;
  expect(copied.get(3, 3)!.v).toBe("more growth");
  expect(copied.get(rowOf(copied, "weight:growth"), 3)!.v).toBe(0.35);
}, 120_000);

test("refused, nothing written: a name saved already, a blank name, Weights cells that cannot be used, no build", async () => {
  const empty = new FakeWorkbook(["Mine"]);
  installExcel(empty);
  await expect(saveScenarioInWorkbook(excel, hlnSpec, "x")).rejects.toThrow(
    "Not saved: build the measure first (it adds the Scenarios sheet).",
  );
  const wb = new FakeWorkbook(["Mine"]);
  await build(wb);
  const sc = wb.sheet("HLN Scenarios")!;
  const before = sc.snapshot();
  await expect(saveScenarioInWorkbook(excel, hlnSpec, "The spec's settings")).rejects.toThrow(
    `Not saved: a scenario "The spec's settings" is saved already: choose another name.`,
  );
  await expect(saveScenarioInWorkbook(excel, hlnSpec, "  ")).rejects.toThrow("Not saved: give the scenario a name.");
  const w = wb.sheet("HLN Weights")!;
  const r = rowOf(w, "growth");
  w.get(r, 1)!.v = "lots";
  await expect(saveScenarioInWorkbook(excel, hlnSpec, "mine")).rejects.toThrow(
    new RegExp(`^Not saved: fix the Weights cells first — 'HLN Weights'!B${r + 1}: `),
  );
  expect(sc.snapshot()).toBe(before);
  // a baseline that is not saved: the build stops before writing
  w.get(r, 1)!.v = 0.2;
  const snap = wb.sheets.map((s) => s.snapshot());
  await expect(build(wb, { baseline: "gone" })).rejects.toThrow(
    'Not built: no saved scenario "gone" on the Scenarios sheet (it was renamed or removed).',
  );
  expect(wb.sheets.map((s) => s.snapshot())).toEqual(snap);
}, 120_000);
