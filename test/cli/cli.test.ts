/**
 * `hln build`: the full default build's csv equals the core's buildMeasure output; a user CSV
 * builds; bad input gives one line naming file/row/column, exit code 2 and no output file.
 */
import { leftOut } from "../helpers/openData";
import { execFileSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import Papa from "papaparse";
import { buildMeasure } from "../../src/core/buildMeasure";
import { needRank } from "../../src/core/needRank";
import { hlnSpec } from "../../src/core/specs";
import { toMeasureData } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { runBuild } from "../../src/cli/build";
import { runCli } from "../helpers/cli";
import { userCsvRows } from "../helpers/synthetic";

const tmp = (p: string) => mkdtempSync(join(tmpdir(), `hln-cli-${p}-`));

const run = runCli;

/** A small user CSV in the documented format. */
function userCsv(dir: string, edit?: (rows: string[][]) => void): string {
  const rows = userCsvRows(hlnSpec, 300, 12, 7);
  edit?.(rows);
  const f = join(dir, "my-data.csv");
  writeFileSync(f, rows.map((r) => r.join(",")).join("\n") + "\n");
  return f;
}

test("the full default build's csv equals the core's buildMeasure output", async () => {
  const out = tmp("full");
  const s = await runBuild({ out, format: "csv" });
  expect(s.areas).toBe(33755);
  // bundle builds also draw the two maps (issue 7) and the two dual-disadvantage maps (issue 17); their content is tested in test/map
  expect(readdirSync(out).sort()).toEqual([
    "hln-dual-la.svg",
    "hln-dual.svg",
    "hln-hotspots.svg",
    "hln-map-la.svg",
    "hln-scores.csv",
  ]);
  expect(readFileSync(join(out, "hln-map-la.svg"), "utf8").match(/<path/g)!.length).toBeGreaterThanOrEqual(296);
  const parsed = Papa.parse<Record<string, string>>(readFileSync(join(out, "hln-scores.csv"), "utf8").trim(), {
    header: true,
  });
  const rows = parsed.data;
  const b = loadBundleFromDir();
  const core = buildMeasure(hlnSpec, toMeasureData(b), { weights: leftOut(hlnSpec, b) });
  expect(rows.length).toBe(33755);
  const numOrNaN = (s: string) => (s === "" ? NaN : Number(s));
  const same = (a: number, e: number) =>
    Number.isNaN(e) ? Number.isNaN(a) : Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e));
  let bad = 0;
  const dimRanks = core.dimensions.map((d) => needRank(d.transformed));
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (
      r.lsoa21_code !== core.areaCodes[i] ||
      r.lad_code !== b.geography.ladCode[i] ||
      r.lsoa21_name !== b.geography.lsoa21Name[i]
    )
      bad++;
    if (!same(numOrNaN(r.overall_score), core.score[i]) || !same(numOrNaN(r.rank), core.rank[i])) bad++;
    if (!same(numOrNaN(r.decile), core.decile[i]) || !same(numOrNaN(r.hotspot), core.hotspot[i])) bad++;
    core.dimensions.forEach((d, k) => {
      if (!same(numOrNaN(r[`${d.id}_score`]), d.transformed[i]) || !same(numOrNaN(r[`${d.id}_rank`]), dimRanks[k][i]))
        bad++;
    });
    if (!/^real \d+ \/ proxy \d+ \/ synthetic \d+/.test(r.data_status)) bad++;
  }
  expect(bad).toBe(0);
  expect(rows.find((r) => r.lsoa21_code === "E01019077")!.data_status).toMatch(/excluded from the measure/);
});

test("a user CSV builds both outputs; the summary lists the top 5", async () => {
  const dir = tmp("user");
  const out = join(dir, "out");
  const r = await run([
    "build",
    "--data",
    userCsv(dir),
    "--out",
    out,
    "--weights",
    "growth=0.3,energy=0.1",
    "--constant",
    "20",
  ]);
  expect(r.err).not.toMatch(/error/i);
  expect(r.code).toBe(0);
  expect(readdirSync(out).sort()).toEqual(["hln-measure.xlsx", "hln-scores.csv"]);
  expect(r.out).toMatch(/300 LSOAs \(300 in the measure\)/); // the HLN spec says its areas are LSOAs
  expect(r.out.match(/^ +\d+ +E\d+/gm)!.length).toBe(5);
});

describe("bad input: one line naming file/row/column, exit code 2, no output file", () => {
  const cases: [string, (dir: string) => string[], RegExp][] = [
    ["unknown option", () => ["build", "--frobnicate"], /unknown option '--frobnicate'/],
    [
      "malformed spec (JSON)",
      (dir) => (
        writeFileSync(join(dir, "bad.json"), '{\n  "id": "x",\n  "label": oops\n}'),
        ["build", "--spec", join(dir, "bad.json")]
      ),
      /bad\.json row 3, column \d+: malformed JSON/,
    ],
    [
      "malformed spec (field)",
      (dir) => {
        const s = JSON.parse(JSON.stringify(hlnSpec));
        s.dimensions[1].indicators[1].polarity = 2;
        writeFileSync(join(dir, "spec.json"), JSON.stringify(s));
        return ["build", "--spec", join(dir, "spec.json")];
      },
      /spec\.json: dimensions\[1\]\.indicators\[1\]\.polarity: must be 1 or -1 \(indicator fuel_poverty\)/,
    ],
    [
      "data missing a column",
      (dir) => [
        "build",
        "--data",
        userCsv(dir, (rows) => rows.forEach((r) => r.splice(rows[0].indexOf("progress8"), 1))),
      ],
      /my-data\.csv row 1: missing column "progress8"/,
    ],
    [
      "duplicate area codes",
      (dir) => ["build", "--data", userCsv(dir, (rows) => (rows[9][0] = rows[4][0]))],
      /my-data\.csv row 10, column area_code: duplicate area code E\d+ \(first on row 5\)/,
    ],
    [
      "non-numeric cell",
      (dir) => ["build", "--data", userCsv(dir, (rows) => (rows[7][rows[0].indexOf("gva_per_head")] = "n/a?"))],
      /my-data\.csv row 8, column gva_per_head: "n\/a\?" is not a number/,
    ],
    [
      "unknown weight id",
      () => ["build", "--weights", "growth=0.3,nope=1"],
      /--weights: "nope" is not a dimension, sub-dimension or indicator id of the spec "hln"/,
    ],
    ["bad --scaling", () => ["build", "--scaling", "log"], /--scaling must be "hln"/],
  ];
  test.each(cases)("%s", async (_name, args, message) => {
    const dir = tmp("bad");
    const out = join(dir, "out");
    const r = await run([...args(dir), "--out", out, "--quiet"]);
    expect(r.code).toBe(2);
    const lines = r.err.split("\n").filter((l) => l.trim());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    let files: string[] = [];
    try {
      files = readdirSync(out);
    } catch {
      files = [];
    }
    expect(files).toEqual([]);
  });
});

test("hln --help documents the build command and its options (real process)", () => {
  const help = execFileSync(process.execPath, [require.resolve("tsx/cli"), "src/cli/hln.ts", "build", "--help"], {
    encoding: "utf8",
  });
  for (const o of ["--out", "--weights", "--constant", "--scaling", "--spec", "--data", "--format", "--quiet"])
    expect(help).toContain(o);
});
