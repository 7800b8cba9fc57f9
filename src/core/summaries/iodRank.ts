/**
 * The IoD's rank direction for averaging: most deprived (need rank 1) = N, least deprived = 1,
 *
 *   iodRank = N + 1 − needRank.
 *
 * File 10's "average rank" and "local concentration" average ranks in this direction, so a larger
 * value means more need. Domain: needRank in 1..N (NaN → NaN). O(1).
 */
export function iodRank(needRank: number, n: number): number {
  return n + 1 - needRank;
}
