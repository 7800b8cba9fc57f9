/**
 * Pure task-pane logic (no React, no Office): dataset summary, build options → core options, the
 * result summary (top 20, hotspots by region), LSOA search and the trace of one LSOA through every
 * step with the sheet and cell of each value in the plan. Tested in node (test/taskpane/model.test.ts).
 */
import { type BuildOptions, buildMeasure, type MeasureResult } from "../core/buildMeasure";
import { isRankScaling } from "../core/expTransform";
import { isNormalOffset } from "../core/normalScore";
import { listIndicators, type MeasureSpec } from "../core/spec";
import { type Bundle, toMeasureData } from "../data/bundle";
import type { DataStatus } from "../data/types";
import { FIRST_ROW, planWorkbook } from "../workbook/plan";
import type { SheetPlan, SheetRole, WorkbookPlan } from "../workbook/planTypes";
import { colLetter as columnLetters } from "../workbook/a1";

export const ADDIN_VERSION = "0.1.0";

export interface DimensionSummary {
  id: string;
  label: string;
  weight: number;
  indicators: number;
  status: Record<DataStatus, number>;
}

export interface DatasetSummary {
  title: string;
  areas: number;
  excluded: { code: string; reason: string }[];
  lads: number;
  indicators: number;
  status: Record<DataStatus, number>;
  dimensions: DimensionSummary[];
  synthetic: string[];
}

export function summariseDataset(spec: MeasureSpec, bundle: Bundle): DatasetSummary {
  const statusOf = new Map(bundle.meta.indicators.map((m) => [m.id, m.status]));
  const zero = (): Record<DataStatus, number> => ({
    real: 0,
    proxy: 0,
    synthetic: 0,
  });
  const total = zero();
  const synthetic: string[] = [];
  const dimensions = spec.dimensions.map((d) => {
    const status = zero();
    let n = 0;
    for (const { indicator, dimension } of listIndicators(spec)) {
      if (dimension.id !== d.id) continue;
      const s = statusOf.get(indicator.id) ?? "synthetic";
      status[s]++;
      total[s]++;
      n++;
      if (s === "synthetic") synthetic.push(indicator.label);
    }
    return {
      id: d.id,
      label: d.label,
      weight: d.weight,
      indicators: n,
      status,
    };
  });
  return {
    title: bundle.meta.title,
    areas: bundle.n,
    excluded: bundle.meta.excluded,
    lads: bundle.meta.lads.length,
    indicators: dimensions.reduce((s, d) => s + d.indicators, 0),
    status: total,
    dimensions,
    synthetic,
  };
}

/** The options the task pane edits, prefilled from the spec. */
export interface UiOptions {
  weights: Record<string, number>;
  constant: number;
  excludeScilly: boolean;
}

export function defaultOptions(spec: MeasureSpec): UiOptions {
  return {
    weights: Object.fromEntries(spec.dimensions.map((d) => [d.id, d.weight])),
    constant: spec.options?.constant ?? 23,
    excludeScilly: (spec.options?.exclude ?? []).length > 0,
  };
}

/** Validation messages per field (empty = valid). */
export function validateUiOptions(o: UiOptions): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [id, w] of Object.entries(o.weights))
    if (!(Number.isFinite(w) && w >= 0)) errors[id] = "A weight must be a number ≥ 0";
  const sum = Object.values(o.weights).reduce((s, w) => s + (Number.isFinite(w) && w > 0 ? w : 0), 0);
  if (!(sum > 0)) errors.weights = "At least one dimension weight must be above 0";
  if (!(Number.isFinite(o.constant) && o.constant > 0)) errors.constant = "The constant must be a number above 0";
  return errors;
}

export function runMeasure(spec: MeasureSpec, bundle: Bundle, o: UiOptions, extra: BuildOptions = {}): MeasureResult {
  return buildMeasure(spec, toMeasureData(bundle), {
    ...extra,
    weights: { ...(extra.weights ?? {}), ...o.weights },
    constant: o.constant,
    exclude: o.excludeScilly ? (spec.options?.exclude ?? bundle.meta.excluded.map((e) => e.code)) : [],
  });
}

