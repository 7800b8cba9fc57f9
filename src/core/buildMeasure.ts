import { effectiveWeights, EffectiveWeights, weightedSum } from "./combine";
import { compositeCount } from "./composite";
import { decile, percentile, quantileClass } from "./decile";
import { districtSummary, DistrictSummary } from "./districtSummary";
import { HlnError } from "./errors";
import { expTransform } from "./expTransform";
import { groupIndex } from "./groupIndex";
import { lazyProperty } from "./lazy";
import { needRank } from "./needRank";
import { normalScore } from "./normalScore";
import { applyPolarity } from "./polarity";
import { qa, QaResult } from "./qa";
import { shrink, ShrinkResult } from "./shrink";
import { shrinkValue } from "./shrinkValue";
import { DEFAULT_OPTIONS, IndicatorSpec, MeasureOptions, MeasureSpec, validateOptions } from "./spec";

/** The areas and columns a measure is built from. */
export interface MeasureData {
  /** Area codes (e.g. LSOA21), one per row. */
  areaCodes: string[];
  /** District code per row: the shrinkage group (paper: Local Authority District) and LA summaries. */
  groupCodes: string[];
  /** Every column id the spec references; NaN = missing. */
  columns: Record<string, ArrayLike<number>>;
  /** Population per area: weights of the LA summaries. */
  population?: ArrayLike<number>;
}

export interface BuildOptions extends Partial<MeasureOptions> {
  /** Weight overrides by dimension, sub-dimension or indicator id. */
  weights?: Record<string, number>;
  /**
   * Keep only what a scores table needs: each indicator's and sub-dimension's columns are emptied
   * (length 0) once they have been combined; QA results, weights, dimensions and the overall
   * columns are kept. A CLI CSV-only build of 1 M areas uses it (the full result is ≈ 2 GB there).
   */
  lean?: boolean;
}

export interface IndicatorResult {
  id: string;
  dimension: string;
  subdimension?: string;
  spec: IndicatorSpec;
  weight: number;
  /** count: the (composite) numerator and denominator (the data's column itself when it is a Float64Array); value: undefined. */
  numerator?: Float64Array;
  denominator?: Float64Array;
  /** Raw proportion r/n (count) or the value, excluded areas NaN. */
  raw: Float64Array;
  /** After step 4 (= raw when not shrunk). */
  shrunk: Float64Array;
  /** Step-4 audit columns, when shrunk. */
  shrinkage?: ShrinkResult;
  /** After step 5 (higher = more need; the same array as `shrunk` when the polarity is +1, formed on first read when −1). */
  directed: Float64Array;
  /** Step 6 normal scores. */
  normal: Float64Array;
  /** Step 2 checks of the raw column. */
  qa: QaResult;
}

export interface CombinationResult {
  id: string;
  weight: number;
  /** Weighted sum of the components (step 7). */
  raw: Float64Array;
  /** Exponentially transformed (step 8), 0–100. */
  transformed: Float64Array;
  /** Nominal and effective weights of the components. */
  weights: EffectiveWeights;
  components: string[];
}

export interface SubdimensionResult extends CombinationResult {
  dimension: string;
}

export interface DimensionResult extends CombinationResult {
  /** Need rank of the dimension score (1 = most need, ties share the best rank) and its decile. */
  rank: Float64Array;
  decile: Float64Array;
}

export interface MeasureResult {
  spec: MeasureSpec;
  options: MeasureOptions;
  areaCodes: string[];
  groups: { codes: Int32Array; labels: string[] };
  /** 1 for areas left out (options.exclude). */
  excluded: Uint8Array;
  /** Areas in the measure (not excluded). */
  n: number;
  indicators: IndicatorResult[];
  subdimensions: SubdimensionResult[];
  dimensions: DimensionResult[];
  /** Step 9: Σ dimension weight × transformed dimension score. */
  overall: Float64Array;
  /** Overall score on the published scale (exponential transform of the overall rank, 0–100). */
  score: Float64Array;
  /** Need rank, 1 = most need; decile and percentile (1 = most need). */
  rank: Float64Array;
  decile: Float64Array;
  percentile: Float64Array;
  /** 1 when in the most-needy 20% nationally (the paper's 'hotspots'), else 0; NaN if excluded. */
  hotspot: Float64Array;
  /** Nominal and effective weights of the dimensions. */
  weights: EffectiveWeights;
  /** LA summaries of the published-scale score, indexed like groups.labels. */
  districts: DistrictSummary;
}

/**
 * Builds a whole measure (paper steps 2–9) and returns every intermediate column, in input row
 * order, so the sheets can show and audit each step.
 */
