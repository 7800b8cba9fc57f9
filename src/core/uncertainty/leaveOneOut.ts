import { runOutputs } from "./outputs";
import type { PreparedMeasure } from "./prepare";

export interface LeaveOneOutRow {
  /** The indicator left out. */
  id: string;
  /** Ids whose weights were set to 0 with it (a sub-dimension or dimension it was the only part of). */
  alsoZeroed: string[];
  /** Need ranks without it (row order). */
  rank: Float64Array;
  /** Mean and largest absolute rank shift against the nominal ranks. */
  meanRankShift: number;
  maxRankShift: number;
  /** Areas entering and leaving the top 10% (decile 1). */
  enteredTop10: number;
  leftTop10: number;
}

/**
 * Leave-one-indicator-out (OECD/JRC Handbook 2008 §6.2, "exclusion of one indicator at a time"):
 * for each indicator with a non-zero weight, its weight set to 0 and the measure recomputed with
 * the nominal settings; the other weights of its group are kept (reweighting is the weighted
 * sum's). When it is its group's only weighted part, that sub-dimension's weight is set to 0 too
 * (and the dimension's, when that empties the dimension). Cost: one prepared run per indicator.
 */
export function leaveOneOut(prepared: PreparedMeasure): LeaveOneOutRow[] {
  const nominal = prepared.nominalRun;
  const res = prepared.nominal;
  const nomRank = res.rank;
  const { codes, labels } = res.groups;
  const pos = new Map(prepared.ids.map((id, j) => [id, j]));
  const out: LeaveOneOutRow[] = [];
  let n = 0;
  for (let i = 0; i < nomRank.length; i++) if (nomRank[i] === nomRank[i]) n++;
  for (const ind of res.indicators) {
    const j = pos.get(ind.id)!;
    if (!(nominal.weights[j] > 0)) continue;
    const w = nominal.weights.slice();
    w[j] = 0;
    const alsoZeroed: string[] = [];
    const zeroIfEmpty = (parentId: string | undefined, childIds: string[]) => {
      if (parentId === undefined) return;
      if (childIds.every((c) => w[pos.get(c)!] === 0)) {
        w[pos.get(parentId)!] = 0;
        alsoZeroed.push(parentId);
      }
    };
    const sub = res.subdimensions.find((s) => s.id === ind.subdimension);
    if (sub) zeroIfEmpty(sub.id, sub.components);
    const dim = res.dimensions.find((d) => d.id === ind.dimension)!;
    zeroIfEmpty(dim.id, dim.components);
    if (res.dimensions.every((d) => w[pos.get(d.id)!] === 0)) continue; // nothing left to rank
    const rank = prepared.rank({ ...nominal, weights: w });
    const o = runOutputs(rank, nomRank, codes, labels.length);
    let max = 0;
    let entered = 0;
    let left = 0;
    for (let i = 0; i < rank.length; i++) {
      if (rank[i] !== rank[i]) continue;
      max = Math.max(max, Math.abs(rank[i] - nomRank[i]));
      const inNow = 10 * rank[i] <= n;
      const inBefore = 10 * nomRank[i] <= n;
      if (inNow && !inBefore) entered++;
      if (inBefore && !inNow) left++;
    }
    out.push({
      id: ind.id,
      alsoZeroed,
      rank,
      meanRankShift: o.rankShift,
      maxRankShift: max,
      enteredTop10: entered,
      leftTop10: left,
    });
  }
  return out;
}
