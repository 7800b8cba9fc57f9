/**
 * The writer on real plans (planWorkbook over the bundled data): the full 33,755-row build's
 * syncs and payloads, and "Rebuild (keep my weights)" on the plan's real Weights layout.
 */
import { hlnSpec } from "../../src/core/specs";
import type { Bundle } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { defaultOptions, keptSettings, makePlan, runMeasure } from "../../src/taskpane/model";
import { DEFAULT_CHUNK_ROWS, MAX_SYNC_PAYLOAD, scheduleWrites } from "../../src/workbook/chunks";
import { readWeightsTable, writeWorkbookPlan } from "../../src/workbook/officeWriter";
import { planCell } from "../helpers/planCells";
import { FakeWorkbook, type FakeSheet } from "../helpers/fakeExcel";
import { mockContext } from "../helpers/mockContext";
import { subsetBundle } from "./helpers";

const noPause = () => Promise.resolve();
let full: Bundle;
beforeAll(() => {
  full = loadBundleFromDir();
});

/** Row (0-based) whose column A holds `id` on a fake sheet. */
function rowOf(sheet: FakeSheet, id: string): number {
  for (const [k, cell] of sheet.cells) {
    const [r, c] = k.split(",").map(Number);
    if (c === 0 && cell.v === id) return r;
  }
  throw new Error(`no row ${id}`);
}

test("full 33,755-row build: ≤ 5,000 rows per chunk, every sync ≤ 4 MB, sync count", async () => {
  const result = runMeasure(hlnSpec, full, defaultOptions(hlnSpec));
  const plan = makePlan(hlnSpec, full, result);
  const schedule = scheduleWrites(plan);
  for (const b of schedule.batches) {
    expect(b.payload).toBeLessThanOrEqual(MAX_SYNC_PAYLOAD);
    for (const op of b.ops) if (op.kind === "values") expect(op.rows).toBeLessThanOrEqual(DEFAULT_CHUNK_ROWS);
  }
  const wb = new FakeWorkbook(["Sheet1"]);
  wb.recordOnly = true;
  const progress: number[] = [];
  const report = await writeWorkbookPlan(mockContext(wb), plan, {
    mode: "create",
    pause: noPause,
    onProgress: (p) => progress.push(p.rowsWritten),
  });
  expect(report.status).toBe("complete");
  expect(report.syncs).toBe(wb.syncs.length);
  // inspect, prepare, batches, charts (2), finish
  expect(report.syncs).toBe(schedule.batches.length + 3 + (plan.charts?.length ? 2 : 0));
  expect(Math.max(...wb.syncs.map((s) => s.payload))).toBeLessThanOrEqual(MAX_SYNC_PAYLOAD);
  expect(report.rowsWritten).toBe(report.rowsTotal);
  for (let k = 1; k < progress.length; k++) expect(progress[k]).toBeGreaterThanOrEqual(progress[k - 1]);
  // every spilled formula is one operation at its anchor
  const formulaOps = schedule.batches.flatMap((b) => b.ops).filter((o) => o.kind === "formula");
  expect(formulaOps.length).toBe(plan.sheets.flatMap((s) => s.blocks).filter((b) => b.formula !== undefined).length);
  console.log(
    `real full build: ${report.syncs} syncs (${report.batches} write batches), largest payload ${(report.maxPayload / 1e6).toFixed(2)} MB, ${report.rowsTotal} value rows`,
  );
});

