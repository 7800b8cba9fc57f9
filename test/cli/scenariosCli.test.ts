/**
 * Saved scenarios in the CLI (issue 18): `hln build --scenario` writes them to the HLN Scenarios
 * sheet, `--measure book.xlsx` carries the book's, `--baseline` takes a file or a saved name, and
 * `hln scenarios book.xlsx` writes them back as scenario files. Bad input: one line naming the
 * file or cell, nothing written.
 */
import ExcelJS from "exceljs";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runBuild, XLSX_NAME } from "../../src/cli/build";
import { readXlsxBook, requireSheet } from "../../src/cli/xlsxIn";
import { parseScenario, SPEC_SCENARIO } from "../../src/core/scenario";
import { hlnSpec } from "../../src/core/specs";
import { readScenarios } from "../../src/workbook/scenariosCodec";
import { runCli } from "../helpers/cli";
import { userCsvRows } from "../helpers/synthetic";

const dir = mkdtempSync(join(tmpdir(), "hln-scenarios-cli-"));
const csv = join(dir, "areas.csv");
writeFileSync(
  csv,
  userCsvRows(hlnSpec, 200, 6, 5)
    .map((r) => r.join(","))
    .join("\n") + "\n",
);
const crimeFirst = { name: "crime first", settings: { weights: { crime: 0.6 }, constant: 20 } };
const growth = { name: "More growth", settings: { weights: { growth: 0.35 }, offset: "blom" } };
const file = (name: string, json: unknown) => {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(json));
  return f;
};
const a = file("a.json", crimeFirst);
const b = file("b.json", growth);
const first = join(dir, "first");

async function sheetOf(book: string, name: string): Promise<unknown[][]> {
  const r = await readXlsxBook(book, { want: (n) => n === name });
  return requireSheet(r, name, name);
}

beforeAll(async () => {
  await runBuild({ out: first, data: csv, scenario: [a, b], baseline: "more growth", format: "xlsx" });
}, 120_000);

test("build --scenario: the Scenarios sheet holds the spec's settings and each file; --baseline names one", async () => {
  const book = join(first, XLSX_NAME);
  const grid = await sheetOf(book, "HLN Scenarios");
  const read = readScenarios(grid, hlnSpec, "HLN Scenarios");
  expect(read.problems).toEqual([]);
  expect(read.scenarios.map((s) => s.name)).toEqual([SPEC_SCENARIO, "crime first", "More growth"]);
  expect(read.scenarios[1]).toEqual(parseScenario(crimeFirst, hlnSpec));
  expect(read.scenarios[2]).toEqual(parseScenario(growth, hlnSpec));
  const compare = await sheetOf(book, "HLN Compare");
  expect(String(compare[0][11])).toBe("Baseline: More growth (stored when built)");
  // the sheet sits right after the Weights and Measure sheets (so --measure reads no further)
  const names = (await readXlsxBook(book, { want: () => false })).names;
  expect(names.slice(0, 4)).toEqual(["HLN About", "HLN Weights", "HLN Measure", "HLN Scenarios"]);
});

test("--measure carries the book's scenarios; --baseline may name one of them; hln scenarios writes the files back", async () => {
  const out = join(dir, "second");
  await runBuild({ out, measure: join(first, XLSX_NAME), data: csv, baseline: "Crime first", format: "xlsx" });
  const book = join(out, XLSX_NAME);
  const read = readScenarios(await sheetOf(book, "HLN Scenarios"), hlnSpec, "HLN Scenarios");
  expect(read.scenarios.map((s) => s.name)).toEqual([SPEC_SCENARIO, "crime first", "More growth"]);
  expect(String((await sheetOf(book, "HLN Compare"))[0][11])).toBe("Baseline: crime first (stored when built)");
  const files = join(dir, "files");
  const r = await runCli(["scenarios", book, "--out", files]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  expect(r.out).toContain("3 scenarios in hln-measure.xlsx");
  expect(readdirSync(files).sort()).toEqual(["crime-first.json", "more-growth.json", "the-spec-s-settings.json"]);
  const back = JSON.parse(readFileSync(join(files, "more-growth.json"), "utf8"));
  expect(parseScenario(back, hlnSpec)).toEqual(parseScenario(growth, hlnSpec));
}, 120_000);

test("a name used twice, or a --baseline that is neither a file nor a saved name: one line, nothing written", async () => {
  const twice = file("twice.json", { ...growth, name: "crime FIRST" });
  const out1 = join(dir, "twice");
  const r1 = await runCli(["build", "--quiet", "--data", csv, "--scenario", a, "--scenario", twice, "--out", out1]);
  expect(r1.code).toBe(2);
  expect(r1.err.trim()).toBe('hln: twice.json: a scenario "crime FIRST" is saved already: give it another name');
  expect(existsSync(join(out1, XLSX_NAME))).toBe(false);
  const out2 = join(dir, "nobase");
  const r2 = await runCli(["build", "--quiet", "--data", csv, "--scenario", a, "--baseline", "growth", "--out", out2]);
  expect(r2.code).toBe(2);
  expect(r2.err.trim()).toBe(
    `hln: --baseline "growth": no such file and no saved scenario of that name (saved: "${SPEC_SCENARIO}", "crime first")`,
  );
  expect(existsSync(join(out2, XLSX_NAME))).toBe(false);
  const other = file("other.json", { name: "Crime first", settings: { weights: { crime: 0.5 } } });
  const out3 = join(dir, "other");
  const r3 = await runCli(["build", "--quiet", "--data", csv, "--scenario", a, "--baseline", other, "--out", out3]);
  expect(r3.code).toBe(2);
  expect(r3.err.trim()).toBe(
    'hln: other.json: a scenario "crime first" is saved already with other settings: give the baseline another name',
  );
  expect(existsSync(join(out3, XLSX_NAME))).toBe(false);
});

test("a bad cell in the book's Scenarios sheet is named by its cell; nothing is built or written", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(first, XLSX_NAME));
  const ws = wb.getWorksheet("HLN Scenarios")!;
  let row = 0;
  ws.eachRow((r, k) => {
    if (r.getCell(1).value === "Constant") row = k;
  });
  expect(ws.getCell(4, 4).value).toBe("crime first");
  ws.getCell(row, 4).value = -3;
  const f = join(dir, "bad-cell.xlsx");
  await wb.xlsx.writeFile(f);
  const out = join(dir, "bad-out");
  const r = await runCli(["build", "--quiet", "--measure", f, "--data", csv, "--out", out]);
  expect(r.code).toBe(2);
  expect(r.err.trim().split("\n")).toHaveLength(1);
  expect(r.err.trim()).toBe(
    `hln: bad-cell.xlsx: 1 problem in the saved scenarios, nothing built: 'HLN Scenarios'!D${row}: scenario "crime first": must be a number greater than 0, got -3`,
  );
  expect(existsSync(join(out, XLSX_NAME))).toBe(false);
  const files = join(dir, "bad-files");
  const r2 = await runCli(["scenarios", f, "--out", files]);
  expect(r2.code).toBe(2);
  expect(existsSync(files) && readdirSync(files).length > 0).toBe(false);
}, 120_000);