export function buildMeasure(spec: MeasureSpec, data: MeasureData, options: BuildOptions = {}): MeasureResult {
  const { weights: overridesIn = {}, lean = false, ...rest } = options;
  // a Map: ids such as "constructor" or "__proto__" are ids, not Object.prototype members
  const overrides = new Map(Object.entries(overridesIn));
  const opts: MeasureOptions = {
    ...DEFAULT_OPTIONS,
    ...validateOptions(spec.options ?? {}, "spec.options"),
    ...validateOptions(rest, "options"),
  };
  const len = data.areaCodes.length;
  if (data.groupCodes.length !== len) {
    throw new HlnError("LENGTH_MISMATCH", `groupCodes has ${data.groupCodes.length} rows, areaCodes has ${len}`);
  }
  const known = new Set<string>();
  const weightOf = (id: string, w: number): number => {
    known.add(id);
    const o = overrides.get(id);
    if (o === undefined) return w;
    if (typeof o !== "number" || !Number.isFinite(o) || o < 0) {
      throw new HlnError("OPTION_INVALID", `weight for "${id}" must be a non-negative number`, `weights.${id}`);
    }
    return o;
  };
  const exclude = new Set(opts.exclude);
  const excluded = new Uint8Array(len);
  let n = len;
  // a handful of codes (the spec's one island): found by indexOf, not a Set lookup per area
  if (exclude.size <= 8) {
    for (const code of exclude)
      for (let i = data.areaCodes.indexOf(code); i >= 0; i = data.areaCodes.indexOf(code, i + 1)) excluded[i] = 1;
  } else for (let i = 0; i < len; i++) excluded[i] = exclude.has(data.areaCodes[i]) ? 1 : 0;
  for (let i = 0; i < len; i++) n -= excluded[i];
  const groups = groupIndex(data.groupCodes);
  const column = (id: string, path: string): ArrayLike<number> => {
    const c = Object.prototype.hasOwnProperty.call(data.columns, id) ? data.columns[id] : undefined;
    if (!c) throw new HlnError("MISSING_COLUMN", `data has no column "${id}"`, path);
    if (c.length !== len)
      throw new HlnError("LENGTH_MISMATCH", `column "${id}" has ${c.length} rows, expected ${len}`, path);
    return c;
  };

  const ctx: BuildContext = { len, opts, excluded, groups, column, weightOf };
  const indicatorResult = (spec: IndicatorSpec, path: string, dimension: string, subdimension?: string) =>
    indicatorStep(ctx, spec, path, dimension, subdimension);
  const combine = (id: string, weight: number, parts: { id: string; weight: number; col: Float64Array }[]) =>
    combineStep(opts, id, weight, parts);
  const indicators: IndicatorResult[] = [];
  const subdimensions: SubdimensionResult[] = [];
  const dimensions: DimensionResult[] = [];
  spec.dimensions.forEach((d, di) => {
    const dpath = `dimensions[${di}]`;
    const dweight = weightOf(d.id, d.weight);
    let parts: { id: string; weight: number; col: Float64Array }[];
    if (d.subdimensions) {
      parts = d.subdimensions.map((s, si) => {
        const inds = s.indicators.map((ind, k) =>
          indicatorResult(ind, `${dpath}.subdimensions[${si}].indicators[${k}]`, d.id, s.id),
        );
        indicators.push(...inds);
        const sub = combine(
          s.id,
          weightOf(s.id, s.weight),
          inds.map((r) => ({ id: r.id, weight: r.weight, col: r.normal })),
        );
        subdimensions.push({ ...sub, dimension: d.id });
        if (lean) inds.forEach(emptyIndicator);
        return { id: s.id, weight: sub.weight, col: sub.transformed };
      });
    } else {
      const inds = d.indicators!.map((ind, k) => indicatorResult(ind, `${dpath}.indicators[${k}]`, d.id));
      indicators.push(...inds);
      parts = inds.map((r) => ({ id: r.id, weight: r.weight, col: r.normal }));
    }
    dimensions.push(withLazyRanks(combine(d.id, dweight, parts)));
    if (lean) {
      if (!d.subdimensions) inds0(parts).forEach((id) => emptyIndicator(indicators.find((x) => x.id === id)!));
      for (const s of subdimensions) if (s.dimension === d.id) s.raw = s.transformed = EMPTY;
      dimensions[dimensions.length - 1].raw = EMPTY;
    }
  });
  for (const id of overrides.keys()) {
    if (!known.has(id))
      throw new HlnError(
        "OPTION_INVALID",
        `"${id}" is not a dimension, sub-dimension or indicator id`,
        `weights.${id}`,
      );
  }

  const dimParts = dimensions.map((d) => d.transformed);
  const dimWeights = dimensions.map((d) => d.weight);
  let overall: Float64Array;
  const incomplete: number[] = [];
  try {
    overall = weightedSum(dimParts, dimWeights, opts.missing, undefined, incomplete);
  } catch (e) {
    if (e instanceof HlnError) throw new HlnError(e.code, `${e.message} (combining dimensions)`, "weights");
    throw e;
  }
  const score = expTransform(overall, opts.constant, opts.overallScaling);
  const rank = needRank(score);
  const hotspot = quantileClass(rank, 5);
  for (let i = 0; i < len; i++) if (Number.isFinite(hotspot[i])) hotspot[i] = hotspot[i] === 1 ? 1 : 0;
  return {
    spec,
    options: opts,
    areaCodes: data.areaCodes,
    groups,
    excluded,
    n,
    indicators,
    subdimensions,
    dimensions,
    overall,
    score,
    rank,
    decile: decile(rank),
    percentile: percentile(rank),
    hotspot,
    weights: effectiveWeights(dimParts, dimWeights, { values: overall, incomplete }),
    districts: districtSummary(score, groups.codes, data.population, rank),
  };
}

