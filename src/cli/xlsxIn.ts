/**
 * Reading a workbook the user names — `--measure book.xlsx` (its Measure and Weights sheets) and
 * `--data book.xlsx[#Sheet]` (an areas table) — with exceljs, each sheet as a grid of plain values
 * from A1 (what Range.values gives the task pane): a formula cell is its cached result, rich text
 * its text, an error value its "#…" text. The grids go to the workbook codecs
 * (src/workbook/measureCodec.ts, areasCodec.ts), which name the cells they cannot use.
 */
import { existsSync } from "fs";
import { stat } from "fs/promises";
import { basename } from "path";
import type ExcelJS from "exceljs";
import { CliError } from "./errors";

export interface XlsxBook {
  /** The file's base name (messages). */
  file: string;
  /** Worksheet names in file order (those read: reading may stop once the sheets wanted are in). */
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

/** Which sheets to keep, and when the rest of the file need not be read. */
export interface SheetChoice {
  /** Keep this sheet's cells (default: every sheet). */
  want?(name: string): boolean;
  /** Stop reading once this holds (the sheets so far); default: read the whole file. */
  enough?(book: XlsxBook): boolean;
}

/**
 * Reads a workbook sheet by sheet with exceljs's streaming reader, keeping only the sheets wanted
 * and stopping once `enough` holds: a build's own workbook has its Weights and Measure sheets near
 * the front, so `--measure` reads a few hundred rows, not the per-area sheets. On a 3,000-row
 * build's xlsx (8 MB): loaded whole (Workbook.xlsx.readFile) 4.8 s and 580 MiB; streamed to its end
 * 3.0 s and 170 MiB; streamed up to HLN Weights 0.9 s and 140 MiB, up to HLN Data 1.5 s. A missing
 * file or one that is not an xlsx is one line naming it.
 */
export async function readXlsxBook(path: string, choice: SheetChoice = {}): Promise<XlsxBook> {
  const file = basename(path);
  const names: string[] = [];
  const values = new Map<string, unknown[][]>();
  const formulas = new Map<string, unknown[][]>();
  const book: XlsxBook = { file, names, grid: (n) => values.get(n), formulas: (n) => formulas.get(n) };
  const ExcelJS = (await import("exceljs")).default;
  try {
    await stat(path);
  } catch (e) {
    throw new CliError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  try {
    for await (const ws of reader as AsyncIterable<SheetReader>) {
      const name = ws.name;
      names.push(name);
      const keep = choice.want?.(name) ?? true;
      const v: unknown[][] = [];
      const f: unknown[][] = [];
      for await (const row of ws) {
        if (!keep) continue;
        const r = row.number - 1;
        while (v.length <= r) (v.push([]), f.push([]));
        row.eachCell({ includeEmpty: false }, (cell, c) => {
          while (v[r].length < c - 1) (v[r].push(""), f[r].push(""));
          v[r][c - 1] = plainValue(cell.value);
          f[r][c - 1] = cell.formula ? `=${cell.formula}` : v[r][c - 1];
        });
      }
      if (keep) {
        values.set(name, v);
        formulas.set(name, f);
      }
      if (choice.enough?.(book)) break;
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${file}: not an xlsx workbook (${String((e as Error).message ?? e).split("\n")[0]})`);
  }
  return book;
}

/** What the streaming reader yields (exceljs types its iterator loosely). */
interface SheetReader extends AsyncIterable<ExcelJS.Row> {
  name: string;
}

/** The sheet's grid, or a CliError listing the workbook's sheets. */
export function requireSheet(book: XlsxBook, name: string, what: string): unknown[][] {
  const g = book.grid(name);
  if (!g) throw new CliError(`${book.file}: no sheet "${name}" (${what}); its sheets: ${book.names.join(", ")}`);
  return g;
}
