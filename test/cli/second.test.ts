/**
 * Issue 17 in the CLI: hln-scores.csv's imd_rank and dual columns, the summary's count, and --second
 * (a user's second index: matched by code, unmatched and missing reported, < 95% refused unless
 * --allow-partial, --second-direction checked).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import Papa from "papaparse";
import { runCli } from "../helpers/cli";

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "hln-second-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readScores = (out: string) =>
  Papa.parse<Record<string, string>>(readFileSync(join(out, "hln-scores.csv"), "utf8"), {
    header: true,
    skipEmptyLines: true,
  }).data;

let rows: Record<string, string>[];

test("the scores CSV gains imd_rank and dual; dual = 1 exactly where the HLN decile is 1 and the IMD rank is in the top 10%", async () => {
  const out = join(dir, "bundle");
  const r = await runCli(["build", "--format", "csv", "--out", out]);
  expect(r.code).toBe(0);
  rows = readScores(out);
  expect(rows).toHaveLength(33_755);
  expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(["imd_rank", "dual"]));
  const independent = rows.filter((x) => x.decile === "1" && Number(x.imd_rank) <= 3375.5).length;
  const flagged = rows.filter((x) => x.dual === "1").length;
  expect(flagged).toBe(independent);
  expect(flagged).toBe(2556); // the synthetic indicators left out (2,518 with them)
  expect(rows.filter((x) => x.dual === "").length).toBe(1); // the excluded Isles of Scilly
  expect(r.out).toMatch(
    /Dual disadvantage \(most-need 10% of both the HLN and IMD 2025 rank \(1 = most deprived\)\): 2,556 LSOAs/,
  );
}, 120_000);

test("--second: a user's index by code; unmatched and missing reported; under 95% refused unless --allow-partial", async () => {
  // a score for 97% of the areas (higher = more need: minus the IMD rank), plus two codes not in the data
  const keep = rows.filter((_, i) => i % 33 !== 0);
  const csv = [
    "lsoa21cd,my_index",
    ...keep.map((x) => `${x.lsoa_code ?? x.lsoa21_code},${-Number(x.imd_rank)}`),
    "X01,5",
    "X02,6",
  ];
  const file = join(dir, "mine.csv");
  writeFileSync(file, csv.join("\n"));
  const out = join(dir, "mine");
  const r = await runCli(["build", "--format", "csv", "--out", out, "--second", file]);
  expect(r.err).toMatch(/mine\.csv: 2 codes not in the data \(first: X01, X02\)/);
  expect(r.err).toMatch(/mine\.csv: 1,023 areas without a value/);
  expect(r.code).toBe(0);
  const mine = readScores(out);
  const byCode = new Map(rows.map((x) => [Object.values(x)[0], x]));
  // same direction as the IMD rank for the areas kept: flagged among them like the IMD, blank for the others
  const blank = mine.filter((x) => x.dual === "").length;
  expect(blank).toBe(1023 + 1);
  for (const x of mine.slice(0, 2000)) if (x.dual === "1") expect(byCode.get(Object.values(x)[0])!.decile).toBe("1");
  // under 95%
  writeFileSync(file, csv.slice(0, 30_000).join("\n"));
  const low = await runCli(["build", "--format", "csv", "--out", join(dir, "low"), "--second", file]);
  expect(low.code).toBe(2);
  expect(low.err).toMatch(
    /mine\.csv: only 29,999 of 33,755 areas have a value .* at least 95% must match — or say --allow-partial/,
  );
  const partial = await runCli([
    "build",
    "--format",
    "csv",
    "--out",
    join(dir, "low"),
    "--second",
    file,
    "--allow-partial",
  ]);
  expect(partial.code).toBe(0);
  const bad = await runCli([
    "build",
    "--format",
    "csv",
    "--out",
    join(dir, "bad"),
    "--second",
    file,
    "--second-direction",
    "up",
  ]);
  expect(bad.code).toBe(2);
  expect(bad.err).toMatch(/--second-direction must be "score" .* or "rank" .*, got "up"/);
  writeFileSync(file, "lsoa21cd,v\nE01000001,abc\n");
  const text = await runCli([
    "build",
    "--format",
    "csv",
    "--out",
    join(dir, "bad"),
    "--second",
    file,
    "--allow-partial",
  ]);
  expect(text.err).toMatch(/mine\.csv: row 2, column v: "abc" is not a number/);
}, 240_000);
