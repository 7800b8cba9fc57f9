/**
 * Issue 13 case 5: the functions never show a misleading message, Infinity or NaN; EXPTRANSFORM is
 * exact over its whole domain.
 */
import * as F from "../../src/functions/functions";
import { LocalExcelError } from "../../src/functions/errors";
import { expScore } from "../../src/core/expTransform";

const col = (xs: unknown[]) => xs.map((x) => [x]);
const flat = (m: unknown[][]) => m.map((r) => r[0]);
const finiteOrError = (v: unknown) =>
  (typeof v === "number" && Number.isFinite(v)) || (typeof v === "object" && v !== null && "code" in v);
/** Appendix C as printed. */
const appendixC = (r: number, c: number) => -c * Math.log(1 - r * (1 - Math.exp(-100 / c)));

describe("EXPTRANSFORM", () => {
  test("equals the Appendix C formula on ordinary values to 1e-12", () => {
    for (const c of [1, 5, 10, 23, 50, 99, 100, 101, 500])
      for (let k = 0; k <= 200; k++) {
        const r = k / 200;
        // the previous implementation, (1 − R) + R e^(−100/C) inside the log, to 1e-12 of the 0–100 scale
        const prev = -c * Math.log(1 - r + r * Math.exp(-100 / c));
        if (Number.isFinite(prev)) expect(Math.abs(expScore(r, c) - prev)).toBeLessThanOrEqual(1e-12 * 100);
        const want = appendixC(r, c); // the printed form loses digits to cancellation: 1e-6 relative
        if (Number.isFinite(want))
          expect(Math.abs(expScore(r, c) - want)).toBeLessThanOrEqual(1e-6 * Math.max(1, want));
      }
  });

  test("iod scaling with C < 0.1345: the top area is 100, not Infinity", () => {
    for (const c of [0.1, 0.01, 1e-5, 1e-300]) {
      const out = flat(F.hlnExpTransform(col([1, 2, 3, 4]), c, "iod"));
      expect(out[3]).toBe(100);
      for (const v of out) expect(finiteOrError(v)).toBe(true);
      expect(out.every((v) => typeof v === "number" && v >= 0 && v <= 100)).toBe(true);
    }
  });

  test("C ≥ 1e10 keeps precision and C = 1e300 tends to 100·R (not all 0)", () => {
    for (const c of [1e10, 1e15, 1e300]) {
      const out = flat(F.hlnExpTransform(col([1, 2, 3, 4]), c, "iod")) as number[];
      [25, 50, 75, 100].forEach((x, i) => expect(out[i]).toBeCloseTo(x, 6));
    }
  });

  test("C ≤ 0 is a clear #VALUE!", () => {
    expect(() => F.hlnExpTransform(col([1, 2]), 0)).toThrow(
      expect.objectContaining({ code: "#VALUE!", message: "constant must be a number greater than 0, got 0" }),
    );
  });
});

test('HLN.SHRINK overflow rows never show #N/A "ok"', () => {
  const out = flat(F.hlnShrink(col([1e308, 5, 6, 7]), col([1.7e308, 10, 10, 10]), col(["A", "A", "A", "A"])));
  for (const v of out) {
    expect(finiteOrError(v)).toBe(true);
    expect((v as LocalExcelError).message).not.toBe("ok");
  }
});

test('HLN.SCORE overflow says so, not "blank input"', () => {
  const out = flat(
    F.hlnScore(
      [
        [1e308, 1e308],
        [1, 2],
      ],
      col([1, 1]),
    ),
  );
  expect(out[0]).toEqual({ code: "#N/A", message: expect.stringMatching(/too large/) });
  expect(out[1]).toBe(3);
});

test("HLN.LASUMMARY never returns Infinity as a population; a negative population is a named row, left out", () => {
  const t = F.hlnLaSummary(col([1, 2]), col(["A", "A"]), col([1e308, 1e308]), "score");
  for (const row of t.slice(1)) for (const v of row) expect(v).not.toBe(Infinity);
  // issue 11: the row is left out of its group and named in the "left out" column, never a silent 0
  const u = F.hlnLaSummary(col([1, 2]), col(["A", "A"]), col([10, -5]), "score");
  const last = u[0].length - 1;
  expect(u[0][last]).toBe("left out");
  expect(u[1][last]).toMatch(/row 2: negative population \(-5\)/);
  expect(u[1][1]).toBe(1);
});

