/**
 * Issue 13 (CLI, CSV in and out): every bad input refused with one line (exit 2) or read correctly
 * and reported — never a silent wrong number, never a stack trace.
 */
import { spawn } from "child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import Papa from "papaparse";
import { checkXlsxRows, runBuild } from "../../src/cli/build";
import { runCli } from "../helpers/cli";
import { listIndicators } from "../../src/core/spec";
import { hlnSpec } from "../../src/core/specs";
import { checkExcelLimits } from "../../src/workbook/xlsxWriter";
import { userCsvRows } from "../helpers/synthetic";
import { INJECTIONS } from "./injections";

const tmp = (p: string) => mkdtempSync(join(tmpdir(), `hln-bad-${p}-`));

const run = runCli;

/** The documented user CSV as rows of text (300 areas, 12 districts). */
function rows(): string[][] {
  return userCsvRows(hlnSpec, 300, 12, 7);
}
const col = (r: string[][], id: string) => r[0].indexOf(id);
function write(dir: string, r: string[][], delimiter = ",", name = "my-data.csv"): string {
  const f = join(dir, name);
  writeFileSync(f, Papa.unparse(r, { delimiter, newline: "\n" }) + "\n");
  return f;
}
const scores = (out: string) =>
  Papa.parse<Record<string, string>>(readFileSync(join(out, "hln-scores.csv"), "utf8").trim(), { header: true }).data;

async function expectOneLine(args: string[], message: RegExp): Promise<void> {
  const r = await run([...args, "--quiet"]);
  const lines = r.err.split("\n").filter((l) => l.trim());
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(2);
}

describe("case 1: CSV formula injection", () => {
  test("area and district names that look like formulas are written as text", async () => {
    const dir = tmp("inject");
    const r = rows();
    INJECTIONS.forEach((s, k) => {
      r[k + 1][1] = s;
      r[k + 1][3] = s;
    });
    const out = join(dir, "out");
    const res = await run(["build", "--data", write(dir, r), "--format", "csv", "--out", out, "--quiet"]);
    expect(res.code).toBe(0);
    const got = scores(out);
    INJECTIONS.forEach((s, k) => {
      // names are trimmed on reading (so "\t=1+1" is "=1+1"), then neutralised on writing
      const t = s.trim();
      expect(got[k].lsoa21_name).toBe(/^[=+\-@\t\r\n]/.test(t) ? "'" + t : t);
      expect(got[k].lad_name).toBe(got[k].lsoa21_name);
    });
    for (const line of readFileSync(join(out, "hln-scores.csv"), "utf8").split("\n"))
      for (const cell of line.split(",")) expect(cell).not.toMatch(/^[=+@\t]/);
  });
});

