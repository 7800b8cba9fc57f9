/**
 * CSV output through papaparse's `unparse`, with formula-like text neutralised: a cell that starts
 * with `=`, `+`, `-`, `@`, a tab, CR or LF is written as `'…` in quotes, so a spreadsheet opening
 * the file shows it as text instead of running it (OWASP "CSV injection"). Numbers are written as
 * numbers (a negative number is not text and is not escaped); non-finite numbers, null and
 * undefined are blank cells.
 */
import { closeSync, openSync, writeSync } from "fs";
import Papa from "papaparse";

export type CsvCell = string | number | null | undefined;

/**
 * Leading characters a spreadsheet treats as a formula. papaparse's default pattern
 * (`/^[=+\-@\t\r].*$/`) misses a cell that also contains a line break, so ours tests the first
 * character only.
 */
export const FORMULA_START = /^[=+\-@\t\r\n]/;

const clean = (v: CsvCell): string | number | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  return v;
};

const UNPARSE = { escapeFormulae: FORMULA_START, newline: "\n", header: false } as const;

/** `rows` (cleaned in place) as CSV text, each line ending in "\n". */
function unparseOwned(rows: CsvCell[][]): string {
  if (rows.length === 0) return "";
  for (const r of rows) for (let j = 0; j < r.length; j++) r[j] = clean(r[j]);
  return Papa.unparse(rows, UNPARSE) + "\n";
}

/** Rows as CSV text, each line ending in "\n". */
export function unparseRows(rows: CsvCell[][]): string {
  return unparseOwned(rows.map((r) => r.slice()));
}

/**
 * Writes a CSV to `path` in chunks of `chunk` rows, so a million-row table never exists as one
 * string: the header, then `row(i)` for i < count (each `row(i)` a fresh array, cleaned in place).
 * Small chunks keep few rows alive at a time: at 20,000 rows a chunk, the young-generation
 * collections copying the live rows cost more than the unparsing itself (1 M rows: 5.9 s of 17 s).
 */
export function writeCsvFile(
  path: string,
  header: string[],
  count: number,
  row: (i: number) => CsvCell[],
  chunk = 1_000,
): void {
  const fd = openSync(path, "w");
  try {
    writeSync(fd, unparseRows([header]));
    const rows: CsvCell[][] = [];
    for (let a = 0; a < count; a += chunk) {
      rows.length = 0;
      for (let i = a; i < Math.min(count, a + chunk); i++) rows.push(row(i));
      writeSync(fd, unparseOwned(rows));
    }
  } finally {
    closeSync(fd);
  }
}
