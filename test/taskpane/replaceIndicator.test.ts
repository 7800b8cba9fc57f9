/**
 * Issue 16, "replace one indicator" in the pane: a table of the user's workbook with area codes and
 * an indicator's column replaces that indicator's bundled data through replaceIndicator (the CLI's
 * --replace core) and the keyed-column reader the CLI uses. The result is buildMeasure of the
 * replaced bundle and spec; the status is "user" with the named source on the Measure and Sources
 * sheets; unmatched codes and missing areas are reported; the replacement is recorded and survives a
 * rebuild; every bad input stops the build with its cells named, writing nothing. On the in-memory
 * Excel, through the real controller and excel.ts.
 */
import { leftOut } from "../helpers/openData";
import { runAnalysis } from "../../src/taskpane/uncertaintyAnalysis";
import { analysisInput, DEFAULT_UNCERTAINTY_FORM, formOptions } from "../../src/taskpane/useUncertainty";
import * as React from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { buildMeasure } from "../../src/core/buildMeasure";
import { hlnSpec } from "../../src/core/specs";
import { type Bundle, toMeasureData } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { replaceIndicator, userColumn } from "../../src/data/replaceIndicator";
import { type BuildRequest, BuildStopped, buildInWorkbook, builtReplacement } from "../../src/taskpane/controller";
import { checkWorkbook, excel } from "../../src/taskpane/excel";
import { paneOptionsFromSpec } from "../../src/taskpane/model";
import { readReplacement, replaceColumns, type ReplaceChoice } from "../../src/taskpane/replaceSource";
import { ReplaceCard } from "../../src/taskpane/components/ReplaceCard";
import { IND_COL } from "../../src/workbook/measureCodec";
import { installExcel } from "../helpers/excelGlobal";
import { FakeWorkbook } from "../helpers/fakeExcel";
import { subsetBundle } from "../workbook/helpers";

const ID = "jobs_density";
const SHEET = "My jobs";
const SOURCE = "ONS BRES 2023, jobs per working-age resident";
const CHOICE: ReplaceChoice = { id: ID, ref: { kind: "table", name: "Jobs" }, source: SOURCE };

let sub: Bundle;
beforeAll(() => {
  sub = subsetBundle(loadBundleFromDir(), 300, 3);
});

/** The user's jobs density: every 25th area left out, every 40th blank, two codes not in the bundle. */
function userValues(): { rows: unknown[][]; values: Float64Array } {
  const values = new Float64Array(sub.n).fill(NaN);
  const rows: unknown[][] = [["LSOA21CD", "jobs_density", "note"]];
  sub.geography.lsoa21Code.forEach((code, i) => {
    if (i % 25 === 3) return;
    const v = ((i * 7919) % 1000) / 100;
    if (i % 40 === 5) rows.push([code, "", "suppressed"]);
    else {
      rows.push([code, v, ""]);
      values[i] = v;
    }
  });
  rows.push(["E01999998", 0.5, ""], ["W01000001", 0.2, ""]);
  return { rows, values };
}

/** A workbook with the user's sheet: a title in A1, the table at B3 (so cells are named on the sheet). */
function workbookWith(rows: unknown[][]): FakeWorkbook {
  const wb = new FakeWorkbook([SHEET]);
  wb.put(SHEET, "A1", [["Jobs by LSOA (mine)"]]);
  wb.addTable("Jobs", SHEET, "B3", rows);
  return wb;
}

function build(wb: FakeWorkbook, extra: Partial<BuildRequest> = {}) {
  installExcel(wb);
  return buildInWorkbook(
    {
      spec: hlnSpec,
      bundle: sub,
      replace: CHOICE,
      pane: paneOptionsFromSpec(hlnSpec),
      choice: "rebuild",
      builtAt: "2026-12-01T09:00:00.000Z",
      session: { owner: "pane-test", label: "test", settle: () => Promise.resolve() },
      ...extra,
    },
    excel,
  );
}

