/**
 * The writer on a real plan (the pipeline over the bundled data): the full 33,755-row build's syncs
 * and payloads. Rebuilds on the real Weights layout: test/taskpane/controller.test.ts.
 */
import { hlnSpec } from "../../src/core/specs";
import type { Bundle } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { defaultSettings } from "../../src/core/settings";
import { buildPaneWorkbook } from "../../src/taskpane/model";
import { DEFAULT_CHUNK_ROWS, MAX_SYNC_PAYLOAD, scheduleWrites } from "../../src/workbook/chunks";
import { writeWorkbookPlan } from "../../src/workbook/officeWriter";
import { FakeWorkbook } from "../helpers/fakeExcel";
import { mockContext } from "../helpers/mockContext";

const noPause = () => Promise.resolve();
let full: Bundle;
beforeAll(() => {
  full = loadBundleFromDir();
});

test("full 33,755-row build: ≤ 5,000 rows per chunk, every sync ≤ 4 MB, sync count", async () => {
  const { plan } = buildPaneWorkbook(hlnSpec, full, defaultSettings(hlnSpec));
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
  // inspect, the lock (read, claim, read back), inspect again, prepare, batches, charts (2), finish
  expect(report.syncs).toBe(schedule.batches.length + 7 + (plan.charts?.length ? 2 : 0));
  expect(Math.max(...wb.syncs.map((s) => s.payload))).toBeLessThanOrEqual(MAX_SYNC_PAYLOAD);
  expect(report.rowsWritten).toBe(report.rowsTotal);
  for (let k = 1; k < progress.length; k++) expect(progress[k]).toBeGreaterThanOrEqual(progress[k - 1]);
  // every spilled formula is one operation at its anchor
  const formulaOps = schedule.batches.flatMap((b) => b.ops).filter((o) => o.kind === "formula");
  expect(formulaOps.length).toBe(
    plan.sheets.flatMap((s) => s.blocks).filter((b) => b.formula !== undefined && !b.cellFormulas).length,
  );
  console.log(
    `real full build: ${report.syncs} syncs (${report.batches} write batches), largest payload ${(report.maxPayload / 1e6).toFixed(2)} MB, ${report.rowsTotal} value rows`,
  );
});
