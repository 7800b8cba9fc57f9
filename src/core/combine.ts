import { assertSameLength, HlnError } from "./errors";

export type MissingRule = "propagate" | "reweight";

/**
 * Step 7 (Weighting) and step 9: S_i = Σ_j w_j x_ij over the columns.
 * missing = "propagate": a row with any missing input is missing.
 * missing = "reweight": a row's missing inputs are dropped and the remaining weights are scaled
 * up to the full weight total, so a row with 3 of 4 indicators is on the same scale; a row with
 * none is missing. Weights must be finite, non-negative and not all zero.
 */
export function weightedSum(
  columns: ArrayLike<number>[],
  weights: ArrayLike<number>,
  missing: MissingRule = "propagate",
): Float64Array {
  checkWeights(weights, columns.length);
  if (columns.length === 0) return new Float64Array(0);
  assertSameLength(
    columns,
    columns.map((_, j) => `column ${j + 1}`),
  );
  const n = columns[0].length;
  let total = 0;
  for (let j = 0; j < weights.length; j++) total += weights[j];
  const out = new Float64Array(n);
  const used = missing === "reweight" ? new Float64Array(n) : undefined;
  for (let j = 0; j < columns.length; j++) {
    const w = weights[j];
    const col = columns[j];
    for (let i = 0; i < n; i++) {
      const x = col[i];
      if (Number.isFinite(x)) {
        out[i] += w * x;
        if (used) used[i] += w;
      } else if (!used) out[i] = NaN;
    }
  }
  if (used) {
    for (let i = 0; i < n; i++) {
      if (used[i] === total) continue; // complete row: exactly the plain weighted sum
      out[i] = used[i] > 0 ? (out[i] * total) / used[i] : NaN;
    }
  }
  return out;
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

/** Nominal and effective (variance-share) weights of a weighted sum (step 7 reporting). */
export function effectiveWeights(columns: ArrayLike<number>[], weights: ArrayLike<number>): EffectiveWeights {
  checkWeights(weights, columns.length);
  const k = columns.length;
  let total = 0;
  for (let j = 0; j < k; j++) total += weights[j];
  const nominal = new Float64Array(k);
  for (let j = 0; j < k; j++) nominal[j] = weights[j] / total;
  const effective = new Float64Array(k).fill(NaN);
  if (k === 0) return { nominal, effective };
  const n = columns[0].length;
  const s = new Float64Array(n);
  const ok = new Uint8Array(n).fill(1);
  for (let j = 0; j < k; j++) {
    const col = columns[j];
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(col[i])) ok[i] = 0;
      else s[i] += nominal[j] * col[i];
    }
  }
  let m = 0;
  let meanS = 0;
  for (let i = 0; i < n; i++) if (ok[i]) (m++, (meanS += s[i]));
  if (m < 2) return { nominal, effective };
  meanS /= m;
  let varS = 0;
  for (let i = 0; i < n; i++) {
    if (ok[i]) {
      s[i] -= meanS;
      varS += s[i] * s[i];
    }
  }
  if (!(varS > 0)) return { nominal, effective };
  // cov(w_j x_j, S) = w_j Σ x_j (S − S̄) / m, since Σ (S − S̄) = 0
  for (let j = 0; j < k; j++) {
    const col = columns[j];
    let cov = 0;
    for (let i = 0; i < n; i++) if (ok[i]) cov += col[i] * s[i];
    effective[j] = (nominal[j] * cov) / varS;
  }
  return { nominal, effective };
}
