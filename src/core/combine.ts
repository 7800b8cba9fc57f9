import { assertSameLength, HlnError } from "./errors";

export type MissingRule = "propagate" | "reweight";

/**
 * Step 7 (Weighting) and step 9: S_i = Σ_j w_j x_ij over the columns.
 * missing = "propagate": a row with any missing input is missing.
 * missing = "reweight": a row's missing inputs are dropped and the remaining weights are scaled
 * up to the full weight total, so a row with 3 of 4 indicators is on the same scale; a row with
 * none is missing. Weights must be finite, non-negative and not all zero.
 * Cost O(rows × columns): one pass over the output per four columns, then one over the rows
 * (only rows with a missing input are summed again). Each row is summed left to right, so the
 * result is the same to the last bit whatever the number of columns per pass. `into`: a buffer of
 * the rows' length to write the result to (and return) instead of a fresh array. `incomplete`: an
 * array the rows with a missing input are pushed to (for effectiveWeights).
 */
export function weightedSum(
  columns: ArrayLike<number>[],
  weights: ArrayLike<number>,
  missing: MissingRule = "propagate",
  into?: Float64Array,
  incomplete?: number[],
): Float64Array {
  checkWeights(weights, columns.length);
  if (columns.length === 0) return new Float64Array(0);
  assertSameLength(
    columns,
    columns.map((_, j) => `column ${j + 1}`),
  );
  const n = columns[0].length;
  // every column as a Float64Array, so the fused loop below reads one element type
  const cols = columns.map((c) => (c instanceof Float64Array ? c : Float64Array.from(c)));
  if (into && into.length !== n)
    throw new HlnError("LENGTH_MISMATCH", `weightedSum: ${into.length} rows to write, ${n} given`);
  const out = into ? into.fill(0) : new Float64Array(n);
  // the plain sum, left to right (0 + w_1 x_1 + w_2 x_2 + …, the same rounding as one column at a
  // time), four columns per pass over `out`; a missing input makes its row non-finite
  for (let j = 0; j < cols.length; j += 4) fusedAdd(out, cols, weights, j, n);
  let total = 0;
  for (let j = 0; j < weights.length; j++) total += weights[j];
  for (let i = 0; i < n; i++) {
    if (out[i] - out[i] === 0) continue; // a complete row (under "reweight" too: used = total)
    incomplete?.push(i);
    out[i] = missing === "reweight" ? reweightRow(cols, weights, i, total) : NaN;
  }
  return out;
}

/** out += Σ w_j x_j for columns j0 … j0 + 3 (fewer at the end), added left to right. */
function fusedAdd(out: Float64Array, cols: Float64Array[], w: ArrayLike<number>, j0: number, n: number): void {
  const k = Math.min(4, cols.length - j0);
  const a = cols[j0];
  const wa = w[j0];
  if (k === 1) for (let i = 0; i < n; i++) out[i] += wa * a[i];
  else if (k === 2) {
    const b = cols[j0 + 1];
    const wb = w[j0 + 1];
    for (let i = 0; i < n; i++) out[i] = out[i] + wa * a[i] + wb * b[i];
  } else if (k === 3) {
    const [b, c] = [cols[j0 + 1], cols[j0 + 2]];
    const [wb, wc] = [w[j0 + 1], w[j0 + 2]];
    for (let i = 0; i < n; i++) out[i] = out[i] + wa * a[i] + wb * b[i] + wc * c[i];
  } else {
    const [b, c, d] = [cols[j0 + 1], cols[j0 + 2], cols[j0 + 3]];
    const [wb, wc, wd] = [w[j0 + 1], w[j0 + 2], w[j0 + 3]];
    for (let i = 0; i < n; i++) out[i] = out[i] + wa * a[i] + wb * b[i] + wc * c[i] + wd * d[i];
  }
}

/** Row i under "reweight": the present inputs' sum scaled up to the full weight total (NaN if none). */
function reweightRow(cols: Float64Array[], w: ArrayLike<number>, i: number, total: number): number {
  let s = 0;
  let used = 0;
  for (let j = 0; j < cols.length; j++) {
    const x = cols[j][i];
    if (x - x === 0) {
      s += w[j] * x;
      used += w[j];
    }
  }
  if (used === total) return s; // complete, but its sum overflowed: as the plain sum gives it
  return used > 0 ? (s * total) / used : NaN;
}

/** Throws a precise HlnError unless weights are k finite, non-negative numbers with a positive sum. */
export function checkWeights(weights: ArrayLike<number>, k: number): void {
  if (weights.length !== k) {
    throw new HlnError("WEIGHTS_LENGTH", `expected ${k} weight${k === 1 ? "" : "s"}, got ${weights.length}`);
  }
  let total = 0;
  for (let j = 0; j < k; j++) {
    const w = weights[j];
    if (typeof w !== "number" || !Number.isFinite(w)) {
      throw new HlnError("WEIGHT_NOT_NUMBER", `weight ${j + 1} is not a finite number`);
    }
    if (w < 0) throw new HlnError("WEIGHT_NEGATIVE", `weight ${j + 1} is negative (${w})`);
    total += w;
  }
  if (!(total > 0)) throw new HlnError("WEIGHTS_ZERO", "weights sum to 0");
}

