/**
 * The Scenarios sheet (issue 18): saved settings side by side. Round trips through the codec,
 * every problem named by its cell, appending a column, and the build's sheet (spec + baseline).
 */
import { parseAddress } from "../../src/workbook/a1";
import { parseScenario, SPEC_SCENARIO } from "../../src/core/scenario";
import { copySettings, defaultSettings } from "../../src/core/settings";
import { hlnSpec } from "../../src/core/specs";
import { planScenarios, readScenarios, scenarioColumn } from "../../src/workbook/scenariosCodec";
import type { SheetPlan } from "../../src/workbook/planTypes";
import { buildWorkbook } from "../../src/workbook/pipeline";
import { syntheticMeasureData } from "../helpers/synthetic";

const SHEET = "HLN Scenarios";

/** The cells of a values-only sheet plan from A1, as Range.values gives them ("" when empty). */
function gridOf(sheet: SheetPlan): unknown[][] {
  const grid: unknown[][] = [];
  for (const b of sheet.blocks) {
    const { row, col } = parseAddress(b.address);
    (b.values ?? []).forEach((r, i) =>
      r.forEach((v, j) => {
        const g = (grid[row - 1 + i] ??= []);
        g[col + j] = v;
      }),
    );
  }
  const width = Math.max(...Array.from(grid, (r) => r?.length ?? 0));
  return Array.from({ length: grid.length }, (_, i) => Array.from({ length: width }, (_, j) => grid[i]?.[j] ?? ""));
}

/** Writes cells (A1 blocks) into a grid, growing it. */
function put(grid: unknown[][], writes: { address: string; values: unknown[][] }[]): unknown[][] {
  const out = grid.map((r) => [...r]);
  for (const w of writes) {
    const { row, col } = parseAddress(w.address.split(":")[0]);
    w.values.forEach((r, i) =>
      r.forEach((v, j) => {
        const g = (out[row - 1 + i] ??= []);
        for (let k = g.length; k < col + j; k++) g[k] = "";
        g[col + j] = v;
      }),
    );
  }
  const width = Math.max(...Array.from(out, (x) => x?.length ?? 0));
  return Array.from(out, (r) => Array.from({ length: width }, (_, j) => r?.[j] ?? ""));
}

function moreGrowth() {
  const s = copySettings(defaultSettings(hlnSpec));
  s.weights.growth = 0.35;
  s.constant = 20;
  s.offset = "blom";
  s.includeSynthetic = true;
  const ind = Object.keys(s.polarity)[2];
  s.polarity[ind] = -1;
  return { name: "more growth", settings: s };
}

const rowOf = (grid: unknown[][], key: string) => grid.findIndex((r) => r[0] === key) + 1;

