/**
 * Issue 16, the choice of measure in the pane: the bundled HLN spec, the workbook's HLN Measure
 * sheet, or a spec file (parsed by parseSpecText, the CLI's --spec parser). A spec file with a
 * workbook table builds buildMeasure of that spec and data; a spec file's errors are its HlnError
 * messages, shown by the Measure card; data without the spec's columns stops the build with the
 * existing messages. On the in-memory Excel, through the real controller and excel.ts.
 */
import { leftOut } from "../helpers/openData";
import { readFileSync } from "fs";
import { join } from "path";
import * as React from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { buildMeasure } from "../../src/core/buildMeasure";
import { hlnSpec } from "../../src/core/specs";
import { type Bundle, toMeasureData } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { type BuildRequest, BuildStopped, buildInWorkbook } from "../../src/taskpane/controller";
import { excel } from "../../src/taskpane/excel";
import { paneOptionsFromSpec } from "../../src/taskpane/model";
import { readSpecFile } from "../../src/taskpane/useSpecChoice";
import { SpecCard } from "../../src/taskpane/components/SpecCard";
import { IND_COL } from "../../src/workbook/measureCodec";
import { installExcel } from "../helpers/excelGlobal";
import { FakeWorkbook } from "../helpers/fakeExcel";
import { areasTableRows, syntheticMeasureData } from "../helpers/synthetic";
import { subsetBundle } from "../workbook/helpers";

const SPEC_TEXT = readFileSync(join(__dirname, "../fixtures/spec-3dim.json"), "utf8");
const SHEET = "My data";

let sub: Bundle;
beforeAll(() => {
  sub = subsetBundle(loadBundleFromDir(), 200, 2);
});

function build(wb: FakeWorkbook, req: Partial<BuildRequest>) {
  installExcel(wb);
  const spec = req.spec ?? hlnSpec;
  return buildInWorkbook(
    {
      spec,
      bundle: sub,
      pane: paneOptionsFromSpec(spec),
      choice: "rebuild",
      builtAt: "2026-12-01T09:00:00.000Z",
      session: { owner: "pane-test", label: "test", settle: () => Promise.resolve() },
      ...req,
    },
    excel,
  );
}

const html = (el: React.ReactElement) =>
  renderToStaticMarkup(React.createElement(FluentProvider, { theme: webLightTheme }, el))
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"');

test("a spec file and a workbook table: the result is buildMeasure of that spec and data; a rebuild from its Measure sheet builds it again", async () => {
  const file = readSpecFile("three.json", SPEC_TEXT);
  expect(file.error).toBeUndefined();
  const spec = file.spec!;
  const d = syntheticMeasureData(spec, 40, 4, 21);
  const wb = new FakeWorkbook([SHEET]);
  wb.addTable("Areas", SHEET, "B3", areasTableRows(spec, d));
  const out = await build(wb, { spec, specFrom: "given", areas: { kind: "table", name: "Areas" } });
  expect(out.status).toBe("complete");
  expect(out.measureFrom).toBe("bundled");
  expect(out.result).toEqual(buildMeasure(spec, d));
  // the Measure sheet (and Weights sheet) now hold the file's measure: the pane reopened ("auto",
  // the bundled spec given) rebuilds it from them
  const again = await build(wb, { areas: { kind: "table", name: "Areas" } });
  // over a workbook with an HLN build (its Measure sheet the bundled HLN's): a new copy builds the file's spec
  const hln = new FakeWorkbook([SHEET]);
  hln.addTable("Areas", SHEET, "B3", areasTableRows(spec, d));
  await build(hln, { areas: null });
  const copy = await build(hln, { spec, specFrom: "given", choice: "copy", areas: { kind: "table", name: "Areas" } });
  expect(copy.suffix).toBe(" (2)");
  expect(copy.result).toEqual(buildMeasure(spec, d));
  expect(again.measureFrom).toBe("sheet");
  // (its spec's weights are the Weights sheet's settings, applied by the build: the scores are the same)
  const want = buildMeasure(spec, d);
  expect([again.result.score, again.result.rank, again.result.dimensions.map((x) => x.weight)]).toEqual([
    want.score,
    want.rank,
    want.dimensions.map((x) => x.weight),
  ]);
});

