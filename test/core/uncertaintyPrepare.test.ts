import { buildMeasure } from "../../src/core/buildMeasure";
import { toMeasureData } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { hlnSpec } from "../../src/core/specs";
import { dirichletConcentration, dirichletDraw } from "../../src/core/uncertainty/dirichlet";
import { sampler } from "../../src/core/uncertainty/draw";
import { validateUncertaintyOptions } from "../../src/core/uncertainty/factors";
import { prepareMeasure, runToBuild } from "../../src/core/uncertainty/prepare";
import { randomStream } from "../../src/core/uncertainty/random";
import { expFromCodes, normalFromCodes, rankCodes } from "../../src/core/uncertainty/rankCodes";
import { expTransform } from "../../src/core/expTransform";
import { normalScore, NORMAL_OFFSETS, type NormalOffset } from "../../src/core/normalScore";
import { syntheticMeasureData } from "../helpers/synthetic";

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) !== Number.isNaN(b[i])) return Infinity;
    if (!Number.isNaN(a[i])) m = Math.max(m, Math.abs(a[i] - b[i]));
  }
  return m;
};

describe("prepared measure (incremental recompute)", () => {
  const data = syntheticMeasureData(hlnSpec, 900, 15, 7);
  // a few missing values so the reweighting rule is exercised
  const col = Object.keys(data.columns)[3];
  for (let i = 0; i < 900; i += 37) (data.columns[col] as Float64Array)[i] = NaN;
  const base = { weights: { growth: 0.3, energy: 0 }, exclude: [data.areaCodes[5]] };
  const prepared = prepareMeasure(hlnSpec, data, base);

  test("the nominal run reproduces the nominal build", () => {
    const s = prepared.scores(prepared.nominalRun);
    expect(maxDiff(s.overall, prepared.nominal.overall)).toBe(0);
    expect(maxDiff(prepared.rank(prepared.nominalRun), prepared.nominal.rank)).toBe(0);
  });

  test("random runs over all six factor groups equal a fresh buildMeasure to 1e-9", () => {
    const opts = validateUncertaintyOptions({ seed: 11 });
    const sm = sampler(prepared, opts);
    const rng = randomStream(11);
    let changedShrink = 0;
    for (let k = 0; k < 24; k++) {
      // alternate full draws with one-group changes, so the memo is hit and missed
      const full = sm.sample(rng);
      const other = sm.sample(rng);
      const groups = Object.keys(full) as (keyof typeof full)[];
      const partial = { ...full, [groups[k % groups.length]]: other[groups[k % groups.length]] };
      for (const s of [full, partial]) {
        const run = sm.run(s);
        if (!run.shrink) changedShrink++;
        const b = runToBuild(prepared, hlnSpec, run, base);
        const fresh = buildMeasure(b.spec, data, b.options);
        const mine = prepared.scores(run);
        expect(maxDiff(mine.overall, fresh.overall)).toBeLessThan(1e-9);
        mine.dimensions.forEach((d, j) => expect(maxDiff(d, fresh.dimensions[j].transformed)).toBeLessThan(1e-9));
        expect(maxDiff(prepared.rank(run), fresh.rank)).toBe(0);
        // a Monte Carlo draw's sort, in reused buffers: the same order as the kept one
        expect(Array.from(prepared.sortedOnce(run).order)).toEqual(Array.from(prepared.sorted(run).order));
      }
    }
    expect(changedShrink).toBeGreaterThan(0);
  });

  test("a weight that is 0 stays 0 in every draw", () => {
    const sm = sampler(prepared, validateUncertaintyOptions({ factors: ["weights", "indicator-weights"] }));
    const rng = randomStream(3);
    const j = prepared.ids.indexOf("energy");
    for (let k = 0; k < 50; k++) expect(sm.run(sm.sample(rng)).weights[j]).toBe(0);
  });
});

describe("Dirichlet weight draws", () => {
  test("the default concentration gives equal weights a CV of 25%", () => {
    const w = [1, 1, 1, 1, 1];
    const alpha = dirichletConcentration(w, 0.25);
    expect(alpha).toBeCloseTo(63, 12); // (k − 1)/cv² − 1
    const rng = randomStream(5);
    const m = 20000;
    let s = 0;
    let ss = 0;
    for (let k = 0; k < m; k++) {
      const x = dirichletDraw(w, alpha, rng)[0];
      s += x;
      ss += x * x;
    }
    const mean = s / m;
    const cv = Math.sqrt(ss / m - mean * mean) / mean;
    expect(mean).toBeCloseTo(1, 2);
    expect(Math.abs(cv - 0.25)).toBeLessThan(0.01);
  });

  test("the rms CV over unequal weights is the target", () => {
    const w = [0.225, 0.1, 0.225, 0.225, 0.225];
    const alpha = dirichletConcentration(w, 0.25);
    const p = w.map((x) => x / 1);
    const rms = Math.sqrt(p.reduce((t, q) => t + (1 - q) / (q * (alpha + 1)), 0) / p.length);
    expect(rms).toBeCloseTo(0.25, 12);
  });

  test("same seed, same draws; one non-zero weight is not varied", () => {
    const a = dirichletDraw([1, 2, 0, 3], 10, randomStream(9));
    const b = dirichletDraw([1, 2, 0, 3], 10, randomStream(9));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a[2]).toBe(0);
    expect(a.reduce((t, x) => t + x, 0)).toBeCloseTo(6, 12);
    expect(Array.from(dirichletDraw([0, 2], 10, randomStream(9)))).toEqual([0, 2]);
  });
});

describe("prepared measure on the bundle (33,755 LSOAs)", () => {
  test("random runs over all six groups equal a fresh buildMeasure", () => {
    const data = toMeasureData(loadBundleFromDir());
    const base = { exclude: hlnSpec.options?.exclude ?? [] };
    const prepared = prepareMeasure(hlnSpec, data, base);
    const sm = sampler(prepared, validateUncertaintyOptions({}));
    const rng = randomStream(2026);
    for (let k = 0; k < 3; k++) {
      const run = sm.run(sm.sample(rng));
      const b = runToBuild(prepared, hlnSpec, run, base);
      const fresh = buildMeasure(b.spec, data, b.options);
      expect(maxDiff(prepared.scores(run).overall, fresh.overall)).toBeLessThan(1e-9);
      expect(maxDiff(prepared.rank(run), fresh.rank)).toBe(0);
    }
  });
});

describe("transforms from rank codes (no sort per run)", () => {
  // ties, missing values, −0 and a wide spread; C on each side of expScore's branches (100/C ≤ 1, < 700, ≥ 700)
  const values = Float64Array.from({ length: 400 }, (_, i) =>
    i % 41 === 0 ? NaN : i % 13 === 0 ? 5 : i % 29 === 0 ? -0 : Math.sin(i * 7.1) * 10 ** (i % 5),
  );
  const rc = rankCodes(values);
  test.each([[150], [100], [23], [15], [0.1], [0.12]])("expFromCodes = expTransform to the last bit, C = %p", (c) => {
    for (const scaling of ["hln", "iod"] as const) {
      const want = expTransform(values, c, scaling);
      const got = expFromCodes(rc, c, scaling);
      for (let i = 0; i < values.length; i++) expect([i, Object.is(got[i], want[i])]).toEqual([i, true]);
    }
  });
  test.each(Object.keys(NORMAL_OFFSETS) as NormalOffset[])(
    "normalFromCodes = normalScore to the last bit, offset %s",
    (offset) => {
      const want = normalScore(values, offset);
      const got = normalFromCodes(rc, offset);
      expect(Array.from(got)).toEqual(Array.from(want));
    },
  );
});
