/**
 * Issue 17: dual disadvantage. The rule by hand, ties at the threshold, bad inputs (core and HLN.DUAL), and
 * on the bundled data (HLN × IMD 2025 at 10% / 10%) the LSOA count, the per-LA counts and the ward flags
 * against independent counts.
 */
import { buildMeasure } from "../../src/core/buildMeasure";
import { dualCounts } from "../../src/core/dualCounts";
import { dualFlag, needRankOf } from "../../src/core/dualFlag";
import { groupDual } from "../../src/core/groupDual";
import { groupIndex } from "../../src/core/groupIndex";
import { hlnSpec } from "../../src/core/specs";
import { toMeasureData, type Bundle } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import * as F from "../../src/functions/functions";
import { isExcelError } from "../../src/functions/errors";

const col = (xs: unknown[]) => xs.map((x) => [x]);
const flat = (m: unknown[][]) => m.map((r) => r[0]);

test("by hand: the worst 40% of a score and of a rank; blanks not ranked and not counted", () => {
  // scores (higher = more need) and ranks (1 = most need) of 6 areas; area 5 has no score
  const a = [10, 9, 8, 7, NaN, 1];
  const b = [1, 5, 2, 3, 4, 6];
  const r = dualFlag(a, b, { shareA: 0.4, shareB: 0.4, directionB: "rank" });
  expect(Array.from(r.rankA)).toEqual([1, 2, 3, 4, NaN, 5]);
  expect(r.nA).toBe(5);
  expect(r.thresholdA).toBeCloseTo(2); // 0.4 × 5
  expect(r.thresholdB).toBeCloseTo(2.4); // 0.4 × 6
  // A: ranks ≤ 2 → areas 0, 1; B: ranks ≤ 2.4 → areas 0, 2
  expect(Array.from(r.flag)).toEqual([1, 0, 0, 0, NaN, 0]);
});

test("at 10% the rule selects exactly decile 1 (⌈10·rank/N⌉ = 1); ties at the threshold are all in", () => {
  const n = 33_755;
  const ranks = Float64Array.from({ length: n }, (_, i) => i + 1);
  const r = dualFlag(ranks, ranks, { directionA: "rank", directionB: "rank" });
  const dec1 = ranks.filter((x) => Math.ceil((10 * x) / n) === 1).length;
  expect(dec1).toBe(3375);
  expect(r.flag.reduce((s, x) => s + x, 0)).toBe(3375);
  // a tie across the threshold (N = 10, 20%: threshold 2): values 5, 4, 4, 4, … → the three 4s share rank 2
  const t = dualFlag([5, 4, 4, 4, 3, 2, 1, 0, -1, -2], new Array(10).fill(1), { shareA: 0.2, shareB: 1 });
  expect(Array.from(t.rankA.slice(0, 4))).toEqual([1, 2, 2, 2]);
  expect(t.flag.reduce((s, x) => s + x, 0)).toBe(4); // 2 × the share, by the size of the tie
  expect(Array.from(needRankOf([3, 1, 1, 2], "rank"))).toEqual([4, 1, 1, 3]);
});

