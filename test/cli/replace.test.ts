/**
 * `hln build --replace <indicator>=<file.csv>` (issue 16): one indicator's data from the user's CSV,
 * keyed by area code. The scores equal buildMeasure on the bundle with that column swapped in; the
 * indicator's status is "user" with the named source on Sources (and in the CSV's data_status);
 * codes not in the data and areas without a value are reported; bad files are one line naming them.
 */
import { syntheticIndicators } from "../../src/data/openData";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import Papa from "papaparse";
import { buildMeasure } from "../../src/core/buildMeasure";
import { defaultSettings, settingsToBuild } from "../../src/core/settings";
import { hlnSpec } from "../../src/core/specs";
import { toMeasureData, type Bundle } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { replaceIndicator } from "../../src/data/replaceIndicator";
import { CSV_NAME, runBuild } from "../../src/cli/build";
import { buildWorkbook } from "../../src/workbook/pipeline";
import { runCli } from "../helpers/cli";

let bundle: Bundle;
let dir: string;
let file: string;
const ID = "jobs_density";
beforeAll(() => {
  bundle = loadBundleFromDir();
  dir = mkdtempSync(join(tmpdir(), "hln-replace-"));
  // the user's jobs density: a made-up column, every 50th area missing, two codes not in the bundle
  const rows = [["lsoa21cd", "jobs_density"]];
  bundle.geography.lsoa21Code.forEach((c, i) => {
    if (i % 50 !== 7) rows.push([c, String(((i * 7919) % 1000) / 1000)]);
  });
  rows.push(["E01999998", "0.5"], ["W01000001", "0.2"]);
  file = join(dir, "bres-jobs.csv");
  writeFileSync(file, Papa.unparse(rows));
});

test("the scores equal buildMeasure with the user's column; status user, source named; missing and unmatched reported", async () => {
  const out = join(dir, "out");
  const s = await runBuild({
    out,
    format: "csv",
    replace: [`${ID}=${file}`],
    replaceSource: [`${ID}=ONS BRES 2023, jobs per working-age resident`],
  });
  const values = new Float64Array(bundle.n).fill(NaN);
  bundle.geography.lsoa21Code.forEach((_, i) => {
    if (i % 50 !== 7) values[i] = ((i * 7919) % 1000) / 1000;
  });
  const swapped = replaceIndicator(bundle, hlnSpec, {
    id: ID,
    columns: { jobs_density: values },
    source: "x",
    file: "bres-jobs.csv",
    matched: 0,
  });
  const { spec, options } = settingsToBuild(
    swapped.spec,
    defaultSettings(swapped.spec),
    syntheticIndicators(swapped.spec, swapped.bundle.meta),
  );
  expect(syntheticIndicators(swapped.spec, swapped.bundle.meta)).not.toContain(ID);
  const core = buildMeasure(spec, toMeasureData(swapped.bundle), options);
  const before = buildMeasure(
    hlnSpec,
    toMeasureData(bundle),
    settingsToBuild(hlnSpec, defaultSettings(hlnSpec), syntheticIndicators(hlnSpec, bundle.meta)).options,
  );
  const rows = Papa.parse<Record<string, string>>(readFileSync(join(out, CSV_NAME), "utf8").trim(), {
    header: true,
  }).data;
  expect(rows).toHaveLength(bundle.n);
  let bad = 0;
  let changed = 0;
  rows.forEach((r, i) => {
    const rank = r.rank === "" ? NaN : Number(r.rank);
    if (!Object.is(rank, core.rank[i])) bad++;
    if (core.rank[i] !== before.rank[i]) changed++;
  });
  expect(bad).toBe(0);
  expect(changed).toBeGreaterThan(1000); // the replacement moved the ranking
  expect(rows[0].data_status).toMatch(/synthetic 4 \/ user 1/);
  const missing = Math.ceil((bundle.n - 7) / 50);
  expect(s.replaced).toEqual([
    `bres-jobs.csv: ${ID} replaced by your data (jobs_density): ${(bundle.n - missing).toLocaleString("en-GB")} of 33,755 areas have a value, ${missing} without (missing in that indicator); 2 codes not in the data (first: E01999998, W01000001)`,
  ]);
  // Sources, About and the Data sheet's status row name the user's data
  const { plan } = buildWorkbook(swapped.spec, swapped.bundle, defaultSettings(swapped.spec));
  const sources = plan.sheets.find((x) => x.role === "sources")!;
  const text = JSON.stringify(sources.blocks.map((b) => b.values ?? []));
  expect(text).toMatch(/"jobs_density","[^"]*","[^"]*","[^"]*","user"/);
  const about = JSON.stringify(plan.sheets.find((x) => x.role === "about")!.blocks.map((b) => b.values ?? []));
  expect(about).toContain("user 1");
});

test("bad --replace: unknown indicator, a column the indicator does not read, text, a code twice, with --data", async () => {
  const bad = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  const run = async (args: string[]) => {
    const r = await runCli(["build", "--quiet", "--out", join(dir, "bad"), "--format", "csv", ...args]);
    return { code: r.code, err: r.err.trim() };
  };
  expect(await run(["--replace", `nope=${file}`])).toEqual({
    code: 2,
    err: expect.stringMatching(/^hln: --replace: no indicator "nope" in the measure \(ids: /),
  });
  expect(await run(["--replace", `${ID}=${bad("other.csv", "code,pop_total\nE01000001,5\n")}`])).toEqual({
    code: 2,
    err: "hln: other.csv: none of the indicator's columns (jobs_density) is in the header row",
  });
  expect(
    await run(["--replace", `${ID}=${bad("text.csv", "code,jobs_density\nE01000001,0.5\nE01000002,lots\n")}`]),
  ).toEqual({
    code: 2,
    err: 'hln: text.csv: row 3, column jobs_density: "lots" is not a number',
  });
  expect(
    await run(["--replace", `${ID}=${bad("twice.csv", "code,jobs_density\nE01000001,0.5\nE01000001,0.6\n")}`]),
  ).toEqual({
    code: 2,
    err: "hln: twice.csv: row 3: area E01000001 appears twice",
  });
  expect(await run(["--replace", `${ID}=${file}`, "--data", file])).toEqual({
    code: 2,
    err: "hln: --replace applies to the bundled data; with --data, put the indicator's columns in your file",
  });
  expect(await run(["--replace-source", `${ID}=x`])).toEqual({ code: 2, err: "hln: --replace-source needs --replace" });
});
