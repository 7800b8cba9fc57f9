/**
 * The task pane's analysis over two Web Workers (issue 18): each runs a share of the draws and Sobol
 * rows, the first summarises. Here the workers are the worker file's own handler run in this process
 * behind a message queue (structured clone with transfer, as a browser does; the real worker file
 * runs in headless Chromium in test/browser). Two workers give exactly the one-thread numbers;
 * progress adds up over the workers; Cancel terminates every worker; a worker's error is the job's.
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import Papa from "papaparse";
import { readUserCsv } from "../../src/cli/userData";
import { defaultSettings, settingsToBuild } from "../../src/core/settings";
import { hlnSpec } from "../../src/core/specs";
import { syntheticIndicators } from "../../src/data/openData";
import { analysisHandler, type WorkerMessage, type WorkerRequest } from "../../src/taskpane/uncertainty.worker";
import { type AnalysisInput, runAnalysis } from "../../src/taskpane/uncertaintyAnalysis";
import { AnalysisCancelled, startAnalysis } from "../../src/taskpane/uncertaintyClient";
import { userCsvRows } from "../helpers/synthetic";

/** A Worker whose other side is analysisHandler, messages cloned (and transferred) asynchronously. */
class InProcessWorker {
  static live = 0;
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  private readonly handle = analysisHandler((m, transfer) =>
    setImmediate(
      () => !this.terminated && this.onmessage?.({ data: structuredClone(m, { transfer }) } as MessageEvent),
    ),
  );
  constructor() {
    InProcessWorker.live++;
  }
  postMessage(req: WorkerRequest, transfer: Transferable[] = []): void {
    const copy = structuredClone(req, { transfer: transfer as ArrayBuffer[] });
    setImmediate(() => !this.terminated && this.handle(copy));
  }
  terminate(): void {
    if (!this.terminated) InProcessWorker.live--;
    this.terminated = true;
  }
}

const dir = mkdtempSync(join(tmpdir(), "hln-pane-workers-"));
const csv = join(dir, "areas.csv");
writeFileSync(csv, Papa.unparse(userCsvRows(hlnSpec, 240, 8, 11), { newline: "\n" }) + "\n");

async function input(draws: number, sobolN?: number): Promise<AnalysisInput> {
  const data = await readUserCsv(csv, hlnSpec);
  const { spec, options } = settingsToBuild(hlnSpec, defaultSettings(hlnSpec), syntheticIndicators(hlnSpec, undefined));
  const mc = { draws, seed: 9, factors: ["weights" as const, "constant" as const, "offset" as const], bootstrap: 10 };
  return { spec, data, options, mc, ...(sobolN ? { sobolN } : {}) };
}

const make = () => new InProcessWorker() as unknown as Worker;

test("two workers give the one-thread numbers exactly (draws, percentiles, LA counts, Sobol indices)", async () => {
  const inp = await input(31, 7); // odd counts: unequal shares
  const progress = new Map<string, number[]>();
  const job = startAnalysis(inp, (phase, done, total) => progress.set(phase, [done, total]), make, 2);
  const two = await job.result;
  const one = runAnalysis(inp);
  expect(two).toEqual(one);
  expect(Array.from(two.mc.median)).toEqual(Array.from(one.mc.median));
  // the progress of both workers adds up to every run of each phase
  expect(progress.get("Monte Carlo draws")).toEqual([31, 31]);
  expect(progress.get("Sobol runs")).toEqual([7 * 5, 7 * 5]);
  expect(InProcessWorker.live).toBe(0);
});

test("Cancel terminates every worker and rejects; a bad option is the job's error, every worker stopped", async () => {
  const job = startAnalysis(await input(40), () => undefined, make, 2);
  expect(InProcessWorker.live).toBe(2);
  job.cancel();
  await expect(job.result).rejects.toBeInstanceOf(AnalysisCancelled);
  expect(InProcessWorker.live).toBe(0);
  const bad = await input(40);
  const failed = startAnalysis(
    { ...bad, mc: { ...bad.mc, factors: ["weights", "nonsense" as never] } },
    () => undefined,
    make,
    2,
  );
  await expect(failed.result).rejects.toThrow(/nonsense/);
  expect(InProcessWorker.live).toBe(0);
});