test("bad inputs: specific messages (core and HLN.DUAL)", () => {
  expect(() => dualFlag([1, 2], [1])).toThrow(/index B has 1 rows but index A has 2/);
  expect(() => dualFlag([1], [1], { shareA: 0 })).toThrow(/shareA must be a share above 0 and at most 1/);
  expect(() => dualFlag([1], [1], { shareB: 1.5 })).toThrow(/shareB must be .* got 1.5/);
  expect(() => dualFlag([1], [1], { directionA: "up" as never })).toThrow(/directionA must be "score"/);
  const callError = (run: () => unknown) => {
    try {
      run();
    } catch (e) {
      expect(isExcelError(e)).toBe(true);
      return e as { code: string; message?: string };
    }
    throw new Error("expected an Excel error");
  };
  expect(callError(() => F.hlnDual(col([1, 2]), col([1]))).message).toMatch(/indexA has 2 rows but indexB has 1/);
  expect(callError(() => F.hlnDual(col([1]), col([1]), 2))).toMatchObject({ code: "#VALUE!" });
  expect(callError(() => F.hlnDual(col([1]), col([1]), 2)).message).toMatch(/shareA must be a share above 0/);
  expect(callError(() => F.hlnDual(col([1]), col([1]), 0.1, -1)).message).toMatch(/shareB must be/);
  expect(callError(() => F.hlnDual(col([1]), col([1]), 0.1, 0.1, "up")).message).toMatch(
    /Unknown directionA "up": use "score" or "rank"/,
  );
  expect(callError(() => F.hlnDual(col([1]), col([1]), 0.1, 0.1, "score", 3 as never)).message).toMatch(/directionB/);
  const out = flat(
    F.hlnDual(col([10, "abc", null, 7, 6]), col([1, 2, 3, { code: "#N/A" }, 5]), 0.5, 1, "score", "rank"),
  );
  expect(out[0]).toBe(1);
  expect(out[1]).toMatchObject({ code: "#VALUE!", message: 'indexA: text "abc" is not a number' });
  expect(out[2]).toBe("");
  expect(out[3]).toMatchObject({ code: "#N/A", message: expect.stringMatching(/indexB: error value #N\/A/) });
  // ranked areas: A = {10, 6} (N = 2), B = {1, 2, 3, 5} → 10 is rank 1 ≤ 1, 6 is rank 2 > 1
  expect(out[4]).toBe(0);
});

describe("bundled data: HLN × IMD 2025 at 10% / 10%", () => {
  let bundle: Bundle;
  let score: Float64Array;
  beforeAll(() => {
    bundle = loadBundleFromDir();
    score = buildMeasure(hlnSpec, toMeasureData(bundle)).score;
  });

  test("the IMD 2025 is bundled as published: rank 1..33,755 and decile = ⌈10·rank/N⌉, decile 1 = 3,375", () => {
    const rank = bundle.columns.imd_rank;
    const dec = bundle.columns.imd_decile;
    expect([...rank].sort((x, y) => x - y)).toEqual(Array.from({ length: 33_755 }, (_, i) => i + 1));
    for (let i = 0; i < bundle.n; i++) expect(dec[i]).toBe(Math.ceil((10 * rank[i]) / 33_755));
    expect(dec.filter((d) => d === 1).length).toBe(3375);
    for (const id of ["income", "employment", "education", "health", "crime", "housing", "environment"])
      expect(bundle.columns[`imd_${id}_rank`].filter((x) => x >= 1 && x <= 33_755).length).toBe(33_755);
  });

  test("LSOAs flagged, per-LA counts and quadrants equal an independent count", () => {
    const r = dualFlag(score, bundle.columns.imd_rank, { directionB: "rank" });
    // independent: the HLN's top 10% by sorting the scores (no ties on the bundle), IMD decile 1 as published
    const scored = [...score.keys()].filter((i) => Number.isFinite(score[i])).sort((i, j) => score[j] - score[i]);
    const top = new Set(scored.slice(0, Math.floor(0.1 * scored.length)));
    expect(score[scored[Math.floor(0.1 * scored.length) - 1]]).not.toBe(score[scored[Math.floor(0.1 * scored.length)]]);
    const independent = scored.filter((i) => top.has(i) && bundle.columns.imd_decile[i] === 1);
    const flagged = [...r.flag.keys()].filter((i) => r.flag[i] === 1);
    expect(flagged.sort((x, y) => x - y)).toEqual(independent.sort((x, y) => x - y));
    expect(flagged.length).toBeGreaterThan(500);
    // quadrants sum to the areas with both values
    const q = [0, 0, 0, 0];
    for (const i of scored) q[(top.has(i) ? 2 : 0) + (bundle.columns.imd_decile[i] === 1 ? 1 : 0)]++;
    expect(q[3]).toBe(flagged.length);
    expect(q.reduce((s, x) => s + x, 0)).toBe(scored.length);
    // the excluded areas (the Isles of Scilly) have no HLN score
    expect(scored.length).toBe(bundle.n - bundle.geography.excluded.reduce((s, x) => s + x, 0));
    // per LA
    const perLa = new Map<string, number>();
    for (const i of independent)
      perLa.set(bundle.geography.ladCode[i], (perLa.get(bundle.geography.ladCode[i]) ?? 0) + 1);
    const mine = new Map<string, number>();
    for (const i of flagged) mine.set(bundle.geography.ladCode[i], (mine.get(bundle.geography.ladCode[i]) ?? 0) + 1);
    expect(mine).toEqual(perLa);
    console.log(`HLN × IMD 2025 at 10%/10%: ${flagged.length} LSOAs in ${mine.size} districts`);
  });

  test("wards: both indices as population-weighted averages, wards ranked, the worst 10% of both flagged", () => {
    const g = groupIndex(bundle.geography.ward24Code!);
    const pop = bundle.columns.pop_total;
    const r = groupDual(score, bundle.columns.imd_score, g.codes, g.labels.length, pop);
    // independent: plain loops
    const k = g.labels.length;
    const both = (i: number) => Number.isFinite(score[i]) && Number.isFinite(bundle.columns.imd_score[i]);
    const mean = (x: Float64Array) => {
      const s = new Array(k).fill(0);
      const w = new Array(k).fill(0);
      for (let i = 0; i < bundle.n; i++)
        if (both(i) && pop[i] > 0) {
          s[g.codes[i]] += pop[i] * x[i];
          w[g.codes[i]] += pop[i];
        }
      return s.map((v, j) => (w[j] > 0 ? v / w[j] : NaN));
    };
    const top = (m: number[]) => {
      const idx = m
        .map((_, j) => j)
        .filter((j) => Number.isFinite(m[j]))
        .sort((x, y) => m[y] - m[x]);
      return new Set(idx.slice(0, Math.floor(0.1 * idx.length)));
    };
    const ta = top(mean(score));
    const tb = top(mean(bundle.columns.imd_score));
    const independent = [...ta].filter((j) => tb.has(j)).sort((x, y) => x - y);
    const flagged = [...r.flag.keys()].filter((j) => r.flag[j] === 1);
    expect(flagged).toEqual(independent);
    console.log(`wards flagged on both (worst 10%): ${flagged.length} of ${k}`);
  });
});

test("dualCounts: an area with a missing population counts as an area but adds no people (by hand)", () => {
  const flag = [1, 0, 1, NaN, 1];
  const codes = Int32Array.from([0, 0, 0, 0, 1]);
  const r = dualCounts(flag, codes, 2, [100, 50, NaN, 70, 30]);
  expect(Array.from(r.areas)).toEqual([3, 1]);
  expect(Array.from(r.flagged)).toEqual([2, 1]);
  expect(Array.from(r.population)).toEqual([150, 30]);
  expect(Array.from(r.populationFlagged)).toEqual([100, 30]);
  // without populations every area counts one person
  expect(Array.from(dualCounts(flag, codes, 2).population)).toEqual([3, 1]);
});