test("the bundled spec chosen over an edited Measure sheet: the sheet is not read", async () => {
  const wb = new FakeWorkbook(["Sheet1"]);
  await build(wb, { areas: null });
  // shrink off for worklessness on the Measure sheet
  const m = wb.sheet("HLN Measure")!;
  const row = [...m.cells].find(([k, c]) => Number(k.split(",")[1]) === IND_COL.id && c.v === "worklessness")!;
  m.cells.set(`${row[0].split(",")[0]},${IND_COL.shrink}`, { v: "no" });
  const fromSheet = await build(wb, { areas: null });
  expect(fromSheet.measureFrom).toBe("sheet");
  expect(fromSheet.result).not.toEqual(buildMeasure(hlnSpec, toMeasureData(sub), { weights: leftOut(hlnSpec, sub) }));
  const given = await build(wb, { areas: null, specFrom: "given" });
  expect(given.measureFrom).toBe("bundled");
  expect(given.result).toEqual(buildMeasure(hlnSpec, toMeasureData(sub), { weights: leftOut(hlnSpec, sub) }));
});

test("a spec file's errors: malformed JSON by row and column, a bad field by its path; the Measure card shows them", () => {
  const bad = readSpecFile("bad.json", '{\n  "id": "x",\n  "label": oops\n}');
  expect(bad.spec).toBeUndefined();
  expect(bad.error).toMatch(/^bad\.json row 3, column \d+: malformed JSON \(/);
  const json = JSON.parse(SPEC_TEXT) as { dimensions: { weight?: unknown }[] };
  json.dimensions[1].weight = "heavy";
  const field = readSpecFile("field.json", JSON.stringify(json));
  expect(field.error).toMatch(/^field\.json: dimensions\[1\]\.weight/);
  const out = html(
    React.createElement(SpecCard, {
      bundledLabel: "HLN",
      measureSheet: "HLN Measure",
      shown: "file",
      file: field,
      onSelect: () => undefined,
      onFile: () => undefined,
    }),
  );
  expect(out).toContain(field.error);
  expect(out).toContain("The bundled HLN measure");
  expect(out).toContain("This workbook's HLN Measure sheet");
  // no Measure sheet: no such choice
  const none = html(
    React.createElement(SpecCard, {
      bundledLabel: "HLN",
      shown: "bundled",
      file: null,
      onSelect: () => undefined,
      onFile: () => undefined,
    }),
  );
  expect(none).not.toContain("Measure sheet");
});

test("data without the spec file's columns: the bundled data and a table stop the build with the existing messages", async () => {
  // the 3-dimension spec with one indicator reading a column of the user's
  const json = JSON.parse(SPEC_TEXT) as { dimensions: { subdimensions: { indicators: { value?: string }[] }[] }[] };
  json.dimensions[0].subdimensions[0].indicators[1].value = "own_rate";
  const spec = readSpecFile("own.json", JSON.stringify(json)).spec!;
  const wb = new FakeWorkbook([SHEET]);
  const before = JSON.stringify(wb.sheets.map((s) => s.snapshot()));
  const err = await build(wb, { spec, specFrom: "given", areas: null }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(BuildStopped);
  expect((err as BuildStopped).reason).toBe("data-problems");
  expect((err as BuildStopped).message).toBe(
    "Not built: the bundled LSOA indicators lack 1 column the measure reads (own_rate). Pick a table of yours with them (Data), or another measure.",
  );
  expect((err as BuildStopped).problems).toEqual([
    { cell: "bundled data", value: null, why: 'missing column "own_rate" (the measure reads it)' },
  ]);
  expect(JSON.stringify(wb.sheets.map((s) => s.snapshot()))).toBe(before);
  // a table with HLN columns only: the areas codec's missing-column problems
  const d = syntheticMeasureData(hlnSpec, 30, 3, 5);
  wb.addTable("Areas", SHEET, "A1", areasTableRows(hlnSpec, d));
  const err2 = await build(wb, { spec, specFrom: "given", areas: { kind: "table", name: "Areas" } }).catch(
    (e: unknown) => e,
  );
  expect((err2 as BuildStopped).reason).toBe("data-problems");
  expect((err2 as BuildStopped).problems.map((p) => p.why)).toContain(
    'missing column "own_rate" (the measure reads it)',
  );
  expect(wb.sheets.map((s) => s.name)).toEqual([SHEET]);
});
