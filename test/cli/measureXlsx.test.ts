/**
 * `hln build --measure book.xlsx` and `--data book.xlsx#Sheet` (issue 16): the CLI's own workbook
 * rebuilt from its Measure + Weights sheets gives the same scores (with its CSV, with its own Data
 * sheet as the areas table, and with the bundle); a user measure and an areas table in an xlsx
 * equal buildMeasure for that spec and data; bad cells are one line naming them, exit code 2.
 */
import { leftOut } from "../helpers/openData";
import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { buildMeasure, type MeasureData } from "../../src/core/buildMeasure";
import { DEFAULT_OPTIONS } from "../../src/core/options";
import { defaultSettings, settingsToBuild } from "../../src/core/settings";
import { specColumns, validateSpec, type MeasureSpec } from "../../src/core/spec";
import { hlnSpec } from "../../src/core/specs";
import { toMeasureData } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { CSV_NAME, runBuild, XLSX_NAME } from "../../src/cli/build";
import { readUserCsv } from "../../src/cli/userData";
import { buildWorkbook } from "../../src/workbook/pipeline";
import type { WorkbookPlan } from "../../src/workbook/planTypes";
import { weightsGrid } from "../../src/workbook/weightsCodec";
import { findLibreOffice } from "../../scripts/libreoffice";
import { runCli } from "../helpers/cli";
import { syntheticMeasureData, userCsvRows } from "../helpers/synthetic";
import { subsetBundle } from "../workbook/helpers";

const found = findLibreOffice();
/** LibreOffice, when installed (the test that re-saves a workbook with it is skipped otherwise). */
const lo = "missing" in found ? undefined : found;
const tmp = (p: string) => mkdtempSync(join(tmpdir(), `hln-measure-${p}-`));
const BUILT = "2026-01-01T00:00:00Z";
const SPEC_3DIM: MeasureSpec = validateSpec(
  JSON.parse(readFileSync(join(__dirname, "../fixtures/spec-3dim.json"), "utf8")),
);

function userCsv(dir: string): string {
  const f = join(dir, "my-data.csv");
  writeFileSync(
    f,
    userCsvRows(hlnSpec, 300, 12, 7)
      .map((r) => r.join(","))
      .join("\n") + "\n",
  );
  return f;
}
const csvText = (dir: string) => readFileSync(join(dir, CSV_NAME), "utf8");
const csvRows = (dir: string) => Papa.parse<Record<string, string>>(csvText(dir).trim(), { header: true }).data;

/** An xlsx of a plan's Measure and Weights sheets (values only) and further sheets of values. */
async function writeBook(path: string, plan: WorkbookPlan, extra: Record<string, unknown[][]> = {}) {
  const wb = new ExcelJS.Workbook();
  const add = (name: string, grid: unknown[][]) => wb.addWorksheet(name).addRows(grid.map((r) => [...r]));
  for (const role of ["weights", "measure"]) {
    const s = plan.sheets.find((x) => x.role === role)!;
    add(s.name, weightsGrid(s).values);
  }
  for (const [name, grid] of Object.entries(extra)) add(name, grid);
  await wb.xlsx.writeFile(path);
}

/** The areas table of synthetic data for a spec, as a sheet grid (a title row first). */
function areasGrid(spec: MeasureSpec, d: MeasureData): unknown[][] {
  const cols = specColumns(spec);
  const rows: unknown[][] = [["Our neighbourhoods"], ["code", "name", "group", "population", ...cols]];
  d.areaCodes.forEach((c, i) =>
    rows.push([c, `N ${i}`, d.groupCodes[i], d.population![i], ...cols.map((k) => d.columns[k][i])]),
  );
  return rows;
}

const close = (a: number, e: number) =>
  Number.isNaN(e) ? Number.isNaN(a) : Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e));

