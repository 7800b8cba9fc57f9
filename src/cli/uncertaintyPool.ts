/**
 * The Monte Carlo and Sobol runs of `hln sensitivity` split over worker threads (Node
 * worker_threads): each of threads − 1 workers is given the main thread's prepared nominal build
 * (nominalOf, its columns on shared memory: nothing built again, nothing copied), prepares from it,
 * draws the same plan from the same seed and runs the draws (or Sobol rows) it claims from a shared
 * counter into shared memory alongside the main thread; the main thread then sums and summarises.
 * Each run's numbers depend only on its sample, so the result is the same for any number of threads
 * (test/cli/sensitivity.test.ts compares the files of 1 and 2 threads byte for byte).
 */
import { availableParallelism } from "os";
import { extname, join } from "path";
import { Worker } from "worker_threads";
import {
  mcArrays,
  mcEvaluate,
  mcPlan,
  mcQuantiles,
  mcSummarise,
  sobolEvaluate,
  sobolPlan,
  sobolSummarise,
  type McArrays,
  type McPlan,
  type PreparedMeasure,
  type PreparedNominal,
  runStates,
  type SensitivityResult,
  type SobolPlan,
  type UncertaintyOptions,
  type UncertaintyResult,
} from "../core/uncertainty";

/** What a worker is asked to do (workerData). */
export interface WorkerTask {
  kind: "mc" | "sobol";
  /** The main thread's prepared nominal build, its typed arrays on shared memory (sharedNominal). */
  nominal: PreparedNominal;
  uopts: UncertaintyOptions;
  /** mc: areas whose quantiles this worker computes. */
  areas: [number, number];
  shared: Record<string, SharedArrayBuffer>;
}

