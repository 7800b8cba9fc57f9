/**
 * Node only: writes a WorkbookPlan to .xlsx with ExcelJS's streaming writer. Every computed block is
 * one array formula anchored at its top-left cell (`<f t="array" ref="B3:B33757">`), with the core's
 * values stored as the cached results of the whole range, so the file opens with numbers in any
 * spreadsheet program; Excel with the HLN add-in recalculates it. See docs/workbook.md (caveats).
 */
import type ExcelJS from "exceljs";
import { addr, parseAddress } from "./a1";
import { argb, STYLE_FORMATS } from "./styles";
import { fromXlsxNames, toXlsxNames } from "./xlfn";
import type { Block, BlockStyle, CellValue, SheetPlan, WorkbookPlan } from "./planTypes";

export interface XlsxWriteOptions {
  /**
   * How HLN.* calls are stored. "xldudf" (default): as Excel itself saves an add-in's JavaScript
   * custom functions (`_xldudf_HLN_SHRINK(`), which Excel binds to HLN.SHRINK when the add-in loads;
   * "plain": `HLN.SHRINK(` as typed.
   */
  functionNames?: "xldudf" | "plain";
  /** Called after each committed row: rows written so far, total rows. */
  onProgress?: (done: number, total: number) => void;
}

export interface XlsxWriteStats {
  /** Non-empty cells written. */
  cells: number;
  /** Formula anchors written. */
  formulas: number;
  sheets: number;
  ms: number;
}

export const NATIVE_NOTE =
  "Excel built-in functions only (Excel 365 / 2021, LibreOffice 25.2): recalculates without the HLN add-in.";
export const RECALC_NOTE =
  "Computed by an HLN.* formula; the stored value is the core's result. It recalculates only in Excel with the HLN add-in loaded (elsewhere the formula shows #NAME? if recalculated).";

/**
 * HLN.SHRINK( → _xldudf_HLN_SHRINK( (Excel's stored form of add-in custom functions), and Excel's
 * prefixes of its newer functions and LET names (`_xlfn.LET(_xlpm.x,…)`, src/workbook/xlfn.ts).
 */
export function toStoredFormula(formula: string, style: "xldudf" | "plain" = "xldudf"): string {
  const f = toXlsxNames(formula.startsWith("=") ? formula.slice(1) : formula);
  return style === "xldudf" ? f.replace(/\bHLN\.([A-Z][A-Z0-9]*)\(/g, "_xldudf_HLN_$1(") : f;
}

/** _xldudf_HLN_SHRINK( → HLN.SHRINK(, _xlfn.SORT( → SORT( (reading a stored formula back). */
export function fromStoredFormula(formula: string): string {
  return fromXlsxNames(formula.replace(/_xldudf_HLN_([A-Z][A-Z0-9]*)\(/g, "HLN.$1("));
}

/**
 * One style object per block, shared by all its cells: ExcelJS caches style ids by object identity
 * (WeakMap), so a shared object is resolved once; a cell without a style costs a full style lookup.
 */
function styleOf(style: BlockStyle | undefined, numberFormat: string | undefined): Partial<ExcelJS.Style> {
  const s: Partial<ExcelJS.Style> = {};
  if (numberFormat) s.numFmt = numberFormat;
  const f = style ? STYLE_FORMATS[style] : undefined;
  if (f?.fill) s.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(f.fill) } };
  if (f?.font)
    s.font = {
      ...(f.font.bold ? { bold: true } : {}),
      ...(f.font.italic ? { italic: true } : {}),
      ...(f.font.size ? { size: f.font.size } : {}),
      ...(f.font.color ? { color: { argb: argb(f.font.color) } } : {}),
    };
  if (style === "note") s.alignment = { wrapText: false };
  return s;
}

type CellOut = ExcelJS.CellValue;

/** A constant or cached value as an ExcelJS value (missing computed values are #N/A). */
function constant(v: CellValue): CellOut {
  return v === null ? null : v;
}
function cachedOut(v: CellValue | undefined): CellOut {
  if (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v)))
    return { error: "#N/A" } as ExcelJS.CellErrorValue;
  return v;
}

