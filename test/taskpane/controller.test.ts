/**
 * The task pane's build (controller → codec → pipeline → writer) on the in-memory Excel, through the
 * real excel.ts module with Excel.run installed over a FakeWorkbook. Regression tests of issue 10's
 * defects 1, 2, 3 and 4, the legacy-workbook rule and rebuilds on the real Weights layout.
 */
import { compareRankings } from "../../src/core/compare";
import { defaultSettings } from "../../src/core/settings";
import { hlnSpec } from "../../src/core/specs";
import { buildWorkbook } from "../../src/workbook/pipeline";
import type { Bundle } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { buildInWorkbook, builtSummaries, workbookSettings } from "../../src/taskpane/controller";
import { checkWorkbook, excel } from "../../src/taskpane/excel";
import { mapDataFromColumns } from "../../src/taskpane/map/workbookColumns";
import { editPaneOption, mapColumns, paneOptionsFromSpec, paneOptionsFromWorkbook } from "../../src/taskpane/model";
import { ALL_SHEET_NAMES } from "../../src/workbook/plan";
import { installExcel } from "../helpers/excelGlobal";
import { FakeWorkbook, rowOf } from "../helpers/fakeExcel";
import { subsetBundle } from "../workbook/helpers";

let sub: Bundle;
beforeAll(() => {
  sub = subsetBundle(loadBundleFromDir(), 300, 3);
});

const build = (wb: FakeWorkbook, pane = paneOptionsFromSpec(hlnSpec), choice: "rebuild" | "copy" = "rebuild") => {
  installExcel(wb);
  return buildInWorkbook({ spec: hlnSpec, bundle: sub, pane, choice }, excel);
};

test("defect 1: exclusions switched off stay off through Rebuild (keep my weights)", async () => {
  const wb = new FakeWorkbook(["Mine"]);
  const off = editPaneOption(paneOptionsFromSpec(hlnSpec), "applyExclusions", false);
  const first = await build(wb, off);
  expect(first.result.excluded.every((x) => x === 0)).toBe(true);
  const w = wb.sheet("HLN Weights")!;
  expect(w.get(rowOf(w, "ApplyExclusions"), 1)!.v).toBe(0);
  // the Data sheet still lists the Isles of Scilly as a candidate, whatever the switch says
  const data = wb.sheet("HLN Data")!;
  const scilly = sub.geography.lsoa21Code.indexOf("E01019077");
  expect(data.get(2 + scilly, 7)!.v).toBe(1);
  // a fresh pane (spec defaults: exclusions on) rebuilds from the workbook: the exclusion stays off
  const again = await build(wb, paneOptionsFromSpec(hlnSpec));
  expect(again.rebuild).toBe(true);
  expect(again.settings.applyExclusions).toBe(false);
  expect(again.result.excluded.every((x) => x === 0)).toBe(true);
  expect(w.get(rowOf(w, "ApplyExclusions"), 1)!.v).toBe(0);
  expect(again.fromWorkbook).toContain("applyExclusions");
});

test("defect 3: a user sheet named 'HLN Charts' does not block a build: the pane builds a copy", async () => {
  const wb = new FakeWorkbook(["HLN Charts"]);
  wb.put("HLN Charts", "A1", [["my own charts"]]);
  const mine = wb.sheet("HLN Charts")!.snapshot();
  installExcel(wb);
  const check = await checkWorkbook();
  expect(check.conflicts).toEqual(["HLN Charts"]);
  expect(check.copySuffix).toBe(" (2)");
  const out = await build(wb);
  expect(out.status).toBe("complete");
  expect(out.suffix).toBe(" (2)");
  expect(wb.sheet("HLN Charts")!.snapshot()).toBe(mine);
  expect(wb.sheet("HLN Charts (2)")).toBeDefined();
  expect(wb.sheet("HLN Score (2)")).toBeDefined();
});

test("defect 4: a weight typed in the pane after the card was refreshed from the workbook wins, and is reported", async () => {
  const wb = new FakeWorkbook(["Mine"]);
  await build(wb);
  const w = wb.sheet("HLN Weights")!;
  w.get(rowOf(w, "crime"), 1)!.v = 0.5; // edited in the sheet
  installExcel(wb);
  const check = await checkWorkbook();
  const read = workbookSettings(check, hlnSpec)!;
  expect(read.problems).toEqual([]);
  // the card is refreshed from the sheet, then the user types growth 0.3 in the pane
  let pane = paneOptionsFromWorkbook(paneOptionsFromSpec(hlnSpec), read.settings);
  expect(pane.settings.weights.crime).toBe(0.5);
  pane = editPaneOption(pane, "weight:growth", 0.3);
  const out = await build(wb, pane);
  expect(out.settings.weights.growth).toBe(0.3);
  expect(out.settings.weights.crime).toBe(0.5);
  expect(out.result.dimensions.find((d) => d.id === "growth")!.weight).toBe(0.3);
  expect(w.get(rowOf(w, "growth"), 1)!.v).toBe(0.3);
  expect(w.get(rowOf(w, "crime"), 1)!.v).toBe(0.5);
  expect(out.fromPane).toEqual(["weight:growth"]);
  expect(out.fromWorkbook).toEqual(expect.arrayContaining(["crime"]));
  expect(out.pane.settings.weights.growth).toBe(0.3);
});

