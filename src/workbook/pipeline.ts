/**
 * The one build pipeline shared by the CLI and the task pane: spec + source (the bundle or a user's
 * data) + settings → the core's MeasureResult → the sheet plan. Nothing else chains these steps.
 */
import { buildMeasure, type MeasureResult } from "../core/buildMeasure";
import { type MeasureSettings, settingsToBuild } from "../core/settings";
import type { MeasureSpec } from "../core/spec";
import { toMeasureData } from "../data/bundle";
import { syntheticIndicators } from "../data/openData";
import { bundledSecondIndex } from "../data/secondIndex";
import { type AreaSource, isBundle } from "./plan/areas";
import { planWorkbook, type PlanOptions } from "./plan";
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

/**
 * computeMeasure, then the sheet plan of that result with the settings in its Weights sheet. The Dual
 * sheet's second index defaults to the bundle's IMD 2025 rank (`dual: null`: no Dual sheet).
 */
export function buildWorkbook(
  spec: MeasureSpec,
  source: AreaSource,
  settings: MeasureSettings,
  options: Omit<PlanOptions, "settings" | "dual"> & { dual?: PlanOptions["dual"] | null } = {},
): BuiltMeasure & { plan: WorkbookPlan } {
  const built = computeMeasure(spec, source, settings);
  const dual =
    options.dual === null ? undefined : (options.dual ?? (isBundle(source) ? bundledSecondIndex(source) : undefined));
  return { ...built, plan: planWorkbook(built.spec, source, built.result, { ...options, settings, dual }) };
}
