import { HlnError } from "./errors";
import { DEFAULT_OPTIONS, isOptionKey, type MeasureOptions, optionProblem } from "./options";
import type { Polarity } from "./polarity";

export { DEFAULT_OPTIONS, type MeasureOptions } from "./options";

/** One indicator: a count (numerator components summed, over a denominator) or a value. */
export interface IndicatorSpec {
  id: string;
  label: string;
  kind: "count" | "value";
  /** count: data column ids of the numerator components (more than one = step-3 composite). */
  numerator?: string[];
  /** count: data column id of the shared denominator. */
  denominator?: string;
  /** value: data column id. */
  value?: string;
  /** value: data column id of a standard error; enables precision-weighted shrinkage. */
  se?: string;
  polarity: Polarity;
  shrink: boolean;
  /** Geography the source is published at (documentation; step 1). */
  geography?: string;
  weight: number;
}

export interface SubdimensionSpec {
  id: string;
  label: string;
  weight: number;
  indicators: IndicatorSpec[];
}

/** A dimension has either sub-dimensions or indicators directly (Energy and Crime in the paper). */
export interface DimensionSpec {
  id: string;
  label: string;
  /** A short label for narrow places (the task pane's Options card). */
  short?: string;
  weight: number;
  subdimensions?: SubdimensionSpec[];
  indicators?: IndicatorSpec[];
}

/** The words a spec uses for its areas and their groups (defaults: "area", "group"). */
export interface AreaWords {
  noun?: string;
  code?: string;
  csv?: string;
  group?: string;
  groupNoun?: string;
  groupShort?: string;
  groupCsv?: string;
}

export interface MeasureSpec {
  id: string;
  label: string;
  version?: string;
  source?: string;
  /** Short name used in headers and titles ("HLN": "HLN score"); default: none ("Score"). */
  short?: string;
  /** One or two sentences on what the measure is (About sheet). */
  description?: string;
  /** The words for the areas ("LSOA", "LSOA21 code", …); see src/workbook/plan/areas.ts. */
  areas?: AreaWords;
  /** What the areas in options.exclude are ("the Isles of Scilly"). */
  exclusionLabel?: string;
  options?: Partial<MeasureOptions>;
  dimensions: DimensionSpec[];
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);
const ID = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Checks an unknown value (parsed JSON) against the measure-spec format and returns it typed.
 * Throws HlnError("SPEC_INVALID") naming the field, e.g. "dimensions[1].indicators[2].polarity:
 * must be 1 or -1 (indicator fuel_poverty)".
 */
