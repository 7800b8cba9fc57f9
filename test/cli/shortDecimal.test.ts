import fc from "fast-check";
import { shortDecimal } from "../../src/cli/userData";

/** The reader's fast path must give exactly Number()'s double, or NaN to defer to Number(). */
describe("shortDecimal (the CSV reader's fast path for plain decimals)", () => {
  const agrees = (s: string) => {
    const x = shortDecimal(s);
    if (!Number.isNaN(x)) expect(Object.is(x, Number(s))).toBe(true);
  };
  test("hand cases: signs, leading zeros, a bare point, -0; exponents, hex and junk defer", () => {
    for (const s of ["0", "-0", "+5", "007", "5.", ".5", "-.25", "0.553", "123456789012345", "1.5"]) {
      expect(Object.is(shortDecimal(s), Number(s))).toBe(true);
    }
    for (const s of ["", ".", "-", "1e3", "0x1A", "1,296", "1.2.3", "NA", " 1", "1234567890123456", "Infinity"]) {
      expect(shortDecimal(s)).toBeNaN();
    }
  });
  test("property: equals Number() on decimal strings of every length and precision", () => {
    const decimal = fc
      .tuple(
        fc.constantFrom("", "-", "+"),
        fc.stringMatching(/^[0-9]{0,16}$/),
        fc.boolean(),
        fc.stringMatching(/^[0-9]{0,16}$/),
      )
      .map(([sign, a, dot, b]) => sign + a + (dot ? "." + b : ""));
    fc.assert(fc.property(decimal, agrees), { numRuns: 5000 });
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 15 }), (x, k) => {
        agrees(String(x));
        if (Math.abs(x) < 1e15) agrees(x.toFixed(k));
      }),
      { numRuns: 5000 },
    );
  });
});
