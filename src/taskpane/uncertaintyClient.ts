/**
 * Runs the uncertainty analysis in Web Workers (uncertainty.worker.ts) — two on a machine with two or
 * more cores, each running a share of the draws and Sobol rows, the first then summarising — and
 * turns their messages into a promise with progress and Cancel (which terminates every worker:
 * nothing is left running).
 */
import type { WorkerMessage, WorkerRequest } from "./uncertainty.worker";
import { partBuffers } from "./uncertaintyParts";
import type { AnalysisInput, AnalysisOutput, AnalysisPart } from "./uncertaintyAnalysis";
import { ADDIN_VERSION } from "./model";

/** The worker's file beside taskpane.html (webpack entry "uncertainty-worker"); the version defeats a stale cache. */
export const WORKER_URL = `uncertainty-worker.js?v=${encodeURIComponent(ADDIN_VERSION)}`;

export class AnalysisCancelled extends Error {
  constructor() {
    super("The analysis was cancelled: nothing was written.");
    this.name = "AnalysisCancelled";
  }
}

export interface AnalysisJob {
  result: Promise<AnalysisOutput>;
  cancel(): void;
}

/**
 * Workers to use: two where the machine has two or more cores (each holds its own prepared measure,
 * about 120 MB on the bundle), else one.
 */
export function defaultWorkers(): number {
  const cores = typeof navigator !== "undefined" ? navigator.hardwareConcurrency : 1;
  return cores >= 2 ? 2 : 1;
}

export function startAnalysis(
  input: AnalysisInput,
  onProgress: (phase: string, done: number, total: number) => void,
  makeWorker: () => Worker = () => new Worker(WORKER_URL),
  workers: number = defaultWorkers(),
): AnalysisJob {
  // no more workers than draws or Sobol rows: each worker prepares the measure, so an idle one costs
  const T = Math.max(1, Math.min(workers, input.mc.draws ?? workers, input.sobolN ?? workers));
  const pool = Array.from({ length: T }, makeWorker);
  const stop = () => pool.forEach((w) => w.terminate());
  let fail: (e: Error) => void = () => undefined;
  const result = new Promise<AnalysisOutput>((resolve, reject) => {
    fail = (e) => {
      stop();
      reject(e);
    };
    const parts: (AnalysisPart | undefined)[] = new Array(T).fill(undefined);
    const done = pool.map(() => new Map<string, number>());
    const send = (w: Worker, m: WorkerRequest, transfer: Transferable[] = []) => w.postMessage(m, transfer);
    pool.forEach((worker, k) => {
      worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
        const m = e.data;
        if (m.kind === "progress") {
          done[k].set(m.phase, m.done);
          onProgress(
            m.phase,
            done.reduce((s, d) => s + (d.get(m.phase) ?? 0), 0),
            m.all,
          );
        } else if (m.kind === "part") {
          parts[k] = m.part;
          if (parts.some((p) => !p)) return;
          // every share is in: the first worker takes the others' and summarises; the rest are done
          pool.slice(1).forEach((w) => w.terminate());
          const others = parts.slice(1) as AnalysisPart[];
          send(pool[0], { kind: "finish", others }, others.flatMap(partBuffers));
        } else if (m.kind === "done") {
          stop();
          resolve(m.result);
        } else fail(new Error(m.message));
      };
      worker.onerror = (e) =>
        fail(new Error(`the analysis could not run: ${e.message || "the worker failed to load"}`));
      send(worker, { kind: "part", input, part: k, parts: T });
    });
  });
  return {
    result,
    cancel: () => fail(new AnalysisCancelled()),
  };
}
