import fc from "fast-check";
import { districtSummary } from "../../src/core/districtSummary";
import { needRank } from "../../src/core/needRank";
import { areaSummary } from "../../src/core/summaries/areaSummary";
import { extentWeight } from "../../src/core/summaries/extentWeight";
import { iodRank } from "../../src/core/summaries/iodRank";

describe("districtSummary (IoD File 10 definitions)", () => {
  // scores 10..1 → need ranks 1..10 (N = 10), IoD ranks 10..1; district 0 holds need ranks 1,3,5,7,9
  // and district 1 need ranks 2,4,…,10
  const scores = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
  const groups = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1];
  const pop = Array(10).fill(100);
  const s = districtSummary(scores, groups, pop);

  test("hand-worked average score, average rank (most deprived = N) and area shares", () => {
    expect(Array.from(s.areas)).toEqual([5, 5]);
    expect(Array.from(s.population)).toEqual([500, 500]);
    expect(Array.from(s.score)).toEqual([6, 5]);
    // IoD ranks 10, 8, 6, 4, 2 → 6; and 9, 7, 5, 3, 1 → 5: larger = more deprived
    expect(Array.from(s.rank)).toEqual([6, 5]);
    expect(Array.from(s.top10)).toEqual([0.2, 0]);
    expect(Array.from(s.top20)).toEqual([0.2, 0.2]);
    expect(s.problems).toEqual([]);
    expect(s.n).toBe(10);
  });

  test("extent: percentile p = ceil(100 · rank / N) = 10 · rank here", () => {
    // district 0: rank 1 (p 10, w 1) and rank 3 (p 30, w 0.05) → 1.05/5; district 1: rank 2 (p 20)
    expect(s.extent[0]).toBeCloseTo(1.05 / 5, 14);
    expect(s.extent[1]).toBeCloseTo((0.95 - (0.9 * 9) / 19) / 5, 14);
  });

  test("local concentration: neediest areas holding 10% of the people, in IoD ranks", () => {
    // 10% of 500 = 50 people, all from each district's neediest area (IoD rank 10 and 9)
    expect(Array.from(s.concentration)).toEqual([10, 9]);
  });

  test("local concentration counts the last area in part", () => {
    // one district: need rank 1 with 5 people, need rank 3 with 95 (N = 3): 10 people =
    // 5 × IoD rank 3 + 5 × IoD rank 1 → 2
    const c = districtSummary([9, 8, 7], [0, 1, 0], [5, 50, 95]);
    expect(c.concentration[0]).toBeCloseTo(2, 14);
    // district 1 has one area: its own IoD rank
    expect(c.concentration[1]).toBe(2);
  });

  test("ranks of the groups: 1 = most need, ties share the best rank (File 10)", () => {
    expect(Array.from(s.ranks.score)).toEqual([1, 2]);
    expect(Array.from(s.ranks.rank)).toEqual([1, 2]);
    expect(Array.from(s.ranks.concentration)).toEqual([1, 2]);
    expect(Array.from(s.ranks.extent)).toEqual([1, 2]); // 0.21 vs 0.105
    expect(Array.from(s.ranks.top20)).toEqual([1, 1]);
    // three districts, two with no area in the top 10%: both rank 2
    const t = districtSummary(scores, [0, 1, 2, 1, 1, 1, 1, 1, 1, 1]);
    expect(Array.from(t.top10)).toEqual([1, 0, 0]);
    expect(Array.from(t.ranks.top10)).toEqual([1, 2, 2]);
  });

  test("tied area scores share the best need rank, as in the national ranking", () => {
    // need ranks 1, 1, 3 (N = 3) → IoD ranks 3, 3, 1
    const t = districtSummary([5, 5, 1], [0, 0, 1]);
    expect(Array.from(t.rank)).toEqual([3, 1]);
    expect(Array.from(t.top10)).toEqual([0, 0]); // ceil(10 · 1 / 3) = 4
  });

  test("without populations every area counts once; a missing score is reported, not counted", () => {
    const c = districtSummary([3, NaN, 1], [0, 0, 0]);
    expect(c.areas[0]).toBe(2);
    expect(c.score[0]).toBe(2);
    expect(c.problems).toEqual([{ code: "NO_SCORE", row: 1, message: "row 2: no score; left out" }]);
  });
});