describe("case 2: --data numbers, delimiters, dropped rows, encodings", () => {
  test('"12,34" is an error naming the row and column, not 1234', async () => {
    const dir = tmp("comma");
    const r = rows();
    r[4][col(r, "gva_per_head")] = "12,34";
    await expectOneLine(
      ["build", "--data", write(dir, r), "--out", join(dir, "o")],
      /my-data\.csv row 5, column gva_per_head: "12,34" has a decimal comma.*--decimal ,/,
    );
  });

  test("a semicolon file with decimal commas is refused, and read right with --decimal ,", async () => {
    const dir = tmp("semi");
    const plain = rows();
    const j = col(plain, "jobs_density");
    plain[1][j] = "0.553";
    const euro = plain.map((r, i) => (i === 0 ? r : r.map((v, k) => (k >= 5 ? v.replace(".", ",") : v))));
    const f = write(dir, euro, ";", "euro.csv");
    await expectOneLine(
      ["build", "--data", f, "--out", join(dir, "o1")],
      /euro\.csv row 2, column \w+: "[\d,.-]+" .*--decimal ,/,
    );
    const a = join(dir, "a");
    const b = join(dir, "b");
    const ra = await run(["build", "--data", f, "--decimal", ",", "--format", "csv", "--out", a]);
    expect(ra.code).toBe(0);
    expect(ra.err).toMatch(/euro\.csv: 300 rows, semicolon-delimited, decimal mark ","/);
    expect((await run(["build", "--data", write(dir, plain), "--format", "csv", "--out", b, "--quiet"])).code).toBe(0);
    expect(scores(a).map((x) => x.overall_score)).toEqual(scores(b).map((x) => x.overall_score));
  });

  test("thousands separators in the unambiguous form are read and reported; other forms refused", async () => {
    const dir = tmp("thousands");
    const r = rows();
    const pop = col(r, "population");
    r[1][pop] = "1296";
    const withSep = r.map((x) => [...x]);
    withSep[1][pop] = "1,296";
    const a = join(dir, "a");
    const b = join(dir, "b");
    const ra = await run(["build", "--data", write(dir, withSep, ",", "sep.csv"), "--format", "csv", "--out", a]);
    expect(ra.code).toBe(0);
    expect(ra.err).toMatch(/1 number with thousands separators \(first: row 2, column population: "1,296"\)/);
    expect(ra.out).toMatch(/thousands separators/);
    await run(["build", "--data", write(dir, r, ",", "plain.csv"), "--format", "csv", "--out", b, "--quiet"]);
    expect(readFileSync(join(a, "hln-scores.csv"), "utf8")).toBe(readFileSync(join(b, "hln-scores.csv"), "utf8"));
    for (const bad of ["1,29", "12,3456", "0,553"]) {
      const x = r.map((y) => [...y]);
      x[3][pop] = bad;
      await expectOneLine(
        ["build", "--data", write(dir, x), "--out", join(dir, "o")],
        /row 4, column population: .*--decimal ,/,
      );
    }
    // in a semicolon file even 1,296 is ambiguous
    const s = r.map((y) => [...y]);
    s[3][pop] = "1,296";
    await expectOneLine(
      ["build", "--data", write(dir, s, ";"), "--out", join(dir, "o")],
      /row 4, column population: "1,296" is ambiguous in a semicolon-delimited file/,
    );
  });

  test("negative counts, r > n, n = 0 and an all-missing denominator are reported on stderr and in the summary", async () => {
    const dir = tmp("dropped");
    const r = rows();
    r[2][col(r, "workless_benefits")] = "-5";
    r[3][col(r, "health_bad")] = String(Number(r[3][col(r, "health_total")]) + 10);
    r[4][col(r, "pop_0_15")] = "0";
    for (let i = 1; i < r.length; i++) r[i][col(r, "households_fp")] = "";
    const res = await run(["build", "--data", write(dir, r), "--format", "csv", "--out", join(dir, "o")]);
    expect(res.code).toBe(0);
    const warn = res.err.split("\n").find((l) => /cannot be used/.test(l))!;
    expect(warn).toMatch(/1 negative count/);
    expect(warn).toMatch(/1 numerator > denominator/);
    expect(warn).toMatch(/denominator is 0/);
    expect(warn).toMatch(/row 3 \(E\d+\), workless_benefits: negative count/);
    expect(res.err).toMatch(/households_fp has no values at all/);
    expect(res.out).toMatch(/cannot be used/);
    expect(res.out).toMatch(/households_fp has no values at all/);
  });

  test("UTF-8 with a BOM is read; Latin-1 bytes are a clear error naming the line", async () => {
    const dir = tmp("enc");
    const r = rows();
    r[1][1] = "Ynys Môn 001A";
    const text = Papa.unparse(r, { newline: "\n" }) + "\n";
    const bom = join(dir, "bom.csv");
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]));
    const out = join(dir, "o");
    expect((await run(["build", "--data", bom, "--format", "csv", "--out", out, "--quiet"])).code).toBe(0);
    expect(scores(out)[0].lsoa21_name).toBe("Ynys Môn 001A");
    const latin = join(dir, "latin1.csv");
    writeFileSync(latin, Buffer.from(text, "latin1"));
    await expectOneLine(
      ["build", "--data", latin, "--out", join(dir, "o2")],
      /latin1\.csv line 2: not UTF-8 text \(byte 0xF4 at offset \d+\)/,
    );
  });

  test("hex numbers and rows of the wrong width are refused", async () => {
    const dir = tmp("hex");
    const r = rows();
    r[6][col(r, "population")] = "0x1A";
    await expectOneLine(
      ["build", "--data", write(dir, r), "--out", join(dir, "o")],
      /row 7, column population: "0x1A" is not a number/,
    );
  });
});

