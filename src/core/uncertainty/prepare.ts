import { buildMeasure, type BuildOptions, type MeasureData, type MeasureResult } from "../buildMeasure";
import { weightedSum, type MissingRule } from "../combine";
import { expTransform, type RankScaling } from "../expTransform";
import { needRank } from "../needRank";
import { normalScore, type NormalOffset } from "../normalScore";
import { applyPolarity } from "../polarity";
import type { MeasureSpec } from "../spec";

/** The settings one run of the analysis changes (everything else is the nominal build's). */
export interface Run {
  /** Every weight, indexed like PreparedMeasure.ids. */
  weights: Float64Array;
  constant: number;
  offset: NormalOffset;
  scaling: RankScaling;
  overallScaling: RankScaling;
  /** false: no indicator is shrunk (step 4 skipped); true: as the spec says. */
  shrink: boolean;
}

interface Combination {
  /** Index of the node's own weight in Run.weights. */
  w: number;
  /** Indicator positions (a sub-dimension, or a dimension without sub-dimensions)… */
  indicators?: number[];
  /** …or sub-dimension positions in `subs` (a dimension with sub-dimensions). */
  subs?: number[];
}

/**
 * A measure prepared for many runs with different weights and options ("incremental recompute").
 * Built once from a full buildMeasure: per indicator the directed column shrunk and unshrunk and
 * their normal scores per offset (each column sorted once, on first use), so a run recomputes only
 * what its settings change — a weight draw: the weighted sums above it, their ranks and transforms;
 * a constant: the transforms; an offset: the sums from the cached normal scores; shrinkage: the
 * sums from the cached shrunk or unshrunk scores. Each combination keeps its last few results by
 * the settings they depend on. A run's need rank equals a fresh buildMeasure with the same settings
 * (test/core/uncertainty.test.ts, to 1e-9).
 */
export interface PreparedMeasure {
  /** Weight ids: the dimensions, then the sub-dimensions, then the indicators (spec order). */
  ids: string[];
  /** Positions in `ids` of the dimensions, sub-dimensions and indicators. */
  dimensionIndex: number[];
  /** Sibling groups of the "indicator-weights" factor: each sub-dimension list and indicator list. */
  innerGroups: number[][];
  /** The nominal build and its settings. */
  nominal: MeasureResult;
  nominalRun: Run;
  /** Areas in the measure (finite rank), rows in all. */
  n: number;
  len: number;
  /** The need rank (1 = most need, ties share the best rank) of a run. */
  rank(run: Run): Float64Array;
  /** The overall combined score (step 9) and the dimension scores of a run (tests, audits). */
  scores(run: Run): { overall: Float64Array; dimensions: Float64Array[] };
}

const MEMO = 3;

