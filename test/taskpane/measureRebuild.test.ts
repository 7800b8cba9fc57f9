/**
 * Issue 16, the pane side: a rebuild reads the measure from the workbook's Measure sheet (through the
 * plan index and the Measure codec), so a user's edits there — a label, a moved indicator, a removed
 * indicator, a changed denominator, shrink off — survive the rebuild and the result is buildMeasure of
 * that spec. Measure cells that cannot be used are asked about before anything is written; a build
 * made before the Measure sheet existed rebuilds from the bundled spec as before. On the in-memory
 * Excel, through the real controller and excel.ts.
 */
import { leftOut } from "../helpers/openData";
import { buildMeasure } from "../../src/core/buildMeasure";
import { defaultSettings } from "../../src/core/settings";
import type { IndicatorSpec, MeasureSpec } from "../../src/core/spec";
import { hlnSpec } from "../../src/core/specs";
import { type Bundle, toMeasureData } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import {
  type BuildAnswer,
  type BuildQuestion,
  type BuildRequest,
  buildInWorkbook,
  workbookMeasure,
} from "../../src/taskpane/controller";
import { checkWorkbook, excel } from "../../src/taskpane/excel";
import { editPaneOption, fitSettings, measureWithDefaults, paneOptionsFromSpec } from "../../src/taskpane/model";
import { IND_COL, readMeasure } from "../../src/workbook/measureCodec";
import { installExcel } from "../helpers/excelGlobal";
import { FakeWorkbook, rowOf } from "../helpers/fakeExcel";
import { subsetBundle } from "../workbook/helpers";

let sub: Bundle;
beforeAll(() => {
  sub = subsetBundle(loadBundleFromDir(), 300, 3);
});

const M = "HLN Measure";

function build(wb: FakeWorkbook, extra: Partial<BuildRequest> = {}) {
  installExcel(wb);
  return buildInWorkbook(
    {
      spec: hlnSpec,
      bundle: sub,
      pane: paneOptionsFromSpec(hlnSpec),
      choice: "rebuild",
      builtAt: "2026-12-01T09:00:00.000Z",
      session: { owner: "pane-test", label: "test", settle: () => Promise.resolve() },
      ...extra,
    },
    excel,
  );
}

/** The Measure sheet's row of an indicator (its id in column C). */
const indRow = (wb: FakeWorkbook, id: string) => rowOf(wb.sheet(M)!, id, IND_COL.id);

function setCell(wb: FakeWorkbook, r: number, c: number, v: unknown): void {
  wb.sheet(M)!.cells.set(`${r},${c}`, { v });
}

/** Every cell of every sheet (or all but `except`), and the defined names. */
function workbookSnapshot(wb: FakeWorkbook, except: string[] = []): string {
  const sheets = wb.sheets.filter((s) => !except.includes(s.name)).map((s) => [s.name, s.snapshot(), s.visibility]);
  return JSON.stringify([sheets, [...wb.names].sort()]);
}

const clone = (s: MeasureSpec): MeasureSpec => JSON.parse(JSON.stringify(s)) as MeasureSpec;

/** The indicator of a spec by id (and the list it is in). */
function find(spec: MeasureSpec, id: string): { list: IndicatorSpec[]; ind: IndicatorSpec } {
  for (const d of spec.dimensions)
    for (const list of [d.indicators ?? [], ...(d.subdimensions ?? []).map((s) => s.indicators)]) {
      const ind = list.find((x) => x.id === id);
      if (ind) return { list, ind };
    }
  throw new Error(`no indicator ${id}`);
}

