/**
 * Step 1 ("generating a value for each LSOA based on the value for the Local Authority it falls
 * within"): gives every small area the value of its parent area. `parent[i]` is the index of row
 * i's parent in `parentValues` (−1 = no parent → NaN). Also used for MSOA 2021 → LSOA 2021.
 */
export function assignDown(parentValues: ArrayLike<number>, parent: ArrayLike<number>): Float64Array {
  const n = parent.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const g = parent[i];
    out[i] = g >= 0 && g < parentValues.length ? parentValues[g] : NaN;
  }
  return out;
}
