/**
 * Office.js writer of a WorkbookPlan. It receives a RequestContext (src/taskpane/excel.ts is the
 * only module that calls Excel.run) and executes the schedule of src/workbook/chunks.ts:
 *
 * 1. inspect: which plan sheets exist, and which of those the add-in created (worksheet custom
 *    property `HLN.addin`, ExcelApi 1.12). A plan sheet name taken by a sheet the user created is a
 *    conflict: nothing is written and the caller offers "Build a new copy" (suffixed names).
 * 2. (the user's settings were read before planning, by the Weights codec: the plan already holds
 *    them, so the writer writes the plan and nothing else)
 * 3. prepare (one sync): clear the add-in's existing sheets in place (cells that reference them
 *    from user sheets keep working), add the missing ones with the ownership marker, set column
 *    widths / freeze panes / tab colours / visibility, and write a "Building…" note in A1 of each.
 * 4. one sync per batch: values (Weights first), defined names,
 *    formulas at their anchor cells; calculation and screen updating suspended for every batch;
 *    progress after each sync; the cancel flag checked between batches.
 * 5. finish: clear leftover notes, recalculate, activate the first sheet. On cancel (or error),
 *    every plan sheet that is not complete gets a note in A1 ("Build cancelled at step X; rebuild
 *    to complete") and a red tab. Sheets the user created are never touched.
 */
import { cellAddress, parseRange, rangeAddress } from "./a1";
import { scheduleWrites, type WriteBatch, type WriteOp, type WriteSchedule } from "./chunks";
import { addCharts } from "./officeCharts";
import { STYLE_FORMATS } from "./styles";
import type { SheetPlan, WorkbookPlan } from "./planTypes";

/** Worksheet custom property that marks a sheet the add-in created (value: plan version). */
export const OWNER_KEY = "HLN.addin";
/** Where the build / cancel note goes on each sheet. */
export const NOTE_CELL = "A1";
export const BUILDING_NOTE =
  "Building… (the HLN add-in is writing this sheet; if this note stays, the build did not finish: rebuild to complete)";

export class WorkbookWriteError extends Error {
  readonly code: "SHEET_CONFLICT" | "SHEETS_EXIST" | "WRITE_FAILED";
  constructor(code: WorkbookWriteError["code"], message: string) {
    super(message);
    this.name = "WorkbookWriteError";
    this.code = code;
  }
}

export interface SheetState {
  name: string;
  exists: boolean;
  /** Created by the add-in (carries the ownership marker). */
  ours: boolean;
}

export interface WorkbookState {
  sheets: SheetState[];
  /** Plan sheets that exist and are the add-in's: a rebuild target. */
  existing: string[];
  /** Plan sheet names taken by sheets the user created: never written. */
  conflicts: string[];
  /** context.sync() calls the inspection made. */
  syncs: number;
}

export interface WriteProgress {
  step: string;
  phase: "prepare" | "values" | "names" | "formulas" | "finish";
  batch: number;
  batches: number;
  rowsWritten: number;
  rowsTotal: number;
  syncs: number;
}

export interface WriteOptions {
  /** "create": every plan sheet must be absent; "rebuild": the add-in's existing sheets are rewritten. */
  mode: "create" | "rebuild";
  chunkRows?: number;
  maxPayload?: number;
  onProgress?: (p: WriteProgress) => void;
  /** Checked between syncs; true stops the build after the current sync. */
  isCancelled?: () => boolean;
  /** Awaited between syncs so the UI can repaint and take a Cancel click (default: a macrotask). */
  pause?: () => Promise<void>;
}

export interface WriteReport {
  status: "complete" | "cancelled";
  /** Every context.sync() of the build, including inspection and the final one. */
  syncs: number;
  /** Estimated request bytes per sync, in order. */
  payloads: number[];
  maxPayload: number;
  batches: number;
  rowsWritten: number;
  rowsTotal: number;
  /** Step at which the build stopped (cancelled). */
  stoppedAt?: string;
  /** Plan sheets left incomplete (each has a note in A1). */
  incomplete: string[];
  warnings: string[];
}

type Ctx = Excel.RequestContext;

const defaultPause = () => new Promise<void>((r) => setTimeout(r, 0));