export interface KeptSettings {
  /** The spec with the workbook's indicator polarities. */
  spec: MeasureSpec;
  /** The task-pane options with the workbook's dimension weights, constant and exclusion switch. */
  ui: UiOptions;
  /** Sub-dimension and indicator weights, scalings, offset and missing rule from the workbook. */
  build: BuildOptions;
  /** Settings that differ from `spec` / `ui`. */
  changed: string[];
}

/**
 * Reads the settings of an existing HLN Weights sheet (id in column A, value in B, polarity in C
 * for indicators; see src/workbook/plan.ts) so a rebuild computes with the user's weights. Invalid
 * or missing cells keep the current value.
 */
export function keptSettings(spec: MeasureSpec, table: Record<string, unknown[]>, ui: UiOptions): KeptSettings {
  const changed: string[] = [];
  const num = (id: string, k = 0): number | undefined => {
    const v = table[id]?.[k];
    return typeof v === "number" && Number.isFinite(v) ? v : undefined;
  };
  const str = (id: string): string | undefined =>
    typeof table[id]?.[0] === "string" ? (table[id][0] as string) : undefined;
  const next: UiOptions = { ...ui, weights: { ...ui.weights } };
  const build: BuildOptions = { weights: {} };
  const copy: MeasureSpec = JSON.parse(JSON.stringify(spec));
  for (const d of copy.dimensions) {
    const w = num(d.id);
    if (w !== undefined && w >= 0 && w !== next.weights[d.id]) {
      next.weights[d.id] = w;
      changed.push(d.id);
    }
    for (const s of d.subdimensions ?? []) {
      const sw = num(s.id);
      if (sw !== undefined && sw >= 0 && sw !== s.weight) {
        build.weights![s.id] = sw;
        changed.push(s.id);
      }
    }
  }
  for (const { indicator } of listIndicators(copy)) {
    const w = num(indicator.id);
    if (w !== undefined && w >= 0 && w !== indicator.weight) {
      build.weights![indicator.id] = w;
      changed.push(indicator.id);
    }
    const p = num(indicator.id, 1);
    if ((p === 1 || p === -1) && p !== indicator.polarity) {
      indicator.polarity = p;
      changed.push(`${indicator.id} polarity`);
    }
  }
  const c = num("Constant");
  if (c !== undefined && c > 0 && c !== ui.constant) {
    next.constant = c;
    changed.push("Constant");
  }
  const ex = num("ApplyExclusions");
  if ((ex === 0 || ex === 1) && (ex === 1) !== ui.excludeScilly) {
    next.excludeScilly = ex === 1;
    changed.push("ApplyExclusions");
  }
  const def = { ...spec.options };
  const scaling = str("Scaling");
  if (scaling && isRankScaling(scaling) && scaling !== def.scaling)
    ((build.scaling = scaling), changed.push("Scaling"));
  const overall = str("OverallScaling");
  if (overall && isRankScaling(overall) && overall !== def.overallScaling)
    ((build.overallScaling = overall), changed.push("OverallScaling"));
  const offset = str("Offset");
  if (offset && isNormalOffset(offset) && offset !== def.offset) ((build.offset = offset), changed.push("Offset"));
  const missing = str("Missing");
  if ((missing === "reweight" || missing === "propagate") && missing !== def.missing)
    ((build.missing = missing), changed.push("Missing"));
  return { spec: copy, ui: next, build, changed };
}

export function makePlan(spec: MeasureSpec, bundle: Bundle, result: MeasureResult, suffix = ""): WorkbookPlan {
  return planWorkbook(spec, bundle, result, {
    suffix,
    version: ADDIN_VERSION,
    dataLabel: "bundled LSOA21 dataset",
  });
}

export interface TopRow {
  rank: number;
  index: number;
  code: string;
  name: string;
  la: string;
  score: number;
}

