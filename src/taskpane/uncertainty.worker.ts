/**
 * A Web Worker of the task pane's Uncertainty card (a same-origin file, uncertainty-worker.js: the
 * pane's Content-Security-Policy allows no blob: scripts). In: { kind: "part" } — prepare the
 * measure, run share `part` of `parts` (AnalysisSession) and send it back; then, for the worker that
 * summarises, { kind: "finish" } with the other workers' shares. Out: progress (at most one message
 * per 1% of its runs), its share or the result, or the error's message. Cancel is the page
 * terminating the workers.
 */
import { HlnError } from "../core/errors";
import { type AnalysisInput, type AnalysisOutput, type AnalysisPart, AnalysisSession } from "./uncertaintyAnalysis";
import { partBuffers } from "./uncertaintyParts";

export type WorkerRequest =
  { kind: "part"; input: AnalysisInput; part: number; parts: number } | { kind: "finish"; others: AnalysisPart[] };

export type WorkerMessage =
  | { kind: "progress"; phase: string; done: number; total: number; all: number }
  | { kind: "part"; part: AnalysisPart }
  | { kind: "done"; result: AnalysisOutput }
  | { kind: "error"; message: string };

/** The worker's message handler, posting with `post` (exported for the tests' in-process worker). */
export function analysisHandler(
  post: (m: WorkerMessage, transfer?: Transferable[]) => void,
): (req: WorkerRequest) => void {
  let session: AnalysisSession | undefined;
  return (req) => {
    try {
      if (req.kind === "part") {
        session = new AnalysisSession(req.input);
        let last = "";
        const part = session.part(req.part, req.parts, (phase, done, total, all) => {
          const pct = `${phase}|${Math.floor((100 * done) / total)}`;
          if (pct === last && done !== total) return;
          last = pct;
          post({ kind: "progress", phase, done, total, all });
        });
        post({ kind: "part", part }, partBuffers(part));
      } else {
        if (!session) throw new Error("no share was run in this worker");
        post({ kind: "done", result: session.finish(req.others) });
        session = undefined;
      }
    } catch (err) {
      const message =
        err instanceof HlnError
          ? err.message
          : `the analysis failed: ${err instanceof Error ? err.message : String(err)}`;
      post({ kind: "error", message });
    }
  };
}

if (typeof self !== "undefined" && typeof (self as { importScripts?: unknown }).importScripts === "function") {
  const scope = self as unknown as {
    onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
    postMessage(m: WorkerMessage, transfer?: Transferable[]): void;
  };
  const handle = analysisHandler((m, transfer) => scope.postMessage(m, transfer ?? []));
  scope.onmessage = (e) => handle(e.data);
}
