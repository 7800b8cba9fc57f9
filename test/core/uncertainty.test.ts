import { HlnError } from "../../src/core/errors";
import { hlnSpec } from "../../src/core/specs";
import type { MeasureSpec } from "../../src/core/spec";
import {
  leaveOneOut,
  mcQuantiles,
  prepareMeasure,
  quantileSorted,
  randomStream,
  runOutputs,
  runSensitivity,
  runUncertainty,
  sobolDesign,
  sobolIndices,
  validateUncertaintyOptions,
} from "../../src/core/uncertainty";
import { runOutputsSorted } from "../../src/core/uncertainty/outputs";
import { argsortKeys } from "../../src/core/argsort";
import { needRank } from "../../src/core/needRank";
import { syntheticMeasureData } from "../helpers/synthetic";

describe("Sobol estimators", () => {
  // Ishigami: f = sin x1 + a sin² x2 + b x3⁴ sin x1, xᵢ ~ U(−π, π); a = 7, b = 0.1
  const a = 7;
  const b = 0.1;
  const V = a ** 2 / 8 + (b * Math.PI ** 4) / 5 + (b ** 2 * Math.PI ** 8) / 18 + 0.5;
  const V1 = 0.5 * (1 + (b * Math.PI ** 4) / 5) ** 2;
  const V2 = a ** 2 / 8;
  const V13 = (8 * b ** 2 * Math.PI ** 8) / 225;
  const exact = { S: [V1 / V, V2 / V, 0], ST: [(V1 + V13) / V, V2 / V, V13 / V] };

  test("the analytic values are the published ones", () => {
    expect(exact.S[0]).toBeCloseTo(0.3139, 4);
    expect(exact.S[1]).toBeCloseTo(0.4424, 4);
    expect(exact.ST[0]).toBeCloseTo(0.5576, 4);
    expect(exact.ST[2]).toBeCloseTo(0.2437, 4);
  });

  test("reproduce the Ishigami indices within ±0.02 at N = 100,000, with intervals around them", () => {
    const rng = randomStream(2024);
    const u = () => -Math.PI + 2 * Math.PI * rng.uniform();
    const f = (x: number[]) => [Math.sin(x[0]) + a * Math.sin(x[1]) ** 2 + b * x[2] ** 4 * Math.sin(x[0])];
    const [out] = sobolDesign(100_000, 3, () => [u(), u(), u()], f);
    const idx = sobolIndices(out.fA, out.fB, out.fAB, { bootstrap: 50, seed: 3 });
    idx.forEach((r, i) => {
      expect(Math.abs(r.S - exact.S[i])).toBeLessThan(0.02);
      expect(Math.abs(r.ST - exact.ST[i])).toBeLessThan(0.02);
      expect(r.sLow).toBeLessThanOrEqual(r.sHigh);
      expect(r.stLow).toBeLessThan(r.ST + 0.01);
      expect(r.stHigh).toBeGreaterThan(r.ST - 0.01);
    });
  });

  test("a constant output has no indices; an additive one has Sᵢ = STᵢ", () => {
    expect(Number.isNaN(sobolIndices([1, 1], [1, 1], [[1, 1]])[0].S)).toBe(true);
    const rng = randomStream(8);
    const [out] = sobolDesign(
      20_000,
      2,
      () => [rng.uniform(), rng.uniform()],
      (x) => [x[0] + 2 * x[1]],
    );
    const idx = sobolIndices(out.fA, out.fB, out.fAB);
    // V1 : V2 = 1 : 4
    expect(idx[0].S).toBeCloseTo(0.2, 1);
    expect(idx[1].ST).toBeCloseTo(0.8, 1);
    expect(Math.abs(idx[0].ST - 0.2)).toBeLessThan(0.02);
  });
});

