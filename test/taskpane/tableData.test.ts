/**
 * Issue 16, a user measure from a workbook table, built in the pane: an Excel table (or a sheet's used
 * range) of areas is read through excel.ts, validated by the areas codec (the CLI's `--data
 * book.xlsx` validator) and built with the spec of the workbook's Measure sheet (or the pane's spec
 * when there is none) through the shared pipeline, so the result is buildMeasure of that spec and
 * data. A table the codec cannot use stops the build with its cell-named problems and writes
 * nothing; the user's sheet is never changed. On the in-memory Excel, through the real controller.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { buildMeasure, type MeasureData, type MeasureResult } from "../../src/core/buildMeasure";
import { type MeasureSpec, specColumns, validateSpec } from "../../src/core/spec";
import { hlnSpec } from "../../src/core/specs";
import type { Bundle } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { type BuildRequest, BuildStopped, buildInWorkbook, builtAreas } from "../../src/taskpane/controller";
import { type AreasRef, checkWorkbook, excel, listAreaSources } from "../../src/taskpane/excel";
import { paneOptionsFromSpec } from "../../src/taskpane/model";
import { runAnalysis } from "../../src/taskpane/uncertaintyAnalysis";
import { analysisInput, DEFAULT_UNCERTAINTY_FORM, formOptions } from "../../src/taskpane/useUncertainty";
import { IND_COL } from "../../src/workbook/measureCodec";
import { installExcel } from "../helpers/excelGlobal";
import * as React from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { DataSourceCard } from "../../src/taskpane/components/DataSourceCard";
import { FakeSheet, FakeWorkbook } from "../helpers/fakeExcel";
import { areasTableRows, syntheticMeasureData } from "../helpers/synthetic";
import { subsetBundle } from "../workbook/helpers";

const spec3: MeasureSpec = validateSpec(
  JSON.parse(readFileSync(join(__dirname, "../fixtures/spec-3dim.json"), "utf8")),
);
const SHEET = "My data";
const TABLE: AreasRef = { kind: "table", name: "Areas" };

let sub: Bundle;
beforeAll(() => {
  // the pane always has the bundle loaded; a table build must not use it
  sub = subsetBundle(loadBundleFromDir(), 200, 2);
});

const tableRows = areasTableRows;

/** A workbook with the user's sheet: a title in A1 and the table at B3 (so cells are named on the sheet). */
function workbookWithTable(rows: unknown[][]): FakeWorkbook {
  const wb = new FakeWorkbook([SHEET]);
  wb.put(SHEET, "A1", [["My areas (do not touch)"]]);
  wb.addTable(TABLE.name, SHEET, "B3", rows);
  return wb;
}

function build(wb: FakeWorkbook, spec: MeasureSpec, extra: Partial<BuildRequest> = {}) {
  installExcel(wb);
  return buildInWorkbook(
    {
      spec,
      bundle: sub,
      areas: TABLE,
      pane: paneOptionsFromSpec(spec),
      choice: "rebuild",
      builtAt: "2026-12-01T09:00:00.000Z",
      session: { owner: "pane-test", label: "test", settle: () => Promise.resolve() },
      ...extra,
    },
    excel,
  );
}

/** |a − b| ≤ 1e-9 for every area's score and rank (NaN where the other is NaN). */
function expectScores(got: MeasureResult, want: MeasureResult): void {
  expect(got.areaCodes).toEqual(want.areaCodes);
  expect(got.score.length).toBe(want.score.length);
  for (const [a, b] of [
    [got.score, want.score],
    [got.rank, want.rank],
  ])
    for (let i = 0; i < a.length; i++) {
      if (Number.isNaN(b[i])) expect(a[i]).toBeNaN();
      else expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1e-9);
    }
}

/** The HLN Data sheet holds each area's row of the table (the formulas read these cells). */
function expectDataWritten(wb: FakeWorkbook, spec: MeasureSpec, d: MeasureData): void {
  const s = wb.sheet("HLN Data")!;
  const rows = new Map<unknown, number>();
  for (const [k, c] of s.cells) rows.set(c.v, Number(k.split(",")[0]));
  d.areaCodes.forEach((code, i) => {
    const r = rows.get(code);
    expect(r).toBeDefined();
    const values = [...s.cells].filter(([k]) => Number(k.split(",")[0]) === r).map(([, c]) => c.v);
    for (const c of specColumns(spec)) expect(values).toContain(d.columns[c][i]);
  });
}