/** The edits below, made on the spec itself: what the rebuild must compute. */
function editedSpec(): MeasureSpec {
  const s = clone(hlnSpec);
  find(s, "worklessness").ind.shrink = false;
  find(s, "crime_domain").ind.label = "Crime (police recorded)";
  find(s, "children_low_income").ind.denominator = "pop_total";
  const epc = find(s, "epc_fg");
  epc.list.splice(epc.list.indexOf(epc.ind), 1);
  // gva_change moves to Infrastructure: its row comes before the Infrastructure rows, so it is first there
  const gva = find(s, "gva_change");
  gva.list.splice(gva.list.indexOf(gva.ind), 1);
  const growth = s.dimensions.find((d) => d.id === "growth")!;
  growth.subdimensions!.find((x) => x.id === "infrastructure")!.indicators.unshift(gva.ind);
  return s;
}

/** The same edits, typed into the Measure sheet of a build. */
function editMeasureSheet(wb: FakeWorkbook): void {
  setCell(wb, indRow(wb, "worklessness"), IND_COL.shrink, "no");
  setCell(wb, indRow(wb, "crime_domain"), IND_COL.label, "Crime (police recorded)");
  setCell(wb, indRow(wb, "children_low_income"), IND_COL.denominator, "pop_total");
  setCell(wb, indRow(wb, "gva_change"), IND_COL.subdimension, "infrastructure");
  // the row cleared (every cell, the weight and polarity references too)
  const r = indRow(wb, "epc_fg");
  for (let c = 0; c <= IND_COL.polarity; c++) wb.sheet(M)!.cells.delete(`${r},${c}`);
}

test("the Measure sheet of an unedited build reads back as the bundled spec", async () => {
  const wb = new FakeWorkbook(["Mine"]);
  await build(wb);
  installExcel(wb);
  const check = await checkWorkbook();
  expect(check.measure?.sheet).toBe(M);
  const m = workbookMeasure(check, hlnSpec, Object.keys(sub.columns));
  expect(m).toMatchObject({ from: "sheet", problems: [] });
  expect(m.spec).toEqual(hlnSpec);
  // and a rebuild from it is the bundled build
  const out = await build(wb);
  expect(out.measureFrom).toBe("sheet");
  expect(out.spec).toEqual(hlnSpec);
  expect(out.result).toEqual(buildMeasure(hlnSpec, toMeasureData(sub), { weights: leftOut(hlnSpec, sub) }));
});

test("a rebuild keeps the user's Measure edits: label, moved and removed indicator, denominator, shrink off", async () => {
  const wb = new FakeWorkbook(["Mine"]);
  await build(wb);
  editMeasureSheet(wb);
  // a weight edited on the Weights sheet at the same time keeps the Weights precedence rules
  const w = wb.sheet("HLN Weights")!;
  w.get(rowOf(w, "crime"), 1)!.v = 0.5;
  const expected = editedSpec();
  const out = await build(wb);
  expect(out.status).toBe("complete");
  expect(out.measureFrom).toBe("sheet");
  expect(out.problems).toEqual([]);
  expect(out.spec).toEqual(expected);
  expect(out.settings.weights.crime).toBe(0.5);
  expect(out.fromWorkbook).toEqual(["crime"]);
  // the result is buildMeasure of the edited spec (with the Weights sheet's crime weight)
  const crime = 0.5;
  expect(out.result).toEqual(
    buildMeasure(expected, toMeasureData(sub), { weights: { ...leftOut(expected, sub), crime } }),
  );
  expect(out.result.indicators.map((r) => r.id)).not.toContain("epc_fg");
  expect(out.result.indicators.find((r) => r.id === "worklessness")!.spec.shrink).toBe(false);
  // the rebuilt Measure sheet still shows the edits, and reads back as the edited spec
  const m = wb.sheet(M)!;
  expect(m.get(indRow(wb, "worklessness"), IND_COL.shrink)!.v).toBe("no");
  expect(m.get(indRow(wb, "crime_domain"), IND_COL.label)!.v).toBe("Crime (police recorded)");
  expect(m.get(indRow(wb, "children_low_income"), IND_COL.denominator)!.v).toBe("pop_total");
  expect(m.get(indRow(wb, "gva_change"), IND_COL.subdimension)!.v).toBe("infrastructure");
  expect(indRow(wb, "gva_change")).toBeLessThan(indRow(wb, "broadband_speed"));
  expect(() => indRow(wb, "epc_fg")).toThrow(/no row epc_fg/);
  expect(() => rowOf(w, "epc_fg")).toThrow(/no row epc_fg/); // gone from the Weights sheet too
  expect(w.get(rowOf(w, "crime"), 1)!.v).toBe(0.5);
  installExcel(wb);
  const check = await checkWorkbook();
  expect(workbookMeasure(check, hlnSpec, Object.keys(sub.columns)).spec).toEqual(expected);
  // a second rebuild changes nothing
  // a second rebuild changes nothing (but the build state's lock times and saved settings)
  const before = workbookSnapshot(wb, ["HLN State"]);
  const again = await build(wb);
  expect(again.spec).toEqual(expected);
  expect(again.result).toEqual(out.result);
  expect(workbookSnapshot(wb, ["HLN State"])).toBe(before);
});