describe("quantiles and per-run outputs", () => {
  test("type-7 quantiles", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.05)).toBeCloseTo(1.2, 12);
    expect(quantileSorted([7], 0.95)).toBe(7);
    expect(Number.isNaN(quantileSorted([], 0.5))).toBe(true);
  });

  test("mcQuantiles (counting or sorting) equals sorting every area's ranks", () => {
    const rng = randomStream(4);
    for (const draws of [1, 2, 3, 7, 100, 1000]) {
      const len = 50;
      const store = new Uint16Array(draws * len);
      // narrow and wide spreads (the narrow counted rank by rank, the wide in coarse buckets first),
      // uniform, clustered at both ends, and with many ties (the wanted statistics in one bucket)
      const spread = (i: number) => (i % 2 ? 30000 : i % 4 === 2 ? 2 * draws + 1 + i : 5 + i);
      for (let k = 0; k < draws; k++)
        for (let i = 0; i < len; i++) {
          const u = rng.uniform();
          const v = i % 5 === 1 ? (u < 0.5 ? u ** 4 : 1 - (1 - u) ** 4) : i % 7 === 0 ? Math.round(u * 3) / 3 : u;
          store[k * len + i] = 1 + Math.floor(v * spread(i) * 0.999999);
        }
      const nominal = Float64Array.from({ length: len }, (_, i) => (i === 3 ? NaN : i + 1));
      const a = { median: new Float64Array(len), p05: new Float64Array(len), p95: new Float64Array(len) };
      mcQuantiles(store, draws, nominal, a, 0, len);
      for (let i = 0; i < len; i++) {
        if (i === 3) {
          expect(Number.isNaN(a.median[i])).toBe(true);
          continue;
        }
        const xs = Float64Array.from({ length: draws }, (_, k) => store[k * len + i]).sort();
        expect(a.p05[i]).toBe(quantileSorted(xs, 0.05));
        expect(a.median[i]).toBe(quantileSorted(xs, 0.5));
        expect(a.p95[i]).toBe(quantileSorted(xs, 0.95));
      }
    }
  });

  test("rank shift and top-10% counts by hand", () => {
    // 10 areas in 2 groups; decile 1 = rank 1; one area missing
    const nominal = [1, 2, 3, 4, 5, 6, 7, 8, 9, NaN];
    const rank = [2, 1, 3, 4, 5, 6, 7, 9, 8, NaN];
    const codes = Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    const o = runOutputs(rank, nominal, codes, 2);
    expect(o.rankShift).toBeCloseTo(4 / 9, 12);
    // N = 9: top 10% is rank ≤ 0.9 — nobody; with rank 0.5 impossible, so check a bigger case
    expect(Array.from(o.top10)).toEqual([0, 0]);
    const r2 = Array.from({ length: 20 }, (_, i) => i + 1);
    const o2 = runOutputs(
      r2,
      r2,
      Int32Array.from(r2, (r) => (r === 2 ? 1 : 0)),
      2,
    );
    expect(Array.from(o2.top10)).toEqual([1, 1]);
    expect(o2.rankShift).toBe(0);
  });
});

describe("runOutputsSorted: one walk of the sorted scores", () => {
  test("equals runOutputs of needRank, with the store row and decile-1 / hotspot counts, ties and missing areas", () => {
    const rng = randomStream(11);
    for (const len of [1, 9, 10, 37, 200, 1001]) {
      for (let rep = 0; rep < 5; rep++) {
        // few distinct values (ties, −0 / +0), near-ties (equal sort keys, told apart by the low
        // words), missing areas, groups (−1: an area in no group)
        const values = Float64Array.from({ length: len }, () => {
          const u = rng.uniform();
          if (u < 0.08) return NaN;
          if (u < 0.1) return -0;
          const whole = Math.floor(rng.uniform() * 12) - 3;
          if (rep % 3 === 2) return whole + (rng.uniform() < 0.5 ? 1e-12 : 0);
          return rep % 3 ? whole : rng.uniform() * 50 - 10;
        });
        const nominal = needRank(values.map((v, i) => (i % 7 === 0 ? v + 1 : v)));
        const G = 4;
        const codes = Int32Array.from({ length: len }, (_, i) => (i % 5) - 1);
        const want = runOutputs(needRank(values), nominal, codes, G);
        const rank = needRank(values);
        const n = rank.filter((r) => r === r).length;
        const store = new Uint16Array(3 * len).fill(7); // row 1 is this run's
        const sink = { store, row: len, dec1: new Float64Array(len).fill(1), hot: new Float64Array(len) };
        const top = new Float64Array(2 * G).fill(2);
        const shift = runOutputsSorted(argsortKeys(values), nominal, codes, top, G, sink);
        if (Number.isNaN(want.rankShift)) expect(Number.isNaN(shift)).toBe(true);
        else expect(shift).toBe(want.rankShift);
        expect(Array.from(top.subarray(0, G))).toEqual([2, 2, 2, 2]);
        expect(Array.from(top.subarray(G), (x) => x - 2)).toEqual(Array.from(want.top10));
        expect(Array.from(store.subarray(len, 2 * len))).toEqual(Array.from(rank, (r) => (r === r ? r : 0)));
        expect(Array.from(store.subarray(0, len)).every((x) => x === 7)).toBe(true);
        expect(Array.from(sink.dec1, (x) => x - 1)).toEqual(Array.from(rank, (r) => (r === r && 10 * r <= n ? 1 : 0)));
        expect(Array.from(sink.hot)).toEqual(Array.from(rank, (r) => (r === r && 5 * r <= n ? 1 : 0)));
        // without a sink (a Sobol run): the same shift and counts
        const top2 = new Float64Array(G);
        const shift2 = runOutputsSorted(argsortKeys(values), nominal, codes, top2, 0);
        expect(Object.is(shift2, shift) || shift2 === shift).toBe(true);
        expect(Array.from(top2)).toEqual(Array.from(want.top10));
      }
    }
  });
});