/** Which plan sheets exist and whether the add-in created them (two small syncs). */
export async function inspectWorkbook(context: Ctx, sheetNames: string[]): Promise<WorkbookState> {
  const probes = sheetNames.map((name) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(name);
    ws.load("name");
    return { name, ws };
  });
  await context.sync();
  const existing = probes.filter((p) => !p.ws.isNullObject);
  let syncs = 1;
  const marks = existing.map((p) => {
    const prop = p.ws.customProperties.getItemOrNullObject(OWNER_KEY);
    prop.load("value");
    return { name: p.name, prop };
  });
  if (marks.length > 0) {
    await context.sync();
    syncs++;
  }
  const ours = new Set(marks.filter((m) => !m.prop.isNullObject).map((m) => m.name));
  const sheets = probes.map((p) => ({
    name: p.name,
    exists: !p.ws.isNullObject,
    ours: ours.has(p.name),
  }));
  return {
    sheets,
    existing: sheets.filter((s) => s.exists && s.ours).map((s) => s.name),
    conflicts: sheets.filter((s) => s.exists && !s.ours).map((s) => s.name),
    syncs,
  };
}

/** The used range of a sheet from A1: values and formulas (one sync). Empty grids for an empty sheet. */
export async function readSheetGrid(
  context: Ctx,
  sheetName: string,
): Promise<{ values: unknown[][]; formulas: unknown[][] }> {
  const used = context.workbook.worksheets.getItem(sheetName).getUsedRange();
  used.load("address");
  await context.sync();
  const last = used.address.split("!").pop()!.split(":").pop()!;
  const range = context.workbook.worksheets.getItem(sheetName).getRange(`A1:${last}`);
  range.load(["values", "formulas"]);
  await context.sync();
  return { values: range.values as unknown[][], formulas: range.formulas as unknown[][] };
}

/** All sheet names of the workbook (to choose a free copy suffix). */
export async function listSheetNames(context: Ctx): Promise<string[]> {
  const ws = context.workbook.worksheets;
  ws.load("items/name");
  await context.sync();
  return ws.items.map((w) => w.name);
}

/**
 * The first suffix " (2)", " (3)", … for which none of `baseNames + suffix` is taken. Excel sheet
 * names are case-insensitive and at most 31 characters.
 */
export function freeSuffix(baseNames: string[], taken: string[]): string {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  for (let k = 2; k < 1000; k++) {
    const suffix = ` (${k})`;
    if (baseNames.every((b) => !used.has((b + suffix).toLowerCase()) && (b + suffix).length <= 31)) return suffix;
  }
  throw new WorkbookWriteError("SHEET_CONFLICT", "no free sheet-name suffix");
}

export { STYLE_FORMATS } from "./styles";

/** "FFC000" → "#FFC000" (Office.js takes #RRGGBB or a named colour). */
function tabColour(c: string): string {
  return /^[0-9A-Fa-f]{6}$/.test(c) ? `#${c}` : c;
}

/** Approximate points per character of column width (Calibri 11). */
const POINTS_PER_CHAR = 5.6;

function queueOp(sheets: Map<string, Excel.Worksheet>, op: WriteOp, context: Ctx): void {
  if (op.kind === "name") {
    context.workbook.names.add(op.name, op.ref.startsWith("=") ? op.ref : `=${op.ref}`, op.comment);
    return;
  }
  const ws = sheets.get(op.sheet);
  if (!ws) throw new WorkbookWriteError("WRITE_FAILED", `refusing to write outside the add-in's sheets: "${op.sheet}"`);
  const range = ws.getRange(op.address);
  switch (op.kind) {
    case "values":
      range.values = op.values as unknown[][];
      break;
    case "formula":
      // a spilling formula goes into its anchor cell only; Excel fills the spill
      range.formulas = [[op.formula]];
      break;
    case "format": {
      // a single value applies to every cell of the range
      if (op.numberFormat) (range as unknown as { numberFormat: unknown }).numberFormat = op.numberFormat;
      const st = op.style ? STYLE_FORMATS[op.style] : undefined;
      if (st?.fill) range.format.fill.color = st.fill;
      if (st?.font?.bold) range.format.font.bold = true;
      if (st?.font?.italic) range.format.font.italic = true;
      if (st?.font?.color) range.format.font.color = st.font.color;
      if (st?.font?.size) range.format.font.size = st.font.size;
      break;
    }
  }
}

/** True when one of the sheet's blocks writes A1 (so the building note is overwritten). */
function coversNoteCell(sheet: SheetPlan): boolean {
  return sheet.blocks.some((b) => {
    const r = parseRange(b.address.split(":")[0]);
    if (r.row !== 0 || r.col !== 0) return false;
    return b.values ? b.values.length > 0 && (b.values[0]?.length ?? 0) > 0 : b.formula !== undefined;
  });
}

