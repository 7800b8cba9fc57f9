/**
 * The one build pipeline shared by the CLI and the task pane: spec + source (the bundle or a user's
 * data) + settings → the core's MeasureResult → the sheet plan. Nothing else chains these steps.
 */
import { buildMeasure, type MeasureResult } from "../core/buildMeasure";
import { type MeasureSettings, settingsDiff, settingsToBuild } from "../core/settings";
import { type Scenario, scenarioKey, specScenario } from "../core/scenario";
import type { MeasureSpec } from "../core/spec";
import { toMeasureData } from "../data/bundle";
import { syntheticIndicators } from "../data/openData";
import { bundledSecondIndex } from "../data/secondIndex";
import { type AreaSource, isBundle } from "./plan/areas";
import { planWorkbook, type PlanOptions } from "./plan";
import type { CompareBaseline } from "./plan/compare";
import type { WorkbookPlan } from "./planTypes";

export interface BuiltMeasure {
  /** The spec with the settings' polarities (what the result and the plan describe). */
  spec: MeasureSpec;
  settings: MeasureSettings;
  result: MeasureResult;
}

/** Runs the core with the settings (steps 2–9). Throws HlnError for bad settings or data. */
export function computeMeasure(
  spec: MeasureSpec,
  source: AreaSource,
  settings: MeasureSettings,
  /** lean: keep only what a scores table needs (buildMeasure's `lean`; no sheet plan can be made from it). */
  options: { lean?: boolean } = {},
): BuiltMeasure {
  const built = settingsToBuild(spec, settings, syntheticIndicators(spec, isBundle(source) ? source.meta : undefined));
  const data = isBundle(source) ? toMeasureData(source) : source;
  return { spec: built.spec, settings, result: buildMeasure(built.spec, data, { ...built.options, ...options }) };
}

/** What a Compare sheet is built against: a name and its settings (a saved scenario, or the spec's own). */
export interface CompareWith {
  name: string;
  settings: MeasureSettings;
}

/** The default baseline of the Compare sheet: the spec's own settings. */
export const specBaseline = (spec: MeasureSpec): CompareWith => specScenario(spec);

/**
 * computeMeasure, then the sheet plan of that result with the settings in its Weights sheet. The Dual
 * sheet's second index defaults to the bundle's IMD 2025 rank (`dual: null`: no Dual sheet); the
 * Compare sheet's baseline to the spec's settings (`compare: null`: no Compare sheet) — computed once
 * more by the core unless it equals the settings.
 */
export function buildWorkbook(
  spec: MeasureSpec,
  source: AreaSource,
  settings: MeasureSettings,
  options: Omit<PlanOptions, "settings" | "dual" | "compare"> & {
    dual?: PlanOptions["dual"] | null;
    compare?: CompareWith | null;
    /** Saved scenarios for the Scenarios sheet, after the spec's own settings (and the baseline, if not among them). */
    scenarios?: Scenario[];
  } = {},
): BuiltMeasure & { plan: WorkbookPlan; baseline?: CompareBaseline } {
  const built = computeMeasure(spec, source, settings);
  const dual =
    options.dual === null ? undefined : (options.dual ?? (isBundle(source) ? bundledSecondIndex(source) : undefined));
  const against = options.compare === null ? undefined : (options.compare ?? specBaseline(spec));
  const compare = against
    ? {
        name: against.name,
        rank:
          settingsDiff(settings, against.settings).length === 0
            ? built.result.rank
            : computeMeasure(spec, source, against.settings, { lean: true }).result.rank,
      }
    : undefined;
  return {
    ...built,
    plan: planWorkbook(built.spec, source, built.result, {
      ...options,
      settings,
      dual,
      compare,
      scenarios: scenarioColumns(spec, options.scenarios ?? [], against),
    }),
    ...(compare ? { baseline: compare } : {}),
  };
}

/** The Scenarios sheet's columns: the spec's own settings, the saved scenarios, the baseline if not among them (first of a name wins). */
function scenarioColumns(spec: MeasureSpec, saved: readonly Scenario[], baseline?: CompareWith): Scenario[] {
  const out: Scenario[] = [];
  const seen = new Set<string>();
  for (const s of [specBaseline(spec), ...saved, ...(baseline ? [baseline] : [])]) {
    const k = scenarioKey(s.name);
    if (!seen.has(k)) (seen.add(k), out.push(s));
  }
  return out;
}