test('#SPILL! and #CALC! inputs are named, not "object is not a number"', () => {
  for (const code of ["#SPILL!", "#CALC!", "#BUSY!"]) {
    const out = flat(F.hlnNormalScore(col([3, { code }, 1, 2])));
    expect(out[1]).toEqual({
      code: "#VALUE!",
      message: `values: error value ${code} in the input (fix that cell first)`,
    });
    expect(() => F.hlnLaSummary(col([{ code }, 2]), col(["A", "A"]), col([1, 1]))).toThrow(
      expect.objectContaining({ message: `scores row 1: error value ${code}` }),
    );
  }
});

/** The Excel error a whole-call problem throws. */
function thrown(run: () => unknown): { code: string; message?: string } {
  try {
    run();
  } catch (e) {
    return e as { code: string; message?: string };
  }
  throw new Error("expected an Excel error");
}

describe("docs/functions.md classes without a test until issue 13", () => {
  test("TRUE/FALSE and data-type cells in a numeric column are named per row", () => {
    expect(flat(F.hlnNormalScore(col([1, true, 3])))[1]).toEqual({
      code: "#VALUE!",
      message: "values: TRUE is not a number",
    });
    expect(flat(F.hlnShrink(col([1, 2]), col([10, false]), col(["A", "A"])))[1]).toEqual({
      code: "#VALUE!",
      message: "denominators: FALSE is not a number",
    });
    expect(flat(F.hlnRank(col([1, { type: "Entity", text: "x" }, 3])))[1]).toEqual({
      code: "#VALUE!",
      message: "values: a data type or object (not a number) is not a number",
    });
  });

  test("a negative standard error (HLN.SHRINKVALUE) is that row's #VALUE!", () => {
    expect(flat(F.hlnShrinkValue(col([1, 2, 3]), col([1, -1, 1]), col(["A", "A", "A"])))[1]).toEqual({
      code: "#VALUE!",
      message: "negative standard error",
    });
  });

  test("HLN.COMPOSITE: a negative component is that row's #VALUE!, not a smaller count", () => {
    expect(
      flat(
        F.hlnComposite([
          [5, -2],
          [3, 4],
        ]),
      ),
    ).toEqual([{ code: "#VALUE!", message: "component 2: negative count (-2)" }, 7]);
  });

  test("non-finite numbers in whole-call arguments say 'finite', not 'is not a number'", () => {
    expect(thrown(() => F.hlnScore([[1, 2]], col([1, Infinity])))).toEqual({
      code: "#VALUE!",
      message: "weights row 2: Infinity is not a finite number",
    });
    expect(thrown(() => F.hlnExpTransform(col([1, 2]), NaN))).toEqual({
      code: "#VALUE!",
      message: "constant must be a finite number, got NaN",
    });
    expect(thrown(() => F.hlnExpTransform(col([1, 2]), "abc" as never))).toEqual({
      code: "#VALUE!",
      message: 'constant must be a number, got text "abc"',
    });
  });

  test.each(["constructor", "toString", "__proto__", "hasOwnProperty"])(
    'option keywords are looked up immune to prototype keys: "%s" is an unknown option',
    (key) => {
      const cases: [() => unknown, RegExp][] = [
        [() => F.hlnExpTransform(col([1, 2]), 23, key), /^Unknown scaling /],
        [() => F.hlnNormalScore(col([1, 2]), key), /^Unknown offset /],
        [() => F.hlnShrink(col([1]), col([2]), col(["A"]), key), /^Unknown output /],
        [() => F.hlnScore([[1, 2]], col([1, 1]), key), /^Unknown missing /],
        [() => F.hlnLaSummary(col([1]), col(["A"]), col([2]), key), /^Unknown measure /],
        [() => F.hlnLaSummary(col([1]), col(["A"]), col([2]), "all", key), /^Unknown output /],
      ];
      for (const [run, message] of cases) {
        const e = thrown(run);
        expect(e.code).toBe("#VALUE!");
        expect(e.message).toMatch(message);
        expect(e.message).toContain(`"${key}"`);
      }
    },
  );
});