describe("the CLI's own xlsx rebuilt with --measure", () => {
  let dir: string;
  let first: string;
  let csv: string;
  beforeAll(async () => {
    dir = tmp("own");
    csv = userCsv(dir);
    first = join(dir, "first");
    await runBuild({ out: first, data: csv, weights: "growth=0.3,crime_domain=2", constant: 20, builtAt: BUILT });
  });

  test("with the same CSV: the same scores file", async () => {
    const out = join(dir, "again");
    const s = await runBuild({ out, data: csv, measure: join(first, XLSX_NAME), format: "csv" });
    expect(s.warnings).toEqual([]);
    expect(csvText(out)).toBe(csvText(first));
  });

  test("with its own Data sheet as the areas table (--data book.xlsx#HLN Data): the same scores file", async () => {
    const book = join(first, XLSX_NAME);
    const out = join(dir, "own-data");
    const s = await runBuild({ out, measure: book, data: `${book}#HLN Data`, format: "csv" });
    expect(s.dataRead).toBe('hln-measure.xlsx#HLN Data: 300 rows of sheet "HLN Data" (header on row 2)');
    expect(csvText(out)).toBe(csvText(first));
  });

  test("a weight typed over the Measure sheet's reference to the Weights sheet is refused, naming the cell", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(first, XLSX_NAME));
    const ws = wb.getWorksheet("HLN Measure")!;
    let row = 0;
    ws.eachRow((r, k) => {
      if (r.getCell(3).value === "crime_domain") row = k;
    });
    expect(ws.getCell(`N${row}`).formula).toMatch(/^'HLN Weights'!\$B\$\d+$/);
    ws.getCell(`N${row}`).value = 5;
    const f = join(dir, "typed-over.xlsx");
    await wb.xlsx.writeFile(f);
    const r = await runCli(["build", "--quiet", "--out", join(dir, "typed"), "--measure", f, "--data", csv]);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(
      `hln: typed-over.xlsx: 1 problem in the measure, nothing built: 'HLN Measure'!N${row}: weight of crime_domain is 5 here but 2 on the Weights sheet: weights and polarities are set on the Weights sheet only (this cell shows it)`,
    );
  });

  (lo ? test : test.skip)(
    "the workbook saved by another application (LibreOffice, its own zip layout and sheet order): the same scores file",
    async () => {
      const saved = join(dir, "saved");
      execFileSync(
        lo!.soffice,
        [
          `-env:UserInstallation=file://${join(dir, "lo-profile")}`,
          "--headless",
          "--convert-to",
          "xlsx",
          "--outdir",
          saved,
          join(first, XLSX_NAME),
        ],
        { stdio: "ignore", timeout: 120_000 },
      );
      const out = join(dir, "from-lo");
      await runBuild({ out, data: csv, measure: join(saved, XLSX_NAME), format: "csv" });
      expect(csvText(out)).toBe(csvText(first));
    },
    180_000,
  );

  test("--weights and --constant still apply over the Weights sheet's values", async () => {
    const out = join(dir, "flags");
    await runBuild({ out, data: csv, measure: join(first, XLSX_NAME), constant: 23, format: "csv" });
    expect(csvText(out)).not.toBe(csvText(first));
    const ref = join(dir, "ref");
    await runBuild({ out: ref, data: csv, weights: "growth=0.3,crime_domain=2", format: "csv" });
    expect(csvText(out)).toBe(csvText(ref));
  });
});

test("the bundled data with the HLN measure from a workbook equals buildMeasure", async () => {
  const dir = tmp("bundle");
  const sub = subsetBundle(loadBundleFromDir(), 300, 3);
  const plan = buildWorkbook(hlnSpec, sub, defaultSettings(hlnSpec), { builtAt: BUILT }).plan;
  const book = join(dir, "hln-measure-only.xlsx");
  await writeBook(book, plan);
  const out = join(dir, "out");
  const s = await runBuild({ out, measure: book, format: "csv" });
  expect(s.areas).toBe(33755);
  const full = loadBundleFromDir();
  const core = buildMeasure(hlnSpec, toMeasureData(full), { weights: leftOut(hlnSpec, full) });
  const rows = csvRows(out);
  let bad = 0;
  rows.forEach((r, i) => {
    if (
      r.lsoa21_code !== core.areaCodes[i] ||
      !close(r.overall_score === "" ? NaN : Number(r.overall_score), core.score[i])
    )
      bad++;
  });
  expect(bad).toBe(0);
});

