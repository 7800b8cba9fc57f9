/**
 * The areas in most need: row indices of the `n` best need ranks (1 = most need), in rank order,
 * ties in row order. Missing ranks are never listed. Used by the Top sheet, the task pane's top 20
 * and the CLI summary, so all three list the same areas.
 *
 * Cost: O(N + n log n) — one pass keeps the candidates with rank ≤ n, then they are sorted.
 */
export function topAreas(rank: ArrayLike<number>, n: number): Int32Array {
  const picked: number[] = [];
  for (let i = 0; i < rank.length; i++) if (rank[i] >= 1 && rank[i] <= n) picked.push(i);
  picked.sort((a, b) => rank[a] - rank[b] || a - b);
  return Int32Array.from(picked.slice(0, Math.max(0, n)));
}
