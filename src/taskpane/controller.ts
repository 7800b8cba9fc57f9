/**
 * One build from the task pane, as a plain async function over the Excel calls of excel.ts (injected,
 * so tests run it on the in-memory Excel): check the workbook, read the existing build's Weights
 * sheet through its index and the codec, apply the pane's fields over it, run the shared pipeline,
 * write the plan.
 */
import type { MeasureSettings } from "../core/settings";
import { settingsDiff, defaultSettings } from "../core/settings";
import type { MeasureSpec } from "../core/spec";
import type { Bundle } from "../data/bundle";
import { areaGrouping } from "../data/groupings";
import type { WriteProgress, WriteReport } from "../workbook/officeWriter";
import type { WorkbookPlan } from "../workbook/planTypes";
import type { MeasureResult } from "../core/buildMeasure";
import { readWeights, type ReadWeights, type WeightsProblem } from "../workbook/weightsCodec";
import type { ExcelApi, WorkbookCheck } from "./excel";
import {
  buildPaneWorkbook,
  type PaneField,
  type PaneOptions,
  paneOptionsFromWorkbook,
  type ResultSummary,
  settingsForBuild,
  summariseResult,
} from "./model";

export type BuildChoice = "rebuild" | "copy";

export interface BuildRequest {
  spec: MeasureSpec;
  bundle: Bundle;
  pane: PaneOptions;
  choice: BuildChoice;
  /** Area summary sheets besides the districts: "utla", "region", "msoa", "ward". */
  summaries?: string[];
  isCancelled?: () => boolean;
  onProgress?: (p: WriteProgress) => void;
  /** Called after the measure is computed, before writing starts. */
  onComputed?: () => Promise<void> | void;
}

export interface BuildOutcome {
  status: "complete" | "cancelled";
  rebuild: boolean;
  suffix: string;
  spec: MeasureSpec;
  settings: MeasureSettings;
  result: MeasureResult;
  plan: WorkbookPlan;
  summary: ResultSummary;
  report?: WriteReport;
  /** Settings read from the workbook's Weights sheet that differ from the spec. */
  fromWorkbook: string[];
  /** Pane fields that won over the workbook. */
  fromPane: PaneField[];
  /** Weights cells that could not be used (the spec's value stood in). */
  problems: WeightsProblem[];
  /** The Options card after the build (what the workbook now holds). */
  pane: PaneOptions;
}

/** The existing build's settings, read through the codec (undefined when there is no Weights sheet). */
export function workbookSettings(check: WorkbookCheck, spec: MeasureSpec): ReadWeights | undefined {
  return check.weights
    ? readWeights(check.weights.values, spec, check.weights.sheet, check.weights.formulas)
    : undefined;
}

/** The summaries an existing build has (from its index), so a rebuild keeps them by default. */
export function builtSummaries(check: WorkbookCheck): string[] {
  return (check.index?.keys("sheet:summary:") ?? []).map((k) => k.slice("sheet:summary:".length));
}

/** Whether the build rewrites the existing sheets, and the suffix of the sheets it writes. */
export function buildTarget(check: WorkbookCheck, choice: BuildChoice): { rebuild: boolean; suffix: string } {
  const exists = check.existing.length > 0;
  const free = check.conflicts.length === 0;
  const rebuild = exists && free && choice === "rebuild" && !check.legacy;
  return { rebuild, suffix: rebuild || (!exists && free) ? "" : check.copySuffix };
}

export async function buildInWorkbook(req: BuildRequest, api: ExcelApi): Promise<BuildOutcome> {
  const { spec, bundle } = req;
  const check = await api.checkWorkbook();
  const { rebuild, suffix } = buildTarget(check, req.choice);
  const read = rebuild ? workbookSettings(check, spec) : undefined;
  const settings = settingsForBuild(req.pane, read?.settings);
  // a formula typed in a Weights cell is kept unless the pane now sets that field
  const formulas = Object.fromEntries(
    Object.entries(read?.formulas ?? {}).filter(
      ([k]) => !req.pane.fromPane.some((f) => k === (f.startsWith("weight:") ? f : `option:${f}`)),
    ),
  );
  const groupings = (req.summaries ?? []).filter((id) => id !== "lad").map((id) => areaGrouping(bundle, id));
  const built = buildPaneWorkbook(spec, bundle, settings, suffix, formulas, groupings);
  const base = {
    rebuild,
    suffix,
    spec: built.spec,
    settings,
    result: built.result,
    plan: built.plan,
    summary: summariseResult(built.result, bundle),
    fromWorkbook: read ? settingsDiff(defaultSettings(spec), read.settings) : [],
    fromPane: read ? req.pane.fromPane : [],
    problems: read?.problems ?? [],
    pane: read ? paneOptionsFromWorkbook(req.pane, read.settings) : req.pane,
  };
  await req.onComputed?.();
  if (req.isCancelled?.()) return { ...base, status: "cancelled" };
  const report = await api.writePlan(built.plan, {
    mode: rebuild ? "rebuild" : "create",
    onProgress: req.onProgress,
    isCancelled: req.isCancelled,
  });
  return { ...base, status: report.status, report };
}