const snapshot = (wb: FakeWorkbook, name: string) => wb.sheet(name)!.snapshot();

test("a custom spec over a workbook table: the result is buildMeasure of that spec and data; the table is untouched", async () => {
  const d = syntheticMeasureData(spec3, 40, 4, 7);
  const wb = workbookWithTable(tableRows(spec3, d));
  const before = snapshot(wb, SHEET);
  const out = await build(wb, spec3);
  expect(out.status).toBe("complete");
  expect(out.areasFrom).toEqual({
    ref: TABLE,
    sheet: SHEET,
    address: `B3:${"BCDEFGHIJKLMNOPQRSTUVWXYZ"[3 + specColumns(spec3).length]}43`,
    areas: 40,
  });
  expectScores(out.result, buildMeasure(spec3, d));
  expect(out.result.areaCodes.length).toBe(40);
  expect(out.summary.top[0].code).toBe(d.areaCodes[out.result.rank.indexOf(1)]);
  expectDataWritten(wb, spec3, d);
  expect(snapshot(wb, SHEET)).toBe(before);
  expect(wb.tables).toEqual([{ name: "Areas", sheet: SHEET, address: out.areasFrom!.address }]);
  // the About sheet says where the data came from
  const about = [...wb.sheet("HLN About")!.cells.values()].map((c) => c.v);
  expect(about).toContain(`table Areas ('My data'!${out.areasFrom!.address}) in this workbook`);
  // the Uncertainty card analyses the table's areas (not the loaded bundle's): the build's nominal ranks
  const input = analysisInput(out, formOptions({ ...DEFAULT_UNCERTAINTY_FORM, draws: "8", seed: "3" }));
  expect(input.data.areaCodes).toEqual(d.areaCodes);
  const mc = runAnalysis(input).mc;
  expect(Array.from(mc.nominalRank)).toEqual(Array.from(out.result.rank));
  expect(mc.median.length).toBe(40);
});

test("a rebuild from the table reads the measure from the workbook's Measure sheet", async () => {
  const d = syntheticMeasureData(spec3, 40, 4, 8);
  const wb = workbookWithTable(tableRows(spec3, d));
  await build(wb, spec3);
  // the user turns shrinkage off for out_of_work on the Measure sheet
  const m = wb.sheet("HLN Measure")!;
  const row = [...m.cells].find(([k, c]) => Number(k.split(",")[1]) === IND_COL.id && c.v === "out_of_work")!;
  m.cells.set(`${row[0].split(",")[0]},${IND_COL.shrink}`, { v: "no" });
  const before = snapshot(wb, SHEET);
  const out = await build(wb, spec3);
  expect(out.measureFrom).toBe("sheet");
  const edited = JSON.parse(JSON.stringify(spec3)) as MeasureSpec;
  edited.dimensions[0].subdimensions![0].indicators[0].shrink = false;
  expectScores(out.result, buildMeasure(edited, d));
  expect(out.result.indicators.find((x) => x.id === "out_of_work")!.spec.shrink).toBe(false);
  expect(snapshot(wb, SHEET)).toBe(before);
});

test("the bundled HLN spec over a sheet's used range (no Excel table)", async () => {
  const d = syntheticMeasureData(hlnSpec, 40, 5, 9);
  const wb = new FakeWorkbook(["Indicators"]);
  wb.put("Indicators", "A1", tableRows(hlnSpec, d));
  const before = snapshot(wb, "Indicators");
  const out = await build(wb, hlnSpec, { areas: { kind: "sheet", name: "Indicators" } });
  expect(out.status).toBe("complete");
  expectScores(out.result, buildMeasure(hlnSpec, d));
  expect(snapshot(wb, "Indicators")).toBe(before);
});