export function validateSpec(x: unknown): MeasureSpec {
  const seen = new Map<string, string>();
  const fail = (path: string, msg: string): never => {
    throw new HlnError("SPEC_INVALID", msg, path);
  };
  const str = (o: Obj, key: string, path: string, ctx: string): string => {
    const v = o[key];
    if (typeof v !== "string" || v.trim() === "") fail(`${path}.${key}`, `must be a non-empty string${ctx}`);
    return v as string;
  };
  const weight = (o: Obj, path: string, ctx: string): number => {
    const w = o.weight ?? 1;
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0) {
      fail(`${path}.weight`, `must be a non-negative number${ctx}`);
    }
    return w as number;
  };
  const id = (o: Obj, path: string): string => {
    const v = str(o, "id", path, "");
    if (!ID.test(v)) fail(`${path}.id`, `"${v}" must start with a letter and use only letters, digits and _`);
    const prev = seen.get(v);
    if (prev) fail(`${path}.id`, `"${v}" is already used at ${prev}`);
    seen.set(v, path);
    return v;
  };
  const positiveTotal = (items: { weight: number }[], path: string) => {
    if (items.length && !(items.reduce((s, i) => s + i.weight, 0) > 0)) fail(path, "weights sum to 0");
  };

  const indicator = (v: unknown, path: string): IndicatorSpec => {
    if (!isObj(v)) return fail(path, "must be an object");
    const iid = id(v, path);
    const ctx = ` (indicator ${iid})`;
    const label = str(v, "label", path, ctx);
    const kind = v.kind;
    if (kind !== "count" && kind !== "value") fail(`${path}.kind`, `must be "count" or "value"${ctx}`);
    const out: IndicatorSpec = {
      id: iid,
      label,
      kind: kind as "count" | "value",
      polarity: 1,
      shrink: false,
      weight: weight(v, path, ctx),
    };
    if (v.polarity !== 1 && v.polarity !== -1) fail(`${path}.polarity`, `must be 1 or -1${ctx}`);
    out.polarity = v.polarity as Polarity;
    if (typeof v.shrink !== "boolean") fail(`${path}.shrink`, `must be true or false${ctx}`);
    out.shrink = v.shrink as boolean;
    if (v.geography !== undefined) out.geography = str(v, "geography", path, ctx);
    if (kind === "count") {
      const num = v.numerator;
      if (!Array.isArray(num) || num.length === 0 || num.some((c) => typeof c !== "string" || c === "")) {
        fail(`${path}.numerator`, `must be a non-empty list of column ids${ctx}`);
      }
      out.numerator = num as string[];
      out.denominator = str(v, "denominator", path, ctx);
    } else {
      out.value = str(v, "value", path, ctx);
      if (v.se !== undefined) out.se = str(v, "se", path, ctx);
      if (out.shrink && !out.se) {
        fail(`${path}.shrink`, `a value indicator can only be shrunk with a standard error column "se"${ctx}`);
      }
    }
    return out;
  };
  const indicators = (v: unknown, path: string, ctx: string): IndicatorSpec[] => {
    if (!Array.isArray(v) || v.length === 0) return fail(path, `must be a non-empty list${ctx}`);
    const list = v.map((item, i) => indicator(item, `${path}[${i}]`));
    positiveTotal(list, path);
    return list;
  };

  if (!isObj(x)) return fail("spec", "must be a JSON object");
  const spec: MeasureSpec = { id: id(x, "spec"), label: str(x, "label", "spec", ""), dimensions: [] };
  if (typeof x.version === "string") spec.version = x.version;
  if (typeof x.source === "string") spec.source = x.source;
  if (typeof x.description === "string") spec.description = x.description;
  if (typeof x.short === "string") spec.short = x.short;
  if (typeof x.exclusionLabel === "string") spec.exclusionLabel = x.exclusionLabel;
  if (isObj(x.areas)) {
    const words: AreaWords = {};
    for (const k of ["noun", "code", "csv", "group", "groupNoun", "groupShort", "groupCsv"] as const)
      if (x.areas[k] !== undefined) words[k] = str(x.areas, k, "spec.areas", "");
    spec.areas = words;
  }
  if (x.options !== undefined) spec.options = validateOptions(x.options, "options");
  if (!Array.isArray(x.dimensions) || x.dimensions.length === 0) fail("dimensions", "must be a non-empty list");
  spec.dimensions = (x.dimensions as unknown[]).map((d, i) => {
    const path = `dimensions[${i}]`;
    if (!isObj(d)) return fail(path, "must be an object");
    const did = id(d, path);
    const ctx = ` (dimension ${did})`;
    const dim: DimensionSpec = { id: did, label: str(d, "label", path, ctx), weight: weight(d, path, ctx) };
    if (d.short !== undefined) dim.short = str(d, "short", path, ctx);
    const hasSubs = d.subdimensions !== undefined;
    const hasInds = d.indicators !== undefined;
    if (hasSubs === hasInds)
      fail(path, `needs either "subdimensions" or "indicators", not ${hasSubs ? "both" : "neither"}${ctx}`);
    if (hasSubs) {
      if (!Array.isArray(d.subdimensions) || d.subdimensions.length === 0) {
        fail(`${path}.subdimensions`, `must be a non-empty list${ctx}`);
      }
      dim.subdimensions = (d.subdimensions as unknown[]).map((s, j) => {
        const sp = `${path}.subdimensions[${j}]`;
        if (!isObj(s)) return fail(sp, `must be an object${ctx}`);
        const sid = id(s, sp);
        const sctx = ` (sub-dimension ${sid})`;
        return {
          id: sid,
          label: str(s, "label", sp, sctx),
          weight: weight(s, sp, sctx),
          indicators: indicators(s.indicators, `${sp}.indicators`, sctx),
        };
      });
      positiveTotal(dim.subdimensions, `${path}.subdimensions`);
    } else {
      dim.indicators = indicators(d.indicators, `${path}.indicators`, ctx);
    }
    return dim;
  });
  positiveTotal(spec.dimensions, "dimensions");
  return spec;
}

/** Validates (partial) options; throws HlnError("OPTION_INVALID") naming the option and its rule. */
export function validateOptions(x: unknown, path = "options"): Partial<MeasureOptions> {
  if (!isObj(x)) throw new HlnError("OPTION_INVALID", "must be an object", path);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(x)) {
    if (v === undefined) continue;
    if (!isOptionKey(key))
      throw new HlnError(
        "OPTION_INVALID",
        `is not a known option (${Object.keys(DEFAULT_OPTIONS).join(", ")})`,
        `${path}.${key}`,
      );
    const problem = optionProblem(key, v);
    if (problem) throw new HlnError("OPTION_INVALID", `${problem}, got ${JSON.stringify(v)}`, `${path}.${key}`);
    out[key] = v;
  }
  return out as Partial<MeasureOptions>;
}

/** Every indicator of a spec with its dimension and sub-dimension ids, in spec order. */
export function listIndicators(
  spec: MeasureSpec,
): { indicator: IndicatorSpec; dimension: DimensionSpec; subdimension?: SubdimensionSpec }[] {
  const out: { indicator: IndicatorSpec; dimension: DimensionSpec; subdimension?: SubdimensionSpec }[] = [];
  for (const dimension of spec.dimensions) {
    for (const indicator of dimension.indicators ?? []) out.push({ indicator, dimension });
    for (const subdimension of dimension.subdimensions ?? []) {
      for (const indicator of subdimension.indicators) out.push({ indicator, dimension, subdimension });
    }
  }
  return out;
}

/** The data column ids a spec reads. */
export function specColumns(spec: MeasureSpec): string[] {
  const cols = new Set<string>();
  for (const { indicator: i } of listIndicators(spec)) {
    for (const c of i.numerator ?? []) cols.add(c);
    if (i.denominator) cols.add(i.denominator);
    if (i.value) cols.add(i.value);
    if (i.se) cols.add(i.se);
  }
  return [...cols];
}