interface Placed {
  block: Block;
  row: number;
  col: number;
  rows: number;
  cols: number;
  style: Partial<ExcelJS.Style>;
  /** value(i, j) for cell (row + i, col + j). */
  value: (i: number, j: number) => CellOut;
}

function place(b: Block, functionNames: "xldudf" | "plain"): Placed {
  const { row, col } = parseAddress(b.address);
  const style = styleOf(b.style, b.numberFormat);
  if (b.formula) {
    const rows = b.rows ?? 1;
    const cols = b.cols ?? 1;
    const cv = b.columnValues;
    const grid = cv ? undefined : b.cached;
    const cached = (i: number, j: number): CellValue | undefined => {
      if (cv) {
        const c = cv[j];
        const x = c[i];
        return c instanceof Float64Array ? (Number.isFinite(x) ? (x as number) : null) : (x as CellValue);
      }
      return grid?.[i]?.[j];
    };
    const formula = toStoredFormula(b.formula, functionNames);
    const ref = `${addr(row, col)}:${addr(row + rows - 1, col + cols - 1)}`;
    const perCell = b.cellFormulas;
    if (perCell)
      return {
        block: b,
        row,
        col,
        rows,
        cols: 1,
        style,
        value: (i) =>
          ({
            formula: toStoredFormula(perCell[i], functionNames),
            result: cachedOut(cached(i, 0)) as ExcelJS.CellFormulaValue["result"],
            ...(b.cellArray ? { shareType: "array", ref: addr(row + i, col) } : {}),
          }) as ExcelJS.CellFormulaValue,
      };
    return {
      block: b,
      row,
      col,
      rows,
      cols,
      style,
      value: (i, j) => {
        if (i === 0 && j === 0) {
          const result = cachedOut(cached(0, 0)) as ExcelJS.CellFormulaValue["result"];
          return rows === 1 && cols === 1
            ? ({ formula, result } as ExcelJS.CellFormulaValue)
            : ({ formula, result, shareType: "array", ref } as unknown as ExcelJS.CellFormulaValue);
        }
        return cachedOut(cached(i, j));
      },
    };
  }
  const cv = b.columnValues;
  if (cv) {
    return {
      block: b,
      row,
      col,
      rows: cv[0]?.length ?? 0,
      cols: cv.length,
      style,
      value: (i, j) => {
        const c = cv[j];
        const x = c[i];
        if (c instanceof Float64Array) return Number.isFinite(x) ? (x as number) : null;
        return constant((x ?? null) as CellValue);
      },
    };
  }
  const values = b.values ?? [];
  return {
    block: b,
    row,
    col,
    rows: values.length,
    cols: Math.max(0, ...values.map((r) => r.length)),
    style,
    value: (i, j) => constant(values[i]?.[j] ?? null),
  };
}

/** Excel's sheet size: 1,048,576 rows by 16,384 columns (XFD). */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLS = 16_384;

/** Thrown before anything is written when a sheet would not fit in Excel. */
export class SheetTooLargeError extends Error {
  constructor(
    readonly sheet: string,
    readonly rows: number,
    readonly cols: number,
  ) {
    super(
      `sheet "${sheet}" would have ${rows.toLocaleString("en-GB")} rows and ${cols.toLocaleString("en-GB")} columns; Excel allows ${EXCEL_MAX_ROWS.toLocaleString("en-GB")} rows and ${EXCEL_MAX_COLS.toLocaleString("en-GB")} columns per sheet`,
    );
    this.name = "SheetTooLargeError";
  }
}

/** The last column (1-based) a sheet's blocks reach. */
function sheetCols(s: SheetPlan): number {
  let max = 0;
  for (const b of s.blocks) {
    const { col } = parseAddress(b.address);
    const w = b.formula
      ? (b.cols ?? 1)
      : (b.columnValues?.length ?? Math.max(0, ...(b.values ?? []).map((r) => r.length)));
    max = Math.max(max, col + w);
  }
  return max;
}

