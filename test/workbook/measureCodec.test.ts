/**
 * The Measure sheet (issue 16): written from any spec in both formula modes, read back with the
 * Weights sheet into the same spec (the HLN spec and a 3-dimension spec with a dimension without
 * sub-dimensions and value-only indicators), and every invalid cell named with what is wrong.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { defaultSettings } from "../../src/core/settings";
import { DEFAULT_OPTIONS } from "../../src/core/options";
import { listIndicators, specColumns, validateSpec, type MeasureSpec } from "../../src/core/spec";
import { hlnSpec } from "../../src/core/specs";
import { loadBundleFromDir } from "../../src/data/node";
import type { Bundle } from "../../src/data/bundle";
import { formatProblem, readMeasure, type MeasureGrids } from "../../src/workbook/measureCodec";
import { buildWorkbook } from "../../src/workbook/pipeline";
import type { WorkbookPlan } from "../../src/workbook/planTypes";
import { weightsGrid } from "../../src/workbook/weightsCodec";
import { syntheticMeasureData } from "../helpers/synthetic";
import { subsetBundle } from "./helpers";

const SPEC_3DIM: MeasureSpec = validateSpec(
  JSON.parse(readFileSync(join(__dirname, "../fixtures/spec-3dim.json"), "utf8")),
);

let sub: Bundle;
beforeAll(() => {
  sub = subsetBundle(loadBundleFromDir(), 300, 3);
});

const sheetOf = (plan: WorkbookPlan, role: string) => plan.sheets.find((s) => s.role === role)!;

/** The Measure and Weights sheets of a plan as the grids a reader gets (Range.values from A1). */
function grids(plan: WorkbookPlan): Omit<MeasureGrids, "measure" | "weights" | "measureFormulas"> & {
  measure: unknown[][];
  measureFormulas: unknown[][];
  weights: unknown[][];
} {
  const m = weightsGrid(sheetOf(plan, "measure"));
  const w = weightsGrid(sheetOf(plan, "weights"));
  return { measure: m.values, measureFormulas: m.formulas, weights: w.values, weightsFormulas: w.formulas };
}

const copy = (g: unknown[][]) => g.map((r) => [...r]);
/** Row index (0-based) of the first row whose column `col` is `v`. */
const rowOf = (g: unknown[][], col: number, v: string) => g.findIndex((r) => r[col] === v);

/** A spec's options with the method defaults made explicit (what the Weights sheet shows). */
function withOptions(spec: MeasureSpec): MeasureSpec {
  const { exclude: _e, ...scalars } = DEFAULT_OPTIONS;
  void _e;
  return { ...spec, options: { ...scalars, ...(spec.options ?? {}) } };
}

function hlnPlan(formulas: "addin" | "native" = "addin") {
  return buildWorkbook(hlnSpec, sub, defaultSettings(hlnSpec), { builtAt: "2026-01-01T00:00:00Z", formulas }).plan;
}
function plan3(formulas: "addin" | "native" = "addin") {
  const data = syntheticMeasureData(SPEC_3DIM, 120, 6, 2);
  return buildWorkbook(SPEC_3DIM, data, defaultSettings(SPEC_3DIM), { builtAt: "2026-01-01T00:00:00Z", formulas }).plan;
}

