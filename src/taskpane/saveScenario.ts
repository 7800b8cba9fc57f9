/**
 * "Save the current Weights as a scenario" (issue 18): the Weights sheet's settings, read through its
 * codec, as the next column of the workbook's HLN Scenarios sheet; nothing else is written.
 */
import { HlnError } from "../core/errors";
import type { MeasureSpec } from "../core/spec";
import { formatProblem } from "../workbook/measureCodec";
import { scenarioColumn } from "../workbook/scenariosCodec";
import { workbookMeasure, workbookSettings } from "./controller";
import type { ExcelApi } from "./excel";

/**
 * Saves the Weights sheet's current settings as the scenario `name`: the next column of the
 * Scenarios sheet. Nothing is written when there is no build yet, the Weights sheet has cells that
 * cannot be used (named), or the name is blank or saved already. Returns what was saved, for the pane.
 */
export async function saveScenarioInWorkbook(api: ExcelApi, spec: MeasureSpec, name: string): Promise<string> {
  const check = await api.checkWorkbook();
  const sheet = check.scenarios?.sheet;
  if (!check.scenarios || !sheet) throw new Error("Not saved: build the measure first (it adds the Scenarios sheet).");
  const measure = workbookMeasure(check, spec).spec ?? spec;
  const read = workbookSettings(check, measure);
  if (!read) throw new Error("Not saved: the workbook has no Weights sheet of the build to save from.");
  if (read.problems.length > 0)
    throw new Error(
      `Not saved: fix the Weights cells first — ${read.problems.slice(0, 3).map(formatProblem).join("; ")}${read.problems.length > 3 ? `; and ${read.problems.length - 3} more` : ""}.`,
    );
  let writes;
  try {
    writes = scenarioColumn(check.scenarios.values, measure, { name, settings: read.settings });
  } catch (e) {
    if (e instanceof HlnError) throw new Error(`Not saved: ${e.message.replace(`${e.path}: `, "")}.`);
    throw e;
  }
  await api.writeCells(sheet, writes);
  const column = writes.find((w) => w.values[0]?.[0] === name.trim())?.address ?? "";
  return `Saved "${name.trim()}" on '${sheet}'${column ? ` (${column.replace(/\d+$/, "")})` : ""}: pick it in "Compare with" and rebuild to see what your edits changed against it.`;
}