/** Throws SheetTooLargeError if any sheet of the plan exceeds Excel's row or column limit. */
export function checkExcelLimits(plan: WorkbookPlan): void {
  for (const s of plan.sheets) {
    const rows = sheetRows(s);
    const cols = sheetCols(s);
    if (rows > EXCEL_MAX_ROWS || cols > EXCEL_MAX_COLS) throw new SheetTooLargeError(s.name, rows, cols);
  }
}

/** The last row (1-based) a sheet's blocks reach. */
export function sheetRows(s: SheetPlan): number {
  let max = 0;
  for (const b of s.blocks) {
    const { row } = parseAddress(b.address);
    const h = b.formula ? (b.rows ?? 1) : (b.columnValues?.[0]?.length ?? b.values?.length ?? 0);
    max = Math.max(max, row + h - 1);
  }
  return max;
}

/** Writes the plan to `filename` (.xlsx). */
export async function writePlanXlsx(
  plan: WorkbookPlan,
  filename: string,
  options: XlsxWriteOptions = {},
): Promise<XlsxWriteStats> {
  const t0 = performance.now();
  checkExcelLimits(plan);
  const functionNames = options.functionNames ?? "xldudf";
  // loaded here, not at the top: exceljs takes ~0.5 s to load, which a CSV-only CLI build never needs
  const { stream } = (await import("exceljs")).default;
  const wb = new stream.xlsx.WorkbookWriter({ filename, useStyles: true, useSharedStrings: false });
  wb.creator = "hln (Hyper-local Need CLI)";
  wb.created = new Date(plan.meta.builtAt);
  const totalRows = plan.sheets.reduce((s, sh) => s + sheetRows(sh), 0);
  let done = 0;
  let cells = 0;
  let formulas = 0;
  for (const s of plan.sheets) {
    const ws = wb.addWorksheet(s.name, {
      properties: s.tabColor ? { tabColor: { argb: `FF${s.tabColor}` } } : {},
      views:
        s.freeze && (s.freeze.rows || s.freeze.cols)
          ? [{ state: "frozen", xSplit: s.freeze.cols, ySplit: s.freeze.rows }]
          : [],
      ...(s.hidden ? { state: "hidden" as const } : {}),
    });
    if (s.columnWidths) ws.columns = s.columnWidths.map((w) => ({ width: w }));
    const placed = s.blocks.map((b) => place(b, functionNames)).sort((a, b) => a.row - b.row);
    const maxRow = sheetRows(s);
    let next = 0;
    let active: Placed[] = [];
    for (let r = 1; r <= maxRow; r++) {
      while (next < placed.length && placed[next].row === r) active.push(placed[next++]);
      done++;
      if (options.onProgress && (done % 2000 === 0 || done === totalRows)) options.onProgress(done, totalRows);
      if (active.length === 0) continue;
      const row = ws.getRow(r);
      for (const p of active) {
        const i = r - p.row;
        for (let j = 0; j < p.cols; j++) {
          const v = p.value(i, j);
          if (v === null || v === undefined) continue;
          const cell = row.getCell(p.col + j + 1);
          cell.value = v;
          cell.style = p.style;
          cells++;
          if (i === 0 && j === 0 && p.block.formula) {
            formulas++;
            const note = plan.formulas === "native" ? NATIVE_NOTE : RECALC_NOTE;
            cell.note = p.block.comment ? `${p.block.comment}\n${note}` : note;
          }
        }
      }
      row.commit();
      active = active.filter((p) => r < p.row + p.rows - 1);
    }
    ws.commit();
  }
  for (const n of plan.names) wb.definedNames.add(n.ref, n.name);
  await wb.commit();
  options.onProgress?.(totalRows, totalRows);
  return { cells, formulas, sheets: plan.sheets.length, ms: performance.now() - t0 };
}
