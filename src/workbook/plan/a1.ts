/** A1-reference helpers for the sheet plan (pure). */

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

/** "B3" → { row: 3, col: 1 } (row 1-based, col 0-based). */
export function parseAddress(a: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(a);
  if (!m) throw new Error(`bad cell address "${a}"`);
  return { row: Number(m[2]), col: colIndex(m[1]) };
}

/** A cell address (row 1-based, col 0-based), relative: "B3". */
export function addr(row: number, col: number): string {
  return `${colLetter(col)}${row}`;
}

/** Absolute cell address: "$B$3". */
export function absAddr(row: number, col: number): string {
  return `$${colLetter(col)}$${row}`;
}

/** A sheet name as it must appear in a reference: quoted when it has anything but letters/digits/_. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Absolute range on a sheet, e.g. 'HLN Data'!$F$3:$F$2002 (single cell when the corners match). */
export function sheetRange(sheet: string, r1: number, c1: number, r2 = r1, c2 = c1): string {
  const a = absAddr(r1, c1);
  const b = absAddr(r2, c2);
  return `${quoteSheet(sheet)}!${a === b ? a : `${a}:${b}`}`;
}
