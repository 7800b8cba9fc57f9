/**
 * The task pane's saved scenarios (issue 18): the workbook's HLN Scenarios sheet read through its
 * codec, and the Compare baseline a build takes from it (saving one: saveScenario.ts).
 */
import { findScenario, type Scenario } from "../core/scenario";
import type { MeasureSpec } from "../core/spec";
import { type ReadScenarios, readScenarios } from "../workbook/scenariosCodec";
import type { WorkbookCheck } from "./excel";

/** The saved scenarios of the workbook's Scenarios sheet (none when it has no such sheet), every bad cell named. */
export function savedScenarios(check: WorkbookCheck, spec: MeasureSpec): ReadScenarios {
  if (!check.scenarios) return { scenarios: [], problems: [] };
  return readScenarios(check.scenarios.values, spec, check.scenarios.sheet);
}

/**
 * The Compare sheet's baseline named `name`: the spec's own settings or a saved scenario of that
 * name (case and spaces aside). Throws an Error naming the sheet when there is none.
 */
export function baselineFor(saved: readonly Scenario[], name: string, spec: MeasureSpec): Scenario {
  const s = findScenario(saved, name, spec);
  if (!s) throw new Error(`Not built: no saved scenario "${name}" on the Scenarios sheet (it was renamed or removed).`);
  return s;
}
