import { HlnError, assertSameLength } from "./errors";
import { needRank } from "./needRank";
import { countFinite } from "./rank";

/** How a column measures need: a score (higher = more need) or a rank (1 = most need). */
export type NeedDirection = "score" | "rank";
export const NEED_DIRECTIONS: readonly NeedDirection[] = ["score", "rank"];
/** The most-need share of each index (the published 'left-behind' method: the worst 10% of both). */
export const DEFAULT_DUAL_SHARE = 0.1;

export interface DualOptions {
  shareA?: number;
  shareB?: number;
  directionA?: NeedDirection;
  directionB?: NeedDirection;
}

export interface DualResult {
  /** 1 = in the most-need share of both, 0 = not, NaN = missing in either index. */
  flag: Float64Array;
  /** Need ranks (1 = most need; ties share the best rank, like RANK.EQ); NaN where missing. */
  rankA: Float64Array;
  rankB: Float64Array;
  /** Areas ranked in each index (N: the missing are not counted). */
  nA: number;
  nB: number;
  /** Largest rank selected in each: share × N (an area is in the share when its rank ≤ this). */
  thresholdA: number;
  thresholdB: number;
}

/** The need rank of a column: a score ranked high-to-low, a rank re-ranked low-to-high (so ties and gaps follow RANK.EQ). */
export function needRankOf(values: ArrayLike<number>, direction: NeedDirection): Float64Array {
  if (direction === "score") return needRank(values);
  return needRank(Float64Array.from(values as ArrayLike<number>, (v) => -v));
}

function checkShare(share: number, name: string): number {
  if (!(share > 0 && share <= 1))
    throw new HlnError("BAD_SHARE", `${name} must be a share above 0 and at most 1 (0.1 = 10%), got ${share}`);
  return share;
}

function checkDirection(d: unknown, name: string): NeedDirection {
  if (d !== "score" && d !== "rank")
    throw new HlnError(
      "BAD_DIRECTION",
      `${name} must be "score" (higher = more need) or "rank" (1 = most need), got ${JSON.stringify(d)}`,
    );
  return d;
}

/**
 * Dual disadvantage (seeds 002–004: OCSI's 'left-behind' areas, in the worst 10% on both the Community
 * Needs Index and the IMD): an area is flagged when its need rank in index A is at most shareA × N_A and
 * its need rank in index B at most shareB × N_B.
 *
 * Threshold rule: rank ≤ share × N is the IoD's decile rule (decile = ⌈10 · rank / N⌉), so at 10% it
 * selects exactly the published decile 1 — 3,375 of England's 33,755 LSOAs. Ties share the best rank
 * (RANK.EQ), so areas tied across the threshold are all in when their shared rank is: the count can pass
 * share × N by the size of that tie. Missing values are not ranked, not counted in N, and flag blank.
 *
 * Domain: equal lengths; shares in (0, 1]. Cost: two sorts, O(N log N).
 */
export function dualFlag(a: ArrayLike<number>, b: ArrayLike<number>, options: DualOptions = {}): DualResult {
  assertSameLength([a, b], ["index A", "index B"]);
  const shareA = checkShare(options.shareA ?? DEFAULT_DUAL_SHARE, "shareA");
  const shareB = checkShare(options.shareB ?? DEFAULT_DUAL_SHARE, "shareB");
  const rankA = needRankOf(a, checkDirection(options.directionA ?? "score", "directionA"));
  const rankB = needRankOf(b, checkDirection(options.directionB ?? "score", "directionB"));
  const nA = countFinite(rankA);
  const nB = countFinite(rankB);
  const thresholdA = shareA * nA;
  const thresholdB = shareB * nB;
  const flag = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const ra = rankA[i];
    const rb = rankB[i];
    flag[i] = Number.isFinite(ra) && Number.isFinite(rb) ? (ra <= thresholdA && rb <= thresholdB ? 1 : 0) : NaN;
  }
  return { flag, rankA, rankB, nA, nB, thresholdA, thresholdB };
}
