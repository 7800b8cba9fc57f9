/**
 * Memo of f(rank) for the ranks 1, 1.5, 2, …, N that averaged-tie ranking can produce, so a
 * rank-based transform evaluates its (costly) formula once per distinct rank and N rather than once
 * per area and indicator. Pure: the same key always gives the same table. A handful of tables are
 * kept (one per N × option in use).
 */
const tables = new Map<string, Float64Array>();
const LIMIT = 16;

export function rankTable(key: string, n: number, f: (rank: number) => number): Float64Array {
  const k = `${key}|${n}`;
  let t = tables.get(k);
  if (!t) {
    t = new Float64Array(2 * n + 1);
    for (let h = 2; h <= 2 * n; h++) t[h] = f(h / 2);
    if (tables.size >= LIMIT) tables.delete(tables.keys().next().value as string);
    tables.set(k, t);
  }
  return t;
}

/** Looks up rank r (a multiple of 0.5 in [1, N]) in a table from rankTable; NaN stays NaN. */
export function mapRanks(ranks: Float64Array, table: Float64Array): Float64Array {
  const out = new Float64Array(ranks.length);
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i];
    out[i] = r === r ? table[2 * r] : NaN;
  }
  return out;
}
