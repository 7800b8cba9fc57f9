import { assertSameLength } from "./errors";
import { groupCount } from "./groupIndex";
import { lazyProperty } from "./lazy";

/**
 * Row status codes of {@link shrink}. OK and the two informational codes (SINGLE_AREA,
 * HOMOGENEOUS) carry a value; every other code leaves the row's value NaN, so a bad count never
 * silently becomes a number — adapters turn the code into a per-row Excel error.
 */
export const SHRINK_STATUS = {
  OK: 0,
  MISSING: 1,
  NEGATIVE: 2,
  R_GT_N: 3,
  N_ZERO: 4,
  NO_GROUP: 5,
  EXCLUDED: 6,
  SINGLE_AREA: 7,
  HOMOGENEOUS: 8,
} as const;

export const SHRINK_STATUS_MESSAGE: Record<number, string> = {
  0: "ok",
  1: "numerator or denominator is missing",
  2: "negative count",
  3: "numerator is greater than denominator",
  4: "denominator is zero",
  5: "no district (group) given",
  6: "area excluded from the measure",
  7: "only valid area in its district: not shrunk (w = 1)",
  8: "district has no between-area variance (t² = 0): shrunk fully to the district (w = 0)",
};

/**
 * Step 4's columns, in input row order, read-only. districtLogit, t2, weight and shrunkLogit are
 * formed on first use (a build needs only `value`; the sheets show the rest), from the call's own
 * arrays, so they are the same numbers whenever they are read.
 */
export interface ShrinkResult {
  /** Shrunk proportion z_j = antilogit(m*_j). */
  value: Float64Array;
  /** Empirical logit m_j = ln((r+0.5)/(n−r+0.5)). */
  logit: Float64Array;
  /** Sampling variance s_j² = (n+1)(n+2) / (n(r+1)(n−r+1)). */
  s2: Float64Array;
  /** District logit M from the district's total counts. */
  districtLogit: Float64Array;
  /** Between-area variance t² = Σ(m_j − M)² / (k − 1) of the row's district. */
  t2: Float64Array;
  /** Weight w_j = (1/s_j²) / (1/s_j² + 1/t²) given to the area's own data. */
  weight: Float64Array;
  /** Shrunk logit m*_j = w_j m_j + (1 − w_j) M. */
  shrunkLogit: Float64Array;
  /** One of SHRINK_STATUS per row. */
  status: Uint8Array;
}

export interface ShrinkOptions {
  /** Non-zero marks rows left out entirely (status EXCLUDED; not in district totals). */
  exclude?: ArrayLike<number>;
}

/**
 * Step 4 / Appendix B: empirical-Bayes shrinkage of area proportions r/n towards their district.
 * `groups` are integer district codes (see groupIndex); a negative code means "no district".
 * Fractional counts are accepted (e.g. apportioned numerators). Rows with a missing, negative or
 * inconsistent count (r > n, n = 0) get a status code and NaN, and are left out of the district
 * totals, k and t². A district with one valid area is not shrunk (w = 1); a district whose areas
 * all share one logit has t² = 0 and w = 0 (its areas equal the district rate anyway).
 */
