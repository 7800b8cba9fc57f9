/**
 * Native-mode sums and counts by group (district, ward, …) in O(N log N) for the whole table, not
 * O(N × groups): the areas are sorted by group code once (SORTBY, a visible "sorted by group" block
 * of helper columns), each group's rows in that order are found by binary search (MATCH type 1 on the
 * ascending codes for its last row, type −1 on the descending codes for its first), and a group's sum
 * is SUM(INDEX(h, first):INDEX(h, last)) over a sorted helper column h — one cell formula per group.
 * A SUMIFS array over the group list costs N × groups comparisons per column: 30 s of LibreOffice's
 * recalculation for the district table alone, minutes for 6,784 wards.
 *
 * SUM and COUNT skip the text "" that marks a missing value, so a helper holds the column's own values.
 * Group codes are compared as text (`&""`), as SUMIFS compares them (case-insensitive): a blank code
 * sorts first and matches no group.
 */
import { addr, colLetter, sheetRange } from "../a1";
import type { Block, CellValue } from "../planTypes";
import { columnar } from "./cells";
import { FIRST_ROW } from "./context";

/** Excel's text order for codes (case-insensitive; ties keep the area order, as SORTBY does). */
function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export interface SortedGroups {
  /** The blocks of the sorted-by-group helper columns (N rows from FIRST_ROW, plus their headers). */
  blocks: Block[];
  /** Absolute references of the first/last sorted row (1-based, N + 1 > last when empty) of each group-table row. */
  first: string;
  last: string;
  /** The next free column after the helpers. */
  next: number;
  /**
   * Adds a helper column: the per-area `ref` in group order, or `build(at)` where `at(ref)` is that
   * column's value at each sorted row (e.g. `IF(ISNUMBER(at(s2)),at(num),"")`); `values` are its
   * per-area values (NaN = missing, for the cached cells). Returns its absolute reference.
   */
  sorted(
    header: string,
    ref: string | ((at: (ref: string) => string) => string),
    values: ArrayLike<number> | ArrayLike<CellValue>,
    format?: string,
  ): string;
  /**
   * Per-cell formulas and cached values of a group-table column: SUM (or COUNT) of a sorted helper over
   * each group's block; `wrap(expr, row)` turns that expression into the cell's formula (default: itself).
   */
  sum(
    helper: string,
    kind?: "SUM" | "COUNT",
    wrap?: (expr: string, row: number) => string,
  ): { cellFormulas: string[]; values: Float64Array };
  /** The group-table row's block of a helper, `INDEX(h,first):INDEX(h,last)`, and the test for an empty group. */
  block(helper: string, row: number): { range: string; empty: string };
}

/**
 * Places the sorted-by-group helpers on `sheet` from column `col` (rows FIRST_ROW…, headers in row
 * FIRST_ROW − 1) and the first/last columns of the group table at `table.col`, `table.col + 1` (from
 * row `table.row`, default FIRST_ROW; one row per `table.codes`).
 * `groupRef`: the per-area group codes; `groupCodes`: their values (cached values of the helpers).
 */
