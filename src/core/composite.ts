import { assertSameLength } from "./errors";

/**
 * Step 3 (Producing composite indicators): the numerator of a composite is the sum of the
 * non-overlapping component counts, used over their shared denominator. A row with any component
 * missing is missing (NaN) — a partial sum would understate the count — and so is a row with a
 * negative component (a count is ≥ 0; summed, [5, −2] would pass as a valid 3, while step 2's
 * checks report the row as left out). Domain: counts ≥ 0, NaN = missing. Cost: O(rows × components).
 */
export function compositeCount(numerators: ArrayLike<number>[]): Float64Array {
  if (numerators.length === 0) return new Float64Array(0);
  assertSameLength(
    numerators,
    numerators.map((_, j) => `component ${j + 1}`),
  );
  const n = numerators[0].length;
  const out = new Float64Array(n);
  for (const col of numerators) for (let i = 0; i < n; i++) out[i] += col[i] < 0 ? NaN : col[i];
  for (let i = 0; i < n; i++) if (!Number.isFinite(out[i])) out[i] = NaN;
  return out;
}