test("Rebuild (keep my weights) on the real Weights layout", async () => {
  const sub = subsetBundle(full, 600, 6);
  const result = runMeasure(hlnSpec, sub, defaultOptions(hlnSpec));
  const plan = makePlan(hlnSpec, sub, result);
  const wb = new FakeWorkbook(["Mine"]);
  wb.put("Mine", "B2", [["=SUM(1,2)"], [5]]);
  const mine = wb.sheet("Mine")!.snapshot();
  await writeWorkbookPlan(mockContext(wb), plan, {
    mode: "create",
    pause: noPause,
  });
  const w = wb.sheet("HLN Weights")!;
  const crime = rowOf(w, "crime");
  const scaling = rowOf(w, "Scaling");
  const constant = rowOf(w, "Constant");
  const fuel = rowOf(w, "fuel_poverty");
  expect(w.get(crime, 1)!.v).toBe(0.225);
  w.get(crime, 1)!.v = 0.4;
  w.get(scaling, 1)!.v = "iod";
  w.get(constant, 1)!.f = "=20+1";
  w.get(fuel, 2)!.v = -1; // polarity edit (the input block is weight + polarity)
  const report = await writeWorkbookPlan(mockContext(wb), plan, {
    mode: "rebuild",
    pause: noPause,
  });
  expect(report.status).toBe("complete");
  expect(report.keptWeights).toBe(4);
  expect(w.get(crime, 1)!.v).toBe(0.4);
  expect(w.get(scaling, 1)!.v).toBe("iod");
  expect(w.get(constant, 1)!.f).toBe("=20+1");
  expect(w.get(fuel, 2)!.v).toBe(-1);
  expect(w.get(rowOf(w, "nhs"), 1)!.v).toBe(0.225);
  expect(wb.sheet("Mine")!.snapshot()).toBe(mine);
  expect(wb.sheets.map((s) => s.name)).toEqual(["Mine", ...plan.sheets.map((s) => s.name)]);
  expect(wb.names.size).toBe(plan.names.length);
  // the charts of the charts sheet, replaced (not duplicated) by the rebuild
  const charts = wb.sheet("HLN Charts")!.charts;
  expect([...charts.keys()].sort()).toEqual(plan.charts!.map((c) => c.name).sort());
  expect(report.warnings).toEqual([]);
});

test("Rebuild (keep my weights) end to end: the core runs with the workbook's settings, the plan stores them", async () => {
  const sub = subsetBundle(full, 600, 6);
  const ui = defaultOptions(hlnSpec);
  const first = makePlan(hlnSpec, sub, runMeasure(hlnSpec, sub, ui));
  const wb = new FakeWorkbook(["Mine"]);
  await writeWorkbookPlan(mockContext(wb), first, {
    mode: "create",
    pause: noPause,
  });
  const w = wb.sheet("HLN Weights")!;
  w.get(rowOf(w, "crime"), 1)!.v = 0.4;
  w.get(rowOf(w, "Constant"), 1)!.v = 19;
  w.get(rowOf(w, "employment"), 1)!.v = 2;
  w.get(rowOf(w, "fuel_poverty"), 2)!.v = -1;
  w.get(rowOf(w, "Offset"), 1)!.v = "blom";
  const table = await readWeightsTable(mockContext(wb), "HLN Weights");
  const kept = keptSettings(hlnSpec, table, ui);
  expect(kept.changed.sort()).toEqual(["Constant", "Offset", "crime", "employment", "fuel_poverty polarity"]);
  expect(kept.ui.weights.crime).toBe(0.4);
  expect(kept.ui.constant).toBe(19);
  const result = runMeasure(kept.spec, sub, kept.ui, kept.build);
  expect(result.options.constant).toBe(19);
  expect(result.options.offset).toBe("blom");
  expect(result.dimensions.find((d) => d.id === "crime")!.weight).toBe(0.4);
  const plan = makePlan(kept.spec, sub, result);
  // the new plan's Weights defaults already are the user's values, so nothing needs restoring
  const report = await writeWorkbookPlan(mockContext(wb), plan, {
    mode: "rebuild",
    pause: noPause,
  });
  expect(report.keptWeights).toBe(0);
  expect(w.get(rowOf(w, "crime"), 1)!.v).toBe(0.4);
  expect(w.get(rowOf(w, "fuel_poverty"), 2)!.v).toBe(-1);
  expect(planCell(plan, "HLN Weights", `B${rowOf(w, "Constant") + 1}`)).toBe(19);
});
