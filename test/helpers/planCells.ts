/** Reads one cell of a WorkbookPlan (constant or the formula's cached value) — for tests. */
import { parseCell } from "../../src/workbook/a1";
import type { CellValue, WorkbookPlan } from "../../src/workbook/planTypes";

export function planCell(plan: WorkbookPlan, sheet: string, address: string): CellValue | undefined {
  const s = plan.sheets.find((x) => x.name === sheet);
  if (!s) return undefined;
  const { row, col } = parseCell(address);
  for (const b of s.blocks) {
    const a = parseCell(b.address.split(":")[0]);
    const grid = b.formula !== undefined ? b.cached : b.values;
    const rows = b.formula !== undefined ? (b.rows ?? 1) : (grid?.length ?? 0);
    const cols = b.formula !== undefined ? (b.cols ?? 1) : Math.max(0, ...(grid ?? []).map((r) => r.length));
    if (row >= a.row && row < a.row + rows && col >= a.col && col < a.col + cols) {
      return grid?.[row - a.row]?.[col - a.col] ?? null;
    }
  }
  return undefined;
}
