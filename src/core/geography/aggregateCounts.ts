/**
 * Step 1 ("aggregate to LSOA"): sums counts of small areas into their parent areas (output area →
 * LSOA, LSOA → district). `parent[i]` is row i's parent index (−1 = ignored). A parent with any
 * missing (NaN) member is NaN; a parent with no members is 0.
 */
export function aggregateCounts(values: ArrayLike<number>, parent: ArrayLike<number>, nParents: number): Float64Array {
  const out = new Float64Array(nParents);
  for (let i = 0; i < parent.length; i++) {
    const g = parent[i];
    if (g >= 0 && g < nParents) out[g] += values[i];
  }
  return out;
}
