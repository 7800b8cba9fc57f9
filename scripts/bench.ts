/**
 * `npm run bench`: medians of the project's performance targets. The last line is
 * `hln-bench full-measure median_ms=<number>` (target ≤ 100 ms for 33,755 areas).
 */
import { benchMeasure } from "./bench/measure";

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
    const { benchBundleLoad } = await import("../src/data/node");
    const runs: number[] = [];
    for (let i = 0; i < 7; i++) runs.push((await benchBundleLoad()).ms);
    runs.sort((a, b) => a - b);
    log(
      `bundle load (node: read + gunzip + decode + validate)  median_ms=${runs[3].toFixed(1)}  min_ms=${runs[0].toFixed(1)}`,
    );
  });
  await optional("summaries", async () => {
    const { benchSummaries } = await import("./bench/summaries");
    for (const line of benchSummaries()) log(line);
  });
  await optional("functions", async () => {
    const { benchFunctions } = await import("./bench/functions");
    for (const r of await benchFunctions())
      log(`function ${r.name}  rows=33755  median_ms=${r.medianMs.toFixed(2)}  (target ≤ 20)`);
  });
  await optional("office writer", async () => {
    const { benchOffice } = await import("./bench/office");
    for (const line of await benchOffice()) log(line);
  });
  await optional("maps", async () => {
    const { benchMaps } = await import("./bench/maps");
    for (const line of await benchMaps()) log(line);
  });
  await optional("workbook", async () => {
    const { benchWorkbook } = await import("./bench/workbook");
    for (const line of await benchWorkbook()) log(line);
  });
  await optional("pane load", async () => {
    // the task pane's bundle load in headless Chromium, cold, with the SHA-256 checks (target ≤ 1 s)
    const { benchPaneLoad } = await import("./bench/paneLoad");
    for (const line of await benchPaneLoad()) log(line);
  });
  await optional("native", async () => {
    // native-formula workbooks (issue 14): xlsx write time and sizes, LibreOffice recalculation
    const { benchNative } = await import("./bench/native");
    await benchNative(log);
  });
  await optional("csv", async () => {
    // CSV-only CLI builds of a generated user CSV, as child processes: wall time and peak RSS (issue 13)
    const { benchCsv } = await import("./bench/csv");
    for (const line of await benchCsv()) log(line);
  });
  await optional("uncertainty", async () => {
    // issue 18: Monte Carlo and Sobol runs on the bundle, and the paired ratio to the NumPy pipeline
    const { benchUncertainty } = await import("./bench/uncertainty");
    for (const line of await benchUncertainty()) log(line);
  });
  log(`hln-bench full-measure median_ms=${fullMs.toFixed(1)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
