/** Small builders of plan blocks shared by the sheet planners. */
import { addr, parseRange, rangeAddress, sheetRange } from "../a1";
import type { Block, CellValue, ColumnValues } from "../planTypes";
import type { PlanContext } from "./context";

/** NaN/±Infinity → null (a blank constant or a missing computed value). */
export function num(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

export function toF64(c: ArrayLike<number>): Float64Array {
  if (c instanceof Float64Array) return c;
  const out = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) out[i] = typeof c[i] === "number" ? c[i] : NaN;
  return out;
}

/** A row of `n` cells, missing entries null. */
export function fill(row: CellValue[], n: number): CellValue[] {
  const out = new Array<CellValue>(n);
  for (let j = 0; j < n; j++) out[j] = row[j] ?? null;
  return out;
}

/** `IF(ISNUMBER(ref),ref,"")`: a range with its errors and text blanked. */
export function finite(ref: string): string {
  return `IF(ISNUMBER(${ref}),${ref},"")`;
}

/** A block whose `values` (or `cached`) 2-D array is derived from column-major data on first access. */
export function columnar(
  base: Omit<Block, "values" | "cached" | "columnValues">,
  kind: "values" | "cached",
  columns: ColumnValues[],
  rows: number,
): Block {
  const block: Block = { ...base, columnValues: columns };
  let memo: CellValue[][] | undefined;
  Object.defineProperty(block, kind, {
    enumerable: true,
    configurable: true,
    get() {
      if (!memo) {
        memo = new Array(rows);
        for (let i = 0; i < rows; i++) {
          const row = new Array<CellValue>(columns.length);
          for (let j = 0; j < columns.length; j++) {
            const c = columns[j];
            row[j] = c instanceof Float64Array ? num(c[i]) : (c[i] ?? null);
          }
          memo[i] = row;
        }
      }
      return memo;
    },
    set(v: CellValue[][]) {
      memo = v;
    },
  });
  return block;
}

/**
 * Per-area sheets: a header row (row 2) and a step row (row 1) filled column by column, and one
 * spilled formula per computed column, each registered in the index under its key.
 */
export class AreaSheet {
  readonly blocks: Block[] = [];
  readonly head: CellValue[] = [];
  readonly step: CellValue[] = [];
  constructor(
    readonly ctx: PlanContext,
    readonly name: string,
  ) {}

  /** Places a spilled formula column at `col` and registers it as `key`. Returns its reference. */
  formula(
    key: string,
    col: number,
    header: string,
    stepText: string,
    formula: string,
    values: Float64Array,
    numberFormat: string,
    comment?: string,
  ): string {
    const { N, R0 } = this.ctx;
    this.head[col] = header;
    this.step[col] = stepText;
    this.blocks.push(
      columnar(
        {
          address: addr(R0, col),
          formula,
          rows: N,
          cols: 1,
          style: "output",
          numberFormat,
          ...(comment ? { comment } : {}),
        },
        "cached",
        [values],
        N,
      ),
    );
    this.register(key, col, formula);
    return this.ctx.colRange(this.name, col);
  }

  /** Registers column `col`'s data rows as `key`. */
  register(key: string, col: number, formula?: string, name?: string): void {
    const { N, R0 } = this.ctx;
    this.ctx.index.add({
      key,
      sheet: this.name,
      range: rangeAddress(R0 - 1, col, Math.max(N, 1), 1),
      ...(formula ? { formula } : {}),
      ...(name ? { name } : {}),
    });
  }

  /** The step row (A1) and header row (A2) over `cols` columns, then the blocks. */
  finish(cols: number): Block[] {
    return [
      { address: "A1", values: [fill(this.step, cols)], style: "status" },
      { address: "A2", values: [fill(this.head, cols)], style: "header" },
      ...this.blocks,
    ];
  }
}

/**
 * One reference over the column entries `keys` (same sheet and rows, adjacent columns in order),
 * e.g. the normal scores of a sub-dimension's indicators. Throws if they are not adjacent.
 */
export function spanRef(ctx: PlanContext, keys: string[]): string {
  const es = keys.map((k) => ctx.index.require(k));
  const rs = es.map((e) => parseRange(e.range));
  for (let k = 1; k < es.length; k++)
    if (es[k].sheet !== es[0].sheet || rs[k].col !== rs[0].col + k || rs[k].row !== rs[0].row)
      throw new Error(`${keys.join(", ")} are not adjacent columns`);
  const r = rs[0];
  return sheetRange(es[0].sheet, r.row + 1, r.col, r.row + r.rows, rs[rs.length - 1].col);
}