describe("Monte Carlo and sensitivity on a synthetic measure", () => {
  const data = syntheticMeasureData(hlnSpec, 400, 8, 3);
  const prepared = prepareMeasure(hlnSpec, data);

  test("no variation: every draw is the nominal ranking", () => {
    const r = runUncertainty(prepared, { factors: ["offset"], offsets: ["vdw"], draws: 20 });
    expect(r.meanRankShift).toBe(0);
    expect(Array.from(r.median)).toEqual(Array.from(prepared.nominal.rank));
    expect(Array.from(r.p05)).toEqual(Array.from(prepared.nominal.rank));
    expect(Array.from(r.pDecile1)).toEqual(Array.from(prepared.nominal.decile, (d) => (d === 1 ? 1 : 0)));
    expect(Array.from(r.pHotspot)).toEqual(Array.from(prepared.nominal.hotspot));
    expect(Array.from(r.groups.mean)).toEqual(Array.from(r.groups.nominal));
    expect(r.groups.nominal.reduce((t, x) => t + x, 0)).toBe(40);
  });

  test("weight draws: intervals contain the median, probabilities in [0, 1], same seed → same result", () => {
    const r = runUncertainty(prepared, { factors: ["weights", "constant"], draws: 60, seed: 5 });
    expect(r.meanRankShift).toBeGreaterThan(0);
    for (let i = 0; i < prepared.len; i++) {
      expect(r.p05[i]).toBeLessThanOrEqual(r.median[i]);
      expect(r.median[i]).toBeLessThanOrEqual(r.p95[i]);
      expect(r.pDecile1[i]).toBeLessThanOrEqual(r.pHotspot[i]);
    }
    const again = runUncertainty(prepared, { factors: ["constant", "weights"], draws: 60, seed: 5 });
    expect(Array.from(again.median)).toEqual(Array.from(r.median));
    expect(Array.from(again.rankShift)).toEqual(Array.from(r.rankShift));
    const other = runUncertainty(prepared, { factors: ["weights", "constant"], draws: 60, seed: 6 });
    expect(Array.from(other.rankShift)).not.toEqual(Array.from(r.rankShift));
  });

  test("sensitivity: a factor that changes nothing has indices 0; reproducible", () => {
    const noShrink: MeasureSpec = JSON.parse(JSON.stringify(hlnSpec));
    for (const d of noShrink.dimensions)
      for (const i of [...(d.indicators ?? []), ...(d.subdimensions ?? []).flatMap((s) => s.indicators)])
        i.shrink = false;
    const p = prepareMeasure(noShrink, data);
    const s = runSensitivity(p, { factors: ["shrinkage", "weights"], draws: 40, seed: 2, bootstrap: 20 });
    expect(s.factors).toEqual(["weights", "shrinkage"]);
    expect(s.runs).toBe(160);
    expect(s.rankShift[1].S).toBe(0);
    expect(s.rankShift[1].ST).toBe(0);
    expect(s.rankShift[0].ST).toBeGreaterThan(0.5);
    expect(s.groups.indices).toHaveLength(p.nominal.groups.labels.length);
    const again = runSensitivity(p, { factors: ["weights", "shrinkage"], draws: 40, seed: 2, bootstrap: 20 });
    expect(again.rankShift).toEqual(s.rankShift);
  });

  test("leave one indicator out", () => {
    const rows = leaveOneOut(prepared);
    expect(rows.length).toBe(prepared.nominal.indicators.length);
    const crime = rows.find((r) => r.id === prepared.nominal.dimensions.find((d) => d.id === "crime")!.components[0])!;
    // crime has one indicator: leaving it out drops the dimension
    expect(crime.alsoZeroed).toEqual(["crime"]);
    for (const r of rows) {
      expect(r.meanRankShift).toBeGreaterThan(0);
      expect(r.enteredTop10).toBe(r.leftTop10);
    }
  });
});

describe("bad input names the option", () => {
  const bad: [object, string][] = [
    [{ factors: ["weights", "colour"] }, "factors"],
    [{ factors: [] }, "factors"],
    [{ draws: 0 }, "draws"],
    [{ draws: -5 }, "draws"],
    [{ draws: 100_001 }, "draws"],
    [{ draws: 2.5 }, "draws"],
    [{ constantRange: [0, 30] }, "constantRange"],
    [{ constantRange: [-1, 30] }, "constantRange"],
    [{ constantRange: [30, 15] }, "constantRange"],
    [{ concentration: -2 }, "concentration"],
    [{ weightCv: 0 }, "weightCv"],
    [{ seed: 0 }, "seed"],
    [{ offsets: ["vdw", "median"] }, "offsets"],
  ];
  test.each(bad)("%j", (opts, path) => {
    try {
      validateUncertaintyOptions(opts);
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(HlnError);
      expect((e as HlnError).path).toBe(path);
    }
  });
});
