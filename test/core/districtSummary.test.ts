import { districtSummary } from "../../src/core/districtSummary";

describe("districtSummary (IoD-style LA summaries)", () => {
  // scores 10..1 → need ranks 1..10 (N = 10); district 0 holds ranks 1,3,5,7,9 and district 1 ranks 2,4,…,10
  const scores = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
  const groups = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1];
  const pop = Array(10).fill(100);
  const s = districtSummary(scores, groups, pop);

  test("hand-worked averages, extent, concentration and top-10%/20% shares", () => {
    expect(Array.from(s.areas)).toEqual([5, 5]);
    expect(Array.from(s.population)).toEqual([500, 500]);
    expect(Array.from(s.score)).toEqual([6, 5]);
    expect(Array.from(s.rank)).toEqual([5, 6]);
    // extent: rank 1 (top 10%) weight 1; rank 2 (20th percentile) weight (0.3 − 0.2)/0.2 = 0.5
    expect(s.extent[0]).toBeCloseTo(0.2, 14);
    expect(s.extent[1]).toBeCloseTo(0.1, 14);
    expect(Array.from(s.concentration)).toEqual([1, 2]);
    expect(Array.from(s.top10)).toEqual([0.2, 0]);
    expect(Array.from(s.top20)).toEqual([0.2, 0.2]);
  });

  test("local concentration takes a partial area to make exactly 10% of the population", () => {
    // district of two areas: rank 1 with 5 people, rank 3 with 95 → 5 × 1 + 5 × 3 over 10 people
    const c = districtSummary([9, 8, 7], [0, 1, 0], [5, 50, 95]);
    expect(c.concentration[0]).toBeCloseTo(2, 14);
  });

  test("without populations every area counts once; missing scores are left out", () => {
    const c = districtSummary([3, NaN, 1], [0, 0, 0]);
    expect(c.areas[0]).toBe(2);
    expect(c.score[0]).toBe(2);
  });
});
