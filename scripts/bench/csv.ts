/**
 * `hln build --data big.csv --format csv` as a user runs it: a child process (tsx) on a synthetic
 * wide CSV of the default spec's columns, timed from outside with its peak RSS.
 * Lines: `hln-bench csv-<rows> s=<n> rss_mb=<n>`. Targets at 1 M rows: ≤ 30 s, ≤ 1.5 GB.
 */
import { spawnSync } from "child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { listIndicators, specColumns } from "../../src/core/spec";
import { hlnSpec } from "../../src/core/specs";
import { mulberry32 } from "../data/prng";

const ROOT = resolve(__dirname, "..", "..");

/** Writes a synthetic user CSV of `rows` areas in `rows / 650` districts (about LSOAs per LAD × 6). */
export function writeSyntheticCsv(file: string, rows: number, seed = 1): void {
  const rnd = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const cols = specColumns(hlnSpec);
  const at = new Map(cols.map((c, j) => [c, j]));
  const inds = listIndicators(hlnSpec).map((x) => x.indicator);
  const districts = Math.max(1, Math.round(rows / 110));
  const fd = openSync(file, "w");
  let buf = ["area_code", "area_name", "group_code", "group_name", "population", ...cols].join(",") + "\n";
  const v = new Array<string>(cols.length);
  for (let i = 0; i < rows; i++) {
    const g = Math.floor((i * districts) / rows);
    const need = 0.7 * normal();
    v.fill("");
    for (const ind of inds) {
      if (ind.kind === "count") {
        const dj = at.get(ind.denominator!)!;
        if (v[dj] === "") v[dj] = String(150 + Math.floor(rnd() * 2500));
        const den = Number(v[dj]);
        for (const c of ind.numerator!) {
          const p = 1 / (1 + Math.exp(-(-2.2 + 0.5 * ind.polarity * need + 0.3 * normal())));
          v[at.get(c)!] = String(Math.floor((den * p) / ind.numerator!.length));
        }
      } else {
        v[at.get(ind.value!)!] = (50 + 10 * (ind.polarity * 0.6 * need + 0.8 * normal())).toFixed(3);
        if (ind.se) v[at.get(ind.se)!] = (1 + rnd() * 3).toFixed(3);
      }
    }
    const code = `E${String(1000000 + i).padStart(8, "0")}`;
    const d = `D${String(g).padStart(5, "0")}`;
    buf += `${code},Area ${i},${d},District ${g},${1000 + Math.floor(rnd() * 2000)},${v.join(",")}\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = "";
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
}

/** Runs the CLI build CSV-only in a child process; wall seconds and peak RSS in MB. */
export function runCsvBuild(file: string, out: string): { s: number; rssMb: number; code: number | null } {
  const tsx = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
  const args = [tsx, join(ROOT, "src", "cli", "hln.ts"), "build", "--data", file, "--format", "csv", "--out", out];
  const useTime = existsSync("/usr/bin/time");
  const t0 = performance.now();
  const r = useTime
    ? spawnSync("/usr/bin/time", ["-v", process.execPath, ...args], { encoding: "utf8", maxBuffer: 1 << 26 })
    : spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 26 });
  const s = (performance.now() - t0) / 1000;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "");
  if (r.status !== 0)
    throw new Error(`build failed (${r.status}): ${(r.stderr ?? "").split("\n").slice(-6).join(" ")}`);
  return { s, rssMb: m ? Number(m[1]) / 1024 : NaN, code: r.status };
}

export async function benchCsv(sizes: number[] = [190_000, 1_000_000]): Promise<string[]> {
  const lines: string[] = [];
  for (const rows of sizes) {
    const dir = mkdtempSync(join(tmpdir(), "hln-bench-csv-"));
    try {
      const file = join(dir, `synthetic-${rows}.csv`);
      writeSyntheticCsv(file, rows);
      const r = runCsvBuild(file, join(dir, "out"));
      const outRows = readFileSync(join(dir, "out", "hln-scores.csv"), "utf8").split("\n").length - 2;
      if (outRows !== rows) throw new Error(`expected ${rows} rows, the csv has ${outRows}`);
      lines.push(
        `hln-bench csv-${rows} s=${r.s.toFixed(1)} rss_mb=${Math.round(r.rssMb)}${rows >= 1_000_000 ? " (targets s<=30 rss_mb<=1536)" : ""}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return lines;
}

if (require.main === module) {
  const sizes = process.argv.slice(2).map(Number).filter(Number.isFinite);
  benchCsv(sizes.length ? sizes : undefined).then((l) => l.forEach((x) => console.log(x)));
}
