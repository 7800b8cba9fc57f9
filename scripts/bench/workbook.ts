/**
 * Full default `hln build` (load + core + plan + xlsx + csv) vs a raw ExcelJS streaming write of
 * the same number of cells (numbers, addRow, default options). Targets: ratio ≤ 1.5×, build ≤ 15 s.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runBuild } from "../../src/cli/build";

async function rawWrite(file: string, cells: number, cols = 40): Promise<number> {
  const t0 = performance.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet("S");
  const rows = Math.ceil(cells / cols);
  for (let i = 0; i < rows; i++) {
    const row = new Array<number>(cols);
    for (let j = 0; j < cols; j++) row[j] = i * 1.2345678901 + j / 7;
    ws.addRow(row).commit();
  }
  ws.commit();
  await wb.commit();
  return performance.now() - t0;
}

export async function benchWorkbook(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "hln-bench-"));
  try {
    const s = await runBuild({ out: dir, format: "both", builtAt: new Date().toISOString() });
    const xlsx = join(dir, "hln-measure.xlsx");
    const size = statSync(xlsx).size;
    const cells = s.xlsx!.cells;
    const rawMs = await rawWrite(join(dir, "raw.xlsx"), cells);
    const t = s.timings;
    return [
      `workbook full-build areas=${s.areas} ms=${s.ms.toFixed(0)} (${Object.entries(t)
        .map(([k, ms]) => `${k === "plan" ? "core+plan" : k} ${ms.toFixed(0)}`)
        .join(" ")}) target<=15000`,
      `workbook xlsx cells=${cells} formulas=${s.xlsx!.formulas} sheets=${s.xlsx!.sheets} bytes=${size}`,
      `workbook raw-exceljs-stream cells=${cells} ms=${rawMs.toFixed(0)} ratio_build/raw=${(s.ms / rawMs).toFixed(2)} ratio_xlsx/raw=${((t.xlsx ?? 0) / rawMs).toFixed(2)} target<=1.5`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) benchWorkbook().then((l) => console.log(l.join("\n")));