/** Prepares `spec` on `data` with the nominal build options (the same as buildMeasure takes). */
export function prepareMeasure(spec: MeasureSpec, data: MeasureData, options: BuildOptions = {}): PreparedMeasure {
  const nominal = buildMeasure(spec, data, options);
  const ids: string[] = [];
  const nominalW: number[] = [];
  const add = (id: string, w: number) => (ids.push(id), nominalW.push(w), ids.length - 1);
  const dimensionIndex = nominal.dimensions.map((d) => add(d.id, d.weight));
  const subIndex = nominal.subdimensions.map((s) => add(s.id, s.weight));
  const indIndex = nominal.indicators.map((r) => add(r.id, r.weight));
  const indPos = new Map(nominal.indicators.map((r, k) => [r.id, k]));
  const subPos = new Map(nominal.subdimensions.map((s, k) => [s.id, k]));
  const subs: Combination[] = nominal.subdimensions.map((s, k) => ({
    w: subIndex[k],
    indicators: s.components.map((c) => indPos.get(c)!),
  }));
  const dims: Combination[] = nominal.dimensions.map((d, k) => {
    return spec.dimensions[k].subdimensions
      ? { w: dimensionIndex[k], subs: d.components.map((c) => subPos.get(c)!) }
      : { w: dimensionIndex[k], indicators: d.components.map((c) => indPos.get(c)!) };
  });
  const innerGroups: number[][] = [
    ...dims.filter((d) => d.subs).map((d) => d.subs!.map((s) => subs[s].w)),
    ...subs.map((s) => s.indicators!.map((i) => indIndex[i])),
    ...dims.filter((d) => d.indicators).map((d) => d.indicators!.map((i) => indIndex[i])),
  ];
  const opts = nominal.options;
  const missing: MissingRule = opts.missing;

  // per indicator: directed column shrunk / unshrunk, normal scores per (shrink, offset) on first use
  const unshrunk = nominal.indicators.map((r) =>
    r.shrinkage ? (r.spec.polarity === 1 ? r.raw : applyPolarity(r.raw, r.spec.polarity)) : r.directed,
  );
  const normals = nominal.indicators.map(() => new Map<string, Float64Array>());
  const normal = (i: number, shrink: boolean, offset: NormalOffset): Float64Array => {
    const r = nominal.indicators[i];
    const useShrunk = shrink && r.shrinkage !== undefined;
    const key = `${useShrunk ? 1 : 0}${offset}`;
    let col = normals[i].get(key);
    if (!col) {
      col = useShrunk && offset === opts.offset ? r.normal : normalScore(useShrunk ? r.directed : unshrunk[i], offset);
      normals[i].set(key, col);
    }
    return col;
  };
  const memo = <T>(m: Map<string, T>, key: string, make: () => T): T => {
    let v = m.get(key);
    if (v === undefined) {
      v = make();
      if (m.size >= MEMO) m.delete(m.keys().next().value as string);
      m.set(key, v);
    }
    return v;
  };
  const subMemo = subs.map(() => new Map<string, { key: string; col: Float64Array }>());
  const dimMemo = dims.map(() => new Map<string, { key: string; col: Float64Array }>());

  // a sum over indicators: key = the inputs (shrinkage, offset, weights); transformed with C and scaling
  const indicatorSum = (c: Combination, run: Run, m: Map<string, { key: string; col: Float64Array }>) => {
    const ws = c.indicators!.map((i) => run.weights[indIndex[i]]);
    const rawKey = `${run.shrink ? 1 : 0}${run.offset}|${ws.join(",")}`;
    const key = `${rawKey}|${run.constant}|${run.scaling}`;
    return memo(m, key, () => {
      const raw = memo(rawMemo, `${c.w}|${rawKey}`, () =>
        weightedSum(
          c.indicators!.map((i) => normal(i, run.shrink, run.offset)),
          ws,
          missing,
        ),
      );
      return { key, col: expTransform(raw, run.constant, run.scaling) };
    });
  };
  const rawMemo = new Map<string, Float64Array>();
  const rawLimit = () => {
    while (rawMemo.size > MEMO * (subs.length + dims.length)) rawMemo.delete(rawMemo.keys().next().value as string);
  };
  const dimension = (k: number, run: Run): { key: string; col: Float64Array } => {
    const d = dims[k];
    if (d.indicators) return indicatorSum(d, run, dimMemo[k]);
    const parts = d.subs!.map((s) => indicatorSum(subs[s], run, subMemo[s]));
    const ws = d.subs!.map((s) => run.weights[subs[s].w]);
    const key = `${parts.map((p) => p.key).join(";")}|${ws.join(",")}`;
    return memo(dimMemo[k], key, () => {
      const raw = weightedSum(
        parts.map((p) => p.col),
        ws,
        missing,
      );
      return { key, col: expTransform(raw, run.constant, run.scaling) };
    });
  };
  const overallMemo = new Map<string, Float64Array>();
  const scores = (run: Run) => {
    const parts = dims.map((_, k) => dimension(k, run));
    rawLimit();
    const ws = dimensionIndex.map((j) => run.weights[j]);
    const key = `${parts.map((p) => p.key).join(";")}|${ws.join(",")}`;
    const overall = memo(overallMemo, key, () =>
      weightedSum(
        parts.map((p) => p.col),
        ws,
        missing,
      ),
    );
    return { overall, dimensions: parts.map((p) => p.col) };
  };
  return {
    ids,
    dimensionIndex,
    innerGroups,
    nominal,
    nominalRun: {
      weights: Float64Array.from(nominalW),
      constant: opts.constant,
      offset: opts.offset,
      scaling: opts.scaling,
      overallScaling: opts.overallScaling,
      shrink: true,
    },
    n: nominal.n,
    len: nominal.areaCodes.length,
    // the overall score's exponential transform is strictly increasing in the overall sum's rank,
    // so the need rank of the sum is the need rank of the published-scale score (no sort spent on it)
    rank: (run) => needRank(scores(run).overall),
    scores,
  };
}

/** The buildMeasure arguments that reproduce a run from scratch (tests, and the nominal check). */
export function runToBuild(
  prepared: PreparedMeasure,
  spec: MeasureSpec,
  run: Run,
  base: BuildOptions = {},
): { spec: MeasureSpec; options: BuildOptions } {
  const copy: MeasureSpec = JSON.parse(JSON.stringify(spec));
  if (!run.shrink) for (const d of copy.dimensions) for (const i of allIndicators(d)) i.shrink = false;
  const weights: Record<string, number> = Object.create(null);
  prepared.ids.forEach((id, j) => (weights[id] = run.weights[j]));
  return {
    spec: copy,
    options: {
      ...base,
      weights,
      constant: run.constant,
      offset: run.offset,
      scaling: run.scaling,
      overallScaling: run.overallScaling,
    },
  };
}

function allIndicators(d: MeasureSpec["dimensions"][number]) {
  return [...(d.indicators ?? []), ...(d.subdimensions ?? []).flatMap((s) => s.indicators)];
}
