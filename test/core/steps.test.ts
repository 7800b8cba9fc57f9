import fc from "fast-check";
import { checkWeights, effectiveWeights, weightedSum } from "../../src/core/combine";
import { compositeCount } from "../../src/core/composite";
import { decile, percentile } from "../../src/core/decile";
import { expTransform } from "../../src/core/expTransform";
import { groupIndex } from "../../src/core/groupIndex";
import { needRank } from "../../src/core/needRank";
import { applyPolarity } from "../../src/core/polarity";
import { qa } from "../../src/core/qa";

describe("qa (step 2)", () => {
  test("counts missing, zeros, values at the upper limit and flags them", () => {
    const r = qa([0, 0, 1, 0.5, NaN, 1, 1], { upper: 1, maxZeroShare: 0.2, maxUpperShare: 0.3, maxMissingShare: 0.1 });
    expect(r).toMatchObject({ n: 7, missing: 1, zeros: 2, atUpper: 3, min: 0, max: 1, constant: false });
    expect(r.shareZero).toBeCloseTo(2 / 6, 14);
    expect(r.flags).toEqual(["missing", "zeros", "upper"]);
    expect(r.reasons[2]).toMatch(/3 at the upper limit 1/);
    expect(r.pass).toBe(false);
  });
  test("a constant column is flagged; a clean one passes", () => {
    expect(qa([2, 2, 2]).flags).toEqual(["constant"]);
    expect(qa([0.1, 0.2, 0.3], { upper: 1 }).pass).toBe(true);
    expect(qa([NaN]).flags).toContain("empty");
  });
});

describe("compositeCount (step 3)", () => {
  test("sums non-overlapping counts; any missing component makes the row missing", () => {
    expect(
      Array.from(
        compositeCount([
          [1, 2, 3],
          [10, NaN, 30],
          [100, 200, 300],
        ]),
      ),
    ).toEqual([111, NaN, 333]);
  });
  test("a negative component makes the row missing, not a smaller valid count (step 2 reports it)", () => {
    expect(
      Array.from(
        compositeCount([
          [5, 5, 0],
          [-2, 2, -0],
        ]),
      ),
    ).toEqual([NaN, 7, 0]);
  });
  test("components of different lengths are an error", () => {
    expect(() => compositeCount([[1], [1, 2]])).toThrow(/component 2 has 2 rows/);
  });
});

describe("applyPolarity (step 5)", () => {
  test("reverses the order of −1 indicators only", () => {
    expect(Array.from(applyPolarity([1, -2, 3], -1))).toEqual([-1, 2, -3]);
    expect(Array.from(applyPolarity([1, -2, 3], 1))).toEqual([1, -2, 3]);
  });
});