/** buildMeasure of the bundle and spec with the user's column swapped in by the shared core. */
function expected(values: Float64Array) {
  const r = replaceIndicator(sub, hlnSpec, {
    id: ID,
    columns: { [ID]: values },
    source: SOURCE,
    file: "x",
    matched: 0,
  });
  // the other 4 synthetic indicators are left out by default; the replaced one has data
  return buildMeasure(r.spec, toMeasureData(r.bundle), { weights: leftOut(r.spec, r.bundle) });
}

/** The row of a sheet (cells' values in column order) whose column `col` holds `v`. */
function rowWith(wb: FakeWorkbook, sheet: string, col: number, v: unknown): unknown[] {
  const s = wb.sheet(sheet)!;
  const hit = [...s.cells].find(([k, c]) => Number(k.split(",")[1]) === col && c.v === v);
  expect(hit).toBeDefined();
  const r = Number(hit![0].split(",")[0]);
  return [...s.cells]
    .filter(([k]) => Number(k.split(",")[0]) === r)
    .sort(([a], [b]) => Number(a.split(",")[1]) - Number(b.split(",")[1]))
    .map(([, c]) => c.v);
}

const snapshotAll = (wb: FakeWorkbook) => JSON.stringify([wb.sheets.map((s) => [s.name, s.snapshot()]), [...wb.names]]);

test("a table replaces jobs_density: result = buildMeasure of the replaced bundle; status user with the source; unmatched and missing reported", async () => {
  const { rows, values } = userValues();
  const wb = workbookWith(rows);
  const before = wb.sheet(SHEET)!.snapshot();
  const out = await build(wb);
  expect(out.status).toBe("complete");
  const want = expected(values);
  expect(out.result).toEqual(want);
  // the replacement moved the ranking (the bundle's synthetic column is not what was built)
  expect(out.result.rank).not.toEqual(
    buildMeasure(hlnSpec, toMeasureData(sub), { weights: leftOut(hlnSpec, sub) }).rank,
  );
  const missing = values.reduce((n, v) => n + (Number.isNaN(v) ? 1 : 0), 0);
  expect(out.replaced).toEqual({
    id: ID,
    columns: [ID],
    areas: sub.n,
    matched: sub.n - missing,
    missing,
    firstMissing: [3, 5, 28, 45, 53].map((i) => sub.geography.lsoa21Code[i]),
    unmatched: 2,
    firstUnmatched: ["E01999998", "W01000001"],
    problems: [],
  });
  // the workbook's cells of that indicator are the user's values
  const col = userColumn(ID, ID);
  sub.geography.lsoa21Code.forEach((_, i) => {
    const at = out.plan.index.cell(`data:${col}`, i)!;
    const v = wb.sheet(at.sheet)!.at(at.address);
    if (Number.isNaN(values[i])) expect(v === "" || v === null || v === undefined).toBe(true);
    else expect(v).toBe(values[i]);
  });
  // Measure and Sources sheets: status "user", the source named
  const m = rowWith(wb, "HLN Measure", IND_COL.id, ID);
  expect(m).toContain("user");
  expect(m).toContain(`${SOURCE}, table Jobs ('My jobs'!B3:D${3 + rows.length - 1})`);
  expect(m).toContain(col);
  const src = rowWith(wb, "HLN Sources", 0, ID);
  expect(src).toContain("user");
  expect(src.some((v) => String(v).includes(SOURCE))).toBe(true);
  const about = [...wb.sheet("HLN About")!.cells.values()].map((c) => String(c.v));
  expect(about.some((t) => /user 1/.test(t))).toBe(true);
  // the user's table is only read
  expect(wb.sheet(SHEET)!.snapshot()).toBe(before);
  // the Uncertainty card analyses what was built: the replaced values, the build's nominal ranks
  const input = analysisInput(out, formOptions({ ...DEFAULT_UNCERTAINTY_FORM, draws: "5", factors: ["weights"] }));
  const got = input.data.columns[col];
  values.forEach((v, i) => (Number.isNaN(v) ? expect(got[i]).toBeNaN() : expect(got[i]).toBe(v)));
  expect(Array.from(runAnalysis(input).mc.nominalRank)).toEqual(Array.from(out.result.rank));
});

