/**
 * The task pane's uncertainty analysis (issue 18): the worker's function gives the CLI's numbers for
 * the same seed, the HLN Uncertainty / Sensitivity sheet plans hold them (sorted, blanks for areas
 * not in the measure), the result writer swaps sheets safely (a user's sheet of the name is never
 * touched, a cancel leaves the previous results), and the card's fields are checked by name.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import Papa from "papaparse";
import { UNCERTAINTY_FILES } from "../../src/cli/sensitivity";
import { readUserCsv } from "../../src/cli/userData";
import { defaultSettings, settingsToBuild } from "../../src/core/settings";
import { hlnSpec } from "../../src/core/specs";
import { syntheticIndicators } from "../../src/data/openData";
import { runAnalysis } from "../../src/taskpane/uncertaintyAnalysis";
import { formOptions, DEFAULT_UNCERTAINTY_FORM } from "../../src/taskpane/useUncertainty";
import { writeResultSheets } from "../../src/workbook/officeResults";
import { planUncertaintySheets } from "../../src/workbook/plan/uncertaintySheets";
import { installExcel } from "../helpers/excelGlobal";
import { FakeWorkbook } from "../helpers/fakeExcel";
import { runCli } from "../helpers/cli";
import { userCsvRows } from "../helpers/synthetic";

const dir = mkdtempSync(join(tmpdir(), "hln-pane-unc-"));
const csv = join(dir, "areas.csv");
writeFileSync(csv, Papa.unparse(userCsvRows(hlnSpec, 240, 8, 11), { newline: "\n" }) + "\n");

async function analysed(sobolN?: number) {
  const data = await readUserCsv(csv, hlnSpec);
  const { spec, options } = settingsToBuild(hlnSpec, defaultSettings(hlnSpec), syntheticIndicators(hlnSpec, undefined));
  const mc = {
    draws: 30,
    seed: 5,
    factors: ["weights" as const, "constant" as const, "offset" as const],
    bootstrap: 10,
  };
  const out = runAnalysis({ spec, data, options, mc, ...(sobolN ? { sobolN } : {}) });
  return { data, spec, out };
}

const sheetsOf = async (sobolN?: number) => {
  const { data, spec, out } = await analysed(sobolN);
  return {
    out,
    sheets: planUncertaintySheets({
      spec,
      codes: data.areaCodes,
      names: data.names ?? [],
      groupName: () => "",
      ...out,
      ranAt: "2026-12-03T00:00:00Z",
    }),
  };
};

test("the pane's analysis gives the CLI's numbers for the same seed (areas, groups, Sobol indices)", async () => {
  const out = join(dir, "cli");
  const r = await runCli([
    "sensitivity",
    "--data",
    csv,
    "--draws",
    "30",
    "--seed",
    "5",
    "--factors",
    "weights,constant,offset",
    "--sobol",
    "8",
    "--bootstrap",
    "10",
    "--quiet",
    "--out",
    out,
  ]);
  expect(r.err).toBe("");
  const { sheets } = await sheetsOf(8);
  const csvRows = (f: string) =>
    Papa.parse<string[]>(readFileSync(join(out, f), "utf8").trim(), { dynamicTyping: false }).data;
  const cellText = (v: unknown) => (v === "" ? "" : String(v));
  // the Uncertainty sheet's area table, back in row order by code, equals the CLI's CSV cell for cell
  const unc = sheets[0];
  const areaRows = unc.blocks[3].values!.map((row) => row.map(cellText));
  const cli = csvRows(UNCERTAINTY_FILES.areas);
  expect(unc.blocks[2].values![0]).toEqual(cli[0]);
  const byCode = new Map(areaRows.map((x) => [x[0], x]));
  for (const row of cli.slice(1)) expect(byCode.get(row[0])).toEqual(row.map((c) => (c === "NaN" ? "" : c)));
  const groups = csvRows(UNCERTAINTY_FILES.groups);
  expect(unc.blocks[4].values![0]).toEqual(groups[0]);
  const byGroup = new Map(unc.blocks[5].values!.map((x) => [x[0], x.map(cellText)]));
  expect(byGroup.size).toBe(groups.length - 1);
  for (const row of groups.slice(1)) expect(byGroup.get(row[0])).toEqual([row[0], "", ...row.slice(2)]);
  const idx = csvRows(UNCERTAINTY_FILES.indices);
  const sens = sheets[1];
  expect(sens.name).toBe("HLN Sensitivity");
  expect([sens.blocks[2].values![0], ...sens.blocks[3].values!.map((x) => x.map(cellText))]).toEqual(idx);
}, 120_000);

test("the Uncertainty sheet: header on row 4, areas by nominal rank, blanks (not NaN) for areas not ranked", async () => {
  const { out, sheets } = await sheetsOf();
  expect(sheets.map((s) => s.name)).toEqual(["HLN Uncertainty"]);
  const s = sheets[0];
  expect(s.blocks[2].address).toBe("A4");
  expect(s.freeze).toEqual({ rows: 4, cols: 0 });
  const body = s.blocks[3].values!;
  const ranks = body.map((r) => r[2]);
  const ranked = ranks.filter((x) => x !== "") as number[];
  expect(ranked).toEqual([...ranked].sort((a, b) => a - b));
  expect(ranked[0]).toBe(1);
  expect(body.flat().some((v) => typeof v === "number" && Number.isNaN(v))).toBe(false);
  expect(String(s.blocks[1].values![0][0])).toContain("30 draws over weights, constant, offset; seed 5");
  expect(String(s.blocks[1].values![0][0])).toContain(`Mean absolute rank shift ${out.mc.meanRankShift.toFixed(2)}`);
}, 60_000);

describe("writeResultSheets (the in-memory Excel)", () => {
  test("writes, replaces its own results, refuses a user's sheet of the name, and a cancel leaves the previous results", async () => {
    const { sheets } = await sheetsOf();
    const wb = new FakeWorkbook(["Mine"]);
    installExcel(wb);
    const run = (opts = {}) => Excel.run((ctx) => writeResultSheets(ctx, sheets, { chunkRows: 50, ...opts }));
    const first = await run();
    expect(first.status).toBe("complete");
    const unc = wb.sheet("HLN Uncertainty")!;
    expect(unc.at("A4")).toBe("lsoa21_code");
    expect(unc.at("C5")).toBe(1);
    // laid out by the build writer's own helpers: header rows frozen, the tab colour, column widths
    expect(unc.frozen).toBe("rows:4");
    expect(unc.tabColor).toBe("#8064A2");
    expect(unc.columnWidths.size).toBeGreaterThan(0);
    const before = wb.sheets.map((s) => `${s.name}:${s.snapshot()}`);
    // cancelled after the first chunk: the previous results stay, no temporary sheet is left
    let calls = 0;
    const cancelled = await run({ isCancelled: () => ++calls > 1 });
    expect(cancelled.status).toBe("cancelled");
    expect(wb.sheets.map((s) => `${s.name}:${s.snapshot()}`)).toEqual(before);
    // run again: the same name, rewritten
    const again = await run();
    expect(again.sheets).toEqual(["HLN Uncertainty"]);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Mine", "HLN Uncertainty"]);
    // a sheet of the user's with the name: refused, nothing added or changed
    const wb2 = new FakeWorkbook(["HLN Uncertainty"]);
    wb2.put("HLN Uncertainty", "A1", [["my notes"]]);
    const mine = wb2.sheet("HLN Uncertainty")!.snapshot();
    installExcel(wb2);
    await expect(Excel.run((ctx) => writeResultSheets(ctx, sheets))).rejects.toThrow(
      'sheet "HLN Uncertainty" is your own: rename it (the add-in never writes your sheets), then run again',
    );
    expect(wb2.sheets.map((s) => s.name)).toEqual(["HLN Uncertainty"]);
    expect(wb2.sheet("HLN Uncertainty")!.snapshot()).toBe(mine);
  }, 60_000);
});

test("the card's fields: each bad value is named, nothing runs", () => {
  expect(formOptions(DEFAULT_UNCERTAINTY_FORM)).toEqual({
    mc: { draws: 1000, seed: 1, factors: DEFAULT_UNCERTAINTY_FORM.factors },
  });
  const bad = (f: Partial<typeof DEFAULT_UNCERTAINTY_FORM>) => () => formOptions({ ...DEFAULT_UNCERTAINTY_FORM, ...f });
  expect(bad({ draws: "0" })).toThrow(/^Draws: must be a whole number from 1 to 100,000/);
  expect(bad({ draws: "lots" })).toThrow(/^Draws: /);
  expect(bad({ seed: "-1" })).toThrow(/^Seed: /);
  expect(bad({ factors: [] })).toThrow(/^Factors: must name at least one/);
  expect(bad({ sobolN: "1.5" })).toThrow('Sobol N: a whole number from 2 to 100,000 (or blank for none), got "1.5"');
  expect(formOptions({ ...DEFAULT_UNCERTAINTY_FORM, sobolN: "1,000" }).sobolN).toBe(1000);
});
