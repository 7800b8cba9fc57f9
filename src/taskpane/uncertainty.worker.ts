/**
 * The Web Worker of the task pane's Uncertainty card (a same-origin file, uncertainty-worker.js: the
 * pane's Content-Security-Policy allows no blob: scripts). One message in (AnalysisInput), progress
 * messages out (at most one per 1% of the runs), then the result or the error's message. Cancel is
 * the page terminating the worker.
 */
import { HlnError } from "../core/errors";
import { type AnalysisInput, runAnalysis } from "./uncertaintyAnalysis";

export type WorkerMessage =
  | { kind: "progress"; phase: string; done: number; total: number }
  | { kind: "done"; result: ReturnType<typeof runAnalysis> }
  | { kind: "error"; message: string };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<AnalysisInput>) => void) | null;
  postMessage(m: WorkerMessage): void;
};

scope.onmessage = (e) => {
  let last = -1;
  try {
    const result = runAnalysis(e.data, (phase, done, total) => {
      const pct = Math.floor((100 * done) / total);
      if (pct === last && done !== total) return;
      last = pct;
      scope.postMessage({ kind: "progress", phase, done, total });
    });
    scope.postMessage({ kind: "done", result });
  } catch (err) {
    const message =
      err instanceof HlnError
        ? err.message
        : `the analysis failed: ${err instanceof Error ? err.message : String(err)}`;
    scope.postMessage({ kind: "error", message });
  }
};
