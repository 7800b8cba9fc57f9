import fc from "fast-check";
import { argsort, argsortKeys } from "../../src/core/argsort";

const reference = (xs: number[]) =>
  xs
    .map((v, i) => [v, i] as const)
    .filter(([v]) => Number.isFinite(v))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map(([, i]) => i);

describe("argsort (radix)", () => {
  test("hand example with ties, −0, NaN and infinities", () => {
    expect(Array.from(argsort([3, -0, NaN, 0, -5, Infinity, 3, 1e-300, -1e-300]))).toEqual([4, 8, 1, 3, 7, 0, 6]);
  });
  test("property: equals a stable comparator sort (wide range, near-ties, repeats)", () => {
    const value = fc.oneof(
      fc.double({ noDefaultInfinity: false }),
      fc.integer({ min: -3, max: 3 }),
      fc.constantFrom(0.1, 0.1 + 1e-15, 0.1 - 1e-15, 1e6 + 1e-9, 1e6, -0, 0, NaN),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), (xs) => {
        expect(Array.from(argsort(xs))).toEqual(reference(xs));
      }),
      { numRuns: 500 },
    );
  });
  test("property: neighbouring 64-bit keys are equal exactly when the values are (−0 = +0)", () => {
    const value = fc.oneof(
      fc.double({ noDefaultInfinity: false }),
      fc.integer({ min: -3, max: 3 }),
      fc.constantFrom(0.1, 0.1 + 1e-15, 1e6 + 1e-9, 1e6, -1e-300, -0, 0, NaN),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), (xs) => {
        const { order, keys, lows } = argsortKeys(xs);
        for (let k = 1; k < order.length; k++) {
          const sameKey = keys[k] === keys[k - 1] && lows[k] === lows[k - 1];
          expect(sameKey).toBe(xs[order[k]] === xs[order[k - 1]]);
        }
      }),
      { numRuns: 500 },
    );
  });
});