describe("case 4: CLI", () => {
  test("--out naming an existing file: one line, exit 2", async () => {
    const dir = tmp("outfile");
    const f = join(dir, "file.txt");
    writeFileSync(f, "x");
    await expectOneLine(["build", "--out", f], /--out .*file\.txt: is a file, not a folder/);
  });

  test("--out /proc/x fails at once (a real process, killed if it spins)", async () => {
    const t0 = Date.now();
    const { code, err } = await new Promise<{ code: number | null; err: string }>((res) => {
      const p = spawn(process.execPath, [require.resolve("tsx/cli"), "src/cli/hln.ts", "build", "--out", "/proc/x/y"]);
      let e = "";
      p.stderr.on("data", (d) => (e += d));
      const timer = setTimeout(() => p.kill("SIGKILL"), 20000);
      p.on("exit", (c) => (clearTimeout(timer), res({ code: c, err: e })));
    });
    expect(code).toBe(2);
    expect(err.trim()).toMatch(/^hln: --out \/proc\/x\/y: cannot create the folder \/proc\/x \(ENOENT\)$/);
    expect(Date.now() - t0).toBeLessThan(20000);
  }, 30000);

  test("SIGINT while the xlsx is written removes the temporary file and exits 130", async () => {
    const out = join(tmp("sigint"), "out");
    const { code, left } = await new Promise<{ code: number | null; left: string[] }>((res) => {
      const p = spawn(process.execPath, [
        require.resolve("tsx/cli"),
        "src/cli/hln.ts",
        "build",
        "--out",
        out,
        "--format",
        "xlsx",
      ]);
      let sent = false;
      const poll = setInterval(() => {
        if (!sent && existsSync(out) && readdirSync(out).some((f) => f.includes(".tmp-"))) {
          sent = true;
          p.kill("SIGINT");
        }
      }, 50);
      p.on("exit", (c) => {
        clearInterval(poll);
        res({ code: c, left: existsSync(out) ? readdirSync(out) : [] });
      });
    });
    expect(code).toBe(130);
    expect(left).toEqual([]);
  }, 120000);

  test("Excel's 1,048,576-row limit is checked before an xlsx is written", () => {
    expect(() => checkXlsxRows(1_048_575, "big.csv")).not.toThrow();
    expect(() => checkXlsxRows(1_048_576, "big.csv")).toThrow(
      /big\.csv: 1,048,576 areas do not fit in an Excel sheet \(at most 1,048,575 below a header row\): use --format csv/,
    );
    const plan = {
      sheets: [
        { name: "HLN Data", role: "data", blocks: [{ address: "A3", columnValues: [new Float64Array(1_048_575)] }] },
      ],
      names: [],
      areas: 0,
      meta: { builtAt: "", version: "", spec: "", dataStatus: {} },
    };
    expect(() => checkExcelLimits(plan as never)).toThrow(/sheet "HLN Data" would have 1,048,577 rows/);
  });

  test.each(["constructor", "toString", "__proto__", "hasOwnProperty"])(
    "--weights %s=1 is an unknown id, not a crash or a wrong message",
    async (id) => {
      await expectOneLine(
        ["build", "--weights", `${id}=1`, "--format", "csv", "--out", join(tmp("w"), "o")],
        new RegExp(`--weights: "${id}" is not a dimension, sub-dimension or indicator id`),
      );
    },
  );

  test("spec ids constructor and toString build like any other id (no --weights message)", async () => {
    const dir = tmp("specids");
    const ids = listIndicators(hlnSpec)
      .slice(0, 2)
      .map((x) => x.indicator.id);
    let text = JSON.stringify(hlnSpec);
    text = text.replace(`"id":"${ids[0]}"`, `"id":"constructor"`).replace(`"id":"${ids[1]}"`, `"id":"toString"`);
    writeFileSync(join(dir, "spec.json"), text);
    const a = join(dir, "a");
    const b = join(dir, "b");
    const f = write(dir, rows());
    // --format both: the full (not lean) core path, as the task pane runs it
    const ra = await run(["build", "--spec", join(dir, "spec.json"), "--data", f, "--out", a, "--quiet"]);
    expect(ra.err).toBe("");
    expect(ra.code).toBe(0);
    await run(["build", "--data", f, "--out", b, "--quiet"]);
    expect(scores(a).map((x) => x.overall_score)).toEqual(scores(b).map((x) => x.overall_score));
    const rw = await run([
      "build",
      "--spec",
      join(dir, "spec.json"),
      "--data",
      f,
      "--weights",
      "constructor=2",
      "--format",
      "csv",
      "--out",
      join(dir, "c"),
      "--quiet",
    ]);
    expect(rw.code).toBe(0);
  });

  test("a data column named __proto__ is read like any other", async () => {
    const dir = tmp("proto");
    const r = rows();
    const old = listIndicators(hlnSpec).find((x) => x.indicator.kind === "value")!.indicator.value!;
    const text = JSON.stringify(hlnSpec);
    expect(text).toContain(`"value":"${old}"`);
    writeFileSync(join(dir, "spec.json"), text.replace(`"value":"${old}"`, `"value":"__proto__"`));
    const renamed = r.map((x, i) => (i === 0 ? x.map((h) => (h === old ? "__proto__" : h)) : x));
    const a = join(dir, "a");
    const b = join(dir, "b");
    const ra = await run([
      "build",
      "--spec",
      join(dir, "spec.json"),
      "--data",
      write(dir, renamed, ",", "p.csv"),
      "--format",
      "csv",
      "--out",
      a,
      "--quiet",
    ]);
    expect(ra.err).toBe("");
    expect(ra.code).toBe(0);
    await run(["build", "--data", write(dir, r), "--format", "csv", "--out", b, "--quiet"]);
    const sa = scores(a).map((x) => x.overall_score);
    expect(sa.filter((x) => x === "").length).toBe(0);
    expect(sa).toEqual(scores(b).map((x) => x.overall_score));
  });

  test("an internal error prints one line saying how to report it, exit 1, no stack", async () => {
    const spy = jest.spyOn(JSON, "parse").mockImplementationOnce(() => {
      throw new TypeError("boom");
    });
    const dir = tmp("internal");
    writeFileSync(join(dir, "s.json"), "{}");
    // readSpec catches JSON errors as user errors; force one outside: runBuild with a thrown TypeError
    spy.mockRestore();
    const orig = runBuild;
    expect(orig).toBeDefined();
    const mod = await import("../../src/cli/build");
    const s = jest.spyOn(mod, "runBuild").mockRejectedValueOnce(new TypeError("x is undefined"));
    const r = await run(["build", "--out", join(dir, "o")]);
    s.mockRestore();
    expect(r.code).toBe(1);
    const lines = r.err.split("\n").filter((l) => l.trim());
    expect(lines).toEqual([
      expect.stringMatching(/^hln: internal error: x is undefined — this is a bug in hln.*report it/),
    ]);
  });
});