describe("writing", () => {
  test("the Measure sheet follows Weights, holds one row per indicator and is the same in both formula modes", () => {
    const addin = hlnPlan("addin");
    const native = hlnPlan("native");
    expect(addin.sheets.map((s) => s.name).slice(0, 3)).toEqual(["HLN About", "HLN Weights", "HLN Measure"]);
    expect(sheetOf(native, "measure")).toEqual(sheetOf(addin, "measure"));
    const g = grids(addin).measure;
    for (const { indicator } of listIndicators(hlnSpec)) expect(rowOf(g, 2, indicator.id)).toBeGreaterThan(0);
    const r = rowOf(g, 2, "worklessness");
    // dimension, sub-dimension, id, label, kind, numerator, denominator, value, se, shrink, geography, status, source
    expect(g[r].slice(0, 12)).toEqual([
      "growth",
      "employment",
      "worklessness",
      "Worklessness benefits (composite)",
      "count",
      "workless_benefits",
      "pop_16_64",
      "",
      "",
      "yes",
      "LSOA",
      sub.meta.indicators.find((m) => m.id === "worklessness")!.status,
    ]);
    expect(String(g[r][12])).toContain(sub.meta.indicators.find((m) => m.id === "worklessness")!.publisher);
    expect(addin.index.get("measure:row:worklessness")!.range).toBe(`A${r + 1}:Q${r + 1}`);
  });

  test("weights and polarities are not repeated: the Measure sheet points at the Weights cells", () => {
    const plan = hlnPlan();
    const m = sheetOf(plan, "measure");
    const numbers = m.blocks
      .filter((b) => b.values)
      .flatMap((b) => b.values!.flat().filter((v) => typeof v === "number"));
    expect(numbers).toEqual([]);
    const r = plan.index.get("measure:row:crime_domain")!.range.match(/\d+/)![0];
    const w = m.blocks.find((b) => b.address === `N${r}`)!;
    const p = m.blocks.find((b) => b.address === `O${r}`)!;
    expect(w.formula).toBe(`=${plan.index.ref("weight:crime_domain")}`);
    expect(p.formula).toBe(`=${plan.index.ref("polarity:crime_domain")}`);
    expect(p.cached).toEqual([[1]]);
  });

  test("an indicator with no open data: used weight 0 and 'no open data — add your own' (Weights and Measure)", () => {
    const plan = hlnPlan();
    const m = sheetOf(plan, "measure");
    const w = sheetOf(plan, "weights");
    const r = plan.index.get("measure:row:epc_fg")!.range.match(/\d+/)![0];
    const used = m.blocks.find((b) => b.address === `P${r}`)!;
    const note = m.blocks.find((b) => b.address === `Q${r}`)!;
    expect(used.formula).toBe(`=${plan.index.ref("used:epc_fg")}`);
    expect(used.cached).toEqual([[0]]);
    expect(note.formula).toBe(`=${plan.index.ref("note:epc_fg")}`);
    expect(note.cached).toEqual([["no open data — add your own"]]);
    // on the Weights sheet: the weight stays the spec's; the used weight is a formula of the option
    const at = (key: string) => w.blocks.find((b) => b.address === plan.index.get(key)!.range)!;
    expect(at("weight:epc_fg").values).toEqual([[1]]);
    expect(at("used:epc_fg").formula).toMatch(/^=IF\(HLN_IncludeSynthetic=1,B\d+,0\)$/);
    expect(at("used:epc_fg").cached).toEqual([[0]]);
    // an indicator with data: used weight = weight, no note
    expect(at("used:fuel_poverty").formula).toMatch(/^=B\d+$/);
    expect(plan.index.has("note:fuel_poverty")).toBe(false);
    const rf = plan.index.get("measure:row:fuel_poverty")!.range.match(/\d+/)![0];
    expect(m.blocks.find((b) => b.address === `Q${rf}`)).toBeUndefined();
    // the W_ name of a group is its used weights
    expect(plan.names.find((n) => n.name === "HLN_W_energy")!.ref).toMatch(/!\$H\$\d+:\$H\$\d+$/);
  });

  test("user data: status 'user'; the 3-dimension spec has no sub-dimension for its dimension without them", () => {
    const g = grids(plan3()).measure;
    const r = rowOf(g, 2, "life_exp");
    expect(r).toBeGreaterThan(0);
    expect(g[r][1]).toBe("");
    expect(g[r][11]).toBe("user");
  });
});

describe("round trips: spec → Measure + Weights → spec", () => {
  test("the HLN spec", () => {
    const r = readMeasure(grids(hlnPlan()));
    expect(r.problems).toEqual([]);
    expect(r.spec).toEqual(hlnSpec);
    expect(r.settings).toEqual(defaultSettings(hlnSpec));
  });

  test("the HLN spec, native formula mode", () => {
    const r = readMeasure(grids(hlnPlan("native")));
    expect(r.spec).toEqual(hlnSpec);
  });

  test("a 3-dimension spec (a dimension without sub-dimensions, value-only indicators)", () => {
    expect(SPEC_3DIM.dimensions).toHaveLength(3);
    expect(SPEC_3DIM.dimensions.some((d) => !d.subdimensions && d.indicators)).toBe(true);
    const r = readMeasure(grids(plan3()));
    expect(r.problems).toEqual([]);
    expect(r.spec).toEqual(withOptions(SPEC_3DIM));
    expect(r.spec!.options!.constant).toBe(20);
  });

  test("edits on the Weights sheet (not the Measure sheet) give the spec's weights and polarities", () => {
    const g = grids(hlnPlan());
    const i = rowOf(g.weights, 0, "crime_domain");
    g.weights[i][1] = 3;
    g.weights[i][2] = -1;
    const r = readMeasure(g);
    const crime = listIndicators(r.spec!).find((x) => x.indicator.id === "crime_domain")!.indicator;
    expect([crime.weight, crime.polarity]).toEqual([3, -1]);
  });

  test("a user's new indicator row and a sorted table are read", () => {
    const g = grids(plan3());
    const head = rowOf(g.measure, 0, "Dimension") + 0;
    const indHead = g.measure.findIndex((r) => r[0] === "Dimension" && r[1] === "Sub-dimension");
    expect(indHead).toBeGreaterThan(head);
    // sort the indicator rows by id (descending)
    const order = g.measure
      .slice(indHead + 1)
      .map((r, k) => ({ id: String(r[2]), k: indHead + 1 + k }))
      .sort((a, b) => b.id.localeCompare(a.id));
    for (const x of [g.measure, g.measureFormulas]) {
      const rows = order.map((o) => x[o.k]);
      x.splice(indHead + 1, rows.length, ...rows);
    }
    const r = readMeasure(g);
    expect(r.problems).toEqual([]);
    const ids = (s: MeasureSpec) =>
      listIndicators(s)
        .map((x) => x.indicator.id)
        .sort();
    expect(ids(r.spec!)).toEqual(ids(SPEC_3DIM));
  });
});

