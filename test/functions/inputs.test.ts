/**
 * Every bad-input class of issue 4 gets its own clear message (docs/functions.md lists them):
 * per-row problems become an error in that row of the spilled array, whole-call problems one error.
 */
import * as F from "../../src/functions/functions";
import { LocalExcelError, isExcelError } from "../../src/functions/errors";
import { MAX_ROWS } from "../../src/functions/input";
import { normalScore } from "../../src/core/normalScore";
import { shrink, SHRINK_STATUS } from "../../src/core/shrink";

const col = (xs: unknown[]) => xs.map((x) => [x]);
const flat = (m: unknown[][]) => m.map((r) => r[0]);

/** The Excel error a call throws (fails if it returns). */
function callError(run: () => unknown): { code: string; message?: string } {
  try {
    run();
  } catch (e) {
    expect(isExcelError(e)).toBe(true);
    expect(e).not.toBeInstanceOf(Error);
    return e as { code: string; message?: string };
  }
  throw new Error("expected an Excel error");
}
const err = (code: string, message?: string) => (message === undefined ? { code } : { code, message });

describe("per-row problems", () => {
  test("text in a numeric column → that row #VALUE!, the others compute", () => {
    const out = flat(F.hlnNormalScore(col([3, "abc", 1, 2])));
    expect(out[1]).toEqual(err("#VALUE!", 'values: text "abc" is not a number'));
    const z = normalScore([3, NaN, 1, 2]);
    expect([out[0], out[2], out[3]]).toEqual([z[0], z[2], z[3]]);
  });

  test("blanks: null (web), '' and undefined → #N/A 'blank input'; a genuine 0 stays 0", () => {
    const out = flat(F.hlnPolarity(col([0, null, "", undefined, 2]), -1));
    expect(out[0]).toBe(-0);
    for (const i of [1, 2, 3]) expect(out[i]).toEqual(err("#N/A", "blank input"));
    expect(out[4]).toBe(-2);
  });

  test("error values in the input → that row keeps the error code", () => {
    const out = flat(F.hlnRank(col([1, new LocalExcelError("#DIV/0!"), new LocalExcelError("#N/A", "x"), 3])));
    expect(out).toEqual([2, err("#DIV/0!"), err("#N/A", "values: error value #N/A in the input (x)"), 1]);
  });

  test("shrink: r > n, negative counts, n = 0, missing group → row errors with the core's messages", () => {
    const out = flat(
      F.hlnShrink(
        col([1, 5, -1, 0, 2, 3, 4]),
        col([10, 4, 10, 0, 20, 30, 40]),
        col(["A", "A", "A", "A", "", "A", "A"]),
      ),
    );
    expect(out[1]).toEqual(err("#VALUE!", "numerator is greater than denominator"));
    expect(out[2]).toEqual(err("#VALUE!", "negative count"));
    expect(out[3]).toEqual(err("#VALUE!", "denominator is zero"));
    expect(out[4]).toEqual(err("#N/A", "no district (group) given"));
    const core = shrink([1, NaN, NaN, NaN, NaN, 3, 4], [10, NaN, NaN, NaN, NaN, 30, 40], [0, 0, 0, 0, -1, 0, 0]);
    expect([out[0], out[5], out[6]]).toEqual([core.value[0], core.value[5], core.value[6]]);
  });

  test("a district with one member is not shrunk (w = 1, status 7) and still returns its value", () => {
    const args = [col([1, 2, 3]), col([10, 20, 30]), col(["A", "A", "B"])] as const;
    expect(flat(F.hlnShrink(...args, "weight"))[2]).toBe(1);
    expect(flat(F.hlnShrink(...args, "status"))).toEqual([0, 0, SHRINK_STATUS.SINGLE_AREA]);
    expect(flat(F.hlnShrink(...args))[2]).toBeCloseTo(3.5 / 31, 12);
    expect(flat(F.hlnShrink(...args, "t2"))[2]).toEqual(
      err("#N/A", "only valid area in its district: not shrunk (w = 1)"),
    );
  });

  test("SCORE: a blank is reweighted by default, as in the core and the workbook (issue 10 defect 5), and propagates on request", () => {
    const cols = [
      [1, 2],
      [3, null],
    ];
    // default = the core's DEFAULT_OPTIONS.missing ("reweight"): row 2 keeps its one component, scaled up
    expect(flat(F.hlnScore(cols, [[1, 1]]))).toEqual([3, 6]);
    expect(flat(F.hlnScore(cols, [[1, 1]]))).toEqual(flat(F.hlnScore(cols, [[1, 1]], "reweight")));
    expect(flat(F.hlnScore(cols, [[1, 1]], "propagate"))).toEqual([3, err("#N/A", "blank input")]);
    expect(flat(F.hlnScore([[1, "x"]], [[1], [1]], "reweight"))).toEqual([
      err("#VALUE!", 'column 2: text "x" is not a number'),
    ]);
  });
});

