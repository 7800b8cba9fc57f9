/**
 * Issue 18 benches on the full bundle (33,755 LSOAs): Monte Carlo over the dimension weights and
 * over all six factor groups (1,000 draws each, the median of 3 runs; targets 2 s and 15 s), Sobol
 * indices with the six groups and N = 1,000 (8,000 runs; target 120 s, peak RSS ≤ 500 MB), and the
 * paired ratio of buildMeasure to the analyst's NumPy/SciPy pipeline (../shared/bench/numpy_hln.py;
 * target ≤ 0.35).
 * Lines: `hln-bench mc-weights-1000 ms=<n>`, `hln-bench mc-all-1000 ms=<n>`,
 * `hln-bench sobol-d6-n1000 ms=<n> rss_mb=<n>`, `hln-bench numpy-ratio=<median of paired ratios>`.
 * Alone: `node --require tsx/cjs scripts/bench/uncertainty.ts` (HLN_BENCH_ONLY=mc-weights,mc-all,sobol,numpy picks).
 */
import { execFileSync } from "child_process";
import { existsSync, readFileSync } from "fs";
import { join, resolve } from "path";
import { buildMeasure } from "../../src/core/buildMeasure";
import { hlnSpec } from "../../src/core/specs";
import { defaultThreads, parallelSensitivity, parallelUncertainty } from "../../src/cli/uncertaintyPool";
import { FACTOR_GROUPS, prepareMeasure, runUncertainty, type FactorGroup } from "../../src/core/uncertainty";
import { toMeasureData } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { fmt, medianMs } from "./util";

export const NUMPY_SCRIPT = resolve(__dirname, "..", "..", "..", "shared", "bench", "numpy_hln.py");

export async function benchUncertainty(only?: string[]): Promise<string[]> {
  const want = (k: string) => !only || only.includes(k);
  const lines: string[] = [];
  const data = toMeasureData(loadBundleFromDir());
  const prepared = prepareMeasure(hlnSpec, data);
  const threads = defaultThreads();
  runUncertainty(prepared, { factors: [...FACTOR_GROUPS], draws: 20 }); // warm-up: JIT, normal-score caches
  const time = async (f: () => unknown) => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };
  // wall time of what `hln sensitivity` runs (fresh workers each time: start-up and preparation
  // included), the median of 3 runs (single runs spread by ±30% on the test machine), and once in one thread
  const mc = async (name: string, factors: FactorGroup[], target: number) => {
    const opts = { factors, draws: 1000 };
    const runs: number[] = [];
    for (let k = 0; k < 3; k++) runs.push(await time(() => parallelUncertainty(prepared, opts, threads)));
    const ms = [...runs].sort((a, b) => a - b)[1];
    const one = threads > 1 ? await time(() => runUncertainty(prepared, opts)) : ms;
    lines.push(
      `hln-bench ${name} ms=${fmt(ms)} threads=${threads} runs=${runs.map(fmt).join("/")} one_thread_ms=${fmt(one)} (median of 3; target ≤ ${target})`,
    );
  };
  // Sobol first, so the process's peak RSS is the Sobol run's (plus the bundle and the preparation)
  let sobolLine: string | undefined;
  if (want("sobol")) {
    const ms = await time(() => parallelSensitivity(prepared, { factors: [...FACTOR_GROUPS], draws: 1000 }, threads));
    // peak RSS of this process (the workers are threads of it)
    const rss = peakRssMb();
    sobolLine = `hln-bench sobol-d6-n1000 ms=${fmt(ms)} rss_mb=${rss.toFixed(0)} threads=${threads} (targets ≤ 120000 ms, ≤ 500 MB)`;
  }
  if (want("mc-weights")) await mc("mc-weights-1000", ["weights"], 2000);
  if (want("mc-all")) await mc("mc-all-1000", [...FACTOR_GROUPS], 15000);
  if (sobolLine) lines.push(sobolLine);
  if (want("numpy")) lines.push(benchNumpyRatio(data));
  return lines;
}

/**
 * buildMeasure against numpy_hln.py on its synthetic data of the same shape, run alternately (5
 * pairs), so both see the same machine load. Each side is a fresh process of what users run: the
 * analyst's script in python (1 warm-up build, median of 5), and buildMeasure as `hln build` runs it
 * — lib/, the CLI compiled by tsc (compiled afresh here), on the bundle, in plain node
 * (shipped-build.js: 10 warm-up builds for the JIT, median of 5; its first, cold build is reported
 * as cold_ms=). The same source in this bench's own process is timed once beside it (in_bench_ms=:
 * under tsx's ESM hooks and beside the prepared measure, the same code runs 15–30% slower here).
 * If lib/ does not compile, the in-process source is timed instead and the line says so.
 */
export function benchNumpyRatio(data: ReturnType<typeof toMeasureData>, pairs = 5): string {
  if (!existsSync(NUMPY_SCRIPT)) return `numpy-ratio: not run (no ${NUMPY_SCRIPT})`;
  const python = process.env.HLN_PYTHON ?? "python3";
  const shipped = compileLib();
  const ratios: number[] = [];
  const js: number[] = [];
  const py: number[] = [];
  const cold: number[] = [];
  for (let k = 0; k < pairs; k++) {
    const p = medianOf(execFileSync(python, [NUMPY_SCRIPT, "33755", "5"], { encoding: "utf8", cwd: __dirname }));
    let j: number;
    if (shipped) {
      const out = execFileSync(process.execPath, [join(__dirname, "shipped-build.js"), "10", "5"], {
        encoding: "utf8",
      });
      j = medianOf(out);
      cold.push(Number(/cold_ms=([\d.]+)/.exec(out)?.[1]));
    } else j = medianMs(() => buildMeasure(hlnSpec, data), 5, k === 0 ? 3 : 1);
    py.push(p);
    js.push(j);
    ratios.push(j / p);
  }
  const inBench = medianMs(() => buildMeasure(hlnSpec, data), 5, 2);
  const med = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)];
  const what = shipped
    ? `lib/ in plain node, cold_ms=${fmt(med(cold))}`
    : "src in the bench process: lib/ did not compile";
  return `hln-bench numpy-ratio=${med(ratios).toFixed(2)} (buildMeasure median_ms=${fmt(med(js))} [${what}], in_bench_ms=${fmt(inBench)}, numpy median_ms=${fmt(med(py))}, ${pairs} pairs; target ≤ 0.35)`;
}

/**
 * Peak resident memory of this process image, MB: VmHWM of /proc/self/status where there is one —
 * getrusage's maxRSS also counts the parent's memory at the fork that started this process (`npm run
 * bench` runs this file as a child: its Sobol line read 679 MB that way, 440 MB alone).
 */
function peakRssMb(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux: getrusage's figure
  }
  return process.resourceUsage().maxRSS / 1024;
}

function medianOf(out: string): number {
  const m = /median_ms=([\d.]+)/.exec(out);
  if (!m) throw new Error(`no median_ms in "${out.trim().slice(0, 80)}"`);
  return Number(m[1]);
}

/** `npm run build:cli` (tsc, incremental: ~2 s when up to date); false when it fails. */
function compileLib(): boolean {
  try {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.cli.json"], {
      cwd: resolve(__dirname, "..", ".."),
      stdio: "pipe",
    });
    return true;
  } catch {
    return false;
  }
}

if (require.main === module) {
  const only = process.env.HLN_BENCH_ONLY ? process.env.HLN_BENCH_ONLY.split(",").map((s) => s.trim()) : undefined;
  benchUncertainty(only).then(
    (lines) => lines.forEach((l) => console.log(l)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
