/**
 * Replace one indicator's data (issue 16): the user's columns, keyed by area code and already in the
 * bundle's row order, become new bundle columns (`user_<indicator>_<column>`), the indicator reads
 * them, and its metadata says status "user" with the source the user names — so About, Sources, the
 * Data sheet's status row, the Measure sheet and the CSV's data_status all show it. The indicator's
 * columns the user does not give (e.g. a shared denominator) stay the bundle's. Pure: new objects.
 * A spec whose indicator reads the user's columns already (the Measure sheet of a build that
 * replaced it, read by a rebuild) gives the same result as the spec before.
 */
import { indicatorColumns, listIndicators, type MeasureSpec } from "../core/spec";
import type { Bundle } from "./bundle";
import type { ColumnMeta, IndicatorMeta } from "./types";

export interface IndicatorReplacement {
  /** The indicator's id in the spec. */
  id: string;
  /** Some of the indicator's own columns (numerator, denominator, value, se) → values per bundle row (NaN = missing). */
  columns: Record<string, Float64Array>;
  /** The source the user names (e.g. "DWP Stat-Xplore, UC claimants, May 2025"). */
  source: string;
  /** The file the values came from. */
  file: string;
  /** Areas of the bundle with a value. */
  matched: number;
}

/** The bundle column that holds the user's values of an indicator's column. */
export const userColumn = (id: string, column: string): string => `user_${id}_${column}`;

/** The bundle and spec with `r`'s columns in place of the indicator's; throws on an unknown id or column. */
export function replaceIndicator(
  bundle: Bundle,
  spec: MeasureSpec,
  r: IndicatorReplacement,
): { bundle: Bundle; spec: MeasureSpec } {
  const out = structuredClone(spec);
  const found = listIndicators(out).find((x) => x.indicator.id === r.id);
  if (!found) throw new Error(`no indicator "${r.id}" in the measure`);
  const ind = found.indicator;
  const own = indicatorColumns(ind);
  const rename = new Map<string, string>();
  for (const c of Object.keys(r.columns)) {
    const user = userColumn(r.id, c);
    // a spec that reads the user's column already (a rebuild's Measure sheet) is replaced alike
    if (!own.includes(c) && !own.includes(user))
      throw new Error(`indicator ${r.id} does not read a column "${c}" (it reads ${own.join(", ")})`);
    rename.set(c, user);
  }
  const to = (c: string | undefined) => (c === undefined ? undefined : (rename.get(c) ?? c));
  if (ind.numerator) ind.numerator = ind.numerator.map((c) => to(c)!);
  if (ind.denominator) ind.denominator = to(ind.denominator);
  if (ind.value) ind.value = to(ind.value);
  if (ind.se) ind.se = to(ind.se);
  const columns = { ...bundle.columns };
  const columnMeta: ColumnMeta[] = [...bundle.meta.columns];
  for (const [c, id] of rename) {
    const v = r.columns[c];
    const base = bundle.meta.columns.find((m) => m.id === c);
    let min = Infinity;
    let max = -Infinity;
    let missing = 0;
    for (const x of v) {
      if (Number.isNaN(x)) missing++;
      else {
        if (x < min) min = x;
        if (x > max) max = x;
      }
    }
    columns[id] = v;
    columnMeta.push({
      id,
      label: `${base?.label ?? c} (user data)`,
      type: base?.type ?? "value",
      unit: base?.unit ?? "",
      decimals: base?.decimals ?? 3,
      status: "user",
      source: [],
      hasFlags: false,
      missing,
      min: missing === v.length ? NaN : min,
      max: missing === v.length ? NaN : max,
      note: `${r.source} (${r.file})`,
    });
  }
  const old = bundle.meta.indicators.find((m) => m.id === r.id);
  const meta: IndicatorMeta = {
    id: r.id,
    label: old?.label ?? ind.label,
    dimension: old?.dimension ?? found.dimension.id,
    subdimension: old?.subdimension ?? found.subdimension?.id ?? null,
    status: "user",
    kind: ind.kind,
    columns: indicatorColumns(ind),
    ...(ind.numerator ? { numerator: ind.numerator } : {}),
    ...(ind.denominator ? { denominator: ind.denominator } : {}),
    ...(ind.value ? { value: ind.value } : {}),
    polarity: ind.polarity,
    shrink: !!ind.shrink,
    publisher: r.source,
    dataset: r.file,
    edition: "",
    originalGeography: "as supplied",
    conversion: `matched by area code: ${r.matched.toLocaleString("en-GB")} of ${bundle.n.toLocaleString("en-GB")} areas`,
    licence: "as supplied by the user",
    paperIndicator: old?.paperIndicator ?? "",
    ...(old?.replaces ? { replaces: old.replaces } : {}),
    caveat: `Replaced by the user's data (${Object.keys(r.columns).join(", ")} from ${r.file}).`,
    sources: [],
  };
  const indicators = bundle.meta.indicators.map((m) => (m.id === r.id ? meta : m));
  if (!old) indicators.push(meta);
  return { bundle: { ...bundle, columns, meta: { ...bundle.meta, columns: columnMeta, indicators } }, spec: out };
}

/**
 * The spec with indicator `id` reading the bundle's own columns again where it reads the user's
 * (`user_<id>_<column>`): a rebuild of a replaced build without the replacement. Pure.
 */
export function restoreIndicator(spec: MeasureSpec, id: string): MeasureSpec {
  const out = structuredClone(spec);
  const ind = listIndicators(out).find((x) => x.indicator.id === id)?.indicator;
  if (!ind) return out;
  const prefix = userColumn(id, "");
  const back = (c: string | undefined) => (c?.startsWith(prefix) ? c.slice(prefix.length) : c);
  if (ind.numerator) ind.numerator = ind.numerator.map((c) => back(c)!);
  if (ind.denominator) ind.denominator = back(ind.denominator);
  if (ind.value) ind.value = back(ind.value);
  if (ind.se) ind.se = back(ind.se);
  return out;
}
