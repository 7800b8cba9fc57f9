import fc from "fast-check";
import {
  aggregateCounts,
  apportionCounts,
  apportionRates,
  assignDown,
  codeIndex,
  crosswalkWeights,
  groupMean,
} from "../../src/core/geography";

// A hand-worked LSOA 2011 → 2021 lookup covering every ONS change code.
// Sources (2011): 0 = U, 1 = S (→ 21:1, 21:2), 2 and 3 = M (→ 21:3), 4 and 5 = X (4 → 21:4, 21:5; 5 → 21:5)
// Targets (2021): 0 (from 0), 1 and 2 (split of 1), 3 (merge of 2+3), 4 and 5 (irregular).
const from = Int32Array.from([0, 1, 1, 2, 3, 4, 4, 5]);
const to = Int32Array.from([0, 1, 2, 3, 3, 4, 5, 5]);
const pop21 = Float64Array.from([1500, 1000, 3000, 2500, 1200, 1800]);

describe("crosswalkWeights (step 1)", () => {
  test("U and M pairs get share 1; S and X split by target population", () => {
    const w = crosswalkWeights(from, to, pop21, 6);
    expect(Array.from(w)).toEqual([1, 0.25, 0.75, 1, 1, 0.4, 0.6, 1]);
  });
  test("equal split when all targets have zero size", () => {
    const w = crosswalkWeights([0, 0], [0, 1], [0, 0], 1);
    expect(Array.from(w)).toEqual([0.5, 0.5]);
  });
});

describe("apportionCounts (step 1)", () => {
  const w = crosswalkWeights(from, to, pop21, 6);
  test("U copies, S splits, M sums, X splits then sums", () => {
    const counts11 = [100, 40, 10, 30, 50, 20];
    const out = apportionCounts(counts11, from, to, w, 6);
    expect(Array.from(out)).toEqual([100, 10, 30, 40, 20, 50]);
  });
  test("missing source makes its targets missing", () => {
    const out = apportionCounts([1, NaN, 1, 1, 1, 1], from, to, w, 6);
    expect(Number.isNaN(out[1]) && Number.isNaN(out[2])).toBe(true);
    expect(out[3]).toBe(2);
  });
  test("unreached target is NaN", () => {
    expect(Number.isNaN(apportionCounts([5], [0], [0], [1], 2)[1])).toBe(true);
  });
});

describe("apportionRates (step 1)", () => {
  const share = crosswalkWeights(from, to, pop21, 6);
  const pop11 = [1400, 3900, 1000, 1500, 2900, 1000];
  const weight = Array.from(share, (s, p) => s * pop11[from[p]]);
  test("U copies, S inherits, M and X are population-weighted means", () => {
    const rates11 = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    const out = apportionRates(rates11, from, to, weight, 6);
    expect(out[0]).toBeCloseTo(0.1);
    expect(out[1]).toBeCloseTo(0.2);
    expect(out[2]).toBeCloseTo(0.2);
    expect(out[3]).toBeCloseTo((0.3 * 1000 + 0.4 * 1500) / 2500); // merge
    expect(out[4]).toBeCloseTo(0.5);
    // target 5 gets 60% of source 4 (1,740 people, 0.5) and all of source 5 (1,000 people, 0.6)
    expect(out[5]).toBeCloseTo((0.5 * 1740 + 0.6 * 1000) / 2740);
  });
});

