/**
 * The xlsx written for a bundle subset: read back, its formulas re-evaluated in HyperFormula (the
 * functions' harness) equal its own cached values (1e-9); LibreOffice headless opens it and the
 * converted sheets show the cached values.
 */
import { execFileSync } from "child_process";
import ExcelJS from "exceljs";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import Papa from "papaparse";
import { buildMeasure } from "../../src/core/buildMeasure";
import { hlnSpec } from "../../src/core/specs";
import { toMeasureData } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { planWorkbook } from "../../src/workbook/plan";
import { parseAddress } from "../../src/workbook/a1";
import type { CellValue, WorkbookPlan } from "../../src/workbook/planTypes";
import { fromStoredFormula, toStoredFormula, writePlanXlsx } from "../../src/workbook/xlsxWriter";
import { buildEngine, registerHln } from "../functions/hyperformula";
import { cellMismatch, compareFormulaBlocks, planToEngine, subsetBundle } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "hln-xlsx-"));
const file = join(dir, "subset.xlsx");
let plan: WorkbookPlan;

beforeAll(async () => {
  const b = subsetBundle(loadBundleFromDir(), 2000, 21);
  plan = planWorkbook(hlnSpec, b, buildMeasure(hlnSpec, toMeasureData(b)), {
    builtAt: "2026-01-01T00:00:00Z",
    version: "test",
  });
  await writePlanXlsx(plan, file);
});

test("the xlsx stores the plan's formulas with the core's cached values; the plan re-evaluates to them (1e-9)", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  let formulas = 0;
  let cells = 0;
  const bad: string[] = [];
  for (const sheet of plan.sheets) {
    const ws = wb.getWorksheet(sheet.name)!;
    expect(ws).toBeDefined();
    for (const b of sheet.blocks) {
      if (!b.formula) continue;
      const { row, col } = parseAddress(b.address);
      const anchor = ws.getCell(row, col + 1).value as unknown as {
        formula: string;
        result: unknown;
        shareType?: string;
        ref?: string;
      };
      formulas++;
      if ("=" + fromStoredFormula(anchor.formula) !== b.formula)
        bad.push(`${sheet.name}!${b.address}: formula ${anchor.formula}`);
      if ((b.rows ?? 1) * (b.cols ?? 1) > 1 && (anchor.shareType !== "array" || !anchor.ref))
        bad.push(`${sheet.name}!${b.address}: not an array formula`);
      const want = b.cached!;
      for (let i = 0; i < want.length; i++) {
        for (let j = 0; j < want[i].length; j++) {
          let v = i === 0 && j === 0 ? anchor.result : ws.getCell(row + i, col + j + 1).value;
          if (v && typeof v === "object" && "error" in (v as object)) v = null;
          // ExcelJS's reader drops a cached formula result of 0 (the file has <v>0</v>) and reads an
          // empty string as an empty cell
          if (i === 0 && j === 0 && v === undefined && want[i][j] === 0) v = 0;
          if (v === null && want[i][j] === "") v = "";
          cells++;
          const m = cellMismatch(v, want[i][j]);
          if (m && bad.length < 10) bad.push(`${sheet.name} r${row + i} c${col + j + 1}: ${m}`);
        }
      }
    }
  }
  expect(bad).toEqual([]);
  expect(formulas).toBeGreaterThan(150);
  expect(cells).toBeGreaterThan(2000 * 100);
  const names = wb.definedNames.model as { name: string; ranges: string[] }[];
  expect(names.map((n) => n.name).sort()).toEqual(plan.names.map((n) => n.name).sort());
  // the same formulas, evaluated by the engine, give those cached values
  const hf = await planToEngine(plan, (f) => "=" + fromStoredFormula(toStoredFormula(f)));
  const c = compareFormulaBlocks(hf, plan);
  hf.destroy();
  expect(c.mismatches.filter(Boolean)).toEqual([]);
});

