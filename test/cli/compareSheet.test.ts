/**
 * `hln build --baseline scenario.json` (issue 18): the workbook's HLN Compare sheet stores the
 * scenario's ranking as its baseline and compares the build's settings with it; a bad scenario file
 * is one line naming the file and the field, and nothing is written.
 */
import { existsSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runBuild } from "../../src/cli/build";
import { readUserCsv } from "../../src/cli/userData";
import { compareRankings } from "../../src/core/compare";
import { copySettings, defaultSettings } from "../../src/core/settings";
import { hlnSpec } from "../../src/core/specs";
import { readXlsxBook, requireSheet } from "../../src/cli/xlsxIn";
import { computeMeasure } from "../../src/workbook/pipeline";
import { runCli } from "../helpers/cli";
import { userCsvRows } from "../helpers/synthetic";

const dir = mkdtempSync(join(tmpdir(), "hln-compare-sheet-"));
const csv = join(dir, "areas.csv");
writeFileSync(
  csv,
  userCsvRows(hlnSpec, 240, 8, 3)
    .map((r) => r.join(","))
    .join("\n") + "\n",
);

test("the Compare sheet holds the scenario's ranking and the shifts of the build's settings", async () => {
  const scenario = join(dir, "crime-first.json");
  writeFileSync(scenario, JSON.stringify({ name: "crime first", settings: { weights: { crime: 0.6 } } }));
  const out = join(dir, "out");
  await runBuild({
    out,
    data: csv,
    baseline: scenario,
    weights: "growth=0.4",
    format: "xlsx",
    builtAt: "2026-01-01T00:00:00Z",
  });
  const book = await readXlsxBook(join(out, "hln-measure.xlsx"), { want: (n) => n === "HLN Compare" });
  const grid = requireSheet(book, "HLN Compare", "the Compare sheet");
  expect(String(grid[0][11])).toBe("Baseline: crime first (stored when built)");
  // the expected: the core's comparison of the scenario's ranking and the build's
  const data = await readUserCsv(csv, hlnSpec);
  const base = copySettings(defaultSettings(hlnSpec));
  base.weights.crime = 0.6;
  const now = copySettings(defaultSettings(hlnSpec));
  now.weights.growth = 0.4;
  const b = computeMeasure(hlnSpec, data, base).result;
  const r = computeMeasure(hlnSpec, data, now).result;
  const cmp = compareRankings(b.rank, r.rank, r.groups.codes, r.groups.labels.length);
  const cell = (v: unknown) => (v === null || v === undefined || v === "" ? NaN : Number(v));
  for (let i = 0; i < data.areaCodes.length; i++) {
    const row = grid[2 + i];
    expect(row[0]).toBe(data.areaCodes[i]);
    expect(cell(row[1])).toEqual(b.rank[i]); // baseline rank, stored
    expect(cell(row[5])).toEqual(cmp.shift[i]); // the shift (cached value)
  }
  expect(cmp.meanAbsShift).toBeGreaterThan(0);
  expect(cell(grid[2][12])).toBeCloseTo(cmp.meanAbsShift, 9);
});

test("a bad scenario file: one line naming the file and the field, nothing written", async () => {
  const bad = join(dir, "bad.json");
  writeFileSync(bad, JSON.stringify({ name: "x", settings: { weights: { growht: 0.3 } } }));
  const out = join(dir, "bad-out");
  const r = await runCli(["build", "--data", csv, "--baseline", bad, "--out", out, "--quiet"]);
  expect(r.code).toBe(2);
  expect(r.err.trim().split("\n")).toHaveLength(1);
  expect(r.err).toMatch(/bad\.json: .*growht/);
  expect(existsSync(join(out, "hln-measure.xlsx"))).toBe(false);
});
