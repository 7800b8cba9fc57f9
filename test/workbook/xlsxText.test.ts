/**
 * Formula-like area names stay text in the xlsx (issue 13 case 1: the CSV neutralises them, the
 * workbook must store them as strings, never as formulas).
 */
import ExcelJS from "exceljs";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { PlanIndex } from "../../src/workbook/plan/planIndex";
import type { WorkbookPlan } from "../../src/workbook/planTypes";
import { writePlanXlsx } from "../../src/workbook/xlsxWriter";

const NASTY = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1+2", "-3-4", "@SUM(A1)", "\t=1+1"];

test("text that looks like a formula is written as a string cell", async () => {
  const plan: WorkbookPlan = {
    index: new PlanIndex(),
    areas: NASTY.length,
    names: [],
    meta: { builtAt: "2026-01-01T00:00:00Z", version: "t", spec: "t", dataStatus: {} },
    sheets: [{ name: "HLN Data", role: "data", blocks: [{ address: "A1", values: NASTY.map((v) => [v]) }] }],
  };
  const file = join(mkdtempSync(join(tmpdir(), "hln-xlsx-text-")), "t.xlsx");
  await writePlanXlsx(plan, file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("HLN Data")!;
  NASTY.forEach((v, i) => {
    // an ExcelJS cell, not an Office.js range: the office-addins load/sync rules do not apply
    /* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read */
    const c = ws.getCell(i + 1, 1);
    expect(c.type).toBe(ExcelJS.ValueType.String);
    expect(c.formula).toBeUndefined();
    expect(c.value).toBe(v);
    /* eslint-enable office-addins/call-sync-before-read, office-addins/load-object-before-read */
  });
});
