/**
 * Issue 13: a build from the user's own file shows, on the QA sheet, how the file was read and the
 * cells left out of their indicator (count, kinds, the first few with row and reason).
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { runBuild } from "../../src/cli/build";
import { defaultSettings } from "../../src/core/settings";
import { listIndicators } from "../../src/core/spec";
import { hlnSpec } from "../../src/core/specs";
import { buildWorkbook } from "../../src/workbook/pipeline";
import { syntheticMeasureData, userCsvRows } from "../helpers/synthetic";

function writeCsv(dir: string, edit: (rows: string[][], col: (id: string) => number) => void): string {
  const rows = userCsvRows(hlnSpec, 120, 6, 3);
  edit(rows, (id) => rows[0].indexOf(id));
  const f = join(dir, "my-data.csv");
  writeFileSync(f, Papa.unparse(rows, { newline: "\n" }) + "\n");
  return f;
}

/** Column A of the QA sheet from the "Checks of the data file" header down. */
async function qaChecks(xlsx: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const qa = wb.getWorksheet("HLN QA")!;
  const out: string[] = [];
  let on = false;
  qa.getColumn(1).eachCell({ includeEmpty: false }, (cell) => {
    const v = String(cell.value ?? "");
    if (v === "Checks of the data file") on = true;
    else if (on) out.push(v);
  });
  return out;
}

test("the QA sheet lists the cells left out of their indicator, with the first ones by row and reason", async () => {
  const dir = mkdtempSync(join(tmpdir(), "hln-qadata-"));
  const data = writeCsv(dir, (r, col) => {
    r[2][col("workless_benefits")] = "-5";
    r[4][col("health_bad")] = String(Number(r[4][col("health_total")]) + 10);
  });
  const s = await runBuild({ data, format: "xlsx", out: join(dir, "o") });
  const lines = await qaChecks(s.files[0]);
  expect(lines[0]).toMatch(/^my-data\.csv: 120 rows, comma-delimited, decimal mark "\."/);
  expect(lines[1]).toMatch(/^2 cells in 2 rows cannot be used .*1 negative count.*1 numerator > denominator/);
  expect(lines[2]).toMatch(/row 3 \(E\d+\), workless_benefits: negative count/);
  expect(lines[3]).toMatch(/row 5 \(E\d+\), health_bad\+health_very_bad\/health_total: numerator > denominator/);
  expect(lines).toHaveLength(4);
}, 60_000);

test("a clean file says every cell could be used; a plan without dataChecks has no such block", async () => {
  const dir = mkdtempSync(join(tmpdir(), "hln-qadata-"));
  const s = await runBuild({ data: writeCsv(dir, () => {}), format: "xlsx", out: join(dir, "o") });
  const lines = await qaChecks(s.files[0]);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/no row dropped or flagged/);
  const d = syntheticMeasureData(hlnSpec, 50, 3, 1);
  const plain = buildWorkbook(hlnSpec, d, defaultSettings(hlnSpec));
  expect(plain.plan.index.has("qa-data")).toBe(false);
  const withChecks = buildWorkbook(hlnSpec, d, defaultSettings(hlnSpec), { dataChecks: ["a", "b"] });
  expect(withChecks.plan.index.get("qa-data")!.range).toBe(
    `A${4 + listIndicators(hlnSpec).length * 16}:A${5 + listIndicators(hlnSpec).length * 16}`,
  );
}, 60_000);
