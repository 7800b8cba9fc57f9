import { buildMeasure, type BuildOptions, type MeasureData, type MeasureResult } from "../buildMeasure";
import { weightedSum, type MissingRule } from "../combine";
import type { RankScaling } from "../expTransform";
import { argsortKeys } from "../argsort";
import { needRankFromSorted } from "../needRank";
import type { NormalOffset } from "../normalScore";
import { applyPolarity, type Polarity } from "../polarity";
import type { MeasureOptions, MeasureSpec } from "../spec";
import { expFromCodes, normalFromCodes, rankCodes, type RankCodes } from "./rankCodes";

export type SortedKeys = ReturnType<typeof argsortKeys>;

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
 * their normal scores per offset (each column sorted once; every offset reads its rank codes), so
 * a run recomputes only what its settings change — a weight draw: the weighted sums above it, their
 * ranks and transforms; a constant or rank scaling: the transforms, from each sum's kept rank codes
 * (no sort); an offset: the sums from the cached normal scores; shrinkage: the sums from the cached
 * shrunk or unshrunk scores. Each combination keeps its last few results (LRU) by the settings
 * they depend on. A run's need rank equals a fresh buildMeasure with the same settings
 * (test/core/uncertaintyPrepare.test.ts, to 1e-9).
 */
export interface PreparedMeasure {
  /** Weight ids: the dimensions, then the sub-dimensions, then the indicators (spec order). */
  ids: string[];
  /** Positions in `ids` of the dimensions, sub-dimensions and indicators. */
  dimensionIndex: number[];
  /** Sibling groups of the "indicator-weights" factor: each sub-dimension list and indicator list. */
  innerGroups: number[][];
  /** What the analysis keeps of the nominal build, and the nominal settings. */
  nominal: PreparedNominal;
  nominalRun: Run;
  /** Areas in the measure (finite rank), rows in all. */
  n: number;
  len: number;
  /** The need rank (1 = most need, ties share the best rank) of a run. */
  rank(run: Run): Float64Array;
  /** argsortKeys of a run's combined score: what runOutputsSorted walks (no rank array made). */
  sorted(run: Run): SortedKeys;
  /**
   * sorted(run) in buffers the next call reuses (its arrays valid until then, nothing kept): for a
   * caller that walks each run's order once (a Monte Carlo draw, a Sobol run), so a run allocates
   * nothing for its overall score.
   */
  sortedOnce(run: Run): SortedKeys;
  /**
   * The normal-score columns of every indicator for each (shrink, offset) state, made now if not
   * yet (a run in that state then finds them), each first passed through `place` (which may move it,
   * e.g. onto shared memory: the prepared measure then keeps the moved column), keyed for
   * PreparedNominal.normals.
   */
  normalColumns(
    states: { shrink: boolean; offset: NormalOffset }[],
    place?: (col: Float64Array) => Float64Array,
  ): Record<string, Float64Array>[];
  /** The overall combined score (step 9) and the dimension scores of a run (tests, audits). */
  scores(run: Run): { overall: Float64Array; dimensions: Float64Array[] };
}

/** Results kept per combination (LRU): a Sobol row's A run stays while its A_B runs are made. */
const MEMO = 4;

/**
 * The value of `key` in `m`, made by `make` on a miss; `m` keeps the MEMO most recently used. The
 * one it drops to make room goes to `drop` first (so `make` can reuse its buffers).
 */
function memo<T>(m: Map<string, T>, key: string, make: () => T, drop?: (v: T) => void): T {
  let v = m.get(key);
  if (v === undefined) {
    if (m.size >= MEMO) {
      const old = m.keys().next().value as string;
      drop?.(m.get(old)!);
      m.delete(old);
    }
    v = make();
  } else m.delete(key); // least recently used goes first
  m.set(key, v);
  return v;
}

/**
 * Buffers of the rows' length for the results a prepared measure keeps (LRU): a result the memo
 * drops gives its buffers back, so the thousands of runs of an analysis reuse a few dozen arrays
 * instead of allocating (and collecting) each run's. Only arrays no caller holds come back here.
 */
