/**
 * Fuzz: every HLN.* adapter, ≥ 10,000 runs each, over random mixes of numbers, blanks (null, "",
 * undefined), text, booleans, error values and mismatched shapes. Nothing may escape but an Excel
 * error; every returned cell is a finite number or an Excel error (tables may also hold labels).
 */
import fc from "fast-check";
import * as F from "../../src/functions/functions";
import { LocalExcelError, isExcelError } from "../../src/functions/errors";

const RUNS = Number(process.env.FUZZ_RUNS ?? 10000);

const errorValue = fc
  .constantFrom("#VALUE!", "#N/A", "#DIV/0!", "#NUM!", "#REF!", "#NAME?")
  .map((code) => new LocalExcelError(code as never, code === "#N/A" ? "upstream" : undefined));
const cell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -5, max: 50, noNaN: true }) },
  { weight: 6, arbitrary: fc.integer({ min: -2, max: 30 }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 1, -1) },
  { weight: 3, arbitrary: fc.constantFrom(null, "", undefined) },
  { weight: 2, arbitrary: fc.constantFrom("E06000001", "E06000002", "x", "12", " ") },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: errorValue },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity) },
);
const matrix = (maxRows = 5, maxCols = 3) =>
  fc
    .integer({ min: 1, max: maxCols })
    .chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 0, maxLength: maxRows }));
/** Mostly well-formed columns, sometimes a 2-D range, a row, a ragged array or a scalar. */
const rangeArg: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.array(cell, { minLength: 1, maxLength: 6 }).map((xs) => xs.map((x) => [x])) },
  { weight: 2, arbitrary: matrix() },
  { weight: 1, arbitrary: fc.array(cell, { minLength: 1, maxLength: 4 }).map((xs) => [xs]) },
  { weight: 1, arbitrary: fc.constant([[1, 2], [3]]) },
  { weight: 1, arbitrary: cell },
);
const option: fc.Arbitrary<unknown> = fc.oneof(
  cell,
  fc.constantFrom(
    "value",
    "weight",
    "district",
    "t2",
    "logit",
    "s2",
    "shrunk_logit",
    "status",
    "VALUE",
    "hln",
    "iod",
    "blom",
    "reweight",
    "propagate",
    "score",
    "all",
    "top20",
    "+",
    "-",
  ),
  fc.constantFrom(0, 1, -1, 23, 0.5, 2),
  matrix(2, 2),
);

function check(run: () => unknown[][], table = false, blanks = false): void {
  let out: unknown[][];
  try {
    out = run();
  } catch (e) {
    if (!isExcelError(e) || e instanceof Error) throw new Error(`uncaught: ${String(e)}`);
    expect(typeof e.message === "string" || e.message === undefined).toBe(true);
    return;
  }
  expect(Array.isArray(out)).toBe(true);
  expect(out.length).toBeGreaterThan(0);
  const w = out[0].length;
  for (const row of out) {
    expect(row.length).toBe(w);
    for (const v of row) {
      const ok =
        (typeof v === "number" && Number.isFinite(v)) ||
        (isExcelError(v) && !(v instanceof Error)) ||
        (table && (typeof v === "string" || typeof v === "boolean")) ||
        (blanks && v === "");
      if (!ok) throw new Error(`bad cell ${String(v)} in ${JSON.stringify(out)}`);
    }
  }
}

const cases: [string, fc.Arbitrary<unknown[]>, (a: unknown[]) => unknown[][], boolean?, boolean?][] = [
  [
    "SHRINK",
    fc.tuple(rangeArg, rangeArg, rangeArg, option),
    (a) => F.hlnShrink(...(a as [never, never, never, never])),
  ],
  [
    "SHRINKVALUE",
    fc.tuple(rangeArg, rangeArg, rangeArg, option),
    (a) => F.hlnShrinkValue(...(a as [never, never, never, never])),
  ],
  ["NORMALSCORE", fc.tuple(rangeArg, option), (a) => F.hlnNormalScore(...(a as [never, never]))],
  ["EXPTRANSFORM", fc.tuple(rangeArg, option, option), (a) => F.hlnExpTransform(...(a as [never, never, never]))],
  [
    "SCORE",
    fc.tuple(fc.oneof(matrix(), rangeArg), rangeArg, option),
    (a) => F.hlnScore(...(a as [never, never, never])),
  ],
  ["COMPOSITE", fc.tuple(fc.oneof(matrix(), rangeArg)), (a) => F.hlnComposite(...(a as [never]))],
  ["POLARITY", fc.tuple(rangeArg, option), (a) => F.hlnPolarity(...(a as [never, never]))],
  ["RANK", fc.tuple(rangeArg, option), (a) => F.hlnRank(...(a as [never, never]))],
  ["DECILE", fc.tuple(rangeArg), (a) => F.hlnDecile(...(a as [never]))],
  ["QA", fc.tuple(rangeArg, option), (a) => F.hlnQa(...(a as [never, never])), true],
  [
    "LASUMMARY",
    fc.tuple(rangeArg, rangeArg, rangeArg, option, option),
    (a) => F.hlnLaSummary(...(a as [never, never, never, never, never])),
    true,
  ],
  [
    "DUAL", // a blank in either index is a blank flag ("")
    fc.tuple(rangeArg, rangeArg, option, option, option, option),
    (a) => F.hlnDual(...(a as [never, never, never, never, never, never])),
    false,
    true,
  ],
];

describe("fuzz: no uncaught exception, every cell a number or an Excel error", () => {
  for (const [name, args, run, table, blanks] of cases) {
    test(`HLN.${name}`, () => {
      fc.assert(
        fc.property(args, (a) => check(() => run(a), table, blanks)),
        { numRuns: RUNS },
      );
    });
  }

  test("every exported adapter is fuzzed", () => {
    const exported = Object.entries(F).filter(([k, v]) => typeof v === "function" && k.startsWith("hln"));
    expect(exported.length).toBe(cases.length);
  });
});
