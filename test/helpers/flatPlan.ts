/**
 * A plan flattened to its cells, for cell-for-cell comparisons of two plans (e.g. before and after a
 * refactor): sheet name → A1 → what the writer puts there (a constant, or a formula at its anchor and
 * the cached value of every spilled cell), plus each sheet's layout and the defined names.
 */
import type { Block, CellValue, WorkbookPlan } from "../../src/workbook/planTypes";

export interface FlatCell {
  v?: CellValue;
  f?: string;
  style?: string;
  nf?: string;
}
export interface FlatPlan {
  sheets: { name: string; role: string; widths?: number[]; freeze?: unknown; tab?: string }[];
  names: Record<string, string>;
  cells: Record<string, Record<string, FlatCell>>;
}

function colLetters(j: number): string {
  let s = "";
  for (let n = j + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function anchor(address: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)/.exec(address)!;
  let c = 0;
  for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]), col: c - 1 };
}

const norm = (v: CellValue | undefined): CellValue =>
  v === undefined || (typeof v === "number" && !Number.isFinite(v)) ? null : v;

function flattenBlock(b: Block, out: Record<string, FlatCell>): void {
  const { row, col } = anchor(b.address);
  const grid = b.formula !== undefined ? (b.cached ?? [[null]]) : (b.values ?? []);
  grid.forEach((r, i) =>
    r.forEach((v, j) => {
      const cell: FlatCell = { v: norm(v) };
      if (b.style) cell.style = b.style;
      if (b.numberFormat) cell.nf = b.numberFormat;
      out[`${colLetters(col + j)}${row + i}`] = cell;
    }),
  );
  if (b.formula !== undefined) {
    const a = `${colLetters(col)}${row}`;
    out[a] = { ...(out[a] ?? {}), f: b.formula };
  }
}

export function flattenPlan(plan: WorkbookPlan): FlatPlan {
  const cells: FlatPlan["cells"] = {};
  for (const s of plan.sheets) {
    const out: Record<string, FlatCell> = {};
    for (const b of s.blocks) flattenBlock(b, out);
    cells[s.name] = out;
  }
  return {
    sheets: plan.sheets.map((s) => ({
      name: s.name,
      role: s.role,
      widths: s.columnWidths,
      freeze: s.freeze,
      tab: s.tabColor,
    })),
    names: Object.fromEntries(plan.names.map((n) => [n.name, n.ref])),
    cells,
  };
}

/** Differences between two flat plans, as "sheet!A1: before → after" lines (at most `limit`). */
export function diffPlans(a: FlatPlan, b: FlatPlan, limit = 50, tol = 1e-9): string[] {
  const out: string[] = [];
  const push = (s: string) => out.length < limit && out.push(s);
  if (JSON.stringify(a.sheets) !== JSON.stringify(b.sheets))
    push(`sheets: ${JSON.stringify(a.sheets)} → ${JSON.stringify(b.sheets)}`);
  for (const k of new Set([...Object.keys(a.names), ...Object.keys(b.names)]))
    if (a.names[k] !== b.names[k]) push(`name ${k}: ${a.names[k]} → ${b.names[k]}`);
  for (const sheet of new Set([...Object.keys(a.cells), ...Object.keys(b.cells)])) {
    const x = a.cells[sheet] ?? {};
    const y = b.cells[sheet] ?? {};
    for (const addr of new Set([...Object.keys(x), ...Object.keys(y)])) {
      const p = x[addr];
      const q = y[addr];
      const same =
        p !== undefined &&
        q !== undefined &&
        p.f === q.f &&
        p.style === q.style &&
        p.nf === q.nf &&
        (p.v === q.v ||
          (typeof p.v === "number" &&
            typeof q.v === "number" &&
            Math.abs(p.v - q.v) <= tol * Math.max(1, Math.abs(p.v))));
      if (!same) push(`${sheet}!${addr}: ${JSON.stringify(p)} → ${JSON.stringify(q)}`);
    }
  }
  return out;
}
