/**
 * The only module of the add-in that calls Excel.run. Everything else (the writer, the model, the
 * build controller) receives a RequestContext or plain data.
 */
import { ALL_SHEET_NAMES, PlanIndex, SHEET_NAMES } from "../workbook/plan";
import {
  freeSuffix,
  inspectWorkbook,
  listSheetNames,
  readSheetGrid,
  type WorkbookState,
  type WriteOptions,
  type WriteReport,
  writeWorkbookPlan,
} from "../workbook/officeWriter";
import type { WorkbookPlan } from "../workbook/planTypes";

export interface WorkbookCheck extends WorkbookState {
  /** Suffix for "Build a new copy" (" (2)", " (3)", …), free for every sheet a build writes. */
  copySuffix: string;
  /** The saved plan index of the existing build, when there is one. */
  index: PlanIndex | null;
  /**
   * The add-in's sheets exist but carry no readable index (a build made before the index existed,
   * or a damaged one): a rebuild would have to guess the layout, so only "Build a new copy" is offered.
   */
  legacy: string | null;
  /** The existing build's Weights sheet (values and formulas from A1), found through its index. */
  weights: { sheet: string; values: unknown[][]; formulas: unknown[][] } | null;
}

/** Which HLN sheets exist (the add-in's or the user's), the existing build's index and Weights sheet. */
export async function checkWorkbook(baseNames: readonly string[] = ALL_SHEET_NAMES): Promise<WorkbookCheck> {
  return Excel.run(async (context) => {
    const state = await inspectWorkbook(context, [...baseNames]);
    const all = await listSheetNames(context);
    const out: WorkbookCheck = {
      ...state,
      copySuffix: freeSuffix([...baseNames], all),
      index: null,
      legacy: null,
      weights: null,
    };
    if (state.existing.length === 0) return out;
    if (!state.existing.includes(SHEET_NAMES.index)) {
      out.legacy = "the HLN sheets were built by an earlier version of the add-in (no plan index)";
      return out;
    }
    try {
      out.index = PlanIndex.fromRows((await readSheetGrid(context, SHEET_NAMES.index)).values);
    } catch (e) {
      out.legacy = `the HLN Index sheet cannot be read (${e instanceof Error ? e.message : String(e)})`;
      return out;
    }
    const w = out.index.get("sheet:weights")?.sheet;
    if (w && all.includes(w)) out.weights = { sheet: w, ...(await readSheetGrid(context, w)) };
    return out;
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

/** Several ranges' values in one sync ("Refresh map" reads the columns the index names). */
export async function readRanges(refs: { sheet: string; range: string }[]): Promise<unknown[][][]> {
  return Excel.run(async (context) => {
    const ranges = refs.map((r) => {
      const range = context.workbook.worksheets.getItem(r.sheet).getRange(r.range);
      range.load("values");
      return range;
    });
    await context.sync();
    return ranges.map((r) => r.values as unknown[][]);
  });
}

/** The functions the build controller needs from Excel (injectable for tests). */
export const excel = { checkWorkbook, writePlan, readRanges };
export type ExcelApi = typeof excel;
