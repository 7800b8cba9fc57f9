/**
 * Where a sheet plan writes: the rectangles of its blocks (a formula's whole spill) and the note
 * cell A1, and the rectangles of a used range that lie outside them — where cells a user typed
 * into an HLN sheet would be lost when the sheet is rewritten. Pure; rows and columns 0-based.
 */
import { parseRange } from "./a1";
import type { Block, SheetPlan } from "./planTypes";

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

function blockRect(b: Block): Rect {
  const { row, col } = parseRange(b.address.split(":")[0]);
  if (b.formula !== undefined) return { row, col, rows: b.rows ?? 1, cols: b.cols ?? 1 };
  const rows = b.columnValues ? (b.columnValues[0]?.length ?? 0) : (b.values?.length ?? 0);
  const cols = b.columnValues ? b.columnValues.length : (b.values?.[0]?.length ?? 0);
  return { row, col, rows, cols };
}

/** The cells a sheet plan writes (A1 included: the build's note goes there). */
export function planFootprint(sheet: SheetPlan): Rect[] {
  return [{ row: 0, col: 0, rows: 1, cols: 1 }, ...sheet.blocks.map(blockRect)].filter((r) => r.rows > 0 && r.cols > 0);
}

/**
 * The parts of `used` outside every rectangle of `covered`, as a few rectangles: the grid cut at
 * every rectangle edge, uncovered cells merged along rows. Cost O(k³) for k rectangles (k is tens).
 */
export function outsideRects(used: Rect, covered: Rect[]): Rect[] {
  const cut = (lo: number, hi: number, edges: number[]) =>
    [...new Set([lo, hi, ...edges.filter((e) => e > lo && e < hi)])].sort((a, b) => a - b);
  const inside = covered.filter(
    (r) =>
      r.row < used.row + used.rows &&
      r.row + r.rows > used.row &&
      r.col < used.col + used.cols &&
      r.col + r.cols > used.col,
  );
  const ys = cut(
    used.row,
    used.row + used.rows,
    inside.flatMap((r) => [r.row, r.row + r.rows]),
  );
  const xs = cut(
    used.col,
    used.col + used.cols,
    inside.flatMap((r) => [r.col, r.col + r.cols]),
  );
  const out: Rect[] = [];
  for (let i = 0; i + 1 < ys.length; i++) {
    let run: Rect | null = null;
    for (let j = 0; j + 1 < xs.length; j++) {
      const hit = inside.some(
        (r) => r.row <= ys[i] && r.row + r.rows >= ys[i + 1] && r.col <= xs[j] && r.col + r.cols >= xs[j + 1],
      );
      if (!hit && run) run.cols = xs[j + 1] - run.col;
      else if (!hit) run = { row: ys[i], col: xs[j], rows: ys[i + 1] - ys[i], cols: xs[j + 1] - xs[j] };
      else if (run) {
        out.push(run);
        run = null;
      }
    }
    if (run) out.push(run);
  }
  return out;
}