interface BuildContext {
  len: number;
  opts: MeasureOptions;
  excluded: Uint8Array;
  groups: { codes: Int32Array; labels: string[] };
  column: (id: string, path: string) => ArrayLike<number>;
  weightOf: (id: string, w: number) => number;
}

/** Steps 2–6 of one indicator: raw proportion or value, shrinkage, polarity, normal score, QA. */
function indicatorStep(
  ctx: BuildContext,
  spec: IndicatorSpec,
  path: string,
  dimension: string,
  subdimension?: string,
): IndicatorResult {
  const { len, opts, excluded, groups, column, weightOf } = ctx;
  let raw: Float64Array;
  let numerator: Float64Array | undefined;
  let denominator: Float64Array | undefined;
  let shrinkage: ShrinkResult | undefined;
  if (spec.kind === "count") {
    const parts = spec.numerator!.map((c, k) => column(c, `${path}.numerator[${k}]`));
    numerator = compositeCount(parts);
    // read only, like every result column: the data's own column when it is one already
    const den = column(spec.denominator!, `${path}.denominator`);
    denominator = den instanceof Float64Array ? den : toFloat64(den);
    raw = new Float64Array(len);
    for (let i = 0; i < len; i++) {
      const r = numerator[i];
      const d = denominator[i];
      raw[i] = excluded[i] || !(d > 0) || !(r >= 0) || r > d ? NaN : r / d;
    }
    if (spec.shrink) shrinkage = shrink(numerator, denominator, groups.codes, { exclude: excluded });
  } else {
    raw = toFloat64(column(spec.value!, `${path}.value`));
    for (let i = 0; i < len; i++) if (excluded[i] || !Number.isFinite(raw[i])) raw[i] = NaN;
    if (spec.shrink) {
      shrinkage = shrinkValue(raw, column(spec.se!, `${path}.se`), groups.codes, { exclude: excluded });
    }
  }
  const shrunk = shrinkage ? shrinkage.value : raw;
  // polarity +1 leaves the column as it is: share it rather than copy (results are read-only);
  // −1: its normal scores rank `shrunk` from the largest, and −shrunk is formed when first read
  const down = spec.polarity === -1;
  const result: IndicatorResult = {
    id: spec.id,
    dimension,
    subdimension,
    spec,
    weight: weightOf(spec.id, spec.weight),
    numerator,
    denominator,
    raw,
    shrunk,
    shrinkage,
    directed: shrunk,
    normal: normalScore(shrunk, opts.offset, down),
    qa: qa(raw, spec.kind === "count" ? { upper: 1 } : {}),
  };
  if (down) lazyProperty(result, "directed", () => applyPolarity(shrunk, -1));
  return result;
}

/** Steps 7–8 of one group: weighted sum of the parts and its exponential transform. */
function combineStep(
  opts: MeasureOptions,
  id: string,
  weight: number,
  parts: { id: string; weight: number; col: Float64Array }[],
): CombinationResult {
  const cols = parts.map((p) => p.col);
  const ws = parts.map((p) => p.weight);
  let raw: Float64Array;
  const incomplete: number[] = [];
  try {
    raw = weightedSum(cols, ws, opts.missing, undefined, incomplete);
  } catch (e) {
    if (e instanceof HlnError) throw new HlnError(e.code, `${e.message} (combining ${id})`, `weights.${id}`);
    throw e;
  }
  return {
    id,
    weight,
    raw,
    transformed: expTransform(raw, opts.constant, opts.scaling),
    weights: effectiveWeights(cols, ws, { values: raw, incomplete }),
    components: parts.map((p) => p.id),
  };
}

/** Dimension need rank and decile, computed on first use (the full build itself does not need them). */
function withLazyRanks(dim: CombinationResult): DimensionResult {
  const out = dim as DimensionResult;
  lazyProperty(out, "rank", () => needRank(dim.transformed));
  lazyProperty(out, "decile", () => decile(out.rank));
  return out;
}

const EMPTY = new Float64Array(0);
const inds0 = (parts: { id: string }[]) => parts.map((p) => p.id);

/** lean builds: drop an indicator's columns once combined (its QA result stays). */
function emptyIndicator(r: IndicatorResult): void {
  r.raw = r.shrunk = r.directed = r.normal = EMPTY;
  r.numerator = r.denominator = undefined;
  r.shrinkage = undefined;
}

/** A fresh Float64Array copy (typed-array copies avoid the slow iterator path of Float64Array.from). */
function toFloat64(c: ArrayLike<number>): Float64Array {
  if (c instanceof Float64Array) return c.slice();
  const out = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) out[i] = typeof c[i] === "number" ? c[i] : NaN;
  return out;
}
