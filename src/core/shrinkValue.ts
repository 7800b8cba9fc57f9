import { assertSameLength } from "./errors";
import { groupCount } from "./groupIndex";
import { SHRINK_STATUS, ShrinkResult } from "./shrink";

/**
 * Step 4 for indicators that are not proportions (means, modelled rates) but come with a standard
 * error: the same precision-weighted shrinkage as Appendix B on the original scale.
 * M = mean of the district's valid values, t² = Σ(x_j − M)²/(k − 1),
 * w_j = (1/se_j²)/(1/se_j² + 1/t²), x*_j = w_j x_j + (1 − w_j) M.
 * Value indicators without a standard error are not shrunk (the paper gives no method for them);
 * the measure spec records that as `shrink: false`. Result fields follow {@link ShrinkResult}
 * (logit = the raw value, s2 = se², districtLogit = M).
 */
export function shrinkValue(
  values: ArrayLike<number>,
  se: ArrayLike<number>,
  groups: ArrayLike<number>,
  options: { exclude?: ArrayLike<number> } = {},
): ShrinkResult {
  assertSameLength([values, se, groups], ["values", "standard errors", "groups"]);
  const len = values.length;
  const status = new Uint8Array(len);
  const g = groupCount(groups);
  const sum = new Float64Array(g);
  const k = new Float64Array(g);
  for (let i = 0; i < len; i++) {
    const x = values[i];
    const e = se[i];
    const gi = groups[i];
    let st: number = SHRINK_STATUS.OK;
    if (options.exclude && options.exclude[i]) st = SHRINK_STATUS.EXCLUDED;
    else if (!Number.isFinite(x) || !Number.isFinite(e)) st = SHRINK_STATUS.MISSING;
    else if (e < 0) st = SHRINK_STATUS.NEGATIVE;
    else if (!(gi >= 0) || !Number.isInteger(gi)) st = SHRINK_STATUS.NO_GROUP;
    status[i] = st;
    if (st === SHRINK_STATUS.OK) {
      sum[gi] += x;
      k[gi] += 1;
    }
  }
  const M = new Float64Array(g);
  for (let j = 0; j < g; j++) M[j] = k[j] > 0 ? sum[j] / k[j] : NaN;
  const ss = new Float64Array(g);
  for (let i = 0; i < len; i++) {
    if (status[i] !== SHRINK_STATUS.OK) continue;
    const d = values[i] - M[groups[i]];
    ss[groups[i]] += d * d;
  }
  const out: ShrinkResult = {
    value: new Float64Array(len),
    logit: new Float64Array(len),
    s2: new Float64Array(len),
    districtLogit: new Float64Array(len),
    t2: new Float64Array(len),
    weight: new Float64Array(len),
    shrunkLogit: new Float64Array(len),
    status,
  };
  for (let i = 0; i < len; i++) {
    if (status[i] !== SHRINK_STATUS.OK) {
      out.value[i] = out.logit[i] = out.s2[i] = out.districtLogit[i] = NaN;
      out.t2[i] = out.weight[i] = out.shrunkLogit[i] = NaN;
      continue;
    }
    const gi = groups[i];
    const tt = k[gi] > 1 ? ss[gi] / (k[gi] - 1) : NaN;
    const e2 = se[i] * se[i];
    let w: number;
    if (k[gi] < 2) {
      w = 1;
      status[i] = SHRINK_STATUS.SINGLE_AREA;
    } else if (tt === 0) {
      w = 0;
      status[i] = SHRINK_STATUS.HOMOGENEOUS;
    } else if (e2 === 0) {
      w = 1; // an exact value needs no borrowing
    } else {
      const p = 1 / e2;
      w = p / (p + 1 / tt);
    }
    const x = w * values[i] + (1 - w) * M[gi];
    out.logit[i] = values[i];
    out.s2[i] = e2;
    out.districtLogit[i] = M[gi];
    out.t2[i] = tt;
    out.weight[i] = w;
    out.shrunkLogit[i] = x;
    out.value[i] = x;
  }
  return out;
}
