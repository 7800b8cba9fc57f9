import fc from "fast-check";
import { fixedPointRanks } from "../../src/core/argsort";
import { mapRanked, rankTable, rankTableEntries } from "../../src/core/rankTable";

/** Ascending rank with ties averaged, missing values NaN: the definition, O(N²). */
function averageRanks(v: ArrayLike<number>): number[] {
  const ok = Array.from(v, (x) => Number.isFinite(x));
  return Array.from(v, (x, i) => {
    if (!ok[i]) return NaN;
    let below = 0;
    let equal = 0;
    for (let j = 0; j < v.length; j++) if (ok[j]) v[j] < x ? below++ : v[j] === x && equal++;
    return below + (equal + 1) / 2;
  });
}

describe("rankTable memo", () => {
  test("the same key and N give the same table; f is evaluated at 1, 1.5, …, N", () => {
    const a = rankTable("test|id", 3, (r) => r * 10);
    expect(Array.from(a.subarray(2))).toEqual([10, 15, 20, 25, 30]);
    expect(rankTable("test|id", 3, () => NaN)).toBe(a);
  });

  test("large tables are evicted to stay within 8 M entries (1 M-area builds with varying N)", () => {
    for (let k = 0; k < 12; k++) rankTable(`test|big|${k}`, 1_000_000 - k, (r) => r);
    expect(rankTableEntries()).toBeLessThanOrEqual(8 << 20);
    // still correct after evictions
    const out = mapRanked([3, 1, 2, 2], "test|avg", (r) => r);
    expect(Array.from(out)).toEqual([4, 1, 2.5, 2.5]);
  });
});

describe("mapRanked's fixed-point path (fixedPointRanks)", () => {
  const rankOf = (v: ArrayLike<number>) => {
    const out = new Float64Array(v.length);
    const done = fixedPointRanks(v, out, (m) => rankTable("test|rank", m, (r) => r));
    return { done, out: Array.from(out) };
  };
  test("hand example: exact ties, near-ties sharing a key (one out of order), −0, NaN and ±Infinity", () => {
    const v = [0.5, 1, 0.5 + 1e-12, NaN, 0.5, -0, 0.5 - 1e-12, 0, Infinity, 0.25, -Infinity, 0.5];
    const { done, out } = rankOf(v);
    expect(done).toBe(true);
    // 0 and −0 share 1.5; 0.25 is 3; 0.5 − 1e-12 is 4; the three 0.5 share 6; 0.5 + 1e-12 is 8; 1 is 9
    expect(out).toEqual([6, 9, 8, NaN, 6, 1.5, 4, 1.5, NaN, 3, NaN, 6]);
  });
  test("district-level columns (a few hundred values, nearly all ties) and distinct values", () => {
    const district = Float64Array.from({ length: 30_000 }, (_, i) => Math.round(Math.sin(i % 311) * 1e4) / 100);
    expect(rankOf(district)).toEqual({ done: true, out: averageRanksFast(district) });
    const distinct = Float64Array.from({ length: 30_000 }, (_, i) => ((i * 7919) % 30_011) / 7 + 1e-9 * i);
    expect(rankOf(distinct)).toEqual({ done: true, out: averageRanksFast(distinct) });
  });
  test("not applicable: one value, no range, more than 65,536 values, or a crowded run; mapRanked still exact", () => {
    expect(rankOf([3]).done).toBe(false);
    expect(rankOf([2, 2, NaN]).done).toBe(false);
    expect(rankOf(new Float64Array(70_000).map((_, i) => i % 977)).done).toBe(false);
    // 200 distinct values squeezed into one key by an outlier: given up, and the marks cleared
    const crowded = [...Array.from({ length: 200 }, (_, i) => ((i * 61) % 200) / 200), 1e12];
    expect(rankOf(crowded).done).toBe(false);
    expect(Array.from(mapRanked(crowded, "test|rank", (r) => r))).toEqual(averageRanks(crowded));
    const after = [1, 2, 3, 4, 5, 6];
    expect(rankOf(after)).toEqual({ done: true, out: [1, 2, 3, 4, 5, 6] });
  });
  test("columns of runs (district-level data in area order): ranked from the runs, missing values and equal runs apart", () => {
    // 40 runs of 25 areas (> 8 values a run): a value recurring in runs far apart, −0 beside 0, NaN inside runs
    const runs = Array.from({ length: 40 }, (_, k) => [0.3, -0, 0, 7, 0.3, 2.5, -1, 7][k % 8] + Math.floor(k / 8));
    const v = runs.flatMap((x) => Array.from({ length: 25 }, () => x));
    v[30] = NaN;
    v[31] = Infinity;
    v[999] = NaN;
    expect(rankOf(v)).toEqual({ done: true, out: averageRanks(v) });
    // so many missing values break the runs that there are more runs than an eighth: the sort way, still exact
    const broken = v.map((x, i) => (i % 7 === 3 ? NaN : x));
    expect(rankOf(broken)).toEqual({ done: true, out: averageRanks(broken) });
  });
  test("property: equals the averaged-rank definition on columns of runs", () => {
    const run = fc.tuple(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(NaN)), fc.integer({ min: 1, max: 60 }));
    fc.assert(
      fc.property(fc.array(run, { minLength: 1, maxLength: 30 }), (rs) => {
        const xs = rs.flatMap(([x, len]) => Array.from({ length: len }, () => x));
        expect(Array.from(mapRanked(xs, "test|rank", (r) => r))).toEqual(averageRanks(xs));
      }),
      { numRuns: 300 },
    );
  });
  test("property: equals the averaged-rank definition (ties, near-ties, missing values)", () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 6 }),
      fc.double({ min: -1, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 4 }).map((k) => 0.5 + k * 1e-13),
      fc.constant(NaN),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), (xs) => {
        expect(Array.from(mapRanked(xs, "test|rank", (r) => r))).toEqual(averageRanks(xs));
      }),
      { numRuns: 300 },
    );
  });
});

/** averageRanks by sorting (for long columns). */
function averageRanksFast(v: ArrayLike<number>): number[] {
  const idx = Array.from(v, (_, i) => i).sort((a, b) => v[a] - v[b]);
  const out = new Array<number>(v.length);
  for (let s = 0; s < idx.length;) {
    let e = s + 1;
    while (e < idx.length && v[idx[e]] === v[idx[s]]) e++;
    for (let t = s; t < e; t++) out[idx[t]] = (s + 1 + e) / 2;
    s = e;
  }
  return out;
}
