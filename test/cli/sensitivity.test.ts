import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import Papa from "papaparse";
import { hlnSpec } from "../../src/core/specs";
import { UNCERTAINTY_FILES } from "../../src/cli/sensitivity";
import { runCli } from "../helpers/cli";
import { userCsvRows } from "../helpers/synthetic";

const tmp = (p: string) => mkdtempSync(join(tmpdir(), `hln-sens-${p}-`));
const dataDir = tmp("data");
const data = join(dataDir, "my-data.csv");
writeFileSync(data, Papa.unparse(userCsvRows(hlnSpec, 300, 12, 7), { newline: "\n" }) + "\n");
const base = ["sensitivity", "--data", data, "--quiet"];

describe("hln sensitivity", () => {
  test("writes the CSVs, charts and run record; the same seed gives byte-identical files", async () => {
    const a = tmp("a");
    const b = tmp("b");
    const args = ["--draws", "40", "--seed", "7", "--factors", "weights,constant,offset", "--sobol", "20"];
    expect((await runCli([...base, ...args, "--bootstrap", "10", "--threads", "2", "--out", a])).code).toBe(0);
    // the same seed with one thread (no workers): the same bytes
    expect((await runCli([...base, ...args, "--bootstrap", "10", "--threads", "1", "--out", b])).code).toBe(0);
    const files = Object.values(UNCERTAINTY_FILES)
      .filter((f) => f !== UNCERTAINTY_FILES.leaveOneOut)
      .sort();
    expect(readdirSync(a).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(b, f))).toEqual(readFileSync(join(a, f)));
    const areas = Papa.parse<Record<string, string>>(readFileSync(join(a, UNCERTAINTY_FILES.areas), "utf8").trim(), {
      header: true,
    }).data;
    expect(areas).toHaveLength(300);
    for (const r of areas) {
      expect(Number(r.p05_rank)).toBeLessThanOrEqual(Number(r.median_rank));
      expect(Number(r.median_rank)).toBeLessThanOrEqual(Number(r.p95_rank));
    }
    const idx = readFileSync(join(a, UNCERTAINTY_FILES.indices), "utf8").split("\n");
    expect(idx[0]).toBe("output,factor,S,S_low,S_high,ST,ST_low,ST_high");
    expect(idx[1]).toMatch(/^mean_abs_rank_shift,weights,/);
    expect(readFileSync(join(a, UNCERTAINTY_FILES.intervals), "utf8")).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
    // another seed: other numbers
    const c = tmp("c");
    expect((await runCli([...base, "--draws", "40", "--seed", "8", "--factors", "weights", "--out", c])).code).toBe(0);
    expect(readFileSync(join(c, UNCERTAINTY_FILES.areas))).not.toEqual(readFileSync(join(a, UNCERTAINTY_FILES.areas)));
    expect(existsSync(join(c, UNCERTAINTY_FILES.indices))).toBe(false);
    // leave one indicator out: one row per weighted indicator
    const d = tmp("d");
    expect((await runCli([...base, "--draws", "5", "--factors", "constant", "--leave-one-out", "--out", d])).code).toBe(
      0,
    );
    const loo = readFileSync(join(d, UNCERTAINTY_FILES.leaveOneOut), "utf8").trim().split("\n");
    expect(loo[0]).toBe("indicator,also_zeroed,mean_abs_rank_shift,max_abs_rank_shift,entered_top10,left_top10");
    expect(loo).toHaveLength(1 + 31);
  });

  const bad: [string[], RegExp][] = [
    [["--factors", "weights,colour"], /^hln: --factors: "colour" is not a factor group/],
    [["--draws", "0"], /^hln: --draws: must be a whole number from 1 to 100,000/],
    [["--draws", "1000000"], /^hln: --draws: must be a whole number/],
    [["--draws", "lots"], /^hln: --draws must be a number, got "lots"/],
    [["--sobol", "-3"], /^hln: --sobol: must be a whole number/],
    [["--constant-range", "0,30"], /^hln: --constant-range: must be two numbers lo ≤ hi, both greater than 0/],
    [["--concentration", "-1"], /^hln: --concentration: must be a number greater than 0/],
    [["--weights", "growth=-1"], /^hln: --weights: weight of "growth" must be a non-negative number/],
    [["--offsets", "vdw,median"], /^hln: --offsets: must be a non-empty list/],
    [["--threads", "0"], /^hln: --threads must be a whole number from 1 to 64/],
  ];
  test.each(bad)("%j: one line naming the option, exit 2, nothing written", async (args, msg) => {
    const out = join(tmp("bad"), "out");
    const r = await runCli([...base, ...args, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err.trim()).toMatch(msg);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});

describe("hln compare", () => {
  const cbase = ["compare", "--data", data, "--quiet"];
  test("against the spec, saving and reusing a scenario", async () => {
    const out = tmp("cmp");
    const scen = join(out, "growth.json");
    const r = await runCli([...cbase, "--weights", "growth=0.5", "--save", scen, "--name", "growth up", "--out", out]);
    expect(r.code).toBe(0);
    const areas = Papa.parse<Record<string, string>>(readFileSync(join(out, "hln-compare-areas.csv"), "utf8").trim(), {
      header: true,
    }).data;
    expect(areas).toHaveLength(300);
    expect(areas.some((a) => Number(a.rank_shift) !== 0)).toBe(true);
    for (const a of areas) expect(Number(a.rank_shift)).toBe(Number(a.rank) - Number(a.base_rank));
    expect(JSON.parse(readFileSync(scen, "utf8")).name).toBe("growth up");
    // the saved scenario as the baseline of the same settings: nothing moves
    const out2 = tmp("cmp2");
    expect((await runCli([...cbase, "--weights", "growth=0.5", "--baseline", scen, "--out", out2])).code).toBe(0);
    const same = Papa.parse<Record<string, string>>(readFileSync(join(out2, "hln-compare-areas.csv"), "utf8").trim(), {
      header: true,
    }).data;
    expect(same.every((a) => a.rank_shift === "0" && a.top10 === "")).toBe(true);
    const groups = readFileSync(join(out2, "hln-compare-groups.csv"), "utf8").split("\n");
    expect(groups[0]).toBe(
      "lad_code,lad_name,base_top10,top10,entered_top10,left_top10,mean_rank_shift,mean_abs_rank_shift",
    );
  });

  test("a bad scenario: one line naming the file and field, nothing written", async () => {
    const dir = tmp("cmpbad");
    const scen = join(dir, "bad.json");
    writeFileSync(scen, JSON.stringify({ name: "x", settings: { weights: { growht: 1 } } }));
    const out = join(dir, "out");
    const r = await runCli([...cbase, "--baseline", scen, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(
      'hln: bad.json: settings.weights.growht: not a dimension, sub-dimension or indicator id of the spec "hln"',
    );
    expect(existsSync(out)).toBe(false);
  });
});