export interface ResultSummary {
  top: TopRow[];
  hotspotsByRegion: { region: string; hotspots: number; areas: number }[];
  hotspots: number;
  n: number;
}

export function summariseResult(result: MeasureResult, bundle: Bundle, topN = 20): ResultSummary {
  const g = bundle.geography;
  const top: TopRow[] = [];
  const byRank = new Map<number, number>();
  for (let i = 0; i < result.rank.length; i++)
    if (result.rank[i] >= 1 && result.rank[i] <= topN) byRank.set(result.rank[i], i);
  for (let k = 1; k <= topN; k++) {
    const i = byRank.get(k);
    if (i === undefined) continue;
    top.push({
      rank: k,
      index: i,
      code: g.lsoa21Code[i],
      name: g.lsoa21Name[i],
      la: g.ladName[i],
      score: result.score[i],
    });
  }
  const regions = new Map<string, { hotspots: number; areas: number }>();
  let hotspots = 0;
  for (let i = 0; i < result.hotspot.length; i++) {
    if (!Number.isFinite(result.hotspot[i])) continue;
    const r = regions.get(g.regionName[i]) ?? { hotspots: 0, areas: 0 };
    r.areas++;
    if (result.hotspot[i] === 1) {
      r.hotspots++;
      hotspots++;
    }
    regions.set(g.regionName[i], r);
  }
  const hotspotsByRegion = [...regions.entries()]
    .map(([region, v]) => ({ region, ...v }))
    .sort((a, b) => b.hotspots - a.hotspots || a.region.localeCompare(b.region));
  return { top, hotspotsByRegion, hotspots, n: result.n };
}

export interface AreaMatch {
  index: number;
  code: string;
  name: string;
  la: string;
}

/** LSOAs whose code or name contains the query (case-insensitive); exact code first. */
export function searchAreas(bundle: Bundle, query: string, limit = 8): AreaMatch[] {
  const q = query.trim().toLowerCase();
  if (q.length < 2) return [];
  const g = bundle.geography;
  const out: AreaMatch[] = [];
  const push = (i: number) =>
    out.push({
      index: i,
      code: g.lsoa21Code[i],
      name: g.lsoa21Name[i],
      la: g.ladName[i],
    });
  const exact = g.lsoa21Code.findIndex((c) => c.toLowerCase() === q);
  if (exact >= 0) push(exact);
  for (let i = 0; i < bundle.n && out.length < limit; i++) {
    if (i === exact) continue;
    if (g.lsoa21Code[i].toLowerCase().includes(q) || g.lsoa21Name[i].toLowerCase().includes(q)) push(i);
  }
  return out;
}

export interface TraceStep {
  /** Paper step, e.g. "Raw", "4 Shrunk". */
  step: string;
  label: string;
  value: number | null;
  sheet?: string;
  address?: string;
  format: "proportion" | "score" | "rank" | "value";
}

/** The header row (row 2) of a per-area sheet of the plan: label → 0-based column. */
function headerColumns(sheet: SheetPlan | undefined): Map<string, number> {
  const m = new Map<string, number>();
  const h = sheet?.blocks.find((b) => b.address === "A2" && b.values);
  h?.values?.[0]?.forEach((v, j) => typeof v === "string" && !m.has(v) && m.set(v, j));
  return m;
}

/**
 * One LSOA through every step of the measure for one indicator: raw → shrunk → directed → normal
 * → sub-dimension (sum, score) → dimension (sum, score) → overall (sum, score, rank), each with
 * the value the core computed and the sheet and cell where the workbook holds it.
 */
