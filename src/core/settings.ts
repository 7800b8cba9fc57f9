/**
 * The settings a user edits — every weight, every indicator's polarity, the scalar options and the
 * exclusion switch — as one value. The spec gives the defaults; the Weights sheet (through the
 * workbook's codec), the task pane's Options card and the CLI's flags all produce a MeasureSettings,
 * and `settingsToBuild` turns it into what buildMeasure takes. Ids are kept in null-prototype
 * records, so an id such as "constructor" is just an id.
 */
import type { BuildOptions } from "./buildMeasure";
import { DEFAULT_OPTIONS, type MeasureOptions, type ScalarOption, SCALAR_OPTIONS } from "./options";
import type { Polarity } from "./polarity";
import { listIndicators, type MeasureSpec } from "./spec";

export interface MeasureSettings extends Omit<MeasureOptions, "exclude"> {
  /** Weight of every dimension, sub-dimension and indicator, by id. */
  weights: Record<string, number>;
  /** Polarity of every indicator, by id. */
  polarity: Record<string, Polarity>;
  /** Leave out the areas the spec lists for exclusion (spec.options.exclude). */
  applyExclusions: boolean;
  /**
   * Include the indicators with no open data (the data's generated stand-ins, e.g. the bundle's five
   * synthetic columns). Default false: they are left out (used weight 0, issue 16); their weights in
   * `weights` stay the spec's, so setting this to true brings them back.
   */
  includeSynthetic: boolean;
}

/** A record with no prototype: `rec["constructor"]` is undefined until set. */
export function idRecord<T>(entries: Iterable<[string, T]> = []): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** The areas a spec lists for exclusion (the paper: the Isles of Scilly). */
export function listedExclusions(spec: MeasureSpec): string[] {
  return spec.options?.exclude ?? [];
}

/** The spec's own settings: its weights and polarities, its options over the method defaults. */
export function defaultSettings(spec: MeasureSpec): MeasureSettings {
  const weights = idRecord<number>();
  const polarity = idRecord<Polarity>();
  for (const d of spec.dimensions) {
    weights[d.id] = d.weight;
    for (const s of d.subdimensions ?? []) weights[s.id] = s.weight;
  }
  for (const { indicator } of listIndicators(spec)) {
    weights[indicator.id] = indicator.weight;
    polarity[indicator.id] = indicator.polarity;
  }
  const o = { ...DEFAULT_OPTIONS, ...(spec.options ?? {}) };
  return {
    weights,
    polarity,
    constant: o.constant,
    scaling: o.scaling,
    overallScaling: o.overallScaling,
    offset: o.offset,
    missing: o.missing,
    applyExclusions: true,
    includeSynthetic: false,
  };
}

/** A deep copy (records stay null-prototype). */
export function copySettings(s: MeasureSettings): MeasureSettings {
  return { ...s, weights: idRecord(Object.entries(s.weights)), polarity: idRecord(Object.entries(s.polarity)) };
}

/**
 * The weights a build uses: the settings' weights, with every indicator in `noOpenData` at 0 unless
 * `includeSynthetic` (the Weights sheet's "Used weight" column computes the same in cells).
 */
export function usedWeights(s: MeasureSettings, noOpenData: readonly string[] = []): Record<string, number> {
  const out = idRecord(Object.entries(s.weights));
  if (!s.includeSynthetic) for (const id of noOpenData) if (id in out) out[id] = 0;
  return out;
}

/**
 * The spec with the settings' polarities, and the build options with every used weight and option.
 * `noOpenData`: the indicators whose data are generated stand-ins (src/data/openData.ts), left out
 * unless `s.includeSynthetic`.
 */
export function settingsToBuild(
  spec: MeasureSpec,
  s: MeasureSettings,
  noOpenData: readonly string[] = [],
): { spec: MeasureSpec; options: BuildOptions } {
  const copy: MeasureSpec = JSON.parse(JSON.stringify(spec));
  for (const { indicator } of listIndicators(copy)) {
    const p = s.polarity[indicator.id];
    if (p === 1 || p === -1) indicator.polarity = p;
  }
  const options: BuildOptions = {
    weights: usedWeights(s, noOpenData),
    exclude: s.applyExclusions ? listedExclusions(spec) : [],
  };
  for (const k of SCALAR_OPTIONS) (options as Record<ScalarOption, unknown>)[k] = s[k];
  return { spec: copy, options };
}

/** Keys ("growth", "crime polarity", "constant", "applyExclusions", "includeSynthetic", …) where `b` differs from `a`. */
export function settingsDiff(a: MeasureSettings, b: MeasureSettings): string[] {
  const out: string[] = [];
  for (const id of Object.keys(b.weights)) if (a.weights[id] !== b.weights[id]) out.push(id);
  for (const id of Object.keys(b.polarity)) if (a.polarity[id] !== b.polarity[id]) out.push(`${id} polarity`);
  for (const k of SCALAR_OPTIONS) if (a[k] !== b[k]) out.push(k);
  if (a.applyExclusions !== b.applyExclusions) out.push("applyExclusions");
  if (a.includeSynthetic !== b.includeSynthetic) out.push("includeSynthetic");
  return out;
}
