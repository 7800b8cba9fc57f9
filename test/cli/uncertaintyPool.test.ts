import { mcEvaluateShared } from "../../src/cli/uncertaintyPool";
import { hlnSpec } from "../../src/core/specs";
import { mcArrays, mcEvaluate, mcPlan, prepareMeasure } from "../../src/core/uncertainty";
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