class BufferPool {
  private f64: Float64Array[] = [];
  private u32: Uint32Array[] = [];
  constructor(readonly len: number) {}
  float(): Float64Array {
    return this.f64.pop() ?? new Float64Array(this.len);
  }
  uint(): Uint32Array {
    return this.u32.pop() ?? new Uint32Array(this.len);
  }
  /** Gives back a float array this pool made. */
  freeFloat(x: Float64Array): void {
    this.f64.push(x);
  }
  /** Gives back the buffer of a view of a uint array this pool made (e.g. rankCodes' order). */
  freeUint(view: Uint32Array): void {
    this.u32.push(new Uint32Array(view.buffer, 0, this.len));
  }
}

/**
 * What a PreparedMeasure keeps of its nominal build: the tree of weights, the indicator columns it
 * scores again (raw, directed, normal scores), the nominal ranks and the groups. Plain data of
 * typed arrays, so a worker thread can be given it (on shared memory) instead of building again.
 */
export interface PreparedNominal {
  options: MeasureOptions;
  n: number;
  areaCodes: string[];
  groups: { codes: Int32Array; labels: string[] };
  overall: Float64Array;
  rank: Float64Array;
  decile: Float64Array;
  hotspot: Float64Array;
  indicators: {
    id: string;
    dimension: string;
    subdimension?: string;
    weight: number;
    polarity: Polarity;
    /** Shrunk at step 4 (`directed` is then the shrunk column, `raw` the unshrunk proportion). */
    isShrunk: boolean;
    raw: Float64Array;
    directed: Float64Array;
    normal: Float64Array;
  }[];
  subdimensions: { id: string; weight: number; components: string[] }[];
  /** Normal-score columns already made (PreparedMeasure.normalColumns), per indicator; optional. */
  normals?: Record<string, Float64Array>[];
  /** ofSubdimensions: the components are sub-dimensions (else indicators). */
  dimensions: { id: string; weight: number; components: string[]; ofSubdimensions: boolean }[];
}

/** The part of a build a PreparedMeasure keeps (the arrays are the build's own, not copies). */
export function nominalOf(r: MeasureResult): PreparedNominal {
  const node = (c: { id: string; weight: number; components: string[] }) => ({
    id: c.id,
    weight: c.weight,
    components: c.components,
  });
  return {
    options: r.options,
    n: r.n,
    areaCodes: r.areaCodes,
    groups: r.groups,
    overall: r.overall,
    rank: r.rank,
    decile: r.decile,
    hotspot: r.hotspot,
    indicators: r.indicators.map((i) => ({
      id: i.id,
      dimension: i.dimension,
      ...(i.subdimension !== undefined ? { subdimension: i.subdimension } : {}),
      weight: i.weight,
      polarity: i.spec.polarity,
      isShrunk: i.shrinkage !== undefined,
      raw: i.raw,
      directed: i.directed,
      normal: i.normal,
    })),
    subdimensions: r.subdimensions.map(node),
    dimensions: r.dimensions.map((d, k) => ({ ...node(d), ofSubdimensions: !!r.spec.dimensions[k].subdimensions })),
  };
}

/** Prepares `spec` on `data` with the nominal build options (the same as buildMeasure takes). */
export function prepareMeasure(spec: MeasureSpec, data: MeasureData, options: BuildOptions = {}): PreparedMeasure {
  return preparedFrom(nominalOf(buildMeasure(spec, data, options)));
}

