import fc from "fast-check";
import { normalQuantile } from "../../src/core/normalQuantile";
import { normalScore } from "../../src/core/normalScore";
import { applyPolarity } from "../../src/core/polarity";
import { rank } from "../../src/core/rank";

describe("rank", () => {
  test("ascending, ties averaged, NaN kept and not counted", () => {
    expect(Array.from(rank([30, 10, NaN, 20, 10]))).toEqual([4, 1.5, NaN, 3, 1.5]);
  });
  test("property: ranks of distinct values are a permutation of 1..N", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.double({ noNaN: true, noDefaultInfinity: true }), {
          maxLength: 50,
          comparator: "SameValueZero",
        }),
        (xs) => {
          const r = Array.from(rank(xs)).sort((a, b) => a - b);
          expect(r).toEqual(xs.map((_, i) => i + 1));
        },
      ),
    );
  });
});

describe("normal quantile Φ⁻¹ (stdlib)", () => {
  // Reference values from Wichura's AS 241 (Python statistics.NormalDist.inv_cdf), checked by erfc round trip
  const cases: [number, number][] = [
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.025, -1.959963984540054],
    [0.8413447460685429, 1],
    [1e-9, -5.997807015007686],
    [1 - 1e-9, 5.997807019601638], // 1 − 1e-9 in doubles is 1 − 1.0000000272e-9
    [1e-5, -4.2648907939228256],
    [1e-300, -37.04709629936378],
    [0.3, -0.5244005127080407],
  ];
  test.each(cases)("Φ⁻¹(%p) = %p to 1e-9", (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(1e-9);
  });
  test("outside (0, 1) is NaN", () => {
    expect(normalQuantile(0)).toBeNaN();
    expect(normalQuantile(1)).toBeNaN();
  });
});

describe("normalScore (step 6)", () => {
  test("hand-worked: Van der Waerden rank/(N+1)", () => {
    const z = normalScore([5, 1, 3]);
    expect(z[1]).toBeCloseTo(normalQuantile(1 / 4), 14);
    expect(z[2]).toBeCloseTo(0, 14);
    expect(z[0]).toBeCloseTo(normalQuantile(3 / 4), 14);
    expect(z[0]).toBeCloseTo(0.6744897501960817, 12);
  });
  test("offsets: Blom (r − 3/8)/(N + 1/4), rankit (r − 1/2)/N", () => {
    expect(normalScore([1, 2, 3, 4], "blom")[0]).toBeCloseTo(normalQuantile(0.625 / 4.25), 14);
    expect(normalScore([1, 2, 3, 4], "rankit")[3]).toBeCloseTo(normalQuantile(3.5 / 4), 14);
  });
  test("missing values stay missing and are not counted in N", () => {
    const z = normalScore([NaN, 2, 1]);
    expect(z[0]).toBeNaN();
    expect(z[2]).toBeCloseTo(normalQuantile(1 / 3), 14);
  });
  test("property: scores are symmetric (sum to 0 and mirror) for distinct values", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { minLength: 1, maxLength: 80 }), (xs) => {
        const z = Array.from(normalScore(xs)).sort((a, b) => a - b);
        for (let i = 0; i < z.length; i++) expect(z[i] + z[z.length - 1 - i]).toBeCloseTo(0, 9);
      }),
    );
  });
  test("property: descending equals the scores of the negated values, to the last bit, every offset", () => {
    const value = fc.oneof(
      fc.integer({ min: -4, max: 4 }),
      fc.double({ min: -2, max: 2, noNaN: true }),
      fc.constant(NaN),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 120 }), fc.constantFrom("vdw", "blom", "rankit", "tukey"), (xs, o) => {
        const offset = o as "vdw" | "blom" | "rankit" | "tukey";
        expect(Array.from(normalScore(xs, offset, true))).toEqual(
          Array.from(normalScore(applyPolarity(xs, -1), offset)),
        );
      }),
      { numRuns: 300 },
    );
    // a long column of runs (the run way) and a continuous one (the sort way)
    const runs = Float64Array.from({ length: 5000 }, (_, i) => Math.floor(i / 50) % 37);
    const cont = Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i * 1.7));
    for (const c of [runs, cont]) expect(normalScore(c, "vdw", true)).toEqual(normalScore(applyPolarity(c, -1)));
  });
  test("property: order-preserving and permutation invariant", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 40 }), (xs) => {
        const z = normalScore(xs);
        const rev = normalScore([...xs].reverse());
        for (let i = 0; i < xs.length; i++) {
          expect(rev[xs.length - 1 - i]).toBe(z[i]);
          for (let j = 0; j < xs.length; j++) if (xs[i] < xs[j]) expect(z[i]).toBeLessThan(z[j]);
        }
      }),
    );
  });
});

describe("Φ⁻¹ accuracy sweep over (1e-9, 1 − 1e-9)", () => {
  // Round trip through stdlib's erfc: |Φ(z) − p| / φ(z) bounds the error in z to first order.

  const erfc: (x: number) => number = require("@stdlib/math-base-special-erfc");
  const phi = (z: number) => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
  test("≤ 1e-9 absolute at 2,000 log-spaced probabilities in both tails", () => {
    let worst = 0;
    for (let k = 0; k <= 1000; k++) {
      const lower = Math.pow(10, -9 + (k / 1000) * Math.log10(0.5 / 1e-9));
      for (const p of [lower, 1 - lower]) {
        if (!(p > 1e-9 && p < 1 - 1e-9)) continue;
        const z = normalQuantile(p);
        // compare in the tail (1 − p is exact for p ≥ 0.5), where doubles keep full precision
        const tail = p < 0.5 ? p : 1 - p;
        const cdfTail = 0.5 * erfc(Math.abs(z) / Math.SQRT2);
        expect(Math.sign(z)).toBe(p < 0.5 ? -1 : p > 0.5 ? 1 : 0);
        worst = Math.max(worst, Math.abs(cdfTail - tail) / phi(z));
      }
    }
    expect(worst).toBeLessThan(1e-9);
  });
});
