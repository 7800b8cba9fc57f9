/**
 * `npm run bench`: medians of the project's performance targets. The last line is
 * `hln-bench full-measure median_ms=<number>` (target ≤ 100 ms for 33,755 areas).
 */
import { execFileSync } from "child_process";
import { join } from "path";
import { benchMeasure } from "./bench/measure";

/**
 * A bench module, loaded when its line runs (a missing optional tool fails that line only). `npm run
 * bench` runs under `node --require tsx/cjs`: tsx's ESM hooks (plain `tsx`) slowed the very same
 * compiled code by 20–30% on the test machine, so this process uses CommonJS loading, and require.
 */
function load<T>(path: string): T {
  return require(path) as T;
}

async function optional(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    console.log(`${name}: not run (${(e as Error).message.split("\n")[0]})`);
  }
}

async function main() {
  const log = (s: string) => console.log(s);
  log(`hln-bench  node ${process.version}  ${new Date().toISOString()}`);
  const fullMs = benchMeasure(log);
  await optional("bundle", async () => {
    const { benchBundleLoad } = load<typeof import("../src/data/node")>("../src/data/node");
    const runs: number[] = [];
    for (let i = 0; i < 7; i++) runs.push((await benchBundleLoad()).ms);
    runs.sort((a, b) => a - b);
    log(
      `bundle load (node: read + gunzip + decode + validate)  median_ms=${runs[3].toFixed(1)}  min_ms=${runs[0].toFixed(1)}`,
    );
  });
  await optional("summaries", async () => {
    const { benchSummaries } = load<typeof import("./bench/summaries")>("./bench/summaries");
    for (const line of benchSummaries()) log(line);
  });
  await optional("functions", async () => {
    const { benchFunctions } = load<typeof import("./bench/functions")>("./bench/functions");
    for (const r of await benchFunctions())
      log(`function ${r.name}  rows=33755  median_ms=${r.medianMs.toFixed(2)}  (target ≤ 20)`);
  });
  await optional("office writer", async () => {
    const { benchOffice } = load<typeof import("./bench/office")>("./bench/office");
    for (const line of await benchOffice()) log(line);
  });
  await optional("maps", async () => {
    const { benchMaps } = load<typeof import("./bench/maps")>("./bench/maps");
    for (const line of await benchMaps()) log(line);
  });
  await optional("workbook", async () => {
    const { benchWorkbook } = load<typeof import("./bench/workbook")>("./bench/workbook");
    for (const line of await benchWorkbook()) log(line);
  });
  await optional("pane load", async () => {
    // the task pane's bundle load in headless Chromium, cold, with the SHA-256 checks (target ≤ 1 s)
    const { benchPaneLoad } = load<typeof import("./bench/paneLoad")>("./bench/paneLoad");
    for (const line of await benchPaneLoad()) log(line);
  });
  await optional("native", async () => {
    // native-formula workbooks (issue 14): xlsx write time and sizes, LibreOffice recalculation
    const { benchNative } = load<typeof import("./bench/native")>("./bench/native");
    await benchNative(log);
  });
  await optional("csv", async () => {
    // CSV-only CLI builds of a generated user CSV, as child processes: wall time and peak RSS (issue 13)
    const { benchCsv } = load<typeof import("./bench/csv")>("./bench/csv");
    for (const line of await benchCsv()) log(line);
  });
  await optional("uncertainty", async () => {
    // issue 18: Monte Carlo and Sobol runs on the bundle, and the paired ratio to the NumPy pipeline —
    // in a process of its own, so the Sobol line's peak RSS is not the earlier benches' (1.3 GB)
    const out = execFileSync(process.execPath, ["--require", "tsx/cjs", join(__dirname, "bench", "uncertainty.ts")], {
      encoding: "utf8",
      env: { ...process.env, HLN_BENCH_ONLY: "" },
      maxBuffer: 1 << 24,
    });
    for (const line of out.split("\n").filter(Boolean)) log(line);
  });
  log(`hln-bench full-measure median_ms=${fullMs.toFixed(1)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