test("the replacement is recorded: a rebuild given no choice replaces again (from the Measure sheet); null builds the bundle", async () => {
  const { rows, values } = userValues();
  const wb = workbookWith(rows);
  await build(wb);
  installExcel(wb);
  expect(builtReplacement(await checkWorkbook())).toEqual(CHOICE);
  // e.g. the pane reopened: no choice passed — the recorded replacement, read again from the table
  const again = await build(wb, { replace: undefined });
  expect(again.measureFrom).toBe("sheet");
  expect(again.replaced?.matched).toBeGreaterThan(0);
  expect(again.result).toEqual(expected(values));
  installExcel(wb);
  expect(builtReplacement(await checkWorkbook())).toEqual(CHOICE);
  // a value the user corrects in the table is read by the next rebuild
  const fixed = rows.map((r) => [...r]);
  fixed[1][1] = 42;
  const wb2 = workbookWith(fixed);
  await build(wb2);
  const v2 = Float64Array.from(values);
  v2[0] = 42;
  expect((await build(wb2, { replace: undefined })).result).toEqual(expected(v2));
  // replacement off: no replacement, the Measure sheet's indicator reads the bundle's column again
  // (nothing asked), and the record goes
  const asked: string[] = [];
  const plain = await build(wb, { replace: null, ask: (q) => (asked.push(q.kind), Promise.resolve("cancel")) });
  expect(asked).toEqual([]);
  expect(plain.measureFrom).toBe("sheet");
  expect(plain.replaced).toBeUndefined();
  expect(plain.result).toEqual(buildMeasure(hlnSpec, toMeasureData(sub), { weights: leftOut(hlnSpec, sub) }));
  installExcel(wb);
  expect(builtReplacement(await checkWorkbook())).toBeNull();
});

test("a replacement on a workbook built without one: the Measure sheet's indicator reads the user's column", async () => {
  const { rows, values } = userValues();
  const wb = workbookWith(rows);
  await build(wb, { replace: null });
  const out = await build(wb);
  expect(out.measureFrom).toBe("sheet");
  expect(out.result).toEqual(expected(values));
  expect(rowWith(wb, "HLN Measure", IND_COL.id, ID)).toContain(userColumn(ID, ID));
});

test("the Replace card's reading over a replaced build's measure (reading user_<id>_<column>) finds the bundle's column names", () => {
  const { rows, values } = userValues();
  const replaced = replaceIndicator(sub, hlnSpec, {
    id: ID,
    columns: { [ID]: values },
    source: "x",
    file: "x",
    matched: 0,
  }).spec;
  expect(replaceColumns(replaced, ID)).toEqual([ID]);
  const grid = { ref: CHOICE.ref, sheet: SHEET, address: "B3:D300", origin: { row: 2, col: 1 }, values: rows };
  const r = readReplacement(grid, sub, replaced, CHOICE);
  expect(r.report.problems).toEqual([]);
  expect(r.replacement?.columns[ID]).toEqual(values);
});

/** Builds, expects BuildStopped("replace-problems"), checks nothing was written; returns it. */
async function stopped(rows: unknown[][], extra: Partial<BuildRequest> = {}): Promise<BuildStopped> {
  const wb = workbookWith(rows);
  const before = snapshotAll(wb);
  const err = await build(wb, extra).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(BuildStopped);
  expect((err as BuildStopped).reason).toBe("replace-problems");
  expect(snapshotAll(wb)).toBe(before);
  return err as BuildStopped;
}