const soffice = ["soffice", "libreoffice"].find((b) => {
  try {
    execFileSync("which", [b], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
});

(soffice ? test : test.skip)("LibreOffice headless opens the xlsx; converted sheets show the cached values", () => {
  const out = join(dir, "lo");
  mkdirSync(out, { recursive: true });
  const profile = join(dir, "lo-profile");
  const sheetNo = (role: string) => plan.sheets.findIndex((s) => s.role === role) + 1;
  const read = (role: string): string[][] => {
    const o = join(out, role);
    execFileSync(
      soffice!,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--convert-to",
        `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,${sheetNo(role)}`,
        "--outdir",
        o,
        file,
      ],
      { stdio: "ignore", timeout: 180000 },
    );
    const f = readdirSync(o).find((x) => x.endsWith(".csv"))!;
    return Papa.parse<string[]>(readFileSync(join(o, f), "utf8").trim()).data;
  };
  // Top: INDEX/MATCH formulas over the score → their cached codes, names and scores
  const top = read("top");
  const tBlocks = plan.sheets.find((s) => s.role === "top")!.blocks;
  const cachedAt = (address: string) => tBlocks.find((b) => b.address === address)!.cached![0][0];
  for (let k = 0; k < 5; k++) {
    expect(top[2 + k][1]).toBe(cachedAt(`B${3 + k}`));
    expect(top[2 + k][2]).toBe(cachedAt(`C${3 + k}`));
    expect(Number(top[2 + k][4])).toBeCloseTo(cachedAt(`E${3 + k}`) as number, 9);
  }
  // Data: codes, the bundle's numbers and the Include array formula's cached 1/0
  const data = read("data");
  const d = plan.sheets.find((s) => s.role === "data")!;
  const geo = d.blocks.find((b) => b.address === "A3")!.columnValues!;
  expect(data[2][0]).toBe(geo[0][0]);
  expect(data[1][8]).toBe("Include in measure");
  const include = d.blocks.find((b) => b.address === "I3")!.columnValues![0];
  for (let i = 0; i < 50; i++) expect(Number(data[2 + i][8])).toBe(include[i]);
  // Weights: the SUM check formula's cached value
  const w = read("weights").map((r) => r.join(","));
  expect(w.some((l) => l.startsWith("Sum of dimension weights,1"))).toBe(true);
  // Known limitation (docs/workbook.md): HLN.* array formulas show #NAME? in LibreOffice.
  const score = read("score");
  console.warn(`LibreOffice shows HLN.* array formulas as ${score[2][2]} (Excel with the add-in recalculates them)`);
});

if (!soffice)
  console.warn("soffice not found: the LibreOffice check is skipped (apt-get install -y libreoffice-calc-nogui)");

test("the xlsx read back cell by cell re-evaluates in the engine to its own cached values (1e-9)", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  type Anchor = { sheet: string; row: number; col: number; rows: number; cols: number; cached: unknown[][] };
  const anchors: Anchor[] = [];
  const sheets: Record<string, unknown[][]> = {};
  wb.eachSheet((ws) => {
    const grid: unknown[][] = [];
    const covered = new Set<string>();
    const put = (r: number, c: number, v: unknown) => {
      while (grid.length < r) grid.push([]);
      grid[r - 1][c - 1] = v;
    };
    // first the array-formula ranges: only the anchor holds the formula; the rest is its spill
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = cell.value as { formula?: string; shareType?: string; ref?: string; result?: unknown } | null;
        if (!v || typeof v !== "object" || !("formula" in v) || !v.formula) return;
        const ref = v.shareType === "array" && v.ref ? v.ref : cell.address;
        const [a, b = a] = ref.split(":").map((x) => ws.getCell(x));
        const rows = Number(b.row) - Number(a.row) + 1;
        const cols = Number(b.col) - Number(a.col) + 1;
        const cached: unknown[][] = [];
        for (let i = 0; i < rows; i++) {
          cached.push([]);
          for (let j = 0; j < cols; j++) {
            covered.add(`${r + i}:${c + j}`);
            const x = i === 0 && j === 0 ? v.result : ws.getCell(r + i, c + j).value;
            cached[i].push(x && typeof x === "object" && "error" in (x as object) ? null : x);
          }
        }
        anchors.push({ sheet: ws.name, row: r, col: c, rows, cols, cached });
        put(r, c, "=" + fromStoredFormula(v.formula));
      }),
    );
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (covered.has(`${r}:${c}`)) return;
        const v = cell.value;
        if (v === null || v === undefined || (typeof v === "object" && !(v instanceof Date))) return;
        put(r, c, v);
      }),
    );
    const width = Math.max(0, ...grid.map((x) => x.length));
    sheets[ws.name] = grid.map((x) => Array.from({ length: width }, (_, j) => (x[j] === undefined ? null : x[j])));
  });
  await registerHln();
  const hf = buildEngine(Object.fromEntries(Object.keys(sheets).map((s) => [s, []])));
  hf.suspendEvaluation();
  for (const n of wb.definedNames.model as { name: string; ranges: string[] }[]) {
    hf.addNamedExpression(n.name, `=${n.ranges[0]}`);
  }
  for (const [name, grid] of Object.entries(sheets)) hf.setSheetContent(hf.getSheetId(name)!, grid as never);
  hf.resumeEvaluation();
  const bad: string[] = [];
  let checked = 0;
  for (const a of anchors) {
    const got = hf.getRangeValues({
      start: { sheet: hf.getSheetId(a.sheet)!, row: a.row - 1, col: a.col - 1 },
      end: { sheet: hf.getSheetId(a.sheet)!, row: a.row + a.rows - 2, col: a.col + a.cols - 2 },
    });
    for (let i = 0; i < a.rows; i++) {
      for (let j = 0; j < a.cols; j++) {
        let want = a.cached[i][j] as CellValue | undefined;
        // ExcelJS drops a cached result of 0 at an anchor and reads "" as an empty cell
        if (want === undefined) want = i === 0 && j === 0 && got[i]?.[j] === 0 ? 0 : null;
        checked++;
        const m = cellMismatch(got[i]?.[j], want);
        if (m && bad.length < 10) bad.push(`${a.sheet} r${a.row + i} c${a.col + j}: ${m}`);
      }
    }
  }
  hf.destroy();
  expect(bad).toEqual([]);
  expect(anchors.length).toBeGreaterThan(150);
  expect(checked).toBeGreaterThan(2000 * 100);
});