/**
 * Writes a plan into the workbook. Throws WorkbookWriteError before writing anything when a plan
 * sheet name belongs to a user sheet ("SHEET_CONFLICT") or, in "create" mode, when the add-in's
 * sheets already exist ("SHEETS_EXIST").
 */
export async function writeWorkbookPlan(context: Ctx, plan: WorkbookPlan, options: WriteOptions): Promise<WriteReport> {
  const pause = options.pause ?? defaultPause;
  const payloads: number[] = [];
  const warnings: string[] = [];
  let syncs = 0;
  const sync = async (payload: number) => {
    await context.sync();
    syncs++;
    payloads.push(payload);
  };
  const names = plan.sheets.map((s) => s.name);

  // 1. inspect
  const state = await inspectWorkbook(context, names);
  syncs += state.syncs;
  for (let k = 0; k < state.syncs; k++) payloads.push(0);
  refuseConflicts(state, options.mode);
  const existing = new Set(state.existing);
  const progress = (p: Omit<WriteProgress, "syncs">) => options.onProgress?.({ ...p, syncs });

  const schedule: WriteSchedule = scheduleWrites(plan, {
    chunkRows: options.chunkRows,
    maxPayload: options.maxPayload,
  });
  const batches = schedule.batches;
  let rowsWritten = 0;
  const step = (name: string, phase: WriteProgress["phase"], batch: number) =>
    progress({ step: name, phase, batch, batches: batches.length, rowsWritten, rowsTotal: schedule.totalRows });
  step("Preparing sheets", "prepare", 0);

  // 3. prepare: sheets (created or cleared), marker, layout, building note; existing names
  const app = context.workbook.application;
  app.suspendApiCalculationUntilNextSync();
  app.suspendScreenUpdatingUntilNextSync();
  const sheets = new Map<string, Excel.Worksheet>();
  const existingNames = new Map<string, Excel.NamedItem>();
  for (const n of plan.names) {
    const item = context.workbook.names.getItemOrNullObject(n.name);
    item.load("name");
    existingNames.set(n.name, item);
  }
  let preparePayload = 0;
  for (const s of plan.sheets) {
    const ws = prepareSheet(context, s, existing.has(s.name), plan.meta.version || "1");
    sheets.set(s.name, ws);
    preparePayload += 400 + BUILDING_NOTE.length + (s.columnWidths?.length ?? 0) * 120;
  }
  await sync(preparePayload);

  // names that already exist: replaced on rebuild, kept (with a warning) when building a copy
  const skipNames = new Set<string>();
  for (const [name, item] of existingNames) {
    if (item.isNullObject) continue;
    if (options.mode === "rebuild") item.delete();
    else {
      skipNames.add(name);
      warnings.push(`defined name ${name} already exists and was left unchanged`);
    }
  }

  // 4. batches
  const complete = new Set<string>();
  let stoppedAt: string | undefined;
  let current: WriteBatch | undefined;
  try {
    for (let i = 0; i < batches.length; i++) {
      current = batches[i];
      if (options.isCancelled?.()) {
        stoppedAt = current.step;
        break;
      }
      app.suspendApiCalculationUntilNextSync();
      app.suspendScreenUpdatingUntilNextSync();
      for (const op of current.ops) {
        if (op.kind === "name" && skipNames.has(op.name)) continue;
        queueOp(sheets, op, context);
      }
      await sync(current.payload);
      rowsWritten += current.rows;
      current.completes.forEach((n) => complete.add(n));
      step(current.step, current.phase, i + 1);
      if (i + 1 < batches.length) await pause();
    }
  } catch (e) {
    await markIncomplete(context, plan, sheets, complete, `Build failed at step "${current?.step ?? "prepare"}"`).catch(
      () => undefined,
    );
    throw new WorkbookWriteError(
      "WRITE_FAILED",
      `${current?.step ?? "prepare"}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (batches.length === 0) plan.sheets.forEach((s) => complete.add(s.name));

  // 5. finish
  if (stoppedAt !== undefined) {
    const p = await markIncomplete(context, plan, sheets, complete, `Build cancelled at step "${stoppedAt}"`);
    syncs++;
    payloads.push(p);
    step("Cancelled", "finish", batches.length);
  } else {
    await drawCharts(
      context,
      plan,
      warnings,
      (p) => {
        syncs++;
        payloads.push(p);
      },
      () => step("Drawing charts", "finish", batches.length),
    );
    for (const s of plan.sheets) {
      if (!coversNoteCell(s)) sheets.get(s.name)!.getRange(NOTE_CELL).values = [[""]];
    }
    app.calculate("Recalculate");
    const first = plan.sheets[0];
    if (first) sheets.get(first.name)!.activate();
    await sync(200 * plan.sheets.length);
    step("Done", "finish", batches.length);
  }

  return {
    status: stoppedAt === undefined ? "complete" : "cancelled",
    syncs,
    payloads,
    maxPayload: payloads.reduce((m, p) => Math.max(m, p), 0),
    batches: batches.length,
    rowsWritten,
    rowsTotal: schedule.totalRows,
    stoppedAt,
    incomplete: plan.sheets.map((s) => s.name).filter((n) => !complete.has(n)),
    warnings,
  };
}

/** Throws before anything is written when a plan sheet is the user's, or ("create") already exists. */
function refuseConflicts(state: WorkbookState, mode: WriteOptions["mode"]): void {
  if (state.conflicts.length > 0) {
    throw new WorkbookWriteError(
      "SHEET_CONFLICT",
      `sheet name${state.conflicts.length > 1 ? "s" : ""} ${state.conflicts.map((n) => `"${n}"`).join(", ")} already used by your own sheets; build a new copy instead`,
    );
  }
  if (mode === "create" && state.existing.length > 0) {
    throw new WorkbookWriteError(
      "SHEETS_EXIST",
      `the add-in's sheets already exist (${state.existing.join(", ")}); rebuild or build a new copy`,
    );
  }
}