describe("Scenarios sheet codec", () => {
  test("round trip: the spec's settings and a saved scenario read back as they were written", () => {
    const spec = { name: SPEC_SCENARIO, settings: defaultSettings(hlnSpec) };
    const sheet = planScenarios(SHEET, hlnSpec, [spec, moreGrowth()]);
    expect(sheet.keep).toBe(true);
    const grid = gridOf(sheet);
    expect(grid[3].slice(0, 4)).toEqual(["Setting", "Meaning", SPEC_SCENARIO, "more growth"]);
    const read = readScenarios(grid, hlnSpec, SHEET);
    expect(read.problems).toEqual([]);
    expect(read.scenarios).toEqual([spec, moreGrowth()]);
    // the same as the scenario file of the same settings
    expect(read.scenarios[1]).toEqual(parseScenario(JSON.parse(JSON.stringify(moreGrowth())), hlnSpec));
  });

  test("rows may be sorted, and a blank cell is the spec's value", () => {
    const grid = gridOf(planScenarios(SHEET, hlnSpec, [moreGrowth()]));
    const body = grid.slice(4).reverse();
    const sorted = [...grid.slice(0, 4), ...body];
    sorted[rowOf(sorted, "Constant") - 1][2] = "";
    const read = readScenarios(sorted, hlnSpec, SHEET);
    expect(read.problems).toEqual([]);
    const want = moreGrowth();
    want.settings.constant = defaultSettings(hlnSpec).constant;
    expect(read.scenarios).toEqual([want]);
  });

  test("every unusable cell is named, and its scenario left out", () => {
    const grid = gridOf(
      planScenarios(SHEET, hlnSpec, [moreGrowth(), { ...moreGrowth(), name: "b" }, { ...moreGrowth(), name: "c" }]),
    );
    const g = (key: string, col: number, v: unknown) => (grid[rowOf(grid, key) - 1][col] = v);
    g("weight:growth", 2, "a lot");
    g("IncludeSynthetic", 3, "yes");
    const ind = Object.keys(defaultSettings(hlnSpec).polarity)[0];
    g(`polarity:${ind}`, 4, 2);
    grid.push(["weight:nosuch", "typed by someone", 1, 1, 1]);
    const read = readScenarios(grid, hlnSpec, SHEET);
    expect(read.scenarios).toEqual([]);
    const cell = (key: string, col: string) => `'${SHEET}'!${col}${rowOf(grid, key)}`;
    expect(read.problems).toEqual([
      {
        cell: cell("weight:nosuch", "A"),
        value: "weight:nosuch",
        why: "not a setting of this measure; the row is ignored",
      },
      {
        cell: cell("weight:growth", "C"),
        value: "a lot",
        why: 'scenario "more growth": must be a non-negative number',
      },
      { cell: cell("IncludeSynthetic", "D"), value: "yes", why: 'scenario "b": must be 1 or 0' },
      { cell: cell(`polarity:${ind}`, "E"), value: 2, why: 'scenario "c": must be 1 or -1' },
    ]);
  });

  test("a second scenario of a name, and a sheet without its header row", () => {
    const grid = gridOf(planScenarios(SHEET, hlnSpec, [moreGrowth(), { ...moreGrowth(), name: "More Growth" }]));
    const read = readScenarios(grid, hlnSpec, SHEET);
    expect(read.scenarios.map((s) => s.name)).toEqual(["more growth"]);
    expect(read.problems).toEqual([
      { cell: `'${SHEET}'!D4`, value: "More Growth", why: "a second scenario of this name; the column is ignored" },
    ]);
    const none = readScenarios([["something else"]], hlnSpec, SHEET);
    expect(none.scenarios).toEqual([]);
    expect(none.problems[0].why).toMatch(/no header row/);
  });

  test("scenarioColumn adds the next column, filling a setting with no row at the end", () => {
    const spec = { name: SPEC_SCENARIO, settings: defaultSettings(hlnSpec) };
    let grid = gridOf(planScenarios(SHEET, hlnSpec, [spec]));
    // the user deleted the Offset row and typed a note to the right of the table
    grid = grid.filter((r) => r[0] !== "Offset");
    grid[6][4] = "my note";
    const writes = scenarioColumn(grid, hlnSpec, moreGrowth());
    expect(writes[0]).toEqual({ address: "F4", values: [["more growth"]] });
    const after = put(grid, writes);
    const read = readScenarios(after, hlnSpec, SHEET);
    expect(read.problems).toEqual([]);
    expect(read.scenarios).toEqual([spec, moreGrowth()]);
    expect(after[rowOf(after, "Offset") - 1]).toEqual(["Offset", "Weights sheet option Offset", "", "", "", "blom"]);
    expect(() => scenarioColumn(after, hlnSpec, { ...moreGrowth(), name: " More growth " })).toThrow(
      'name: a scenario "More growth" is saved already: choose another name',
    );
    expect(() => scenarioColumn(after, hlnSpec, { ...moreGrowth(), name: "  " })).toThrow(
      "name: give the scenario a name",
    );
  });
});

describe("the build's Scenarios sheet", () => {
  const data = syntheticMeasureData(hlnSpec, 300, 12, 5);
  test("the spec's settings, the saved scenarios and the Compare sheet's baseline, once each", () => {
    const base = moreGrowth();
    const other = { ...moreGrowth(), name: "other" };
    other.settings = copySettings(other.settings);
    other.settings.constant = 25;
    const { plan } = buildWorkbook(hlnSpec, data, defaultSettings(hlnSpec), {
      compare: base,
      scenarios: [other, base],
    });
    const sheet = plan.sheets.find((s) => s.role === "scenarios")!;
    expect(sheet.name).toBe(SHEET);
    const read = readScenarios(gridOf(sheet), hlnSpec, SHEET);
    expect(read.problems).toEqual([]);
    expect(read.scenarios.map((s) => s.name)).toEqual([SPEC_SCENARIO, "other", "more growth"]);
    expect(read.scenarios[0].settings).toEqual(defaultSettings(hlnSpec));
    expect(read.scenarios[1].settings.constant).toBe(25);
    expect(plan.index.get("sheet:scenarios")?.sheet).toBe(SHEET);
  });
  test("polarities edited in the settings do not leak into the spec's column", () => {
    const s = moreGrowth().settings;
    const { plan } = buildWorkbook(hlnSpec, data, s, {});
    const read = readScenarios(gridOf(plan.sheets.find((x) => x.role === "scenarios")!), hlnSpec, SHEET);
    expect(read.scenarios).toEqual([{ name: SPEC_SCENARIO, settings: defaultSettings(hlnSpec) }]);
  });
});
