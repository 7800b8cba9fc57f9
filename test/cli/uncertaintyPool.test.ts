import { mcEvaluateShared, sharedNominal, sobolEvaluateShared } from "../../src/cli/uncertaintyPool";
import { hlnSpec } from "../../src/core/specs";
import {
  FACTOR_GROUPS,
  mcArrays,
  mcEvaluate,
  mcPlan,
  preparedFrom,
  prepareMeasure,
  runStates,
  sobolEvaluate,
  sobolPlan,
  validateUncertaintyOptions,
} from "../../src/core/uncertainty";
import { syntheticMeasureData } from "../helpers/synthetic";

describe("mcEvaluateShared (draws claimed from a shared counter)", () => {
  const prepared = prepareMeasure(hlnSpec, syntheticMeasureData(hlnSpec, 200, 6, 3));
  const plan = mcPlan(prepared, { factors: ["weights", "constant"], draws: 21, seed: 5 });
  const whole = mcArrays(prepared, plan);
  mcEvaluate(prepared, plan, whole, 0, 21);

  test("one thread claiming every chunk gives mcEvaluate's arrays", () => {
    const a = mcArrays(prepared, plan);
    const next = new Int32Array(new SharedArrayBuffer(4));
    mcEvaluateShared(prepared, plan, a, next);
    expect(a).toEqual(whole);
    expect(next[0]).toBeGreaterThanOrEqual(21);
  });
  test("two claimants sharing one counter: each draw run once, counts summed as one thread's", () => {
    const next = new Int32Array(new SharedArrayBuffer(4));
    const a = mcArrays(prepared, plan);
    const b = { ...mcArrays(prepared, plan), store: a.store, rankShift: a.rankShift, top: a.top };
    next[0] = 8; // the other claimant has taken the first chunk already
    mcEvaluate(prepared, plan, b, 0, 8);
    mcEvaluateShared(prepared, plan, a, next);
    for (let i = 0; i < prepared.len; i++) {
      a.dec1[i] += b.dec1[i];
      a.hot[i] += b.hot[i];
    }
    expect(a).toEqual(whole);
  });
});

describe("sharedNominal / preparedFrom (what a worker prepares from)", () => {
  const prepared = prepareMeasure(hlnSpec, syntheticMeasureData(hlnSpec, 300, 6, 4));
  const options = validateUncertaintyOptions({ factors: [...FACTOR_GROUPS], draws: 12, seed: 9 });
  const plan = mcPlan(prepared, options);
  // the same runs on a fresh preparation, before any column moved to shared memory
  const fresh = prepareMeasure(hlnSpec, syntheticMeasureData(hlnSpec, 300, 6, 4));
  const want = plan.samples.map((s) => Array.from(fresh.rank(plan.sampler.run(s))));
  const nominal = sharedNominal(prepared, options);

  test("every column on shared memory, the normal scores of every state the runs can be in", () => {
    for (const r of nominal.indicators)
      for (const c of [r.raw, r.directed, r.normal]) expect(c.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(nominal.rank.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(nominal.groups.codes.buffer).toBeInstanceOf(SharedArrayBuffer);
    const states = runStates(prepared.nominalRun, options);
    expect(states).toHaveLength(2 * options.offsets.length);
    // a shrunk indicator has a column per state, an unshrunk one per offset
    const shrunk = nominal.indicators.findIndex((r) => r.isShrunk);
    expect(Object.keys(nominal.normals![shrunk]).sort()).toHaveLength(states.length);
    for (const col of Object.values(nominal.normals![shrunk])) expect(col.buffer).toBeInstanceOf(SharedArrayBuffer);
    // the nominal state's column is the nominal normal score, shared once
    expect(nominal.normals![shrunk][`1${prepared.nominalRun.offset}`]).toBe(nominal.indicators[shrunk].normal);
  });

  test("a measure prepared from it (a worker's) and the main thread's give a fresh preparation's ranks", () => {
    const worker = preparedFrom(structuredClone(nominal));
    plan.samples.forEach((s, k) => {
      expect(Array.from(worker.rank(plan.sampler.run(s)))).toEqual(want[k]);
      expect(Array.from(prepared.rank(plan.sampler.run(s)))).toEqual(want[k]);
    });
  });
});

describe("sobolEvaluateShared (Sobol rows claimed from a shared counter)", () => {
  const prepared = prepareMeasure(hlnSpec, syntheticMeasureData(hlnSpec, 200, 6, 3));
  const plan = sobolPlan(prepared, { factors: ["weights", "constant", "offset"], draws: 7, seed: 4 });
  const size = 7 * (plan.factors.length + 2) * plan.outputs;
  const whole = new Float64Array(size);
  sobolEvaluate(prepared, plan, whole, 0, 7);

  test("one claimant gives sobolEvaluate's outputs; two sharing a counter run each row once", () => {
    const Y = new Float64Array(size);
    sobolEvaluateShared(prepared, plan, Y, new Int32Array(new SharedArrayBuffer(4)));
    expect(Array.from(Y)).toEqual(Array.from(whole));
    const Y2 = new Float64Array(size).fill(NaN);
    const next = new Int32Array(new SharedArrayBuffer(4));
    next[0] = 2; // the other claimant took rows 0–1
    let runs = 0;
    sobolEvaluateShared(prepared, plan, Y2, next, () => runs++);
    expect(runs).toBe(5 * (plan.factors.length + 2));
    sobolEvaluate(prepared, plan, Y2, 0, 2);
    expect(Array.from(Y2)).toEqual(Array.from(whole));
  });
});