export interface EffectiveWeights {
  /** The weights as given, scaled to sum to 1. */
  nominal: Float64Array;
  /**
   * Each component's share of the combined score's variance, cov(w_j x_j, S) / var(S) — what a
   * weight actually does once the components' spreads and correlations are taken into account.
   * Computed over rows where every component is present; sums to 1.
   */
  effective: Float64Array;
}

/**
 * Nominal and effective (variance-share) weights of a weighted sum (step 7 reporting).
 * `sum` (optional): the rows' Σ w_j x_j with these weights, non-finite where any component is
 * missing (weightedSum's plain sum; its `incomplete` rows, if it reweighted some, listed in
 * `incomplete`), so the sum is not formed again — the shares do not depend on the weights' scale.
 * Cost O(rows × columns): one pass over the rows per four columns (plus one forming the sum when
 * it is not given).
 */
export function effectiveWeights(
  columns: ArrayLike<number>[],
  weights: ArrayLike<number>,
  sum?: { values: Float64Array; incomplete?: ArrayLike<number> },
): EffectiveWeights {
  checkWeights(weights, columns.length);
  const k = columns.length;
  let total = 0;
  for (let j = 0; j < k; j++) total += weights[j];
  const nominal = new Float64Array(k);
  for (let j = 0; j < k; j++) nominal[j] = weights[j] / total;
  const effective = new Float64Array(k).fill(NaN);
  if (k === 0) return { nominal, effective };
  let S: Float64Array;
  if (sum) {
    S = sum.values;
    if (sum.incomplete && sum.incomplete.length > 0) {
      S = S.slice();
      for (let t = 0; t < sum.incomplete.length; t++) S[sum.incomplete[t]] = NaN;
    }
  } else S = completeSum(columns, nominal);
  // moments of S over the complete rows, on the nominal scale (S / total when the sum is given)
  const scale = sum ? total : 1;
  let m = 0;
  let sumS = 0;
  let sumSS = 0;
  for (let i = 0; i < S.length; i++) {
    const v = S[i];
    if (v - v !== 0) continue;
    m++;
    sumS += v;
    sumSS += v * v;
  }
  if (m < 2) return { nominal, effective };
  const meanS = sumS / m;
  const varS = sumSS / m - meanS * meanS;
  if (!(varS / (scale * scale) > 1e-12 * ((meanS * meanS) / (scale * scale) + 1))) return { nominal, effective };
  const cols = columns.map((c) => (c instanceof Float64Array ? c : Float64Array.from(c)));
  const sx = new Float64Array(k);
  const sxs = new Float64Array(k);
  for (let j = 0; j < k; j += 4) covSums(cols, S, j, sx, sxs);
  // cov(w_j x_j, S) / var(S); scale-free, so the given sum's weights need no rescaling
  const w = sum ? weights : nominal;
  for (let j = 0; j < k; j++) effective[j] = (w[j] * (sxs[j] / m - (sx[j] / m) * meanS)) / varS;
  return { nominal, effective };
}

/** Σ nominal_j x_j per row, NaN where any component is missing. */
function completeSum(columns: ArrayLike<number>[], nominal: Float64Array): Float64Array {
  const n = columns[0].length;
  const S = new Float64Array(n);
  for (let j = 0; j < columns.length; j++) {
    const col = columns[j];
    const w = nominal[j];
    for (let i = 0; i < n; i++) {
      const x = col[i];
      S[i] = x - x !== 0 ? NaN : S[i] + w * x;
    }
  }
  return S;
}

/** Σ x_j and Σ x_j S over the rows where S is finite, for columns j0 … j0 + 3 (fewer at the end). */
function covSums(cols: Float64Array[], S: Float64Array, j0: number, sx: Float64Array, sxs: Float64Array): void {
  const k = Math.min(4, cols.length - j0);
  const n = S.length;
  const a = cols[j0];
  const b = k > 1 ? cols[j0 + 1] : a;
  const c = k > 2 ? cols[j0 + 2] : a;
  const d = k > 3 ? cols[j0 + 3] : a;
  let sa = 0,
    sb = 0,
    sc = 0,
    sd = 0,
    pa = 0,
    pb = 0,
    pc = 0,
    pd = 0;
  for (let i = 0; i < n; i++) {
    const s = S[i];
    if (s - s !== 0) continue;
    const xa = a[i],
      xb = b[i],
      xc = c[i],
      xd = d[i];
    sa += xa;
    sb += xb;
    sc += xc;
    sd += xd;
    pa += xa * s;
    pb += xb * s;
    pc += xc * s;
    pd += xd * s;
  }
  const vs = [sa, sb, sc, sd];
  const ps = [pa, pb, pc, pd];
  for (let t = 0; t < k; t++) {
    sx[j0 + t] = vs[t];
    sxs[j0 + t] = ps[t];
  }
}
