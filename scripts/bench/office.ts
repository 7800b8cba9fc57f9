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
  const lines: string[] = [];
  for (const formulas of ["addin", "native"] as const) {
    const { plan } = buildPaneWorkbook(hlnSpec, bundle, defaultSettings(hlnSpec), {
      formulas: { formulas, auditColumns: true },
    });
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
    const ops = schedule.batches.flatMap((b) => b.ops);
    const maxChunk = Math.max(0, ...ops.map((o) => (o.kind === "values" || o.kind === "formulas" ? o.rows : 0)));
    const anchors = ops.filter((o) => o.kind === "formula").length;
    const perCell = ops.reduce((n, o) => n + (o.kind === "formulas" ? o.rows : 0), 0);
    const tag = formulas === "addin" ? "" : " formulas=native";
    lines.push(
      `office writer full build${tag} (${plan.areas} LSOAs, ${plan.sheets.length} sheets)  syncs=${report.syncs}  write_batches=${report.batches}  largest_payload_bytes=${report.maxPayload}  measured_largest_payload_bytes=${measured}  limit_bytes=${MAX_SYNC_PAYLOAD}`,
      `office writer chunks${tag}  value_rows=${report.rowsTotal}  largest_chunk_rows=${maxChunk} (limit ${DEFAULT_CHUNK_ROWS})  formula_anchors=${anchors}  per_cell_formulas=${perCell}  names=${plan.names.length}`,
      `office writer time${tag} (node, in-memory Excel)  schedule_ms=${scheduleMs.toFixed(0)}  write_ms=${writeMs.toFixed(0)}`,
    );
  }
  return lines;
}

if (require.main === module) {
  benchOffice().then((lines) => lines.forEach((l) => console.log(l)));
}