test("a pane weight of a dimension removed on the Measure sheet is dropped, the others still win", async () => {
  const wb = new FakeWorkbook(["Mine"]);
  await build(wb);
  // the Crime dimension removed: its row in the Dimension table and its indicator
  const m = wb.sheet(M)!;
  const dimensionRow = Math.min(
    ...[...m.cells].filter(([k, c]) => k.endsWith(",0") && c.v === "crime").map(([k]) => Number(k.split(",")[0])),
  );
  for (const r of [dimensionRow, indRow(wb, "crime_domain")])
    for (let c = 0; c <= IND_COL.polarity; c++) m.cells.delete(`${r},${c}`);
  let pane = editPaneOption(paneOptionsFromSpec(hlnSpec), "weight:crime", 0.4);
  pane = editPaneOption(pane, "weight:nhs", 0.3);
  const out = await build(wb, { pane });
  expect(out.status).toBe("complete");
  expect(out.spec.dimensions.map((d) => d.id)).toEqual(["growth", "energy", "opportunity", "nhs"]);
  expect(out.fromPane).toEqual(["weight:nhs"]);
  expect(Object.keys(out.settings.weights)).not.toContain("crime");
  expect(out.settings.weights.nhs).toBe(0.3);
  expect(out.pane.settings.weights.nhs).toBe(0.3);
  const expected = clone(hlnSpec);
  expected.dimensions = expected.dimensions.filter((d) => d.id !== "crime");
  expect(out.result).toEqual(
    buildMeasure(expected, toMeasureData(sub), { weights: { ...leftOut(expected, sub), nhs: 0.3 } }),
  );
});

test("bad Measure cells are listed before anything is written: cancel writes nothing, 'use the bundled spec' rebuilds HLN", async () => {
  const wb = new FakeWorkbook(["Mine"]);
  await build(wb);
  const dup = indRow(wb, "gva_change");
  const den = indRow(wb, "fuel_poverty");
  setCell(wb, dup, IND_COL.id, "gva_per_head");
  setCell(wb, den, IND_COL.denominator, "households_typo");
  const before = workbookSnapshot(wb);
  const asked: BuildQuestion[] = [];
  const answer = (a: BuildAnswer) => async (q: BuildQuestion) => (asked.push(q), a);
  await expect(build(wb, { ask: answer("cancel") })).rejects.toThrow(/Not built: fix the HLN Measure cells listed/);
  expect(workbookSnapshot(wb)).toBe(before);
  expect(asked.map((q) => q.kind)).toEqual(["measure-problems"]);
  const q = asked[0] as Extract<BuildQuestion, { kind: "measure-problems" }>;
  expect(q.sheet).toBe(M);
  expect(q.bundled).toBe("HLN");
  const lines = q.problems.map((p) => `${p.cell}: ${p.why}`);
  expect(lines).toEqual([
    expect.stringMatching(
      new RegExp(
        `^'HLN Measure'!C${dup + 1}: duplicate indicator id 'gva_per_head' \\(already used at 'HLN Measure'!C\\d+\\)$`,
      ),
    ),
    expect.stringMatching(
      new RegExp(
        `^'HLN Measure'!G${den + 1}: denominator column 'households_typo' is not in the data \\(its columns: `,
      ),
    ),
  ]);
  // nobody asked (tests, scripted builds): the same stop, never a silent default
  await expect(build(wb)).rejects.toThrow(/fix the HLN Measure cells/);
  expect(workbookSnapshot(wb)).toBe(before);
  // the bundled spec: the Measure sheet is written again from it
  asked.length = 0;
  const out = await build(wb, {
    ask: async (q2) => (asked.push(q2), q2.kind === "measure-problems" ? "bundled" : "proceed"),
  });
  expect(asked.map((x) => x.kind)).toEqual(["measure-problems"]);
  expect(out.status).toBe("complete");
  expect(out.measureFrom).toBe("bundled");
  expect(out.spec).toEqual(hlnSpec);
  expect(out.result).toEqual(buildMeasure(hlnSpec, toMeasureData(sub), { weights: leftOut(hlnSpec, sub) }));
  expect(wb.sheet(M)!.get(indRow(wb, "fuel_poverty"), IND_COL.denominator)!.v).toBe("households_fp");
  expect(wb.sheet(M)!.get(indRow(wb, "gva_change"), IND_COL.id)!.v).toBe("gva_change");
  installExcel(wb);
  expect(workbookMeasure(await checkWorkbook(), hlnSpec, Object.keys(sub.columns)).problems).toEqual([]);
});

