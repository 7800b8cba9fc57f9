/**
 * The only module of the add-in that calls Excel.run. Everything else (the writer, the model)
 * receives a RequestContext or plain data.
 */
import {
  freeSuffix,
  inspectWorkbook,
  listSheetNames,
  readWeightsTable,
  type WorkbookState,
  type WriteOptions,
  type WriteReport,
  writeWorkbookPlan,
} from "../workbook/officeWriter";
import type { WorkbookPlan } from "../workbook/planTypes";

export interface WorkbookCheck extends WorkbookState {
  /** Suffix for "Build a new copy" (" (2)", " (3)", …). */
  copySuffix: string;
}

/** Which HLN sheets exist (the add-in's or the user's), and a free suffix for a copy. */
export async function checkWorkbook(baseNames: string[]): Promise<WorkbookCheck> {
  return Excel.run(async (context) => {
    const state = await inspectWorkbook(context, baseNames);
    const all = await listSheetNames(context);
    return { ...state, copySuffix: freeSuffix(baseNames, all) };
  });
}

/** Writes a plan (see src/workbook/officeWriter.ts for chunking, cancel and rebuild). */
export async function writePlan(plan: WorkbookPlan, options: WriteOptions): Promise<WriteReport> {
  return Excel.run(async (context) => writeWorkbookPlan(context, plan, options));
}

/** Activates a sheet and selects one cell ("Go to" of the trace). */
export async function goTo(sheet: string, address: string): Promise<void> {
  await Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(address).select();
    await context.sync();
  });
}

/** The add-in's existing Weights sheet as id → values (for "Rebuild (keep my weights)"). */
export async function readWeights(sheetName: string): Promise<Record<string, unknown[]>> {
  return Excel.run(async (context) => readWeightsTable(context, sheetName));
}

/** The used range of a sheet as Range.values returns it (the map's "Refresh map" reads HLN Score). */
export async function readSheetValues(sheetName: string): Promise<(string | number | boolean | null)[][]> {
  return Excel.run(async (context) => {
    const range = context.workbook.worksheets.getItem(sheetName).getUsedRange();
    range.load("values");
    await context.sync();
    return range.values as (string | number | boolean | null)[][];
  });
}