describe("invalid cells are named, and nothing is returned until the sheets are clean", () => {
  /** The messages of a grid edited by `edit`. */
  function messages(edit: (g: ReturnType<typeof grids>) => void, columns?: string[]): string[] {
    const g = grids(plan3());
    g.measure = copy(g.measure);
    g.measureFormulas = copy(g.measureFormulas);
    g.weights = copy(g.weights);
    edit(g);
    const r = readMeasure({ ...g, columns });
    if (r.problems.length) expect(r.spec).toBeUndefined();
    return r.problems.map(formatProblem);
  }
  const at = (g: unknown[][], id: string) => rowOf(g, 2, id);

  test("clean: no message", () => {
    expect(messages(() => {}, specColumns(SPEC_3DIM))).toEqual([]);
  });

  test("unknown column (against the data's columns)", () => {
    const m = messages((g) => {
      g.measure[at(g.measure, "income")][7] = "median_incme";
    }, specColumns(SPEC_3DIM));
    expect(m).toHaveLength(1);
    expect(m[0]).toMatch(/^'HLN Measure'!H\d+: value column 'median_incme' is not in the data \(its columns: /);
    const n = messages((g) => {
      g.measure[at(g.measure, "poor_health")][5] = "health_bad, health_awful";
    }, specColumns(SPEC_3DIM));
    expect(n).toEqual([expect.stringMatching(/!F\d+: numerator column 'health_awful' is not in the data/)]);
  });

  test("duplicate indicator id", () => {
    let row = 0;
    const m = messages((g) => {
      row = at(g.measure, "income");
      g.measure[row][2] = "out_of_work";
    });
    expect(m).toEqual([
      expect.stringMatching(
        new RegExp(
          `^'HLN Measure'!C${row + 1}: duplicate indicator id 'out_of_work' \\(already used at 'HLN Measure'!C\\d+\\)$`,
        ),
      ),
    ]);
  });

  test("an id used twice across tables (a dimension and an indicator)", () => {
    const m = messages((g) => {
      g.measure[at(g.measure, "income")][2] = "health";
    });
    expect(m[0]).toMatch(/!C\d+: duplicate indicator id 'health' \(already used at 'HLN Measure'!A\d+\)/);
  });

  test("weight text", () => {
    let row = 0;
    const m = messages((g) => {
      row = rowOf(g.weights, 0, "income");
      g.weights[row][1] = "two";
    });
    expect(m).toEqual([`'HLN Weights'!B${row + 1}: weight of income "two" is not a number`]);
    const c = messages((g) => {
      g.weights[rowOf(g.weights, 0, "income")][1] = "0,5";
    });
    expect(c[0]).toMatch(/weight of income "0,5" is text \(a decimal comma\?\), not a number$/);
  });

  test("a weight or polarity typed over the Measure sheet's reference to the Weights sheet", () => {
    let row = 0;
    const m = messages((g) => {
      row = at(g.measure, "income");
      g.measure[row][13] = g.measureFormulas[row][13] = 5;
      // a blank cell, or one typed with the Weights sheet's value, is not a problem
      const h = rowOf(g.measure, 0, "health");
      g.measure[h][3] = g.measureFormulas[h][3] = "";
      const o = at(g.measure, "out_of_work");
      g.measure[o][14] = g.measureFormulas[o][14] = 1;
    });
    expect(m).toEqual([
      `'HLN Measure'!N${row + 1}: weight of income is 5 here but 1 on the Weights sheet: weights and polarities are set on the Weights sheet only (this cell shows it)`,
    ]);
  });

  test("polarity not ±1", () => {
    let row = 0;
    const m = messages((g) => {
      row = rowOf(g.weights, 0, "income");
      g.weights[row][2] = 2;
    });
    expect(m).toEqual([`'HLN Weights'!C${row + 1}: polarity of income must be 1 or -1, got 2`]);
  });

  test("count without denominator (and without numerator)", () => {
    let row = 0;
    const m = messages((g) => {
      row = at(g.measure, "out_of_work");
      g.measure[row][6] = "";
    });
    expect(m).toEqual([`'HLN Measure'!G${row + 1}: count indicator 'out_of_work' has no denominator column`]);
    const n = messages((g) => {
      g.measure[at(g.measure, "out_of_work")][5] = " ";
    });
    expect(n).toEqual([expect.stringMatching(/!F\d+: count indicator 'out_of_work' has no numerator column$/)]);
  });

  test("kind, shrink, a value indicator shrunk without a standard error, value without a column", () => {
    const m = messages((g) => {
      g.measure[at(g.measure, "income")][4] = "rate";
      g.measure[at(g.measure, "no_quals")][9] = "maybe";
      g.measure[at(g.measure, "out_of_work")][7] = "median_income";
    });
    expect(m).toEqual([
      expect.stringMatching(/!H\d+: count indicator 'out_of_work' reads no value column/),
      expect.stringMatching(/!E\d+: kind of indicator 'income' must be "count" or "value", got "rate"$/),
      expect.stringMatching(/!J\d+: shrink of indicator 'no_quals' must be yes or no, got "maybe"$/),
    ]);
    const v = messages((g) => {
      const r = at(g.measure, "income");
      g.measure[r][9] = "yes";
    });
    expect(v).toEqual([
      expect.stringMatching(/!J\d+: value indicator 'income' can only be shrunk with a standard-error column$/),
    ]);
    const w = messages((g) => {
      g.measure[at(g.measure, "income")][7] = "";
    });
    expect(w).toEqual([expect.stringMatching(/!H\d+: value indicator 'income' has no value column$/)]);
  });

  test("blank group: an indicator or sub-dimension without its dimension, an unknown sub-dimension", () => {
    const m = messages((g) => {
      g.measure[at(g.measure, "income")][0] = "";
      g.measure[at(g.measure, "no_quals")][1] = "skill";
    });
    expect(m).toEqual([
      expect.stringMatching(/!A\d+: indicator 'income' has a blank dimension$/),
      expect.stringMatching(/!B\d+: sub-dimension 'skill' is not in the Sub-dimension table$/),
      expect.stringMatching(/!A\d+: sub-dimension 'skills' has no indicators$/),
    ]);
    const s = messages((g) => {
      g.measure[rowOf(g.measure, 0, "skills")][1] = "";
    });
    expect(s[0]).toMatch(/!B\d+: sub-dimension 'skills' has a blank dimension$/);
  });

  test("a new indicator without a Weights row; a blank id; a bad id; a blank label", () => {
    const m = messages((g) => {
      const r = at(g.measure, "income");
      for (const x of [g.measure, g.measureFormulas]) {
        x.push([...x[r]]);
        x[x.length - 1][2] = "income2";
      }
    });
    expect(m).toEqual(["'HLN Weights': no row for weight:income2", "'HLN Weights': no row for polarity:income2"]);
    const b = messages((g) => {
      g.measure[at(g.measure, "income")][2] = "";
      g.measure[at(g.measure, "no_quals")][2] = "2nd";
      g.measure[at(g.measure, "out_of_work")][3] = "";
    });
    expect(b).toEqual([
      expect.stringMatching(/!D\d+: indicator 'out_of_work' has a blank label$/),
      expect.stringMatching(/!C\d+: blank indicator id$/),
      expect.stringMatching(/!C\d+: indicator id '2nd' must start with a letter/),
    ]);
  });

  test("the measure's own fields: blank id, unknown field; an empty dimension; weights summing to 0", () => {
    const m = messages((g) => {
      g.measure[rowOf(g.measure, 0, "Id")][1] = "";
      g.measure[rowOf(g.measure, 0, "Short")][0] = "Shrt";
    });
    expect(m).toEqual([
      expect.stringMatching(/!A\d+: 'Shrt' is not a field of the measure/),
      expect.stringMatching(/!B\d+: the measure's id is blank$/),
    ]);
    const e = messages((g) => {
      const keep = g.measure.map((r) => !(r[0] === "home" && r[1] === "warmth"));
      g.measure = g.measure.filter((_, i) => keep[i]);
      g.measureFormulas = g.measureFormulas.filter((_, i) => keep[i]);
    });
    expect(e).toEqual([
      expect.stringMatching(/!A\d+: dimension 'home' has no indicators$/),
      expect.stringMatching(/!A\d+: sub-dimension 'warmth' has no indicators$/),
    ]);
    const z = messages((g) => {
      for (const id of ["work", "health", "home"]) g.weights[rowOf(g.weights, 0, id)][1] = 0;
    });
    expect(z).toEqual([
      expect.stringMatching(
        /^'HLN Measure'!A\d+: dimensions: weights sum to 0$|^'HLN Measure': dimensions: weights sum to 0$/,
      ),
    ]);
  });
});
