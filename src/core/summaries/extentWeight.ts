/**
 * IoD extent weight of an area in national need percentile p (1 = the 1% of areas in most need,
 * p = ceil(100 · needRank / N), see `percentile` in ../decile):
 *
 *   w(p) = 1                          for p ≤ 10   (the most deprived 10%)
 *   w(p) = 0.95 − 0.9 · (p − 11) / 19  for 11 ≤ p ≤ 30   (a straight line, 0.95 at p = 11 to 0.05 at p = 30)
 *   w(p) = 0                          for p > 30
 *
 * computed as (559 − 18p) / 380 so the end points are exact. Source: English Indices of Deprivation
 * 2019 Technical report and Research report (MHCLG), the LA summary measures (extent: the population in the
 * most deprived 30%, weighted 1 in the most deprived 10% and on a sliding scale from 0.95 to 0.05
 * over the 11th to 30th percentiles). Against IoD 2025 File 10 (296 districts, Census 2021
 * populations) this rule gives mean |error| 0.00087, max 0.0071 (Manchester); the alternative
 * (31 − p)/21 gives 0.00086 / 0.0073; (30 − p)/20 gives 0.0041 / 0.021; a least-squares fit of a
 * free weight per percentile finds 0.948 … 0.051, i.e. this line (docs/method.md, "LA summaries").
 * Domain: p a positive integer (NaN → NaN). O(1).
 */
export function extentWeight(p: number): number {
  if (p !== p) return NaN;
  if (p <= 10) return 1;
  if (p <= 30) return (559 - 18 * p) / 380;
  return 0;
}
