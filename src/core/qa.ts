/** Thresholds of the step-2 checks; a share above its threshold raises a flag. */
export interface QaOptions {
  /** The indicator's upper limit (e.g. 1 for a proportion, 100 for a percentage); none by default. */
  upper?: number;
  maxMissingShare?: number;
  maxZeroShare?: number;
  maxUpperShare?: number;
}

export const QA_DEFAULTS: Required<Omit<QaOptions, "upper">> = {
  maxMissingShare: 0.01,
  maxZeroShare: 0.1,
  maxUpperShare: 0.01,
};

export interface QaResult {
  n: number;
  missing: number;
  zeros: number;
  atUpper: number;
  shareMissing: number;
  shareZero: number;
  shareUpper: number;
  min: number;
  max: number;
  constant: boolean;
  /** Flag ids: "missing", "zeros", "upper", "constant", "empty". */
  flags: string[];
  /** A sentence per flag, for people. */
  reasons: string[];
  pass: boolean;
}

/**
 * Step 2 (Quality assurance): for one indicator, counts missing values, zeros and values at the
 * upper limit, and whether the column is constant — the paper's checks for columns that would
 * distort the measure (e.g. many areas at 0% or 100%).
 */
export function qa(values: ArrayLike<number>, options: QaOptions = {}): QaResult {
  const o = { ...QA_DEFAULTS, ...options };
  const n = values.length;
  const upper = o.upper ?? Infinity; // finite values never reach Infinity
  let missing = 0;
  let zeros = 0;
  let atUpper = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) {
      missing++;
      continue;
    }
    if (x === 0) zeros++;
    if (x >= upper) atUpper++;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const present = n - missing;
  const share = (c: number, of: number) => (of > 0 ? c / of : 0);
  const shareMissing = share(missing, n);
  const shareZero = share(zeros, present);
  const shareUpper = share(atUpper, present);
  const constant = present > 0 && min === max;
  const flags: string[] = [];
  const reasons: string[] = [];
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  if (present === 0) {
    flags.push("empty");
    reasons.push("no values");
  }
  if (shareMissing > o.maxMissingShare) {
    flags.push("missing");
    reasons.push(`${missing} missing (${pct(shareMissing)} > ${pct(o.maxMissingShare)})`);
  }
  if (shareZero > o.maxZeroShare) {
    flags.push("zeros");
    reasons.push(`${zeros} zeros (${pct(shareZero)} > ${pct(o.maxZeroShare)})`);
  }
  if (o.upper !== undefined && shareUpper > o.maxUpperShare) {
    flags.push("upper");
    reasons.push(`${atUpper} at the upper limit ${o.upper} (${pct(shareUpper)} > ${pct(o.maxUpperShare)})`);
  }
  if (constant) {
    flags.push("constant");
    reasons.push(`every value is ${min}`);
  }
  return {
    n,
    missing,
    zeros,
    atUpper,
    shareMissing,
    shareZero,
    shareUpper,
    min: present ? min : NaN,
    max: present ? max : NaN,
    constant,
    flags,
    reasons,
    pass: flags.length === 0,
  };
}