test("a workbook built before the plan index is detected: no rebuild by guessing, a new copy instead", async () => {
  const wb = new FakeWorkbook(["Mine"]);
  await build(wb);
  wb.sheets = wb.sheets.filter((s) => s.name !== "HLN Index");
  installExcel(wb);
  const check = await checkWorkbook();
  expect(check.legacy).toMatch(/no plan index/);
  const before = wb.sheet("HLN Weights")!.snapshot();
  const out = await build(wb, paneOptionsFromSpec(hlnSpec), "rebuild");
  expect(out.rebuild).toBe(false);
  expect(out.suffix).toBe(" (2)");
  expect(wb.sheet("HLN Weights")!.snapshot()).toBe(before);
});

test("Rebuild (keep my weights) on the real layout: edited weights, a text option, a formula and a polarity survive", async () => {
  const wb = new FakeWorkbook(["Mine"]);
  wb.put("Mine", "B2", [["=SUM(1,2)"], [5]]);
  const mine = wb.sheet("Mine")!.snapshot();
  const first = await build(wb);
  const w = wb.sheet("HLN Weights")!;
  w.get(rowOf(w, "crime"), 1)!.v = 0.4;
  w.get(rowOf(w, "Scaling"), 1)!.v = "iod";
  Object.assign(w.get(rowOf(w, "Constant"), 1)!, { v: 21, f: "=20+1" });
  w.get(rowOf(w, "fuel_poverty"), 2)!.v = -1;
  w.get(rowOf(w, "employment"), 1)!.v = 2;
  const out = await build(wb);
  expect(out.status).toBe("complete");
  expect(out.problems).toEqual([]);
  expect(out.fromWorkbook.sort()).toEqual(["constant", "crime", "employment", "fuel_poverty polarity", "scaling"]);
  expect(out.result.options.constant).toBe(21);
  expect(out.result.options.scaling).toBe("iod");
  expect(w.get(rowOf(w, "crime"), 1)!.v).toBe(0.4);
  expect(w.get(rowOf(w, "Scaling"), 1)!.v).toBe("iod");
  expect(w.get(rowOf(w, "Constant"), 1)!.f).toBe("=20+1");
  expect(w.get(rowOf(w, "fuel_poverty"), 2)!.v).toBe(-1);
  expect(w.get(rowOf(w, "nhs"), 1)!.v).toBe(0.225);
  expect(wb.sheet("Mine")!.snapshot()).toBe(mine);
  expect(wb.sheets.map((s) => s.name)).toEqual(["Mine", "HLN State", ...first.plan.sheets.map((s) => s.name)]);
  expect(wb.sheet("HLN Index")!.visibility).toBe("Hidden");
  const charts = wb.sheet("HLN Charts")!.charts;
  expect([...charts.keys()].sort()).toEqual(out.plan.charts!.map((c) => c.name).sort());
  expect(out.report!.warnings).toEqual([]);
});

test("Weights cells that cannot be used are listed with the cell and why; the spec's value stands in", async () => {
  const wb = new FakeWorkbook(["Mine"]);
  await build(wb);
  const w = wb.sheet("HLN Weights")!;
  const crime = rowOf(w, "crime");
  const energy = rowOf(w, "energy");
  w.get(crime, 1)!.v = "abc";
  w.get(energy, 1)!.v = "0,4";
  w.get(rowOf(w, "Offset"), 1)!.v = "IOD";
  w.get(rowOf(w, "fuel_poverty"), 1)!.v = -0.2;
  const out = await build(wb);
  // in the sheet's row order: options first, then dimensions, indicators
  expect(out.problems.map((p) => [p.cell, p.why])).toEqual([
    [
      `'HLN Weights'!B${rowOf(w, "Offset") + 1}`,
      `Offset: must be one of vdw, blom, rankit, tukey, got "IOD"; the spec's value is used`,
    ],
    [
      `'HLN Weights'!B${energy + 1}`,
      `weight of energy "0,4" is text (a decimal comma?), not a number; the spec's value is used`,
    ],
    [`'HLN Weights'!B${crime + 1}`, `weight of crime "abc" is not a number; the spec's value is used`],
    [
      `'HLN Weights'!B${rowOf(w, "fuel_poverty") + 1}`,
      "weight of fuel_poverty is negative (-0.2); the spec's value is used",
    ],
  ]);
  // pane and workbook compute from the same settings: the sheet now holds what the core used
  expect(w.get(crime, 1)!.v).toBe(0.225);
  expect(out.settings.offset).toBe("vdw");
  expect(ALL_SHEET_NAMES).toContain("HLN Charts");
});