test("a Measure sheet cleared by the user is asked about too (no indicator table), not a crash", async () => {
  const wb = new FakeWorkbook(["Mine"]);
  await build(wb);
  wb.sheet(M)!.cells.clear();
  const before = workbookSnapshot(wb);
  const asked: BuildQuestion[] = [];
  await expect(build(wb, { ask: async (q) => (asked.push(q), "cancel") })).rejects.toThrow(/fix the HLN Measure/);
  expect(workbookSnapshot(wb)).toBe(before);
  const q = asked[0] as Extract<BuildQuestion, { kind: "measure-problems" }>;
  expect(q.problems.map((p) => `${p.cell}: ${p.why}`)).toEqual([
    "'HLN Measure': no 'Id' row in the Field table",
    "'HLN Measure': no 'Label' row in the Field table",
    `'HLN Measure': no indicator table (a header row "Dimension | Sub-dimension | Indicator | …")`,
  ]);
  const out = await build(wb, { ask: async (q2) => (q2.kind === "measure-problems" ? "bundled" : "proceed") });
  expect(out.spec).toEqual(hlnSpec);
  expect(wb.sheet(M)!.get(indRow(wb, "crime_domain"), IND_COL.dimension)!.v).toBe("crime");
});

test("a build made before the Measure sheet existed rebuilds from the bundled spec, as before", async () => {
  const wb = new FakeWorkbook(["Mine"]);
  await build(wb);
  // an older build: no Measure sheet, and its index names none
  wb.sheets = wb.sheets.filter((s) => s.name !== M);
  const ix = wb.sheet("HLN Index")!;
  for (const [k, cell] of [...ix.cells]) {
    const r = Number(k.split(",")[0]);
    if (cell.v === M && k.endsWith(",1")) for (let c = 0; c < 4; c++) ix.cells.delete(`${r},${c}`);
  }
  const w = wb.sheet("HLN Weights")!;
  w.get(rowOf(w, "crime"), 1)!.v = 0.5;
  installExcel(wb);
  const check = await checkWorkbook();
  expect(check.index?.has("sheet:measure")).toBe(false);
  expect(check.measure).toBeNull();
  expect(workbookMeasure(check, hlnSpec).from).toBe("bundled");
  const out = await build(wb);
  expect(out.status).toBe("complete");
  expect(out.rebuild).toBe(true);
  expect(out.measureFrom).toBe("bundled");
  expect(out.spec).toEqual(hlnSpec);
  expect(out.settings.weights.crime).toBe(0.5);
  expect(out.result).toEqual(
    buildMeasure(hlnSpec, toMeasureData(sub), { weights: { ...leftOut(hlnSpec, sub), crime: 0.5 } }),
  );
  expect(wb.sheet(M)).toBeDefined(); // written by this rebuild
});

