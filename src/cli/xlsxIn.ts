/**
 * Reading a workbook the user names — `--measure book.xlsx` (its Measure and Weights sheets) and
 * `--data book.xlsx[#Sheet]` (an areas table) — with exceljs, each sheet as a grid of plain values
 * from A1 (what Range.values gives the task pane): a formula cell is its cached result, rich text
 * its text, an error value its "#…" text. The grids go to the workbook codecs
 * (src/workbook/measureCodec.ts, areasCodec.ts), which name the cells they cannot use.
 */
import { existsSync } from "fs";
import { basename } from "path";
import type ExcelJS from "exceljs";
import { CliError } from "./errors";

export interface XlsxBook {
  /** The file's base name (messages). */
  file: string;
  /** Worksheet names in workbook order. */
  names: string[];
  /** A sheet's values from A1 (rows × columns, "" for empty cells), or undefined if there is no such sheet. */
  grid(name: string): unknown[][] | undefined;
  /** The same with each formula cell as its formula ("=…"), as Range.formulas gives it. */
  formulas(name: string): unknown[][] | undefined;
}

const isXlsxName = (p: string) => /\.xlsx$/i.test(p);

/**
 * `book.xlsx#Sheet` → the file and the sheet; `book.xlsx` → the file alone; anything else (a CSV)
 * → undefined. A file whose own name holds "#" is taken whole when it exists.
 */
export function xlsxRef(arg: string): { path: string; sheet?: string } | undefined {
  if (isXlsxName(arg)) return { path: arg };
  const k = arg.lastIndexOf("#");
  if (k > 0 && isXlsxName(arg.slice(0, k)) && !existsSync(arg)) {
    const sheet = arg.slice(k + 1).trim();
    return { path: arg.slice(0, k), ...(sheet ? { sheet } : {}) };
  }
  return undefined;
}

/** A cell's value as the task pane's Range.values would give it. */
export function plainValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return "";
  if (typeof v !== "object") return v;
  if (v instanceof Date) return v.toISOString();
  const o = v as unknown as Record<string, unknown>;
  if ("error" in o) return String(o.error);
  if ("richText" in o) return (o.richText as { text: string }[]).map((t) => t.text).join("");
  if ("formula" in o || "sharedFormula" in o) return plainValue((o.result ?? "") as ExcelJS.CellValue);
  if ("text" in o) return String(o.text);
  return "";
}

/** Loads a workbook; a missing file or one that is not an xlsx is one line naming it. */
export async function readXlsxBook(path: string): Promise<XlsxBook> {
  const file = basename(path);
  const { Workbook } = (await import("exceljs")).default;
  const wb = new Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code) throw new CliError(`${path}: cannot read the file (${code})`);
    throw new CliError(`${file}: not an xlsx workbook (${String((e as Error).message ?? e).split("\n")[0]})`);
  }
  const grids = new Map<string, unknown[][]>();
  const read = (name: string, formulas: boolean): unknown[][] | undefined => {
    const ws = wb.getWorksheet(name);
    if (!ws) return undefined;
    const key = `${formulas ? "f" : "v"}:${name}`;
    let g = grids.get(key);
    if (!g) {
      const out: unknown[][] = [];
      ws.eachRow({ includeEmpty: false }, (row, r) => {
        while (out.length < r) out.push([]);
        const cells = out[r - 1];
        row.eachCell({ includeEmpty: false }, (cell, c) => {
          while (cells.length < c - 1) cells.push("");
          const f = formulas ? cell.formula : undefined;
          cells[c - 1] = f ? `=${f}` : plainValue(cell.value);
        });
      });
      g = out;
      grids.set(key, g);
    }
    return g;
  };
  return {
    file,
    names: wb.worksheets.map((w) => w.name),
    grid: (name) => read(name, false),
    formulas: (name) => read(name, true),
  };
}

/** The sheet's grid, or a CliError listing the workbook's sheets. */
export function requireSheet(book: XlsxBook, name: string, what: string): unknown[][] {
  const g = book.grid(name);
  if (!g) throw new CliError(`${book.file}: no sheet "${name}" (${what}); its sheets: ${book.names.join(", ")}`);
  return g;
}
