import type { AnalysisPart } from "./uncertaintyAnalysis";

/** A worker's share's buffers, to transfer rather than copy (the worker's reply, the summarising worker's input). */
export function partBuffers(p: AnalysisPart): ArrayBuffer[] {
  return [p.store, p.rankShift, p.top, p.dec1, p.hot, p.Y].map((x) => x.buffer as ArrayBuffer);
}