export function traceArea(
  spec: MeasureSpec,
  plan: WorkbookPlan,
  result: MeasureResult,
  index: number,
  indicatorId: string,
): TraceStep[] {
  const sheetOf = (role: SheetRole) => plan.sheets.find((s) => s.role === role);
  const row = FIRST_ROW + index;
  const cols = new Map<SheetRole, Map<string, number>>();
  const at = (role: SheetRole, header: string): { sheet?: string; address?: string } => {
    const sh = sheetOf(role);
    if (!cols.has(role)) cols.set(role, headerColumns(sh));
    const j = cols.get(role)!.get(header);
    return sh && j !== undefined ? { sheet: sh.name, address: `${columnLetters(j)}${row}` } : {};
  };
  const v = (x: number) => (Number.isFinite(x) ? x : null);
  const ind = result.indicators.find((r) => r.id === indicatorId);
  if (!ind) return [];
  const steps: TraceStep[] = [];
  const s = ind.spec;
  const rawCol = s.kind === "count" ? s.numerator![0] : s.value!;
  steps.push({
    step: "Raw",
    label: s.kind === "count" ? `${s.label}: numerator ÷ ${s.denominator}` : s.label,
    value: v(ind.raw[index]),
    ...at("data", rawCol),
    format: s.kind === "count" ? "proportion" : "value",
  });
  const shrunkHeader = s.shrink ? `${s.id}: shrunk` : `${s.id}: proportion`;
  const shrunkAt = at("indicators", shrunkHeader);
  steps.push({
    step: s.shrink ? "4 Shrunk" : "4 Not shrunk",
    label: s.shrink ? "Shrunk towards the district (Appendix B)" : "Not shrunk (paper step 4)",
    value: v(ind.shrunk[index]),
    ...(shrunkAt.sheet ? shrunkAt : at("data", rawCol)),
    format: s.kind === "count" ? "proportion" : "value",
  });
  steps.push({
    step: "5 Directed",
    label: `× polarity ${s.polarity} (higher = more need)`,
    value: v(ind.directed[index]),
    ...at("indicators", `${s.id}: directed`),
    format: "value",
  });
  steps.push({
    step: "6 Normal",
    label: "Normal score",
    value: v(ind.normal[index]),
    ...at("normal", s.id),
    format: "score",
  });
  if (ind.subdimension) {
    const sub = result.subdimensions.find((x) => x.id === ind.subdimension)!;
    steps.push({
      step: "7 Sub-dimension",
      label: `${ind.subdimension}: weighted sum`,
      value: v(sub.raw[index]),
      ...at("dimensions", `${sub.id}: sum`),
      format: "score",
    });
    steps.push({
      step: "8 Sub-dimension",
      label: `${ind.subdimension}: exponential score`,
      value: v(sub.transformed[index]),
      ...at("dimensions", `${sub.id}: score`),
      format: "score",
    });
  }
  const dim = result.dimensions.find((x) => x.id === ind.dimension)!;
  const dimLabel = spec.dimensions.find((d) => d.id === dim.id)?.label ?? dim.id;
  steps.push({
    step: "7 Dimension",
    label: `${dimLabel}: weighted sum`,
    value: v(dim.raw[index]),
    ...at("dimensions", `${dim.id}: sum`),
    format: "score",
  });
  steps.push({
    step: "8 Dimension",
    label: `${dimLabel}: exponential score`,
    value: v(dim.transformed[index]),
    ...at("dimensions", `${dim.id}: score`),
    format: "score",
  });
  steps.push({
    step: "9 Overall",
    label: "Weighted sum of dimension scores",
    value: v(result.overall[index]),
    ...at("score", "Overall (weighted sum)"),
    format: "score",
  });
  steps.push({
    step: "9 HLN score",
    label: "Published scale (0–100)",
    value: v(result.score[index]),
    ...at("score", "HLN score (published scale)"),
    format: "score",
  });
  steps.push({
    step: "Rank",
    label: "1 = most need",
    value: v(result.rank[index]),
    ...at("score", "Rank (1 = most need)"),
    format: "rank",
  });
  return steps;
}

export function formatValue(x: number | null, format: TraceStep["format"]): string {
  if (x === null) return "—";
  if (format === "rank") return Math.round(x).toLocaleString("en-GB");
  if (format === "proportion") return x.toFixed(4);
  if (Math.abs(x) >= 1000) return x.toLocaleString("en-GB", { maximumFractionDigits: 1 });
  return x.toFixed(3);
}
