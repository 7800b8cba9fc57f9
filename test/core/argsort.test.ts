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
      fc.constantFrom(0.1, 0.1 + 1e-15, 0.1 - 1e-15, -0.1, -0.1 - 1e-15, 1e6 + 1e-9, 1e6, -0, 0, NaN),
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
      fc.constantFrom(0.1, 0.1 + 1e-15, -0.1, -0.1 - 1e-15, 1e6 + 1e-9, 1e6, -1e-300, -0, 0, NaN),
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
  test("scratch keys: the same order, keys and lows (lows 0 where not needed, after a longer call too); order stays the caller's", () => {
    const value = fc.oneof(
      fc.double({ noDefaultInfinity: false }),
      fc.constantFrom(0.1, 0.1 + 1e-15, 0.1 - 1e-15, 1e6 + 1e-9, 1e6, -0, 0, NaN),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), fc.array(value, { maxLength: 300 }), (xs, ys) => {
        const want = argsortKeys(xs);
        argsortKeys(ys, true); // leaves its words in the scratch buffers
        const got = argsortKeys(xs, true);
        expect([Array.from(got.order), Array.from(got.keys), Array.from(got.lows)]).toEqual([
          Array.from(want.order),
          Array.from(want.keys),
          Array.from(want.lows),
        ]);
        const order = Array.from(got.order);
        argsortKeys(ys, true);
        expect(Array.from(got.order)).toEqual(order);
      }),
      { numRuns: 300 },
    );
  });
  // the passes: three 11-bit digits of the high word, a digit every key shares skipped, the last
  // pass writing the results (none at all when every high word is the same)
  test("every digit constant (no pass runs): equal values and values differing only in the low word", () => {
    expect(Array.from(argsort([5, 5, 5, 5]))).toEqual([0, 1, 2, 3]);
    const xs = [1 + 3 * 2 ** -40, 1, 1 + 2 ** -40, 1, 1 + 2 * 2 ** -40];
    expect(Array.from(argsort(xs))).toEqual(reference(xs));
    const { keys } = argsortKeys(xs);
    expect(new Set(keys).size).toBe(1); // one high word: order from the low words alone
  });
  test("constant high digits skipped: values in [1, 2) whose high words differ only in the low digit", () => {
    // 1 + j 2^-20 (j < 2,048) differ in the low 11 bits of the high word only: the upper digits are the same
    const xs = [7, 3, 0, 5, 3, 2047, 1].map((j) => 1 + j * 2 ** -20);
    expect(Array.from(argsort(xs))).toEqual(reference(xs));
  });
  test("only the middle digit varies, and keys spanning all three digits (sign, exponent, mantissa)", () => {
    const mid = [9, 2, 5, 2, 0].map((j) => 1 + j * 2 ** (-20 + 11));
    expect(Array.from(argsort(mid))).toEqual(reference(mid));
    const wide = [1e300, -1e-300, 3, -2.5, 1e-300, -1e300, 0, 2 ** -1074, -(2 ** -1074), 0.75, -0.75];
    expect(Array.from(argsort(wide))).toEqual(reference(wide));
  });
  test("property: large inputs (scratch grows) equal a stable comparator sort", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.integer({ min: 0, max: 9 })), {
          minLength: 2000,
          maxLength: 5000,
        }),
        (xs) => {
          expect(Array.from(argsort(xs))).toEqual(reference(xs));
        },
      ),
      { numRuns: 20 },
    );
    expect(Array.from(argsort([]))).toEqual([]);
    expect(Array.from(argsort([NaN, Infinity]))).toEqual([]);
  });
});