test("text in the number column and a code given twice: every cell named, nothing written", async () => {
  const { rows } = userValues();
  // the table is at B3: header on sheet row 3, data row k on row 4 + k; column B codes, C values
  rows[1 + 4][1] = "lots";
  rows[1 + 9][0] = rows[1 + 2][0];
  rows[1 + 12][1] = "1,5";
  const e = await stopped(rows);
  expect(e.message).toBe(
    `Not built: 3 problems in the values for ${ID} (table Jobs ('My jobs'!B3:D${3 + rows.length - 1})). Fix the cells listed, then build again.`,
  );
  expect(e.problems).toEqual([
    { cell: "'My jobs'!C8", value: "lots", why: '"lots" is not a number' },
    { cell: "'My jobs'!B13", value: rows[3][0], why: `area ${String(rows[3][0])} appears twice` },
    { cell: "'My jobs'!C16", value: "1,5", why: '"1,5" is not a number' },
  ]);
  expect(e.replaced?.problems).toEqual(e.problems);
  // the Replace card shows them by cell
  const html = renderToStaticMarkup(
    React.createElement(
      FluentProvider,
      { theme: webLightTheme },
      React.createElement(ReplaceCard, {
        spec: hlnSpec,
        bundle: sub,
        sources: [{ kind: "table", name: "Jobs", sheet: SHEET, address: "B3:D300" }],
        choice: CHOICE,
        onChoice: () => undefined,
        report: e.replaced!,
      }),
    ),
  )
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"');
  expect(html).toContain("3 problems: nothing is built until they are fixed");
  expect(html).toContain("'My jobs'!C8: \"lots\" is not a number");
  expect(html).toContain(`'My jobs'!B13`);
});

test("no area code column; none of the indicator's columns; an indicator the measure lacks", async () => {
  const { rows } = userValues();
  const noCode = rows.map((r, k) => (k === 0 ? ["place", ...r.slice(1)] : r));
  expect((await stopped(noCode)).problems).toEqual([
    {
      cell: "'My jobs'",
      value: null,
      why: "no area code column (one of area_code, area, code, lsoa21cd, lsoa21_code)",
    },
  ]);
  const noColumn = rows.map((r, k) => (k === 0 ? ["code", "jobs", "note"] : r));
  expect((await stopped(noColumn)).problems).toEqual([
    { cell: "'My jobs'!B3", value: null, why: "none of the indicator's columns (jobs_density) is in the header row" },
  ]);
  expect((await stopped(rows, { replace: { ...CHOICE, id: "nope" } })).problems).toEqual([
    { cell: "'My jobs'", value: null, why: 'the measure has no indicator "nope"' },
  ]);
});

test("a replacement with a workbook table as the data is refused (it applies to the bundled data)", async () => {
  const { rows } = userValues();
  const e = await stopped(rows, { areas: { kind: "table", name: "Jobs" } });
  expect(e.message).toBe(
    `Not built: replacing ${ID} applies to the bundled data; with a table of your own, put the indicator's columns in it.`,
  );
});

test("the Replace card reports matched, missing and unmatched", () => {
  const html = renderToStaticMarkup(
    React.createElement(
      FluentProvider,
      { theme: webLightTheme },
      React.createElement(ReplaceCard, {
        spec: hlnSpec,
        bundle: sub,
        sources: [{ kind: "table", name: "Jobs", sheet: SHEET, address: "B3:D300" }],
        choice: CHOICE,
        onChoice: () => undefined,
        report: {
          id: ID,
          columns: [ID],
          areas: 300,
          matched: 280,
          missing: 20,
          firstMissing: ["E01000003"],
          unmatched: 2,
          firstUnmatched: ["E01999998", "W01000001"],
          problems: [],
        },
      }),
    ),
  );
  expect(html).toContain("280 of 300 areas have a value (jobs_density)");
  expect(html).toContain("20 without (missing in that indicator; first: E01000003)");
  expect(html).toContain("2 codes not in the data (first: E01999998, W01000001)");
});