/** Queues one sheet's preparation: cleared in place (or created with the marker), layout, building note. */
function prepareSheet(context: Ctx, s: SheetPlan, exists: boolean, version: string): Excel.Worksheet {
  let ws: Excel.Worksheet;
  if (exists) {
    ws = context.workbook.worksheets.getItem(s.name);
    ws.getRange().clear("All");
    ws.freezePanes.unfreeze();
    ws.tabColor = s.tabColor ? tabColour(s.tabColor) : "";
  } else {
    ws = context.workbook.worksheets.add(s.name);
    ws.customProperties.add(OWNER_KEY, version);
  }
  (s.columnWidths ?? []).forEach((w, c) => {
    const col = cellAddress(0, c).replace(/\d+$/, "");
    ws.getRange(`${col}:${col}`).format.columnWidth = Math.round(w * POINTS_PER_CHAR * 10) / 10;
  });
  if (s.freeze && (s.freeze.rows > 0 || s.freeze.cols > 0)) {
    if (s.freeze.rows > 0 && s.freeze.cols > 0)
      ws.freezePanes.freezeAt(rangeAddress(0, 0, s.freeze.rows, s.freeze.cols));
    else if (s.freeze.rows > 0) ws.freezePanes.freezeRows(s.freeze.rows);
    else ws.freezePanes.freezeColumns(s.freeze.cols);
  }
  if (s.tabColor) ws.tabColor = tabColour(s.tabColor);
  if (s.hidden) ws.visibility = "Hidden" as Excel.SheetVisibility;
  ws.getRange(NOTE_CELL).values = [[BUILDING_NOTE]];
  return ws;
}

/** Draws the plan's charts on its charts sheet; a failure is a warning (the tables are written). */
async function drawCharts(
  context: Ctx,
  plan: WorkbookPlan,
  warnings: string[],
  onSync: (payload: number) => void,
  onStart: () => void,
): Promise<void> {
  const chartsSheet = plan.sheets.find((s) => s.role === "charts");
  if (!plan.charts || plan.charts.length === 0 || !chartsSheet) return;
  onStart();
  // count the syncs addCharts makes
  const counting = new Proxy(context, {
    get: (t, k) =>
      k === "sync"
        ? async () => {
            await t.sync();
            onSync(400 * plan.charts!.length);
          }
        : Reflect.get(t, k),
  });
  try {
    await addCharts(counting, chartsSheet.name, plan.charts);
  } catch (e) {
    warnings.push(`charts not drawn: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Note + red tab on every plan sheet that is not complete; returns the estimated payload. */
async function markIncomplete(
  context: Ctx,
  plan: WorkbookPlan,
  sheets: Map<string, Excel.Worksheet>,
  complete: Set<string>,
  why: string,
): Promise<number> {
  let payload = 0;
  const note = `${why}; rebuild to complete. This sheet is incomplete.`;
  for (const s of plan.sheets) {
    const ws = sheets.get(s.name);
    if (!ws || complete.has(s.name)) continue;
    const cell = ws.getRange(NOTE_CELL);
    cell.values = [[note]];
    cell.format.font.color = "#C50F1F";
    cell.format.font.bold = true;
    ws.tabColor = "#C50F1F";
    payload += 300 + note.length;
  }
  await context.sync();
  return payload;
}
