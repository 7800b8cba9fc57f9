/**
 * Runs the uncertainty analysis in the Web Worker (uncertainty.worker.ts) and turns its messages into
 * a promise with progress and Cancel (which terminates the worker: nothing is left running).
 */
import type { WorkerMessage } from "./uncertainty.worker";
import type { AnalysisInput, AnalysisOutput } from "./uncertaintyAnalysis";
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

export function startAnalysis(
  input: AnalysisInput,
  onProgress: (phase: string, done: number, total: number) => void,
  makeWorker: () => Worker = () => new Worker(WORKER_URL),
): AnalysisJob {
  const worker = makeWorker();
  let settle: { reject: (e: Error) => void } | null = null;
  const result = new Promise<AnalysisOutput>((resolve, reject) => {
    settle = { reject };
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      if (m.kind === "progress") onProgress(m.phase, m.done, m.total);
      else {
        worker.terminate();
        if (m.kind === "done") resolve(m.result);
        else reject(new Error(m.message));
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(`the analysis could not run: ${e.message || "the worker failed to load"}`));
    };
    worker.postMessage(input);
  });
  return {
    result,
    cancel: () => {
      worker.terminate();
      settle?.reject(new AnalysisCancelled());
    },
  };
}
