/**
 * A1-reference helpers shared by the sheet plan, both writers and the task pane (pure). Two
 * conventions, named apart: `addr`/`absAddr`/`sheetRange`/`parseAddress` take 1-based rows (as the
 * plan lays sheets out), `cellAddress`/`rangeAddress`/`parseCell`/`parseRange` 0-based rows and
 * columns (as Office.js ranges are cut). Columns are 0-based everywhere.
 */

/** 0-based column index → letters (0 → A, 26 → AA). */
export function colLetter(j: number): string {
  let s = "";
  let n = j + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Letters → 0-based column index (A → 0). */
export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "B3" or "$B$3" → { row: 3, col: 1 } (row 1-based, col 0-based). */
export function parseAddress(a: string): { row: number; col: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(a.trim());
  if (!m) throw new Error(`bad cell address "${a}"`);
  return { row: Number(m[2]), col: colIndex(m[1]) };
}

/** A cell address (row 1-based, col 0-based), relative: "B3". */
export function addr(row: number, col: number): string {
  return `${colLetter(col)}${row}`;
}

/** Absolute cell address (row 1-based): "$B$3". */
export function absAddr(row: number, col: number): string {
  return `$${colLetter(col)}$${row}`;
}

/** A sheet name as it must appear in a reference: quoted when it has anything but letters/digits/_. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Absolute range on a sheet (rows 1-based), e.g. 'HLN Data'!$F$3:$F$2002 (one cell when the corners match). */
export function sheetRange(sheet: string, r1: number, c1: number, r2 = r1, c2 = c1): string {
  const a = absAddr(r1, c1);
  const b = absAddr(r2, c2);
  return `${quoteSheet(sheet)}!${a === b ? a : `${a}:${b}`}`;
}

/** "'HLN Data'!$F$3:$F$9" → { sheet: "HLN Data", address: "F3:F9" } (no sheet → sheet ""). */
export function splitRef(ref: string): { sheet: string; address: string } {
  const r = ref.startsWith("=") ? ref.slice(1) : ref;
  const bang = r.lastIndexOf("!");
  if (bang < 0) return { sheet: "", address: r.replace(/\$/g, "") };
  let sheet = r.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: r.slice(bang + 1).replace(/\$/g, "") };
}

/** "B5" or "$B$5" → { row: 4, col: 1 } (0-based). */
export function parseCell(a1: string): { row: number; col: number } {
  const { row, col } = parseAddress(a1);
  return { row: row - 1, col };
}

/** "B5:D9" (or one cell) → 0-based top-left and size. */
export function parseRange(a1: string): { row: number; col: number; rows: number; cols: number } {
  const [a, b] = a1.split(":");
  const tl = parseCell(a);
  if (!b) return { ...tl, rows: 1, cols: 1 };
  const br = parseCell(b);
  return { row: tl.row, col: tl.col, rows: br.row - tl.row + 1, cols: br.col - tl.col + 1 };
}

/** 0-based cell → "B5". */
export function cellAddress(row: number, col: number): string {
  return `${colLetter(col)}${row + 1}`;
}

/** 0-based top-left and size → "B5:D9" ("B5" for one cell). */
export function rangeAddress(row: number, col: number, rows: number, cols: number): string {
  const tl = cellAddress(row, col);
  return rows === 1 && cols === 1 ? tl : `${tl}:${cellAddress(row + rows - 1, col + cols - 1)}`;
}

/** Sheet-qualified address as Excel shows it: 'HLN Data'!B5. */
export function sheetAddress(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}

/**
 * A text as a formula expression: a quoted literal, or literals joined with & when longer than
 * Excel's limit of 255 characters per text in a formula ("" doubles a quote).
 */
export function textLiteral(text: string, max = 250): string {
  const parts: string[] = [];
  for (let i = 0; i < text.length || parts.length === 0; i += max) parts.push(text.slice(i, i + max));
  return parts.map((p) => `"${p.replace(/"/g, '""')}"`).join("&");
}