test("defect 2: Refresh map reads the overall score and every dimension score where the index says they are", async () => {
  const wb = new FakeWorkbook(["Mine"]);
  const out = await build(wb);
  // Excel would fill the spills: put the core's values where the plan's formulas spill
  const ix = out.plan.index;
  const fill = (key: string, values: Float64Array) => {
    const e = ix.require(key);
    const top = e.range.split(":")[0];
    const col = top.replace(/\d+$/, "");
    const row0 = Number(top.slice(col.length));
    wb.put(
      e.sheet,
      top,
      Array.from(values, (v) => [Number.isFinite(v) ? v : ""]),
    );
    expect(row0).toBe(3);
  };
  fill("overall:score", out.result.score);
  fill("overall:rank", out.result.rank);
  fill("overall:decile", out.result.decile);
  for (const d of out.result.dimensions) fill(`dimension:${d.id}:score`, d.transformed);
  const { codes, columns } = mapColumns(out.spec, ix);
  const refs = [
    codes,
    ...columns.flatMap((c) => [c.score, ...(c.rank ? [c.rank] : []), ...(c.decile ? [c.decile] : [])]),
  ];
  const data = mapDataFromColumns(sub.geography, sub.columns.pop_total, columns, await excel.readRanges(refs));
  expect(data.measures.map((m) => m.id)).toEqual(["overall", "growth", "energy", "crime", "opportunity", "nhs"]);
  const crime = out.result.dimensions.find((d) => d.id === "crime")!.transformed;
  for (let i = 0; i < sub.n; i += 37) {
    if (Number.isFinite(crime[i])) expect(data.lsoa.score.crime[i]).toBeCloseTo(crime[i], 12);
    if (Number.isFinite(out.result.score[i])) expect(data.lsoa.score.overall[i]).toBeCloseTo(out.result.score[i], 12);
  }
});

test("summaries picked in the pane become sheets, and a rebuild finds them in the index", async () => {
  const wb = new FakeWorkbook(["Mine"]);
  installExcel(wb);
  const out = await buildInWorkbook(
    {
      spec: hlnSpec,
      bundle: sub,
      pane: paneOptionsFromSpec(hlnSpec),
      choice: "rebuild",
      summaries: ["ward", "region"],
    },
    excel,
  );
  expect(out.plan.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["HLN Ward", "HLN Region"]));
  expect(wb.sheet("HLN Ward")!.at("B2")).toMatch(/^=HLN\.LASUMMARY\(/);
  expect(builtSummaries(await checkWorkbook())).toEqual(["ward", "region"]);
});

test("the Compare sheet and the Result's comparison: against the spec's settings, a pane weight moves areas; IncludeSynthetic from the pane", async () => {
  const wb = new FakeWorkbook(["Mine"]);
  const first = await build(wb);
  // built with the spec's settings: nothing moved
  expect(first.comparison!.baseline).toBe("the spec's settings");
  expect(first.comparison!.movers).toEqual([]);
  expect(first.comparison!.meanAbsShift).toBe(0);
  const cmp = wb.sheet("HLN Compare")!;
  expect(cmp.get(0, 11)!.v).toBe("Baseline: the spec's settings (stored when built)");
  // a pane edit: growth 0.5 and the synthetic indicators included; the comparison is the core's
  let pane = editPaneOption(paneOptionsFromSpec(hlnSpec), "weight:growth", 0.5);
  pane = editPaneOption(pane, "includeSynthetic", true);
  const again = await build(wb, pane);
  expect(again.settings.includeSynthetic).toBe(true);
  const w = wb.sheet("HLN Weights")!;
  expect(w.get(rowOf(w, "IncludeSynthetic"), 1)!.v).toBe(1);
  const base = buildWorkbook(hlnSpec, sub, defaultSettings(hlnSpec), { compare: null }).result;
  const want = compareRankings(
    base.rank,
    again.result.rank,
    again.result.groups.codes,
    again.result.groups.labels.length,
  );
  expect(again.comparison!.meanAbsShift).toBeCloseTo(want.meanAbsShift, 12);
  expect([again.comparison!.entered10, again.comparison!.left10]).toEqual([want.entered10, want.left10]);
  const top = again.comparison!.movers[0];
  expect(Math.abs(top.rank - top.baseRank)).toBe(
    Math.max(...Array.from(want.shift, (x) => (Number.isFinite(x) ? Math.abs(x) : 0))),
  );
  // the sheet stores the baseline ranks as values (Excel recalculates the live side)
  const baseCol = again.plan.index.cell("compare:baseRank", 0)!;
  expect(baseCol.sheet).toBe("HLN Compare");
  expect(cmp.get(2, 1)!.v).toBe(Number.isFinite(base.rank[0]) ? base.rank[0] : null);
});
