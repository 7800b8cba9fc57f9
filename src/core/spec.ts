import { HlnError } from "./errors";
import { checkSpecSchema } from "./specSchema";
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

/**
 * Checks an unknown value (parsed JSON) against the measure-spec format and returns it typed. The
 * format is measure.schema.json (checkSpecSchema); what a schema cannot say is checked here: ids
 * unique across the whole spec, weights of a list not all 0, a shrunk value indicator has a standard
 * error. Throws HlnError("SPEC_INVALID") naming the field, e.g. "dimensions[1].indicators[2].polarity:
 * must be 1 or -1 (indicator fuel_poverty)".
 */
export function validateSpec(x: unknown): MeasureSpec {
  checkSpecSchema(x);
  const { $schema: _schema, ...copy } = JSON.parse(JSON.stringify(x)) as MeasureSpec & { $schema?: string };
  void _schema;
  const spec = copy as MeasureSpec;
  const seen = new Map<string, string>();
  const fail = (path: string, msg: string): never => {
    throw new HlnError("SPEC_INVALID", msg, path);
  };
  const id = (o: { id: string }, path: string) => {
    const prev = seen.get(o.id);
    if (prev) fail(`${path}.id`, `"${o.id}" is already used at ${prev}`);
    seen.set(o.id, path);
  };
  const weighted = <T extends { weight?: number }>(items: T[], path: string): T[] => {
    for (const i of items) i.weight = i.weight ?? 1;
    if (items.length > 0 && !(items.reduce((t, i) => t + (i.weight as number), 0) > 0)) fail(path, "weights sum to 0");
    return items;
  };
  const indicators = (list: IndicatorSpec[], path: string) =>
    weighted(list, path).forEach((ind, k) => {
      id(ind, `${path}[${k}]`);
      if (ind.kind === "value" && ind.shrink && !ind.se)
        fail(
          `${path}[${k}].shrink`,
          `a value indicator can only be shrunk with a standard error column "se" (indicator ${ind.id})`,
        );
    });
  id(spec, "spec");
  if (spec.options) spec.options = validateOptions(spec.options, "options");
  weighted(spec.dimensions, "dimensions").forEach((d, i) => {
    const path = `dimensions[${i}]`;
    id(d, path);
    if (d.indicators) indicators(d.indicators, `${path}.indicators`);
    if (d.subdimensions)
      weighted(d.subdimensions, `${path}.subdimensions`).forEach((sub, j) => {
        id(sub, `${path}.subdimensions[${j}]`);
        indicators(sub.indicators, `${path}.subdimensions[${j}].indicators`);
      });
  });
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

/** The data column ids one indicator reads: numerators, denominator, value, standard error. */
export function indicatorColumns(ind: IndicatorSpec): string[] {
  return [...(ind.numerator ?? []), ind.denominator, ind.value, ind.se].filter((c): c is string => !!c);
}

/** The data column ids a spec reads. */
export function specColumns(spec: MeasureSpec): string[] {
  const cols = new Set<string>();
  for (const { indicator } of listIndicators(spec)) for (const c of indicatorColumns(indicator)) cols.add(c);
  return [...cols];
}