/** A PreparedMeasure from what nominalOf keeps of a build (a worker thread's, without building). */
export function preparedFrom(nominal: PreparedNominal): PreparedMeasure {
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
  const dims: Combination[] = nominal.dimensions.map((d, k) =>
    d.ofSubdimensions
      ? { w: dimensionIndex[k], subs: d.components.map((c) => subPos.get(c)!) }
      : { w: dimensionIndex[k], indicators: d.components.map((c) => indPos.get(c)!) },
  );
  const innerGroups: number[][] = [
    ...dims.filter((d) => d.subs).map((d) => d.subs!.map((s) => subs[s].w)),
    ...subs.map((s) => s.indicators!.map((i) => indIndex[i])),
    ...dims.filter((d) => d.indicators).map((d) => d.indicators!.map((i) => indIndex[i])),
  ];
  const opts = nominal.options;
  const missing: MissingRule = opts.missing;

  const { normal, normalColumns } = normalScores(nominal);
  type Out = { key: string; col: Float64Array };
  const nodes = subs.length + dims.length;
  const codeMemo = Array.from({ length: nodes }, () => new Map<string, RankCodes>());
  const outMemo = Array.from({ length: nodes }, () => new Map<string, Out>());
  // a group whose parts all weigh 0 (leave-one-out of a group's only indicator; beyond what
  // buildMeasure builds, which rejects it): a column of zeros, which adds nothing to its parent
  // under either missing-value rule when its own weight is 0
  const zero: Out = { key: "0", col: new Float64Array(nominal.areaCodes.length) };
  // a sum with one non-zero weight w has the ranks of its part whatever w is: it is summed with
  // weight 1 (so a cached result never depends on which run made it first); others as given
  const canonical = (ws: number[]) => {
    const nz = ws.filter((w) => w !== 0).length;
    return nz === 1 ? ws.map((w) => (w === 0 ? 0 : 1)) : ws;
  };
  const weightKey = (ws: number[]) => ws.join(",");
  /** Steps 7–8 of node `k`: ranks of the weighted sum (memo by inputs), transform (memo by C, scaling). */
  // every node's sums and transforms in recycled buffers; a sum is read only by rankCodes, so one
  // scratch buffer serves every node
  const pool = new BufferPool(nominal.areaCodes.length);
  const sumBuf = new Float64Array(nominal.areaCodes.length);
  const dropCodes = (rc: RankCodes) => (pool.freeUint(rc.order), pool.freeUint(rc.codes));
  const dropOut = (o: Out) => pool.freeFloat(o.col);
  const combine = (k: number, inputKey: string, sum: (into: Float64Array) => Float64Array, run: Run): Out => {
    const key = `${inputKey}|${run.constant}|${run.scaling}`;
    const make = () => {
      const codes = memo(
        codeMemo[k],
        inputKey,
        () => rankCodes(sum(sumBuf), { order: pool.uint(), codes: pool.uint() }),
        dropCodes,
      );
      return { key, col: expFromCodes(codes, run.constant, run.scaling, pool.float()) };
    };
    return memo(outMemo[k], key, make, dropOut);
  };
  const colKey = (i: number, run: Run) => `${run.shrink && nominal.indicators[i].isShrunk ? "s" : "u"}${run.offset}`;
  const indicatorSum = (k: number, c: Combination, run: Run): Out => {
    const ws = c.indicators!.map((i) => run.weights[indIndex[i]]);
    if (ws.every((w) => w === 0)) return zero;
    const cw = canonical(ws);
    const inputKey = `${c.indicators!.map((i) => colKey(i, run)).join(",")}|${weightKey(cw)}`;
    const sum = (into: Float64Array) =>
      weightedSum(
        c.indicators!.map((i) => normal(i, run.shrink, run.offset)),
        cw,
        missing,
        into,
      );
    return combine(k, inputKey, sum, run);
  };
  const dimension = (k: number, run: Run): Out => {
    const d = dims[k];
    const node = subs.length + k;
    if (d.indicators) return indicatorSum(node, d, run);
    const ws = d.subs!.map((s) => run.weights[subs[s].w]);
    if (ws.every((w) => w === 0)) return zero;
    const parts = d.subs!.map((s) => indicatorSum(s, subs[s], run));
    const cw = canonical(ws);
    const inputKey = `${parts.map((p) => p.key).join(";")}|${weightKey(cw)}`;
    const sum = (into: Float64Array) =>
      weightedSum(
        parts.map((p) => p.col),
        cw,
        missing,
        into,
      );
    return combine(node, inputKey, sum, run);
  };
  type Overall = { overall: Float64Array; sorted?: SortedKeys; rank?: Float64Array };
  const overallMemo = new Map<string, Overall>();
  const overallOf = (run: Run) => {
    const parts = dims.map((_, k) => dimension(k, run));
    const ws = dimensionIndex.map((j) => run.weights[j]);
    const key = `${parts.map((p) => p.key).join(";")}|${ws.join(",")}`;
    const o = memo<Overall>(overallMemo, key, () => ({
      overall: weightedSum(
        parts.map((p) => p.col),
        ws,
        missing,
      ),
    }));
    return { o, parts };
  };
  // copies of the dimension scores: the kept ones' buffers are reused once the memo drops them
  const scores = (run: Run) => {
    const { o, parts } = overallOf(run);
    return { overall: o.overall, dimensions: parts.map((p) => Float64Array.from(p.col)) };
  };
  // the overall score's exponential transform is strictly increasing in the overall sum's rank,
  // so the need rank of the sum is the need rank of the published-scale score (no sort spent on it)
  const sorted = (run: Run) => {
    const { o } = overallOf(run);
    return (o.sorted ??= argsortKeys(o.overall));
  };
  const once = onceSorter(nominal.areaCodes.length, missing);
  const sortedOnce = (run: Run) =>
    once(
      dims.map((_, k) => dimension(k, run).col),
      dimensionIndex.map((j) => run.weights[j]),
    );
  const rank = (run: Run) => {
    const { o } = overallOf(run);
    return (o.rank ??= needRankFromSorted(sorted(run), o.overall.length));
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
    rank,
    sorted,
    sortedOnce,
    normalColumns,
    scores,
  };
}