test("a table with a duplicate area code and text in a number column: the codec's cell-named problems, nothing written", async () => {
  const d = syntheticMeasureData(spec3, 40, 4, 10);
  const rows = tableRows(spec3, d);
  // table at B3: header on sheet row 3, area i on row 4 + i; column B codes, F the first data column
  rows[1 + 5][0] = rows[1 + 2][0];
  rows[1 + 7][4] = "abc";
  const wb = workbookWithTable(rows);
  const before = JSON.stringify(wb.sheets.map((s) => [s.name, s.snapshot()]));
  const err = await build(wb, spec3).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(BuildStopped);
  const stopped = err as BuildStopped;
  expect(stopped.reason).toBe("data-problems");
  expect(stopped.message).toMatch(/2 problems in the table Areas \(B3:.*\)/);
  expect(stopped.problems).toEqual([
    { cell: "'My data'!B9", value: rows[6][0], why: `duplicate area code ${rows[6][0]} (first at B6)` },
    { cell: "'My data'!F11", value: "abc", why: '"abc" is not a number' },
  ]);
  // nothing written: no HLN sheet, the user's sheet as it was
  expect(JSON.stringify(wb.sheets.map((s) => [s.name, s.snapshot()]))).toBe(before);
  expect(wb.names.size).toBe(0);
  // the Data card lists them by cell, with what is wrong
  const html = renderToStaticMarkup(
    React.createElement(
      FluentProvider,
      { theme: webLightTheme },
      React.createElement(DataSourceCard, {
        sources: [{ ...TABLE, sheet: SHEET, address: "B3:J43" }],
        selected: TABLE,
        onSelect: () => undefined,
        onRefresh: () => undefined,
        report: { problems: stopped.problems, warnings: [] },
      }),
    ),
  ).replace(/&#x27;/g, "'");
  expect(html).toContain("2 problems: nothing is built until they are fixed");
  expect(html).toContain(`'My data'!B9`);
  expect(html).toContain(`duplicate area code ${rows[6][0]} (first at B6)`);
  expect(html).toContain(`'My data'!F11`);
  expect(html).toContain("is not a number");
});

test("a rebuild from a table without a header row: the table's problem, not the Measure sheet's columns", async () => {
  const d = syntheticMeasureData(spec3, 40, 4, 12);
  const wb = workbookWithTable(tableRows(spec3, d));
  await build(wb, spec3);
  wb.sheet(SHEET)!.cells.set("2,3", { v: "grp" }); // D3: group_code renamed
  const asked: string[] = [];
  const err = await build(wb, spec3, { ask: (q) => (asked.push(q.kind), Promise.resolve("cancel")) }).catch(
    (e: unknown) => e,
  );
  expect(asked).toEqual([]);
  expect((err as BuildStopped).reason).toBe("data-problems");
  expect((err as BuildStopped).problems.map((p) => p.cell)).toEqual(["'My data'"]);
  expect((err as BuildStopped).problems[0].why).toMatch(/^no header row with an area code column/);
});

test("the Data card lists the workbook's tables and sheets, not the add-in's", async () => {
  const d = syntheticMeasureData(spec3, 40, 4, 11);
  const wb = workbookWithTable(tableRows(spec3, d));
  wb.sheets.push(new FakeSheet("Empty"));
  await build(wb, spec3);
  installExcel(wb);
  const list = await listAreaSources();
  expect(list).toEqual([
    { kind: "table", name: "Areas", sheet: SHEET, address: expect.stringMatching(/^B3:/) },
    { kind: "sheet", name: SHEET, sheet: SHEET, address: expect.stringMatching(/^A1:/) },
  ]);
});

test("the build records its table: a rebuild given no choice reads it again; an explicit null builds the bundle", async () => {
  const d = syntheticMeasureData(hlnSpec, 40, 5, 10);
  const wb = workbookWithTable(tableRows(hlnSpec, d));
  await build(wb, hlnSpec);
  installExcel(wb);
  expect(builtAreas(await checkWorkbook())).toEqual(TABLE);
  // e.g. the pane reopened: no choice passed — the table again, not the bundle
  const again = await build(wb, hlnSpec, { areas: undefined });
  expect(again.areasFrom?.ref).toEqual(TABLE);
  expectScores(again.result, buildMeasure(hlnSpec, d));
  // the Data card's "bundled indicators", chosen: the bundle, and the record goes
  const bundled = await build(wb, hlnSpec, { areas: null });
  expect(bundled.areasFrom).toBeUndefined();
  expect(bundled.result.areaCodes.length).toBe(sub.n);
  installExcel(wb);
  expect(builtAreas(await checkWorkbook())).toBeNull();
});