describe("extentWeight: step boundaries", () => {
  test("p = 10 → 1, 11 → 0.95, 30 → 0.05, 31 → 0, a straight line between", () => {
    expect(extentWeight(1)).toBe(1);
    expect(extentWeight(10)).toBe(1);
    expect(extentWeight(11)).toBe(0.95);
    expect(extentWeight(30)).toBe(0.05);
    expect(extentWeight(31)).toBe(0);
    expect(extentWeight(100)).toBe(0);
    expect(extentWeight(NaN)).toBeNaN();
    for (let p = 11; p < 30; p++) expect(extentWeight(p) - extentWeight(p + 1)).toBeCloseTo(0.9 / 19, 14);
  });

  test("in a summary: need ranks at percentiles 10, 11, 30 and 31 of N = 100", () => {
    // four areas of 1 person each in four groups; other 96 areas in group 4
    const scores = Array.from({ length: 100 }, (_, i) => 100 - i); // need rank = i + 1
    const groups = scores.map((_, i) => (i === 9 ? 0 : i === 10 ? 1 : i === 29 ? 2 : i === 30 ? 3 : 4));
    const e = areaSummary(scores, groups).extent;
    expect(Array.from(e.slice(0, 4))).toEqual([1, 0.95, 0.05, 0]);
  });

  test("iodRank: most deprived = N", () => {
    expect(iodRank(1, 33755)).toBe(33755);
    expect(iodRank(33755, 33755)).toBe(1);
  });
});

describe("areaSummary: bad input is reported, never a silent 0", () => {
  test("no group, missing or negative population: the row is named and left out", () => {
    const s = areaSummary([4, 3, 2, 1, 0], [0, -1, 0, 0, 1], [10, 10, NaN, -5, 10]);
    expect(s.problems.map((p) => [p.code, p.row])).toEqual([
      ["NO_GROUP", 1],
      ["MISSING_POPULATION", 2],
      ["NEGATIVE_POPULATION", 3],
    ]);
    expect(s.problems[2].message).toBe("row 4: negative population (-5); left out");
    expect(Array.from(s.areas)).toEqual([1, 1]);
    expect(Array.from(s.population)).toEqual([10, 10]);
    // national ranks still count all 5 scored areas (N = 5)
    expect(s.n).toBe(5);
    expect(Array.from(s.rank)).toEqual([5, 1]);
  });

  test("a group with zero total population gets NaN measures and a ZERO_POPULATION problem", () => {
    const s = areaSummary([2, 1, 3], [0, 1, 1], [0, 10, 10]);
    expect(s.score[0]).toBeNaN();
    expect(s.rank[0]).toBeNaN();
    expect(s.extent[0]).toBeNaN();
    expect(s.concentration[0]).toBeNaN();
    expect(s.ranks.score[0]).toBeNaN();
    expect(s.top10[0]).toBe(0); // area shares need no people
    expect(s.problems).toEqual([
      { code: "ZERO_POPULATION", group: 0, message: "group 1: group has no scored areas with people" },
    ]);
    expect(s.ranks.score[1]).toBe(1);
  });

  test("any grouping: coarser groups are population-weighted means of finer ones (score, rank, extent)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.integer({ min: 0, max: 5 }), fc.nat(50)), {
          minLength: 1,
          maxLength: 60,
        }),
        (rows) => {
          const sc = rows.map((r) => r[0]);
          const fine = rows.map((r) => r[1]);
          const coarse = fine.map((g) => (g < 3 ? 0 : 1));
          const pp = rows.map((r) => r[2] + 1);
          const a = areaSummary(sc, fine, pp);
          const b = areaSummary(sc, coarse, pp);
          for (const m of ["score", "rank", "extent"] as const) {
            for (const c of [0, 1]) {
              let num = 0;
              let den = 0;
              for (let g = 0; g < a.areas.length; g++) {
                if ((g < 3 ? 0 : 1) !== c || !(a.population[g] > 0)) continue;
                num += a[m][g] * a.population[g];
                den += a.population[g];
              }
              if (den > 0) expect(b[m][c]).toBeCloseTo(num / den, 9);
            }
          }
          // every rank of every group is in 1..G, and the group with the largest value ranks 1
          const r = needRank(b.score);
          expect(Array.from(b.ranks.score)).toEqual(Array.from(r));
        },
      ),
      { numRuns: 200 },
    );
  });

  test("local concentration lies between the group's least and most deprived IoD rank", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 3 }), fc.nat(20)), {
          minLength: 1,
          maxLength: 40,
        }),
        (rows) => {
          const sc = rows.map((r) => r[0]);
          const gs = rows.map((r) => r[1]);
          const s = areaSummary(
            sc,
            gs,
            rows.map((r) => r[2]),
          );
          const nr = needRank(sc);
          for (let g = 0; g < s.areas.length; g++) {
            const mine = rows.flatMap((r, i) => (gs[i] === g && r[2] > 0 ? [iodRank(nr[i], s.n)] : []));
            if (!mine.length) continue;
            expect(s.concentration[g]).toBeLessThanOrEqual(Math.max(...mine) + 1e-9);
            expect(s.concentration[g]).toBeGreaterThanOrEqual(Math.min(...mine) - 1e-9);
            expect(s.concentration[g]).toBeGreaterThanOrEqual(s.rank[g] - 1e-9);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