/** sortedOnce's weighted sum and sort of the dimension scores, in two buffers every call reuses. */
function onceSorter(len: number, missing: MissingRule) {
  const sum = new Float64Array(len);
  const order = new Uint32Array(len);
  return (cols: Float64Array[], ws: number[]) => argsortKeys(weightedSum(cols, ws, missing, sum), true, order);
}

/**
 * The normal scores (step 6) of each indicator per (shrink, offset) state, made on first use and
 * kept: each directed column (shrunk, unshrunk) is sorted once and its rank codes serve every offset.
 */
function normalScores(nominal: PreparedNominal) {
  const opts = nominal.options;
  const unshrunk = nominal.indicators.map((r) =>
    r.isShrunk ? (r.polarity === 1 ? r.raw : applyPolarity(r.raw, r.polarity)) : r.directed,
  );
  const normals = nominal.indicators.map((_, i) => new Map(Object.entries(nominal.normals?.[i] ?? {})));
  const orders = nominal.indicators.map(() => new Map<boolean, RankCodes>());
  const normalKey = (i: number, shrink: boolean, offset: NormalOffset) =>
    `${shrink && nominal.indicators[i].isShrunk ? 1 : 0}${offset}`;
  const normal = (i: number, shrink: boolean, offset: NormalOffset): Float64Array => {
    const r = nominal.indicators[i];
    const useShrunk = shrink && r.isShrunk;
    const key = normalKey(i, shrink, offset);
    let col = normals[i].get(key);
    if (!col) {
      if (useShrunk && offset === opts.offset) col = r.normal;
      else {
        let rc = orders[i].get(useShrunk);
        if (!rc) orders[i].set(useShrunk, (rc = rankCodes(useShrunk ? r.directed : unshrunk[i])));
        col = normalFromCodes(rc, offset);
      }
      normals[i].set(key, col);
    }
    return col;
  };
  const normalColumns: PreparedMeasure["normalColumns"] = (states, place = (c) => c) =>
    nominal.indicators.map((_, i) => {
      const out: Record<string, Float64Array> = {};
      for (const { shrink, offset } of states) {
        const key = normalKey(i, shrink, offset);
        if (out[key]) continue;
        const col = place(normal(i, shrink, offset));
        normals[i].set(key, col);
        out[key] = col;
      }
      return out;
    });
  return { normal, normalColumns };
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