test("an interrupted rebuild with Measure edits saves them: Finish the rebuild builds the edited measure", async () => {
  const base = new FakeWorkbook(["Mine"]);
  await build(base);
  editMeasureSheet(base);
  const reference = base.clone();
  const done = await build(reference);
  // cancelled at the first batch of values: the Measure sheet is left incomplete
  const wb = base.clone();
  let cancelled = false;
  const out = await build(wb, {
    isCancelled: () => cancelled,
    onProgress: (p) => {
      if (p.phase === "values") cancelled = true;
    },
  });
  expect(out.status).toBe("cancelled");
  installExcel(wb);
  const check = await checkWorkbook();
  expect(check.incomplete).toContain(M);
  expect(check.state.target?.measure).toBeDefined();
  // Restore the previous build: the Measure cells saved as the build before (the edited sheet)
  const restore = wb.clone();
  const restored = await build(restore, { source: "previous" });
  expect(restored.measureFrom).toBe("previous");
  expect(restored.spec).toEqual(editedSpec());
  // even with the incomplete sheet emptied, the saved cells are the measure
  wb.sheet(M)!.cells.clear();
  wb.put(M, "A1", [["Build cancelled at step …"]]);
  const finished = await build(wb);
  expect(finished.status).toBe("complete");
  expect(finished.measureFrom).toBe("saved");
  expect(finished.spec).toEqual(editedSpec());
  expect(finished.result).toEqual(done.result);
  expect(wb.sheet(M)!.snapshot()).toBe(reference.sheet(M)!.snapshot());
});

describe("measureWithDefaults and fitSettings", () => {
  test("a structure's weights and polarities are the base spec's; a new id gets 1", () => {
    const structure = clone(hlnSpec);
    for (const d of structure.dimensions) d.weight = 7;
    find(structure, "crime_domain").ind.polarity = -1;
    const extra: IndicatorSpec = { ...find(structure, "carbon_footprint").ind, id: "my_indicator", weight: 9 };
    structure.dimensions.find((d) => d.id === "energy")!.indicators!.push(extra);
    delete structure.options;
    const spec = measureWithDefaults(structure, hlnSpec);
    expect(spec.dimensions.map((d) => d.weight)).toEqual(hlnSpec.dimensions.map((d) => d.weight));
    expect(find(spec, "crime_domain").ind.polarity).toBe(1);
    expect(find(spec, "my_indicator").ind).toMatchObject({ weight: 1, polarity: 1 });
    // the base's options, but the structure's (here: no) excluded areas
    expect(spec.options).toEqual({ ...hlnSpec.options, exclude: undefined });
    expect(spec.options?.exclude).toBeUndefined();
  });

  test("settings fitted to a spec: ids it lacks dropped, missing ones the spec's", () => {
    const s = defaultSettings(hlnSpec);
    s.weights.crime = 0.5;
    s.weights.extra = 3;
    const spec = editedSpec();
    const fit = fitSettings(spec, s);
    expect(Object.keys(fit.weights).sort()).toEqual(Object.keys(defaultSettings(spec).weights).sort());
    expect(fit.weights.crime).toBe(0.5);
    expect(fit.weights.epc_fg).toBeUndefined();
    expect(fitSettings(hlnSpec, defaultSettings(hlnSpec))).toEqual(defaultSettings(hlnSpec));
  });

  test("readMeasure of an unedited build's cells agrees with the composed spec", async () => {
    const wb = new FakeWorkbook(["Mine"]);
    await build(wb);
    installExcel(wb);
    const check = await checkWorkbook();
    const r = readMeasure({ measure: check.measure!.values, weights: check.weights!.values });
    expect(measureWithDefaults(r.structure!, hlnSpec)).toEqual(r.spec);
  });
});