export function shrink(
  r: ArrayLike<number>,
  n: ArrayLike<number>,
  groups: ArrayLike<number>,
  options: ShrinkOptions = {},
): ShrinkResult {
  assertSameLength([r, n, groups], ["numerators", "denominators", "groups"]);
  const len = r.length;
  const exclude = options.exclude;
  if (exclude) assertSameLength([r, exclude], ["numerators", "exclude"]);
  const status = new Uint8Array(len);
  const logit = new Float64Array(len);
  const s2 = new Float64Array(len);
  const g = groupCount(groups);
  const sumR = new Float64Array(g);
  const sumN = new Float64Array(g);
  const k = new Float64Array(g);

  for (let i = 0; i < len; i++) {
    const ri = r[i];
    const ni = n[i];
    const gi = groups[i];
    let st: number = SHRINK_STATUS.OK;
    if (exclude && exclude[i]) st = SHRINK_STATUS.EXCLUDED;
    else if (!Number.isFinite(ri) || !Number.isFinite(ni)) st = SHRINK_STATUS.MISSING;
    else if (ri < 0 || ni < 0) st = SHRINK_STATUS.NEGATIVE;
    else if (ni === 0) st = SHRINK_STATUS.N_ZERO;
    else if (ri > ni) st = SHRINK_STATUS.R_GT_N;
    else if (!(gi >= 0) || !Number.isInteger(gi)) st = SHRINK_STATUS.NO_GROUP;
    status[i] = st;
    if (st !== SHRINK_STATUS.OK) {
      logit[i] = NaN;
      s2[i] = NaN;
      continue;
    }
    logit[i] = Math.log((ri + 0.5) / (ni - ri + 0.5));
    s2[i] = ((ni + 1) * (ni + 2)) / (ni * (ri + 1) * (ni - ri + 1));
    sumR[gi] += ri;
    sumN[gi] += ni;
    k[gi] += 1;
  }

  const M = new Float64Array(g);
  for (let j = 0; j < g; j++) M[j] = Math.log((sumR[j] + 0.5) / (sumN[j] - sumR[j] + 0.5));
  const ss = new Float64Array(g);
  for (let i = 0; i < len; i++) {
    if (status[i] !== SHRINK_STATUS.OK) continue;
    const d = logit[i] - M[groups[i]];
    ss[groups[i]] += d * d;
  }
  const T2 = new Float64Array(g);
  for (let j = 0; j < g; j++) T2[j] = k[j] > 1 ? ss[j] / (k[j] - 1) : NaN;

  const value = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    if (status[i] !== SHRINK_STATUS.OK) {
      value[i] = NaN;
      continue;
    }
    const gi = groups[i];
    if (k[gi] < 2) status[i] = SHRINK_STATUS.SINGLE_AREA;
    else if (T2[gi] === 0) status[i] = SHRINK_STATUS.HOMOGENEOUS;
    const w = areaWeight(status[i], s2[i], T2[gi]);
    value[i] = 1 / (1 + Math.exp(-(w * logit[i] + (1 - w) * M[gi])));
  }
  // the per-area audit columns only the sheets show: formed on first use, from this call's own
  // arrays (the group codes copied, so a caller's later change cannot reach them)
  const codes = groups instanceof Int32Array ? groups.slice() : Int32Array.from(groups);
  const column = (f: (i: number, g: number) => number) => () => {
    const out = new Float64Array(len);
    for (let i = 0; i < len; i++) out[i] = shrinkStatusHasValue(status[i]) ? f(i, codes[i]) : NaN;
    return out;
  };
  const weightOf = (i: number, gi: number) => areaWeight(status[i], s2[i], T2[gi]);
  return lazyColumns(
    { value, logit, s2, status },
    {
      districtLogit: column((_, gi) => M[gi]),
      t2: column((_, gi) => T2[gi]),
      weight: column(weightOf),
      shrunkLogit: column((i, gi) => {
        const w = weightOf(i, gi);
        return w * logit[i] + (1 - w) * M[gi];
      }),
    },
  );
}

/** w_j = (1/s_j²) / (1/s_j² + 1/t²) for an OK row; 1 for a district's only area, 0 for t² = 0. */
function areaWeight(status: number, s2: number, t2: number): number {
  if (status === SHRINK_STATUS.SINGLE_AREA) return 1;
  if (status === SHRINK_STATUS.HOMOGENEOUS) return 0;
  const p = 1 / s2;
  return p / (p + 1 / t2);
}

type LazyShrinkColumn = "districtLogit" | "t2" | "weight" | "shrunkLogit";

/** The result with the lazy columns formed on first read (lazyProperty). */
function lazyColumns(
  eager: Omit<ShrinkResult, LazyShrinkColumn>,
  lazy: Record<LazyShrinkColumn, () => Float64Array>,
): ShrinkResult {
  const out = eager as ShrinkResult;
  for (const name of Object.keys(lazy) as LazyShrinkColumn[]) lazyProperty(out, name, lazy[name]);
  return out;
}

/** True when a shrink status carries a value (OK, SINGLE_AREA, HOMOGENEOUS). */
export function shrinkStatusHasValue(code: number): boolean {
  return code === SHRINK_STATUS.OK || code === SHRINK_STATUS.SINGLE_AREA || code === SHRINK_STATUS.HOMOGENEOUS;
}
