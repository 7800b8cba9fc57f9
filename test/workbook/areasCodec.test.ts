/**
 * An areas table in a workbook (issue 16): read into the core's MeasureData, with every problem and
 * warning named by its cell — duplicate area codes, a blank group, a single-area group, numerator >
 * denominator (the row's area named), text that is not a number, a missing column.
 */
import { buildMeasure } from "../../src/core/buildMeasure";
import { SHRINK_STATUS } from "../../src/core/shrink";
import { specColumns, validateSpec, type MeasureSpec } from "../../src/core/spec";
import { hlnSpec } from "../../src/core/specs";
import { areasColumns, readAreas, singleAreaGroups } from "../../src/workbook/areasCodec";
import { formatProblem } from "../../src/workbook/measureCodec";

/** A two-indicator spec: a shrunk count and a value. */
const spec: MeasureSpec = validateSpec({
  id: "mini",
  label: "Mini",
  dimensions: [
    {
      id: "d",
      label: "D",
      weight: 1,
      indicators: [
        { id: "c", label: "C", kind: "count", numerator: ["r"], denominator: "n", polarity: 1, shrink: true },
        { id: "v", label: "V", kind: "value", value: "x", polarity: -1, shrink: false },
      ],
    },
  ],
});

/** Title row, header row, then areas A1..A6 in groups G1 (3), G2 (2), G3 (1). */
function grid(): unknown[][] {
  return [
    ["My areas", "", "", "", "", ""],
    ["area_code", "area_name", "group_code", "r", "n", "x"],
    ["A1", "One", "G1", 10, 100, 1.5],
    ["A2", "Two", "G1", 20, 100, 2.5],
    ["A3", "Three", "G1", 30, 100, "3.5"],
    ["A4", "Four", "G2", 5, 50, ""],
    ["A5", "Five", "G2", 6, 60, 4],
    ["A6", "Six", "G3", 7, 70, 5],
  ];
}
const read = (g: unknown[][], s: MeasureSpec = spec) => readAreas(g, s, "Areas");

test("a clean table: the header is found below a title, text numbers and blanks are read", () => {
  const r = read(grid());
  expect(r.problems).toEqual([]);
  expect(r.headerRow).toBe(1);
  expect(r.data!.areaCodes).toEqual(["A1", "A2", "A3", "A4", "A5", "A6"]);
  expect(r.data!.names).toEqual(["One", "Two", "Three", "Four", "Five", "Six"]);
  expect(Array.from(r.data!.columns.x)).toEqual([1.5, 2.5, 3.5, NaN, 4, 5]);
  expect(areasColumns(grid(), spec)).toEqual(["area_code", "area_name", "group_code", "r", "n", "x"]);
  // the only warning: G3 has one area
  expect(r.warnings.map(formatProblem)).toEqual([
    "Areas!C8: group G3 has a single area (A6): its shrunk indicators are not shrunk (k = 1, so w = 1)",
  ]);
});

test("the k = 1 rule the warning states is what the core does", () => {
  const r = read(grid());
  const res = buildMeasure(spec, r.data!);
  const c = res.indicators.find((x) => x.id === "c")!;
  expect(c.shrinkage!.status[5]).toBe(SHRINK_STATUS.SINGLE_AREA);
  expect(c.shrinkage!.weight[5]).toBe(1);
});

test("duplicate area codes", () => {
  const g = grid();
  g[6][0] = "A2";
  expect(read(g).problems.map(formatProblem)).toEqual(["Areas!A7: duplicate area code A2 (first at A4)"]);
  expect(read(g).data).toBeUndefined();
});

test("a blank group: a warning naming the cell; the area has no shrunk value (no group to pool with)", () => {
  const g = grid();
  g[4][2] = " ";
  const r = read(g);
  expect(r.problems).toEqual([]);
  expect(r.warnings.map(formatProblem)).toContain(
    "Areas!C5: blank group code (area A3): the area is in no group, so its shrunk indicators are missing (shrinkage pools an area with its group)",
  );
  const c = buildMeasure(spec, r.data!).indicators.find((x) => x.id === "c")!;
  expect(c.shrinkage!.status[2]).toBe(SHRINK_STATUS.NO_GROUP);
});

test("numerator > denominator: a data check naming the cell and the area", () => {
  const g = grid();
  g[3][3] = 120;
  const r = read(g);
  expect(r.problems).toEqual([]);
  expect(r.warnings.map(formatProblem)).toContain(
    "Areas!D4: area A2, r/n: numerator > denominator; the area is left out of indicator c",
  );
  expect(r.checks!.counts.numerator_gt_denominator).toBe(1);
});

test("cells that are not numbers, a blank code, a missing column, no header", () => {
  const g = grid();
  g[2][4] = "abc";
  g[3][5] = "2,5";
  g[5][5] = "#DIV/0!";
  g[6][0] = "";
  expect(read(g).problems.map(formatProblem)).toEqual([
    'Areas!E3: "abc" is not a number',
    'Areas!F4: "2,5" is text with a decimal comma, not a number',
    'Areas!F6: "#DIV/0!" is an error value (a formula that failed), not a number',
    "Areas!A7: blank area code",
  ]);
  const m = grid().map((r) => r.slice(0, 5));
  expect(read(m).problems.map(formatProblem)).toEqual(['Areas!A2: missing column "x" (the measure reads it)']);
  expect(read([["a", "b"]]).problems[0].why).toMatch(
    /^no header row with an area code column \(one of area code, area_code/,
  );
  const dup = grid();
  dup[1][5] = "r";
  expect(read(dup).problems.map(formatProblem)).toContain('Areas!F2: duplicate column name "r" (also D2)');
});

test("the spec's own words find the header (the HLN Data sheet: 'LSOA21 code', 'LAD24 code')", () => {
  const cols = specColumns(hlnSpec);
  const g = [
    ["status →"],
    ["LSOA21 code", "LSOA21 name", "LAD24 code", "LAD24 name", "Population", ...cols],
    ["E1", "n1", "L1", "l1", 10, ...cols.map(() => 1)],
  ];
  const r = read(g, hlnSpec);
  expect(r.problems).toEqual([]);
  expect(r.data!.groupNames).toEqual(["l1"]);
  expect(Array.from(r.data!.population!)).toEqual([10]);
});

test("singleAreaGroups: groups of one, blanks and the spec's excluded areas aside", () => {
  expect(singleAreaGroups(["a", "b", "a", "", "c", ""])).toEqual([
    { group: "b", index: 1 },
    { group: "c", index: 4 },
  ]);
  const codes = ["A1", "B1", "A2", "X", "C1", "Y"];
  expect(singleAreaGroups(["a", "b", "a", "", "c", ""], codes, ["C1"])).toEqual([{ group: "b", index: 1 }]);
});

test("origin: a table read by its own range (the task pane's Excel table) is named by its cells on the sheet", () => {
  // the header row and areas only, as Table.getRange() gives them, the table's first cell at C5
  const g = grid().slice(1);
  g[5][0] = "A2";
  g[3][5] = "x?";
  const r = readAreas(g, spec, "My data", { row: 4, col: 2 });
  expect(r.problems.map(formatProblem)).toEqual([
    `'My data'!H8: "x?" is not a number`,
    "'My data'!C10: duplicate area code A2 (first at C7)",
  ]);
  const h = readAreas([["area_code", "group_code", "r", "n", "x", "r"]], spec, "T", { row: 1, col: 1 });
  expect(h.problems.map(formatProblem)).toEqual(['T!G2: duplicate column name "r" (also D2)']);
});