describe("a user measure and an areas table in an xlsx", () => {
  let dir: string;
  let book: string;
  let data: MeasureData;
  let plan: WorkbookPlan;
  beforeAll(async () => {
    dir = tmp("user");
    data = syntheticMeasureData(SPEC_3DIM, 200, 8, 5);
    // one area without a group, and a group of one area
    data.groupCodes[17] = "";
    data.groupCodes[199] = "LONE";
    plan = buildWorkbook(SPEC_3DIM, data, defaultSettings(SPEC_3DIM), { builtAt: BUILT }).plan;
    book = join(dir, "our-measure.xlsx");
    await writeBook(book, plan, { Areas: areasGrid(SPEC_3DIM, data) });
  });

  test("the scores equal buildMeasure for that spec and data; the blank group and the single-area group are reported", async () => {
    const out = join(dir, "out");
    const r = await runCli(["build", "--out", out, "--measure", book, "--data", `${book}#Areas`, "--format", "csv"]);
    expect(r.code).toBe(0);
    const { exclude: _e, ...scalars } = DEFAULT_OPTIONS;
    void _e;
    const spec = { ...SPEC_3DIM, options: { ...scalars, ...SPEC_3DIM.options } };
    const core = buildMeasure(spec, data);
    const rows = csvRows(out);
    expect(rows).toHaveLength(200);
    let bad = 0;
    rows.forEach((x, i) => {
      if (x.neighbourhood_code !== core.areaCodes[i]) bad++;
      if (!close(x.overall_score === "" ? NaN : Number(x.overall_score), core.score[i])) bad++;
      if (!close(Number(x.rank), core.rank[i])) bad++;
      for (const d of core.dimensions)
        if (!close(x[`${d.id}_score`] === "" ? NaN : Number(x[`${d.id}_score`]), d.transformed[i])) bad++;
    });
    expect(bad).toBe(0);
    expect(r.err).toContain(
      "hln: warning: our-measure.xlsx#Areas: Areas!C20: blank group code (area E01000017): the area is in no group, so its shrunk indicators are missing",
    );
    expect(r.err).toContain(
      "hln: warning: our-measure.xlsx#Areas: Areas!C202: group LONE has a single area (E01000199): its shrunk indicators are not shrunk (k = 1, so w = 1)",
    );
  });

  test("--data book.xlsx without a sheet reads the first sheet with an areas table", async () => {
    const out = join(dir, "nosheet");
    const s = await runBuild({ out, measure: book, data: book, format: "csv" });
    expect(s.dataRead).toMatch(/ rows of sheet "Areas" \(header on row 2\)$/);
  });

  /** Runs a build from an edited copy of the book; returns the exit code and the stderr lines. */
  async function edited(edit: (sheets: Record<string, unknown[][]>) => void, extraArgs: string[] = []) {
    const d = tmp("bad");
    const sheets: Record<string, unknown[][]> = { Areas: areasGrid(SPEC_3DIM, data) };
    const m = weightsGrid(plan.sheets.find((s) => s.role === "measure")!).values;
    const w = weightsGrid(plan.sheets.find((s) => s.role === "weights")!).values;
    const all: Record<string, unknown[][]> = { "HLN Measure": m, "HLN Weights": w, ...sheets };
    edit(all);
    const wb = new ExcelJS.Workbook();
    for (const [name, grid] of Object.entries(all)) wb.addWorksheet(name).addRows(grid);
    const f = join(d, "bad.xlsx");
    await wb.xlsx.writeFile(f);
    const out = join(d, "out");
    const r = await runCli([
      "build",
      "--out",
      out,
      "--measure",
      f,
      "--data",
      `${f}#Areas`,
      "--format",
      "csv",
      "--quiet",
      ...extraArgs,
    ]);
    return { code: r.code, lines: r.err.split("\n").filter((l) => l.trim()), out };
  }
  const row = (g: unknown[][], col: number, v: string) => g.findIndex((r) => r[col] === v);

  test("a duplicate indicator id: one line naming the cell, exit code 2, nothing written", async () => {
    const r = await edited((s) => {
      s["HLN Measure"][row(s["HLN Measure"], 2, "income")][2] = "out_of_work";
    });
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([
      expect.stringMatching(
        /^hln: bad\.xlsx: 1 problem in the measure, nothing built: 'HLN Measure'!C\d+: duplicate indicator id 'out_of_work' \(already used at 'HLN Measure'!C\d+\)$/,
      ),
    ]);
    expect(existsSync(r.out) ? readdirSync(r.out) : []).toEqual([]);
  });

  test("a column the areas table does not have (checked before the Weights sheet); a weight that is text", async () => {
    const r = await edited((s) => {
      s["HLN Measure"][row(s["HLN Measure"], 2, "income")][7] = "median_incme";
      s["HLN Weights"][row(s["HLN Weights"], 0, "income")][1] = "one";
    });
    expect(r.code).toBe(2);
    expect(r.lines).toHaveLength(1);
    // the structure is checked first: the column, then (when it is clean) the Weights sheet
    expect(r.lines[0]).toMatch(
      /'HLN Measure'!H\d+: value column 'median_incme' is not in the data \(its columns: code, name, group/,
    );
    const w = await edited((s) => {
      s["HLN Weights"][row(s["HLN Weights"], 0, "income")][1] = "one";
    });
    expect(w.lines[0]).toMatch(/'HLN Weights'!B\d+: weight of income "one" is not a number$/);
  });

  test("duplicate area codes in the areas table", async () => {
    const r = await edited((s) => {
      s.Areas[5][0] = s.Areas[3][0];
    });
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([
      'hln: bad.xlsx: 1 problem in the areas table of sheet "Areas", nothing built: Areas!A6: duplicate area code E01000001 (first at A4)',
    ]);
  });

  test("numerator > denominator: a warning naming the cell and the area", async () => {
    const r = await edited((s) => {
      const j = s.Areas[1].indexOf("workless_benefits");
      s.Areas[10][j] = 1e6;
    });
    expect(r.code).toBe(0);
    expect(r.lines.join("\n")).toContain(
      "cannot be used and are left out of their indicator (1 numerator > denominator); first: Areas!",
    );
    expect(r.lines.join("\n")).toMatch(
      /Areas!\w+11: area E01000008, workless_benefits\/pop_16_64: numerator > denominator; the area is left out of indicator out_of_work/,
    );
  });

  test("--spec with --measure, a book without the Measure sheet, --decimal with an xlsx", async () => {
    const d = tmp("args");
    const one = await runCli(["build", "--quiet", "--out", d, "--spec", "x.json", "--measure", book]);
    expect(one.err.trim()).toBe("hln: give --spec or --measure, not both");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").addRow(["x"]);
    const f = join(d, "plain.xlsx");
    await wb.xlsx.writeFile(f);
    const two = await runCli(["build", "--quiet", "--out", join(d, "o"), "--measure", f]);
    expect(two.code).toBe(2);
    expect(two.err.trim()).toMatch(/^hln: plain\.xlsx: no sheet "HLN Measure" \(.*\); its sheets: Sheet1$/);
    const three = await runCli([
      "build",
      "--quiet",
      "--out",
      join(d, "p"),
      "--data",
      `${book}#Areas`,
      "--decimal",
      ",",
    ]);
    expect(three.err.trim()).toBe(
      "hln: --decimal applies to a CSV --data; the numbers of an xlsx sheet are read as numbers",
    );
    const notXlsx = join(d, "fake.xlsx");
    writeFileSync(notXlsx, "not a zip");
    const four = await runCli(["build", "--quiet", "--out", join(d, "q"), "--measure", notXlsx]);
    expect(four.code).toBe(2);
    expect(four.err.trim()).toMatch(/^hln: fake\.xlsx: not an xlsx workbook/);
  });
});

test("a CSV --data: a single-area group is reported too (k = 1: not shrunk)", async () => {
  const dir = tmp("csv-single");
  const rows = userCsvRows(hlnSpec, 300, 12, 7);
  rows[300][2] = "LONE";
  const f = join(dir, "one.csv");
  writeFileSync(f, rows.map((r) => r.join(",")).join("\n") + "\n");
  const s = await runBuild({ out: join(dir, "out"), data: f, format: "csv" });
  expect(s.warnings).toContain(
    `one.csv: row 301: group LONE has a single area (${rows[300][0]}): its shrunk indicators are not shrunk (k = 1, so w = 1)`,
  );
});

test("other area units: MSOA-like areas grouped by districts build, and the district map is drawn from the bundled boundaries", async () => {
  const dir = tmp("msoa");
  const lads = [...new Set(loadBundleFromDir().geography.ladCode)].slice(0, 4);
  const rows = userCsvRows(hlnSpec, 240, 4, 11);
  for (let i = 1; i < rows.length; i++) {
    rows[i][0] = `E02${String(i).padStart(6, "0")}`;
    rows[i][2] = i === rows.length - 1 ? "E06999999" : lads[(i - 1) % 4];
  }
  const f = join(dir, "msoa.csv");
  writeFileSync(f, rows.map((r) => r.join(",")).join("\n") + "\n");
  const out = join(dir, "out");
  const s = await runBuild({ out, data: f, format: "csv" });
  expect(s.areas).toBe(240);
  expect(Object.values(csvRows(out)[0])[0]).toBe("E02000001");
  expect(s.files).toContain(join(out, "hln-map-la.svg"));
  expect(readdirSync(out).filter((x) => x.endsWith(".svg"))).toEqual(["hln-map-la.svg"]); // no LSOA maps
  const svg = readFileSync(join(out, "hln-map-la.svg"), "utf8");
  expect(svg).toContain("quintiles of the 4 LAs");
  expect(s.warnings).toContain(
    "1 group code(s) are not districts of the bundled boundaries (e.g. E06999999): left out of hln-map-la.svg",
  );
  // synthetic D… group codes (not districts): no map, no warning, as before
  const plain = userCsv(dir);
  const s2 = await runBuild({ out: join(dir, "out2"), data: plain, format: "csv" });
  expect(s2.files.some((x) => x.endsWith(".svg"))).toBe(false);
  expect(s2.warnings.join("\n")).not.toMatch(/bundled boundaries/);
});

test("a CSV --data: a blank group code is reported, not refused (as an xlsx table); the area is in no group", async () => {
  const dir = tmp("csv-blank");
  const rows = userCsvRows(hlnSpec, 300, 12, 7);
  rows[11][2] = "";
  const f = join(dir, "blank.csv");
  writeFileSync(f, rows.map((r) => r.join(",")).join("\n") + "\n");
  const s = await runBuild({ out: join(dir, "out"), data: f, format: "csv" });
  expect(s.warnings).toContain(
    `blank.csv: row 12: blank group code (area ${rows[11][0]}): the area is in no group, so its shrunk indicators are missing`,
  );
  expect(s.areas).toBe(300);
  // the scores are the core's for that data, the area in no group (its shrunk indicators missing)
  const data = await readUserCsv(f, hlnSpec);
  expect(data.groupCodes[10]).toBe("");
  const { spec, options } = settingsToBuild(hlnSpec, defaultSettings(hlnSpec));
  const core = buildMeasure(spec, data, options);
  const out = csvRows(join(dir, "out"));
  expect(out.map((r) => (r.rank === "" ? NaN : Number(r.rank)))).toEqual(Array.from(core.rank));
  expect(core.indicators.find((x) => x.spec.shrink)!.shrunk[10]).toBeNaN();
});