describe("whole-call problems", () => {
  test("ranges of different lengths", () => {
    expect(callError(() => F.hlnShrink(col([1, 2, 3]), col([10, 20]), col(["A", "A", "A"])))).toEqual(
      err("#VALUE!", "ranges of different lengths: numerators has 3 rows but denominators has 2"),
    );
  });

  test("2-D where 1-D is expected", () => {
    expect(
      callError(() =>
        F.hlnDecile([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toEqual(err("#VALUE!", "values must be a single column or a single row, not a 2×2 range"));
  });

  test("whole-column references: trailing blank rows are trimmed, the result is shorter", () => {
    const column: unknown[][] = new Array(MAX_ROWS);
    for (let i = 0; i < MAX_ROWS; i++) column[i] = [i < 3 ? i + 1 : null];
    const out = F.hlnRank(column);
    expect(out).toEqual([[3], [2], [1]]);
    const blank = [[null], [""], [null]];
    expect(callError(() => F.hlnRank(blank))).toEqual(err("#N/A", "no data: every input cell is blank"));
  });

  test("more than 1,048,576 rows", () => {
    const tooMany = new Array(MAX_ROWS + 1).fill([1]);
    expect(callError(() => F.hlnRank(tooMany))).toEqual(
      err("#VALUE!", "values has 1048577 rows: more than Excel's 1,048,576"),
    );
  });

  test("weights: wrong length, not numeric, summing to 0", () => {
    const cols = [
      [1, 2],
      [3, 4],
    ];
    expect(callError(() => F.hlnScore(cols, [[1, 2, 3]]))).toEqual(err("#VALUE!", "expected 2 weights, got 3"));
    expect(callError(() => F.hlnScore(cols, [[1, "a"]]))).toEqual(
      err("#VALUE!", 'weights row 2: text "a" is not a number'),
    );
    expect(callError(() => F.hlnScore(cols, [[1, null]]))).toEqual(err("#VALUE!", "weight 2 is not a finite number"));
    expect(callError(() => F.hlnScore(cols, [[0, 0]]))).toEqual(err("#VALUE!", "weights sum to 0"));
  });

  test("constant ≤ 0 and unknown options", () => {
    expect(callError(() => F.hlnExpTransform(col([1, 2]), 0))).toEqual(
      err("#VALUE!", "constant must be a number greater than 0, got 0"),
    );
    expect(callError(() => F.hlnExpTransform(col([1, 2]), 23, "rank"))).toEqual(
      err("#VALUE!", 'Unknown scaling "rank": use "hln" or "iod"'),
    );
    expect(callError(() => F.hlnShrink(col([1]), col([2]), col(["A"]), "mean")).message).toMatch(
      /^Unknown output "mean": use "value", /,
    );
    expect(callError(() => F.hlnLaSummary(col([1]), col(["A"]), col([2]), "median")).message).toMatch(
      /^Unknown measure "median"/,
    );
    expect(callError(() => F.hlnRank(col([1]), 2))).toEqual(
      err("#VALUE!", "order must be 0 (descending) or 1 (ascending), got 2"),
    );
    expect(callError(() => F.hlnPolarity(col([1]), 0)).code).toBe("#VALUE!");
  });

  test("LASUMMARY: a text score is a whole-call error naming the row", () => {
    expect(callError(() => F.hlnLaSummary(col([1, "x"]), col(["A", "A"]), col([1, 1])))).toEqual(
      err("#VALUE!", 'scores row 2: text "x" is not a number'),
    );
    expect(callError(() => F.hlnLaSummary(col([1]), col(["A"]), col([2]), "all", "some")).message).toMatch(
      /^Unknown output "some": use "both", "values" or "ranks"/,
    );
  });

  test("LASUMMARY: blank or negative populations, blank groups and blank scores are named per group row", () => {
    const t = F.hlnLaSummary(
      col([5, 4, 3, 2, 1, null]),
      col(["A", "A", null, "B", "B", "B"]),
      col([10, null, 10, -3, 10, 10]),
      "score",
    );
    expect(t).toEqual([
      ["group", "areas", "population", "score", "rank of score", "left out"],
      ["A", 1, 10, 5, 1, "row 2: missing population (NaN)"],
      ["B", 1, 10, 1, 2, "row 4: negative population (-3); row 6: no score"],
      [
        "(no group)",
        1,
        err("#N/A", "row 3: no group"),
        err("#N/A", "row 3: no group"),
        err("#N/A", "row 3: no group"),
        "row 3: no group",
      ],
    ]);
  });

  test("LASUMMARY: a group with no people gets #N/A measures and says why", () => {
    const t = F.hlnLaSummary(col([2, 1]), col(["A", "B"]), col([0, 5]), "rank", "values");
    expect(t).toEqual([
      ["group", "areas", "population", "rank", "left out"],
      ["A", 1, 0, err("#N/A", "group has no scored areas with people"), ""],
      ["B", 1, 5, 1, ""],
    ]);
  });

  test("LASUMMARY: long lists of left-out rows are cut after five and counted", () => {
    const n = 8;
    const t = F.hlnLaSummary(
      col([...Array(n).fill(1), 2]),
      col(Array(n + 1).fill("A")),
      col([...Array(n).fill(-1), 4]),
      "score",
      "values",
    );
    expect(t[1][4]).toMatch(/^row 1: negative population \(-1\); .*row 5: .*; and 3 more rows \(8 left out\)$/);
  });
});

describe("shapes and defaults", () => {
  test("a row in → a row out", () => {
    expect(F.hlnRank([[5, 1, 3]])).toEqual([[1, 3, 2]]);
  });

  test("all-equal values are not an error: equal ranks and scores; QA flags 'constant'", () => {
    expect(flat(F.hlnNormalScore(col([4, 4, 4])))).toEqual([0, 0, 0]);
    expect(flat(F.hlnRank(col([4, 4, 4])))).toEqual([1, 1, 1]);
    const table = F.hlnQa(col([4, 4, 4]));
    expect(Object.fromEntries(table)).toMatchObject({ constant: true, flags: "constant", pass: false });
  });

  test("omitted optional arguments (null from Excel) take their defaults", () => {
    expect(F.hlnExpTransform(col([1, 2, 3]), null as never, null as never)).toEqual(
      F.hlnExpTransform(col([1, 2, 3]), 23, "hln"),
    );
    expect(F.hlnShrink(col([1, 2]), col([10, 20]), col(["A", "A"]), "VALUE")).toEqual(
      F.hlnShrink(col([1, 2]), col([10, 20]), col(["A", "A"])),
    );
  });

  test("results are plain number matrices well within Excel's 5 MB payload for 33,755 rows", () => {
    const n = 33755;
    const values = Array.from({ length: n }, (_, i) => [((i * 7919) % n) / 3]);
    const out = F.hlnExpTransform(values);
    expect(out.length).toBe(n);
    expect(out.every((r) => typeof r[0] === "number")).toBe(true);
    expect(JSON.stringify(out).length).toBeLessThan(5 * 1024 * 1024);
  });
});
