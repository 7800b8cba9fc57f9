/**
 * Office.js writer numbers for `npm run bench`: the full 33,755-LSOA build (bundled data →
 * buildMeasure → planWorkbook → writeWorkbookPlan) against the in-memory Excel of the tests in
 * record-only mode, which counts every context.sync() and measures its payload (JSON of the queued
 * values/formulas/formats) without storing cells.
 */
import { hlnSpec } from "../../src/core/specs";
import { loadBundleFromDir } from "../../src/data/node";
import { defaultSettings } from "../../src/core/settings";
import { buildPaneWorkbook } from "../../src/taskpane/model";
import { DEFAULT_CHUNK_ROWS, MAX_SYNC_PAYLOAD, scheduleWrites } from "../../src/workbook/chunks";
import { writeWorkbookPlan } from "../../src/workbook/officeWriter";
import { FakeWorkbook } from "../../test/helpers/fakeExcel";

export async function benchOffice(): Promise<string[]> {
  const bundle = loadBundleFromDir();
  const { plan } = buildPaneWorkbook(hlnSpec, bundle, defaultSettings(hlnSpec));
  const t0 = performance.now();
  const schedule = scheduleWrites(plan);
  const scheduleMs = performance.now() - t0;
  const wb = new FakeWorkbook(["Sheet1"]);
  wb.recordOnly = true;
  const t1 = performance.now();
  const report = await writeWorkbookPlan(wb.context(), plan, {
    mode: "create",
    pause: () => Promise.resolve(),
  });
  const writeMs = performance.now() - t1;
  const measured = Math.max(...wb.syncs.map((s) => s.payload));
  const maxChunk = Math.max(
    0,
    ...schedule.batches.flatMap((b) => b.ops.map((o) => (o.kind === "values" ? o.rows : 0))),
  );
  const formulas = schedule.batches.reduce((n, b) => n + b.ops.filter((o) => o.kind === "formula").length, 0);
  return [
    `office writer full build (${plan.areas} LSOAs, ${plan.sheets.length} sheets)  syncs=${report.syncs}  write_batches=${report.batches}  largest_payload_bytes=${report.maxPayload}  measured_largest_payload_bytes=${measured}  limit_bytes=${MAX_SYNC_PAYLOAD}`,
    `office writer chunks  value_rows=${report.rowsTotal}  largest_chunk_rows=${maxChunk} (limit ${DEFAULT_CHUNK_ROWS})  formula_anchors=${formulas}  names=${plan.names.length}`,
    `office writer time (node, in-memory Excel)  schedule_ms=${scheduleMs.toFixed(0)}  write_ms=${writeMs.toFixed(0)}`,
  ];
}

if (require.main === module) {
  benchOffice().then((lines) => lines.forEach((l) => console.log(l)));
}
