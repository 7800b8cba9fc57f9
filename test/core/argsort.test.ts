import fc from "fast-check";
import { argsort, argsortKeys, fixedPointKeys, floatBitsKeys } from "../../src/core/argsort";

// argsortKeys takes the fixed-point way where it applies, else the IEEE-bits way: properties are
// checked on argsortKeys and on each way alone (fixed point where it gives a result)
const ways = {
  argsortKeys: (xs: number[]) => argsortKeys(xs),
  floatBitsKeys: (xs: number[]) => floatBitsKeys(xs),
  fixedPointKeys: (xs: number[]) => fixedPointKeys(xs) ?? floatBitsKeys(xs),
};
const floatBits = (xs: number[]) => floatBitsKeys(xs).order;

const reference = (xs: number[]) =>
  xs
    .map((v, i) => [v, i] as const)
    .filter(([v]) => Number.isFinite(v))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map(([, i]) => i);

describe("argsort (radix)", () => {
  test("hand example with ties, −0, NaN and infinities", () => {
    for (const sort of [argsort, floatBits])
      expect(Array.from(sort([3, -0, NaN, 0, -5, Infinity, 3, 1e-300, -1e-300]))).toEqual([4, 8, 1, 3, 7, 0, 6]);
  });
  test.each(Object.keys(ways))(
    "property: %s equals a stable comparator sort (wide range, near-ties, repeats)",
    (way) => {
      const sort = ways[way as keyof typeof ways];
      const value = fc.oneof(
        fc.double({ noDefaultInfinity: false }),
        fc.integer({ min: -3, max: 3 }),
        fc.constantFrom(0.1, 0.1 + 1e-15, 0.1 - 1e-15, -0.1, -0.1 - 1e-15, 1e6 + 1e-9, 1e6, -0, 0, NaN),
      );
      fc.assert(
        fc.property(fc.array(value, { maxLength: 200 }), (xs) => {
          expect(Array.from(sort(xs).order)).toEqual(reference(xs));
        }),
        { numRuns: 500 },
      );
    },
  );
  test.each(Object.keys(ways))(
    "property: %s's neighbouring key pairs are equal exactly when the values are (−0 = +0)",
    (way) => {
      const sort = ways[way as keyof typeof ways];
      const value = fc.oneof(
        fc.double({ noDefaultInfinity: false }),
        fc.integer({ min: -3, max: 3 }),
        fc.constantFrom(0.1, 0.1 + 1e-15, -0.1, -0.1 - 1e-15, 1e6 + 1e-9, 1e6, -1e-300, -0, 0, NaN),
      );
      fc.assert(
        fc.property(fc.array(value, { maxLength: 200 }), (xs) => {
          const { order, keys, lows } = sort(xs);
          for (let k = 1; k < order.length; k++) {
            const sameKey = keys[k] === keys[k - 1] && lows[k] === lows[k - 1];
            expect(sameKey).toBe(xs[order[k]] === xs[order[k - 1]]);
          }
        }),
        { numRuns: 500 },
      );
    },
  );
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
        // orderInto: the order is a view of the caller's (dirty) buffer, the same order
        const into = new Uint32Array(xs.length).fill(7);
        const viewed = argsortKeys(xs, true, into);
        expect(viewed.order.buffer).toBe(into.buffer);
        expect(Array.from(viewed.order)).toEqual(Array.from(want.order));
      }),
      { numRuns: 300 },
    );
  });
  // the IEEE-bits way's passes: three 11-bit digits of the high word, a digit every key shares skipped, the last
  // pass writing the results (none at all when every high word is the same)
  test("every digit constant (no pass runs): equal values and values differing only in the low word", () => {
    expect(Array.from(floatBits([5, 5, 5, 5]))).toEqual([0, 1, 2, 3]);
    const xs = [1 + 3 * 2 ** -40, 1, 1 + 2 ** -40, 1, 1 + 2 * 2 ** -40];
    expect(Array.from(floatBits(xs))).toEqual(reference(xs));
    const { keys } = floatBitsKeys(xs);
    expect(new Set(keys).size).toBe(1); // one high word: order from the low words alone
  });
  test("constant high digits skipped: values in [1, 2) whose high words differ only in the low digit", () => {
    // 1 + j 2^-20 (j < 2,048) differ in the low 11 bits of the high word only: the upper digits are the same
    const xs = [7, 3, 0, 5, 3, 2047, 1].map((j) => 1 + j * 2 ** -20);
    expect(Array.from(floatBits(xs))).toEqual(reference(xs));
  });
  test("only the middle digit varies, and keys spanning all three digits (sign, exponent, mantissa)", () => {
    const mid = [9, 2, 5, 2, 0].map((j) => 1 + j * 2 ** (-20 + 11));
    expect(Array.from(floatBits(mid))).toEqual(reference(mid));
    const wide = [1e300, -1e-300, 3, -2.5, 1e-300, -1e300, 0, 2 ** -1074, -(2 ** -1074), 0.75, -0.75];
    expect(Array.from(floatBits(wide))).toEqual(reference(wide));
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
          expect(Array.from(floatBits(xs))).toEqual(reference(xs));
        },
      ),
      { numRuns: 20 },
    );
    expect(Array.from(argsort([]))).toEqual([]);
    expect(Array.from(argsort([NaN, Infinity]))).toEqual([]);
  });
  test("fixed point: an ordinary column sorts by ⌊(v − min)(2²² − 1)/range⌋, the top value at 2²² − 1", () => {
    const xs = Array.from({ length: 3000 }, (_, i) => ((i * 7919) % 3001) / 30 + (i % 3 === 0 ? 0 : 1e-9));
    const got = fixedPointKeys(xs)!;
    expect(got).toBeDefined();
    expect(Array.from(got.order)).toEqual(reference(xs));
    const mn = Math.min(...xs);
    const scale = (2 ** 22 - 1) / (Math.max(...xs) - mn);
    got.order.forEach((i, k) => expect(got.keys[k]).toBe(Math.min(2 ** 22 - 1, Math.floor((xs[i] - mn) * scale))));
    expect(got.keys[got.keys.length - 1]).toBe(2 ** 22 - 1);
  });
  test("fixed point: near-ties sharing a key are ordered by value, exact ties keep index order", () => {
    const xs = [0, 1, 0.5 + 1e-12, 0.5, 0.5 - 1e-12, 0.5, -0, 0.5 + 1e-12];
    const got = fixedPointKeys(xs)!;
    expect(Array.from(got.order)).toEqual([0, 6, 4, 3, 5, 2, 7, 1]);
    expect(new Set(Array.from(got.order.slice(2, 7), (_, k) => got.keys[k + 2])).size).toBe(1);
    expect(Array.from(got.lows.slice(2, 7))).toEqual([0, 1, 1, 2, 2]);
    expect([got.keys[0], got.lows[0]]).toEqual([got.keys[1], got.lows[1]]); // 0 and −0 tie
  });
  test("fixed point: long runs of equal values stay; a crowded run (an outlier) leaves it to the IEEE way", () => {
    const zeros = [...Array.from({ length: 5000 }, () => 0), ...Array.from({ length: 500 }, (_, i) => (i * 37) % 500)];
    expect(fixedPointKeys(zeros)).toBeDefined();
    expect(Array.from(argsort(zeros))).toEqual(reference(zeros));
    // 200 distinct values squeezed into one key by an outlier 1e12 away
    const crowded = [...Array.from({ length: 200 }, (_, i) => ((i * 61) % 200) / 200), 1e12];
    expect(fixedPointKeys(crowded)).toBeUndefined();
    expect(Array.from(argsort(crowded))).toEqual(reference(crowded));
    // no range, or a range beyond the largest double: the IEEE way
    expect(fixedPointKeys([2, 2, 2])).toBeUndefined();
    expect(fixedPointKeys([-1e308, 1e308, 0])).toBeUndefined();
    expect(Array.from(argsort([-1e308, 1e308, 0]))).toEqual([0, 2, 1]);
    // more than 65,536 values: the IEEE way
    const many = Float64Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 70_001);
    expect(fixedPointKeys(many)).toBeUndefined();
    expect(fixedPointKeys(many.subarray(0, 65_536))).toBeDefined();
  });
});