/** Threads to use by default: 2 (the machine), fewer on a one-core machine. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

const split = (total: number, parts: number, k: number): [number, number] => [
  Math.floor((total * k) / parts),
  Math.floor((total * (k + 1)) / parts),
];

function startWorker(task: WorkerTask, onProgress: () => void): { worker: Worker; next: () => Promise<unknown> } {
  const ext = extname(__filename);
  const worker = new Worker(join(__dirname, `uncertaintyWorker${ext}`), {
    workerData: task,
    // in development (tsx, jest) the worker is TypeScript too
    execArgv: ext === ".ts" ? ["--require", "tsx/cjs"] : [],
  });
  const queue: unknown[] = [];
  const waiting: { resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  let failed: unknown;
  worker.on("message", (m: { progress?: number }) => {
    if (m && typeof m === "object" && "progress" in m) {
      for (let i = 0; i < (m.progress ?? 0); i++) onProgress();
      return;
    }
    const w = waiting.shift();
    if (w) w.resolve(m);
    else queue.push(m);
  });
  const fail = (e: unknown) => {
    failed = e;
    for (const w of waiting.splice(0)) w.reject(e);
  };
  worker.on("error", fail);
  worker.on("exit", (code) => {
    if (code !== 0) fail(new Error(`an analysis worker stopped (exit code ${code})`));
  });
  const next = () =>
    queue.length
      ? Promise.resolve(queue.shift())
      : failed
        ? Promise.reject(failed)
        : new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  return { worker, next };
}

/** runUncertainty over `threads` threads (1: in this thread only). */
export async function parallelUncertainty(
  prepared: PreparedMeasure,
  options: Partial<UncertaintyOptions>,
  threads: number,
  onProgress?: (done: number, total: number) => void,
): Promise<UncertaintyResult> {
  const plan = mcPlan(prepared, options);
  const { draws } = plan.options;
  const len = prepared.len;
  const G = prepared.nominal.groups.labels.length;
  let done = 0;
  const tick = () => onProgress?.(++done, draws);
  const T = Math.max(1, Math.min(threads, draws));
  if (T === 1) {
    const a = mcArrays(prepared, plan);
    mcEvaluate(prepared, plan, a, 0, draws, tick);
    mcQuantiles(a.store, draws, prepared.nominal.rank, a, 0, len);
    return mcSummarise(prepared, plan, a);
  }
  const shared = {
    next: new SharedArrayBuffer(4),
    store: new SharedArrayBuffer(draws * len * plan.bytes),
    rankShift: new SharedArrayBuffer(draws * 8),
    top: new SharedArrayBuffer(draws * G * 8),
    median: new SharedArrayBuffer(len * 8),
    p05: new SharedArrayBuffer(len * 8),
    p95: new SharedArrayBuffer(len * 8),
  };
  const a = mcSharedArrays(shared, plan.bytes, len);
  const nominal = sharedNominal(prepared, plan.options);
  const workers = Array.from({ length: T - 1 }, (_, k) =>
    startWorker({ kind: "mc", nominal, uopts: plan.options, areas: split(len, T, k + 1), shared }, tick),
  );
  try {
    mcEvaluateShared(prepared, plan, a, new Int32Array(shared.next), tick);
    for (const w of workers) {
      const m = (await w.next()) as { dec1: Float64Array; hot: Float64Array };
      for (let i = 0; i < len; i++) {
        a.dec1[i] += m.dec1[i];
        a.hot[i] += m.hot[i];
      }
    }
    for (const w of workers) w.worker.postMessage("quantiles");
    const [i0, i1] = split(len, T, 0);
    mcQuantiles(a.store, draws, prepared.nominal.rank, a, i0, i1);
    for (const w of workers) await w.next();
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
  return mcSummarise(prepared, plan, a);
}

/** Monte Carlo draws, and Sobol rows (d + 2 runs each), taken at a time from the shared counter. */
const CHUNK = 8;
const SOBOL_CHUNK = 2;

/**
 * run(from, to) on chunks of [0, total) claimed from the counter `next` shared by every thread
 * (Atomics), until none are left: a worker that is slow to start or finds no free core simply
 * does fewer.
 */
function claimChunks(next: Int32Array, total: number, chunk: number, run: (from: number, to: number) => void): void {
  for (let from = Atomics.add(next, 0, chunk); from < total; from = Atomics.add(next, 0, chunk)) {
    run(from, Math.min(total, from + chunk));
  }
}

/**
 * mcEvaluate on the draws this thread claims, CHUNK at a time (claimChunks). Each draw's numbers
 * depend only on its sample and the decile-1 and hotspot counts are whole numbers, so any split
 * gives the same arrays.
 */
export function mcEvaluateShared(
  prepared: PreparedMeasure,
  plan: McPlan,
  a: McArrays,
  next: Int32Array,
  onDraw?: () => void,
): void {
  claimChunks(next, plan.options.draws, CHUNK, (from, to) => mcEvaluate(prepared, plan, a, from, to, onDraw));
}

/** sobolEvaluate on the rows this thread claims, SOBOL_CHUNK at a time (any split gives the same Y). */
export function sobolEvaluateShared(
  prepared: PreparedMeasure,
  plan: SobolPlan,
  Y: Float64Array,
  next: Int32Array,
  onRun?: () => void,
): void {
  claimChunks(next, plan.options.draws, SOBOL_CHUNK, (from, to) => sobolEvaluate(prepared, plan, Y, from, to, onRun));
}

/** The arrays of a plan over shared buffers (dec1 and hot are each thread's own). */
export function mcSharedArrays(shared: Record<string, SharedArrayBuffer>, bytes: 2 | 4, len: number): McArrays {
  return {
    store: bytes === 2 ? new Uint16Array(shared.store) : new Uint32Array(shared.store),
    rankShift: new Float64Array(shared.rankShift),
    top: new Float64Array(shared.top),
    dec1: new Float64Array(len),
    hot: new Float64Array(len),
    median: new Float64Array(shared.median),
    p05: new Float64Array(shared.p05),
    p95: new Float64Array(shared.p95),
  };
}

/** runSensitivity over `threads` threads (1: in this thread only). */
export async function parallelSensitivity(
  prepared: PreparedMeasure,
  options: Partial<UncertaintyOptions>,
  threads: number,
  onProgress?: (done: number, total: number) => void,
): Promise<SensitivityResult> {
  const plan = sobolPlan(prepared, options);
  const n = plan.options.draws;
  const runs = n * (plan.factors.length + 2);
  let done = 0;
  const tick = () => onProgress?.(++done, runs);
  const T = Math.max(1, Math.min(threads, n));
  const shared = { next: new SharedArrayBuffer(4), Y: new SharedArrayBuffer(runs * plan.outputs * 8) };
  const Y = new Float64Array(shared.Y);
  const nominal = T > 1 ? sharedNominal(prepared, plan.options) : prepared.nominal;
  const workers = Array.from({ length: T - 1 }, () =>
    startWorker({ kind: "sobol", nominal, uopts: plan.options, areas: [0, 0], shared }, tick),
  );
  try {
    sobolEvaluateShared(prepared, plan, Y, new Int32Array(shared.next), tick);
    for (const w of workers) await w.next();
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
  return sobolSummarise(prepared, plan, Y);
}

/** A copy of `x` on shared memory (structured cloning to a worker then shares it, copies nothing). */
function shared<T extends Float64Array | Int32Array>(x: T): T {
  const C = x.constructor as new (b: SharedArrayBuffer) => T;
  const out = new C(new SharedArrayBuffer(x.byteLength));
  out.set(x);
  return out;
}

/**
 * prepared.nominal for the workers, every typed array on shared memory (one copy for all threads),
 * with the normal-score columns the options' runs can read made now and shared too (the main
 * thread's prepared measure then uses the shared ones, so each column exists once, not per thread).
 */
export function sharedNominal(prepared: PreparedMeasure, options: UncertaintyOptions): PreparedNominal {
  const copies = new Map<Float64Array | Int32Array, Float64Array | Int32Array>();
  const place = <T extends Float64Array | Int32Array>(x: T): T => {
    let c = copies.get(x);
    if (!c) copies.set(x, (c = shared(x)));
    return c as T;
  };
  const normals = prepared.normalColumns(runStates(prepared.nominalRun, options), place);
  const nominal = prepared.nominal;
  return {
    ...nominal,
    groups: { ...nominal.groups, codes: place(nominal.groups.codes) },
    overall: place(nominal.overall),
    rank: place(nominal.rank),
    decile: place(nominal.decile),
    hotspot: place(nominal.hotspot),
    indicators: nominal.indicators.map((r) => ({
      ...r,
      raw: place(r.raw),
      directed: place(r.directed),
      normal: place(r.normal),
    })),
    normals,
  };
}
