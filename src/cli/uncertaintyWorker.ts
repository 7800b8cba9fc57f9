/**
 * A worker thread of src/cli/uncertaintyPool.ts: prepares from the main thread's nominal build,
 * draws the same plan from the same seed as the main thread and runs the draws (Monte Carlo) or
 * rows (Sobol) it claims a few at a time from a shared counter into the shared arrays; for Monte
 * Carlo it then posts its decile-1 and hotspot counts and, when told, computes the quantiles of its
 * share of the areas.
 */
import { parentPort, workerData } from "worker_threads";
import { mcPlan, mcQuantiles, preparedFrom, sobolPlan } from "../core/uncertainty";
import { mcEvaluateShared, mcSharedArrays, sobolEvaluateShared, type WorkerTask } from "./uncertaintyPool";

function run(task: WorkerTask): void {
  const port = parentPort!;
  const prepared = preparedFrom(task.nominal);
  let pending = 0;
  const tick = () => {
    if (++pending >= 10) {
      port.postMessage({ progress: pending });
      pending = 0;
    }
  };
  const flush = () => {
    if (pending) port.postMessage({ progress: pending });
    pending = 0;
  };
  if (task.kind === "sobol") {
    const plan = sobolPlan(prepared, task.uopts);
    sobolEvaluateShared(prepared, plan, new Float64Array(task.shared.Y), new Int32Array(task.shared.next), tick);
    flush();
    port.postMessage({ done: true });
    return;
  }
  const plan = mcPlan(prepared, task.uopts);
  const a = mcSharedArrays(task.shared, plan.bytes, prepared.len);
  mcEvaluateShared(prepared, plan, a, new Int32Array(task.shared.next), tick);
  flush();
  port.postMessage({ dec1: a.dec1, hot: a.hot }, [a.dec1.buffer as ArrayBuffer, a.hot.buffer as ArrayBuffer]);
  port.once("message", () => {
    mcQuantiles(a.store, plan.options.draws, prepared.nominal.rank, a, task.areas[0], task.areas[1]);
    port.postMessage({ done: true });
  });
}

if (parentPort) run(workerData as WorkerTask);