describe("MSOA apportioning and LA assignment (step 1)", () => {
  test("MSOA 2011 → MSOA 2021 → LSOA 2021", () => {
    // two MSOA11 merge into MSOA21 0; MSOA11 2 is unchanged as MSOA21 1
    const income11 = [30000, 40000, 25000];
    const pop11 = [6000, 4000, 8000];
    const f = [0, 1, 2];
    const t = [0, 0, 1];
    const share = crosswalkWeights(f, t, [10000, 8000], 3);
    const income21 = apportionRates(
      income11,
      f,
      t,
      Array.from(share, (s, p) => s * pop11[f[p]]),
      2,
    );
    expect(Array.from(income21)).toEqual([34000, 25000]);
    const lsoaMsoa = [0, 0, 1, 1, 1, -1];
    const lsoa = assignDown(income21, lsoaMsoa);
    expect(Array.from(lsoa.subarray(0, 5))).toEqual([34000, 34000, 25000, 25000, 25000]);
    expect(Number.isNaN(lsoa[5])).toBe(true);
  });
  test("LA value assigned to every LSOA of the LA", () => {
    const lad = codeIndex(["E06000001", "E06000002", "E06000001", "E99999999"], ["E06000001", "E06000002"]);
    expect(Array.from(lad)).toEqual([0, 1, 0, -1]);
    const v = assignDown([61.5, 55], lad);
    expect(Array.from(v.subarray(0, 3))).toEqual([61.5, 55, 61.5]);
    expect(Number.isNaN(v[3])).toBe(true);
  });
  test("aggregateCounts and groupMean", () => {
    expect(Array.from(aggregateCounts([1, 2, 3, 4], [0, 1, 0, -1], 2))).toEqual([4, 2]);
    expect(Array.from(groupMean([0.1, 0.5, NaN, 0.3], [0, 0, 0, 1], 2, [100, 300, 50, 10]))).toEqual([0.4, 0.3]);
    expect(Number.isNaN(groupMean([NaN], [0], 1)[0])).toBe(true);
  });
});

describe("properties", () => {
  const lookupArb = fc
    .record({
      nSource: fc.integer({ min: 1, max: 20 }),
      nTarget: fc.integer({ min: 1, max: 20 }),
    })
    .chain(({ nSource, nTarget }) =>
      fc.record({
        nSource: fc.constant(nSource),
        nTarget: fc.constant(nTarget),
        // every source has at least one pair
        extra: fc.array(fc.tuple(fc.nat(nSource - 1), fc.nat(nTarget - 1)), {
          maxLength: 30,
        }),
        firstTargets: fc.array(fc.nat(nTarget - 1), {
          minLength: nSource,
          maxLength: nSource,
        }),
        sizes: fc.array(fc.integer({ min: 0, max: 5000 }), {
          minLength: nTarget,
          maxLength: nTarget,
        }),
        counts: fc.array(fc.integer({ min: 0, max: 10000 }), {
          minLength: nSource,
          maxLength: nSource,
        }),
      }),
    );
  test("apportioning counts preserves the total", () => {
    fc.assert(
      fc.property(lookupArb, ({ nSource, nTarget, extra, firstTargets, sizes, counts }) => {
        const pairs = new Map<string, [number, number]>();
        firstTargets.forEach((t, s) => pairs.set(`${s}-${t}`, [s, t]));
        for (const [s, t] of extra) pairs.set(`${s}-${t}`, [s, t]);
        const f = [...pairs.values()].map((p) => p[0]);
        const t = [...pairs.values()].map((p) => p[1]);
        const w = crosswalkWeights(f, t, sizes, nSource);
        const out = apportionCounts(counts, f, t, w, nTarget);
        const total = out.reduce((a, v) => a + (Number.isNaN(v) ? 0 : v), 0);
        const expected = counts.reduce((a, v) => a + v, 0);
        return Math.abs(total - expected) <= 1e-6 * Math.max(1, expected);
      }),
    );
  });
  test("aggregating then assigning down a mean keeps each group's total", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(4), fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 40,
        }),
        (rows) => {
          const parent = rows.map((r) => r[0]);
          const den = rows.map((r) => r[1]);
          const num = rows.map((r) => r[1] * r[2]);
          const numG = aggregateCounts(num, parent, 5);
          const denG = aggregateCounts(den, parent, 5);
          const rate = assignDown(
            Array.from(numG, (v, g) => (denG[g] > 0 ? v / denG[g] : NaN)),
            parent,
          );
          // rate × denominator summed over a group gives back the group's numerator
          const back = aggregateCounts(
            Array.from(rate, (r, i) => r * den[i]),
            parent,
            5,
          );
          return Array.from(back).every((v, g) => Math.abs(v - numG[g]) <= 1e-6 * Math.max(1, numG[g]));
        },
      ),
    );
  });
});