export function sortedGroups(
  sheet: string,
  col: number,
  groupRef: string,
  groupCodes: readonly string[],
  table: { codesRef: string; codes: readonly string[]; col: number; row?: number },
): SortedGroups {
  const N = groupCodes.length;
  const G = table.codes.length;
  const R0 = FIRST_ROW;
  const R1 = FIRST_ROW + N - 1;
  const order = Array.from({ length: N }, (_, i) => i).sort(
    (a, b) => compareText(groupCodes[a] ?? "", groupCodes[b] ?? "") || a - b,
  );
  const asc = order.map((i) => groupCodes[i] ?? "");
  const blocks: Block[] = [];
  const helperValues = new Map<string, Float64Array | CellValue[]>();
  const headers: CellValue[] = [];
  let c = col;
  const helper = (header: string, formula: string, values: ArrayLike<CellValue> | Float64Array, format?: string) => {
    headers.push(header);
    blocks.push(
      columnar(
        {
          address: addr(R0, c),
          formula,
          rows: N,
          cols: 1,
          style: "plain",
          ...(format ? { numberFormat: format } : {}),
        },
        "cached",
        [values as Float64Array],
        N,
      ),
    );
    return sheetRange(sheet, R0, c++, R1, c - 1);
  };
  const ord = helper(
    "area row, in group order",
    `=SORTBY(SEQUENCE(ROWS(${groupRef})),${groupRef}&"",1)`,
    Float64Array.from(order, (i) => i + 1),
    "0",
  );
  const up = helper("group code, ascending", `=INDEX(${groupRef},${ord})&""`, asc);
  const down = helper("group code, descending", `=SORT(${groupRef}&"",,-1)`, [...asc].reverse());
  // first/last sorted row of each group, from the table's codes
  const lastOf = new Map<string, number>();
  const firstOf = new Map<string, number>();
  asc.forEach((g, k) => {
    const key = g.toLowerCase();
    if (!firstOf.has(key)) firstOf.set(key, k + 1);
    lastOf.set(key, k + 1);
  });
  const firstV = Float64Array.from(table.codes, (g) => firstOf.get(g.toLowerCase()) ?? N + 1);
  const lastV = Float64Array.from(table.codes, (g) => lastOf.get(g.toLowerCase()) ?? N);
  const T0 = table.row ?? FIRST_ROW;
  const T1 = T0 + G - 1;
  const tableBlock = (j: number, formula: string, values: Float64Array): Block =>
    columnar(
      { address: addr(T0, table.col + j), formula, rows: G, cols: 1, style: "plain", numberFormat: "0" },
      "cached",
      [values],
      G,
    );
  const codes = `${table.codesRef}&""`;
  // a group absent from the areas: MATCH finds a neighbour whose code differs, so first > last
  blocks.push(
    tableBlock(0, `=LET(pos,IFERROR(MATCH(${codes},${down},-1),0),${N}-pos+1)`, firstV),
    tableBlock(
      1,
      `=LET(pos,IFERROR(MATCH(${codes},${up},1),0),IF(INDEX(${up},IF(pos<1,1,pos))=${codes},pos,0))`,
      lastV,
    ),
  );
  const first = sheetRange(sheet, T0, table.col, T1, table.col);
  const last = sheetRange(sheet, T0, table.col + 1, T1, table.col + 1);
  const out: SortedGroups = {
    blocks,
    first,
    last,
    get next() {
      return c;
    },
    sorted(header, ref, values, format) {
      const numeric = values instanceof Float64Array || typeof values[0] === "number";
      const v = numeric ? new Float64Array(N) : new Array<CellValue>(N);
      for (let k = 0; k < N; k++) v[k] = values[order[k]] as number;
      const at = (r: string) => `INDEX(${r},${ord})`;
      const r = helper(header, `=${typeof ref === "string" ? at(ref) : ref(at)}`, v, format);
      helperValues.set(r, v);
      return r;
    },
    block(h, row) {
      const f = `$${colLetter(table.col)}${row}`;
      const l = `$${colLetter(table.col + 1)}${row}`;
      return { range: `INDEX(${h},${f}):INDEX(${h},${l})`, empty: `${f}>${l}` };
    },
    sum(h, kind = "SUM", wrap = (e) => e) {
      const hv = helperValues.get(h);
      if (!(hv instanceof Float64Array)) throw new Error(`not a numeric sorted helper of ${sheet}: ${h}`);
      const cellFormulas: string[] = [];
      const values = new Float64Array(G);
      for (let t = 0; t < G; t++) {
        const b = out.block(h, T0 + t);
        cellFormulas.push(`=${wrap(`IF(${b.empty},0,${kind}(${b.range}))`, T0 + t)}`);
        let acc = 0;
        for (let k = firstV[t] - 1; k <= lastV[t] - 1; k++)
          if (Number.isFinite(hv[k])) acc += kind === "SUM" ? hv[k] : 1;
        values[t] = acc;
      }
      return { cellFormulas, values };
    },
  };
  blocks.unshift({ address: addr(R0 - 1, col), values: [headers], style: "header" });
  return out;
}