describe("weightedSum and effective weights (steps 7 and 9)", () => {
  test("hand-worked weighted sum", () => {
    expect(
      Array.from(
        weightedSum(
          [
            [1, 2],
            [10, 20],
          ],
          [0.5, 0.25],
        ),
      ),
    ).toEqual([3, 6]);
  });
  test("missing: propagate vs reweight", () => {
    const cols = [
      [1, NaN, NaN],
      [3, 4, NaN],
    ];
    expect(Array.from(weightedSum(cols, [1, 1], "propagate"))).toEqual([4, NaN, NaN]);
    // row 2 has only column 2: 4 × (2 / 1)
    expect(Array.from(weightedSum(cols, [1, 1], "reweight"))).toEqual([4, 8, NaN]);
    // into a caller's buffer (its old contents do not count), which is returned; a wrong length refused
    const into = new Float64Array([7, 7, 7]);
    expect(weightedSum(cols, [1, 1], "reweight", into)).toBe(into);
    expect(Array.from(into)).toEqual([4, 8, NaN]);
    expect(() => weightedSum(cols, [1, 1], "reweight", new Float64Array(2))).toThrow(/2 rows to write, 3 given/);
  });
  test("the fused sum equals the one-column-at-a-time definition to the last bit", () => {
    // the definition: each row summed left to right over its present inputs, then scaled up
    // (reweight) or made missing (propagate); overflow stays ±Infinity under reweight
    const reference = (cols: number[][], w: number[], rule: "propagate" | "reweight") =>
      cols[0].map((_, i) => {
        let s = 0;
        let used = 0;
        let total = 0;
        let bad = false;
        cols.forEach((c, j) => {
          total += w[j];
          if (Number.isFinite(c[i])) {
            s += w[j] * c[i];
            used += w[j];
          } else bad = true;
        });
        if (rule === "propagate") return bad || !Number.isFinite(s) ? NaN : s;
        if (used === total) return s;
        return used > 0 ? (s * total) / used : NaN;
      });
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const specials = [NaN, Infinity, -Infinity, -0, 1e308];
    for (let k = 1; k <= 9; k++) {
      const cols = Array.from({ length: k }, () =>
        Array.from({ length: 60 }, () => (rnd() < 0.15 ? specials[Math.floor(rnd() * 5)] : (rnd() - 0.3) * 1e3)),
      );
      const w = Array.from({ length: k }, () => (rnd() < 0.2 ? 0 : rnd() * 3));
      w[0] = 0.7;
      for (const rule of ["propagate", "reweight"] as const) {
        const got = Array.from(weightedSum(cols, w, rule));
        const want = reference(cols, w, rule);
        got.forEach((g, i) => expect([k, rule, i, g]).toEqual([k, rule, i, want[i]]));
        // typed columns take the same path
        const typed = Array.from(
          weightedSum(
            cols.map((c) => Float64Array.from(c)),
            w,
            rule,
          ),
        );
        expect(typed).toEqual(got);
      }
    }
  });
  test("bad weights are precise errors", () => {
    expect(() => checkWeights([1], 2)).toThrow("expected 2 weights, got 1");
    expect(() => checkWeights([1, NaN], 2)).toThrow("weight 2 is not a finite number");
    expect(() => checkWeights([1, -1], 2)).toThrow("weight 2 is negative");
    expect(() => checkWeights([0, 0], 2)).toThrow("weights sum to 0");
  });
  test("effective weights: equal spreads → nominal shares; a constant column gets 0", () => {
    const a = [1, 2, 3, 4];
    const b = [4, 1, 3, 2];
    const e = effectiveWeights([a, b], [3, 1]);
    expect(Array.from(e.nominal)).toEqual([0.75, 0.25]);
    expect(e.effective[0] + e.effective[1]).toBeCloseTo(1, 12);
    const c = effectiveWeights([a, [5, 5, 5, 5]], [1, 1]);
    expect(c.effective[0]).toBeCloseTo(1, 12);
    expect(c.effective[1]).toBeCloseTo(0, 12);
  });
  test("effective weights from weightedSum's own sum (and its incomplete rows) equal those formed afresh", () => {
    // 5 columns (a pass of four and one of one), missing values in three rows, unequal weights
    const rows = 40;
    const cols = Array.from({ length: 5 }, (_, j) =>
      Float64Array.from({ length: rows }, (_, i) => Math.sin(i * (j + 1.3)) * (j + 1) + (i % (j + 2))),
    );
    cols[1][3] = NaN;
    cols[4][17] = NaN;
    cols[0][17] = NaN;
    cols[2][30] = NaN;
    const w = [0.3, 2, 0.7, 1.1, 0.05];
    const fresh = effectiveWeights(cols, w);
    for (const rule of ["propagate", "reweight"] as const) {
      const incomplete: number[] = [];
      const values = weightedSum(cols, w, rule, undefined, incomplete);
      expect(incomplete).toEqual([3, 17, 30]);
      const given = effectiveWeights(cols, w, { values, incomplete });
      expect(Array.from(given.nominal)).toEqual(Array.from(fresh.nominal));
      for (let j = 0; j < 5; j++) expect(given.effective[j]).toBeCloseTo(fresh.effective[j], 12);
    }
    // without the list, the reweighted rows' missing inputs reach the sums: they really are left out
    const values = weightedSum(cols, w, "reweight");
    expect(Number.isFinite(effectiveWeights(cols, w, { values }).effective[1])).toBe(false);
  });
});

describe("needRank, decile, percentile", () => {
  test("1 = highest; ties share the best rank like RANK.EQ", () => {
    expect(Array.from(needRank([5, 9, 5, NaN, 1]))).toEqual([2, 1, 2, NaN, 4]);
  });
  test("decile = ceil(10 rank / N)", () => {
    const ranks = Array.from({ length: 25 }, (_, i) => i + 1);
    const d = decile(ranks);
    expect(d[0]).toBe(1);
    expect(d[2]).toBe(2); // ceil(30/25)
    expect(d[24]).toBe(10);
    expect(percentile([1, 25], 25)[1]).toBe(100);
  });
});

describe("expTransform properties (step 8)", () => {
  test("monotone, within (0, 100], ties equal, NaN kept", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constant(NaN)), { maxLength: 60 }),
        fc.double({ min: 1, max: 200, noNaN: true }),
        fc.constantFrom("hln" as const, "iod" as const),
        (xs, c, scaling) => {
          const x = expTransform(xs, c, scaling);
          for (let i = 0; i < xs.length; i++) {
            if (Number.isNaN(xs[i])) {
              expect(x[i]).toBeNaN();
              continue;
            }
            expect(x[i]).toBeGreaterThan(0);
            expect(x[i]).toBeLessThanOrEqual(100 + 1e-9);
            for (let j = 0; j < xs.length; j++) {
              if (xs[i] < xs[j]) expect(x[i]).toBeLessThan(x[j]);
              if (xs[i] === xs[j]) expect(x[i]).toBe(x[j]);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
  test("constant ≤ 0 and unknown scalings are whole-call errors", () => {
    expect(() => expTransform([1, 2], -1)).toThrow(/greater than 0/);
    expect(() => expTransform([1, 2], 0)).toThrow(/greater than 0/);
    expect(() => expTransform([1, 2], 23, "x" as never)).toThrow(
      /rank scaling must be "hln" \(rank\/\(N\+1\)\) or "iod" \(rank\/N\), got "x"/,
    );
  });
});

describe("groupIndex", () => {
  test("dense codes in order of first appearance; blank → −1", () => {
    const g = groupIndex(["b", "a", "b", "", null, "c"]);
    expect(Array.from(g.codes)).toEqual([0, 1, 0, -1, -1, 2]);
    expect(g.labels).toEqual(["b", "a", "c"]);
  });
});
