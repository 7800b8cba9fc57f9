/**
 * Office.js writer of a WorkbookPlan. It receives a RequestContext (src/taskpane/excel.ts is the
 * only module that calls Excel.run) and executes the schedule of src/workbook/chunks.ts:
 *
 * 1. inspect: which plan sheets exist, and which of those the add-in created (worksheet custom
 *    property `HLN.addin`, ExcelApi 1.12). A plan sheet name taken by a sheet the user created is a
 *    conflict: nothing is written and the caller offers "Build a new copy" (suffixed names).
 * 2. lock (src/workbook/officeState.ts): the build lock and the saved settings on the hidden HLN State
 *    sheet, before the first write; another build's lock refuses the build. Then inspect again.
 * 3. prepare (one sync): every plan sheet is marked "building" (property, amber tab, note in A1) before
 *    its content changes; missing sheets are added with the markers; layout. Nothing is cleared.
 * 4. one sync per batch: each sheet is cleared in place in the sync of its own first batch (never
 *    deleted, so references from the user's sheets keep working), then values (Weights first), defined
 *    names (updated in place), formulas at their anchor cells; the lock's heartbeat; last, the
 *    completion marks of the sheets the batch finishes. Calculation and screen updating suspended;
 *    progress after each sync; the cancel flag checked between batches.
 * 5. finish: charts, leftover notes cleared, recalculation, the first sheet active, the lock released.
 *    On cancel or failure: a first build removes what it added; a rebuild marks every incomplete sheet
 *    (red note in A1, red tab, "incomplete") and records the step. Sheets the user created are never touched.
 */
import { cellAddress, parseRange, rangeAddress } from "./a1";
import { scheduleWrites, type WriteBatch, type WriteOp, type WriteSchedule } from "./chunks";
import { addCharts } from "./officeCharts";
import { STYLE_FORMATS } from "./styles";
import type { BlockStyle, SheetPlan, WorkbookPlan } from "./planTypes";
import {
  acquireLock,
  type BuildSession,
  OWNER_KEY,
  queueHeartbeat,
  queueRelease,
  releaseIfOurs,
  ROLE_KEY,
  STATUS_KEY,
} from "./officeState";
import { STATE_SHEET_NAME } from "./plan/context";

export { BuildLockedError, OWNER_KEY, ROLE_KEY, STATUS_KEY, type BuildSession } from "./officeState";
/** Tab colour of a sheet being written (set before its content changes, reset when it is complete). */
export const BUILDING_TAB = "#FFB900";
/** Tab and note colour of a sheet a cancelled or failed build left incomplete. */
export const INCOMPLETE_TAB = "#C50F1F";
/** Where the build / cancel note goes on each sheet. */
export const NOTE_CELL = "A1";
export const BUILDING_NOTE =
  "Building… (the HLN add-in is writing this sheet; if this note stays, the build did not finish: rebuild to complete)";

export class WorkbookWriteError extends Error {
  readonly code: "SHEET_CONFLICT" | "SHEETS_EXIST" | "WRITE_FAILED" | "LOCK_LOST";
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
  /** Who builds (the lock's owner) and the settings saved before the first write (default: anonymous, none). */
  session?: BuildSession;
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
  /** Plan sheets left incomplete (each has a note in A1, a red tab and the "incomplete" property). */
  incomplete: string[];
  /** A cancelled first build removed the sheets it had added (the workbook is as it was). */
  removed: boolean;
  /** Plan sheets left as they were because they exist and hold the user's entries (SheetPlan.keep: the Scenarios sheet). */
  kept: string[];
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
export function tabColour(c: string): string {
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
    case "formulas":
      range.formulas = op.formulas;
      break;
    case "format": {
      // a single value applies to every cell of the range
      if (op.numberFormat) (range as unknown as { numberFormat: unknown }).numberFormat = op.numberFormat;
      styleRange(range, op.style);
      break;
    }
  }
}

/** Queues a block style's fill and font on a range (nothing for no style); the result writer's too. */
export function styleRange(range: Excel.Range, style: BlockStyle | undefined): void {
  const st = style ? STYLE_FORMATS[style] : undefined;
  if (st?.fill) range.format.fill.color = st.fill;
  if (st?.font?.bold) range.format.font.bold = true;
  if (st?.font?.italic) range.format.font.italic = true;
  if (st?.font?.color) range.format.font.color = st.font.color;
  if (st?.font?.size) range.format.font.size = st.font.size;
}

/** True when one of the sheet's blocks writes A1 (so the building note is overwritten). */
function coversNoteCell(sheet: SheetPlan): boolean {
  return sheet.blocks.some((b) => {
    const r = parseRange(b.address.split(":")[0]);
    if (r.row !== 0 || r.col !== 0) return false;
    return b.values ? b.values.length > 0 && (b.values[0]?.length ?? 0) > 0 : b.formula !== undefined;
  });
}

/** One build's Excel context and bookkeeping (syncs, payloads, sheets, progress). */
interface Run {
  context: Ctx;
  plan: WorkbookPlan;
  options: WriteOptions;
  session: BuildSession;
  sheets: Map<string, Excel.Worksheet>;
  /** Plan sheets (and the state sheet) this build added: a cancelled first build removes them. */
  created: string[];
  state: Excel.Worksheet;
  complete: Set<string>;
  /** The plan's defined names that existed before this build (never removed by a cancel). */
  namesBefore: Set<string>;
  warnings: string[];
  payloads: number[];
  syncs: number;
  sync: (payload: number) => Promise<void>;
}

let anonymous = 0;

function newRun(context: Ctx, plan: WorkbookPlan, options: WriteOptions): Run {
  const run: Run = {
    context,
    plan,
    options,
    session: options.session ?? { owner: `writer-${Date.now().toString(36)}-${++anonymous}`, label: "" },
    sheets: new Map(),
    created: [],
    state: undefined as unknown as Excel.Worksheet,
    complete: new Set(),
    namesBefore: new Set(),
    warnings: [],
    payloads: [],
    syncs: 0,
    sync: async (payload: number) => {
      await context.sync();
      run.syncs++;
      run.payloads.push(payload);
    },
  };
  return run;
}

/** Counts `n` syncs made by a helper with no payload estimate. */
function counted(run: Run, n: number): void {
  run.syncs += n;
  for (let k = 0; k < n; k++) run.payloads.push(0);
}

/**
 * Writes a plan into the workbook. Refuses before writing anything (WorkbookWriteError) when a
 * plan sheet name belongs to a user sheet ("SHEET_CONFLICT") or, in "create" mode, when the add-in's
 * sheets already exist ("SHEETS_EXIST"); refuses (BuildLockedError) when another build holds the lock.
 */
export async function writeWorkbookPlan(context: Ctx, plan: WorkbookPlan, options: WriteOptions): Promise<WriteReport> {
  const run = newRun(context, plan, options);
  const stateName = plan.stateSheet ?? STATE_SHEET_NAME;
  const names = plan.sheets.map((s) => s.name);
  const first = await inspectWorkbook(context, [...names, stateName]);
  counted(run, first.syncs);
  refuseConflicts(first, "rebuild");
  // the lock before the first write; then look again (another build may have finished meanwhile)
  const lock = await acquireLock(context, stateName, run.session, plan.meta.version || "1");
  counted(run, lock.syncs);
  const createdState = lock.created;
  run.state = context.workbook.worksheets.getItem(stateName);
  if (createdState) run.created.push(stateName);
  let state: WorkbookState;
  try {
    state = await inspectWorkbook(context, names);
    counted(run, state.syncs);
    refuseConflicts(state, options.mode);
  } catch (e) {
    // nothing but the state sheet was written: give the lock back (remove the sheet if this build added it)
    if (createdState) {
      run.state.delete();
      await context.sync().catch(() => undefined);
    } else await releaseIfOurs(context, stateName, run.session, lock.prior).catch(() => undefined);
    throw e;
  }
  // a sheet of the user's entries that exists already is left as it is (not cleared, not rewritten)
  const kept = plan.sheets.filter((s) => s.keep && state.existing.includes(s.name)).map((s) => s.name);
  run.plan = { ...plan, sheets: plan.sheets.filter((s) => !kept.includes(s.name)) };
  return { ...(await writeLocked(run, new Set(state.existing))), kept };
}

/** The write itself, under the lock: prepare, batches, finish (or cancel / failure). */
async function writeLocked(run: Run, existing: Set<string>): Promise<Omit<WriteReport, "kept">> {
  const { plan, options } = run;
  const schedule: WriteSchedule = scheduleWrites(plan, {
    chunkRows: options.chunkRows,
    maxPayload: options.maxPayload,
  });
  const batches = schedule.batches;
  let rowsWritten = 0;
  const step = (name: string, phase: WriteProgress["phase"], batch: number) =>
    options.onProgress?.({
      step: name,
      phase,
      batch,
      batches: batches.length,
      rowsWritten,
      rowsTotal: schedule.totalRows,
      syncs: run.syncs,
    });
  step("Preparing sheets", "prepare", 0);
  let current: WriteBatch | undefined;
  let stoppedAt: string | undefined;
  try {
    const existingNames = await prepare(run, existing);
    const started = new Set<string>();
    for (let i = 0; i < batches.length; i++) {
      current = batches[i];
      if (options.isCancelled?.()) {
        stoppedAt = current.step;
        break;
      }
      await writeBatch(run, current, i === 0, started, existingNames);
      rowsWritten += current.rows;
      step(current.step, current.phase, i + 1);
      if (i + 1 < batches.length) await (options.pause ?? defaultPause)();
    }
    if (batches.length === 0) plan.sheets.forEach((s) => run.complete.add(s.name));
  } catch (e) {
    if (e instanceof WorkbookWriteError && e.code === "LOCK_LOST") throw e;
    const at = current?.step ?? "Preparing sheets";
    await stopBuild(run, "failed", at).catch(() => undefined);
    throw new WorkbookWriteError("WRITE_FAILED", `${at}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let removed = false;
  if (stoppedAt !== undefined) {
    removed = await stopBuild(run, "cancelled", stoppedAt);
    step("Cancelled", "finish", batches.length);
  } else {
    try {
      await finish(run, () => step("Drawing charts", "finish", batches.length));
    } catch (e) {
      await stopBuild(run, "failed", "Finishing").catch(() => undefined);
      throw new WorkbookWriteError("WRITE_FAILED", `Finishing: ${e instanceof Error ? e.message : String(e)}`);
    }
    step("Done", "finish", batches.length);
  }
  return {
    status: stoppedAt === undefined ? "complete" : "cancelled",
    syncs: run.syncs,
    payloads: run.payloads,
    maxPayload: run.payloads.reduce((m, p) => Math.max(m, p), 0),
    batches: batches.length,
    rowsWritten,
    rowsTotal: schedule.totalRows,
    stoppedAt,
    incomplete: removed ? [] : plan.sheets.map((s) => s.name).filter((n) => !run.complete.has(n)),
    removed,
    warnings: run.warnings,
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

/**
 * The prepare sync: every plan sheet is marked "building" (property, amber tab, note in A1) before any
 * content changes, missing ones are added with the ownership marker, layout set; nothing is cleared
 * (a sheet is cleared in the sync of its first batch, so a cancel leaves the sheets not yet reached
 * as they were). Returns the plan's names that exist already.
 */
async function prepare(run: Run, existing: Set<string>): Promise<Set<string>> {
  const { context, plan } = run;
  const app = context.workbook.application;
  app.suspendApiCalculationUntilNextSync();
  app.suspendScreenUpdatingUntilNextSync();
  const probes = plan.names.map((n) => {
    const item = context.workbook.names.getItemOrNullObject(n.name);
    item.load("name");
    return { name: n.name, item };
  });
  let payload = 0;
  for (const s of plan.sheets) {
    const ours = existing.has(s.name);
    const ws = ours ? context.workbook.worksheets.getItem(s.name) : context.workbook.worksheets.add(s.name);
    if (!ours) {
      ws.customProperties.add(OWNER_KEY, plan.meta.version || "1");
      run.created.push(s.name);
    }
    ws.customProperties.add(ROLE_KEY, s.role);
    markSheet(ws, "building", BUILDING_NOTE, BUILDING_TAB);
    layoutSheet(ws, s);
    run.sheets.set(s.name, ws);
    payload += 400 + BUILDING_NOTE.length + (s.columnWidths?.length ?? 0) * 120;
  }
  await run.sync(payload);
  run.namesBefore = new Set(probes.filter((p) => !p.item.isNullObject).map((p) => p.name));
  return run.namesBefore;
}

/**
 * One batch in one sync: each sheet this batch reaches first is cleared (and its note put back), then
 * the batch's writes, the lock's heartbeat, and last the completion marks of the sheets it finishes
 * (so a sync that fails part-way never marks a sheet complete).
 */
async function writeBatch(
  run: Run,
  batch: WriteBatch,
  firstBatch: boolean,
  started: Set<string>,
  existingNames: Set<string>,
): Promise<void> {
  const { context, plan, options } = run;
  const app = context.workbook.application;
  app.suspendApiCalculationUntilNextSync();
  app.suspendScreenUpdatingUntilNextSync();
  const reached = new Set<string>(batch.ops.flatMap((op) => (op.kind === "name" ? [] : [op.sheet])));
  if (firstBatch) plan.sheets.filter((s) => s.blocks.length === 0).forEach((s) => reached.add(s.name));
  for (const name of reached) {
    if (started.has(name)) continue;
    started.add(name);
    const ws = run.sheets.get(name)!;
    ws.getRange().clear("All");
    ws.getRange(NOTE_CELL).values = [[BUILDING_NOTE]];
  }
  for (const op of batch.ops) {
    if (op.kind !== "name") queueOp(run.sheets, op, context);
    else if (existingNames.has(op.name)) {
      // in place, so formulas that use the name keep working through the rebuild
      if (options.mode === "create") run.warnings.push(`defined name ${op.name} already exists and was left unchanged`);
      else context.workbook.names.getItem(op.name).formula = op.ref.startsWith("=") ? op.ref : `=${op.ref}`;
    } else context.workbook.names.add(op.name, op.ref.startsWith("=") ? op.ref : `=${op.ref}`, op.comment);
  }
  const stillOurs = queueHeartbeat(run.state, run.session);
  for (const name of batch.completes) {
    const s = plan.sheets.find((x) => x.name === name)!;
    run.sheets.get(name)!.tabColor = s.tabColor ? tabColour(s.tabColor) : "";
    run.sheets.get(name)!.customProperties.add(STATUS_KEY, "complete");
  }
  await run.sync(batch.payload);
  if (!stillOurs())
    throw new WorkbookWriteError(
      "LOCK_LOST",
      "another build took over these HLN sheets (it broke this build's lock as stale); this build stopped and left them to it",
    );
  batch.completes.forEach((n) => run.complete.add(n));
}

/** Charts, notes cleared, recalculation, first sheet active, status "complete" and the lock released. */
async function finish(run: Run, onCharts: () => void): Promise<void> {
  const { context, plan } = run;
  await drawCharts(
    context,
    plan,
    run.warnings,
    (p) => {
      run.syncs++;
      run.payloads.push(p);
    },
    onCharts,
  );
  for (const s of plan.sheets) {
    if (!coversNoteCell(s)) run.sheets.get(s.name)!.getRange(NOTE_CELL).values = [[""]];
  }
  context.workbook.application.calculate("Recalculate");
  const first = plan.sheets.find((s) => !s.hidden);
  if (first) run.sheets.get(first.name)!.activate();
  queueRelease(run.state, "complete");
  await run.sync(200 * plan.sheets.length);
}

/**
 * A cancelled or failed build. A first build ("create") removes what it added — sheets, names and its
 * state sheet — so the workbook is as it was; if that fails, or on a rebuild, every plan sheet not
 * complete gets a red note in A1, a red tab and the "incomplete" property, and the state records the
 * step and releases the lock. Returns whether the sheets were removed.
 */
async function stopBuild(run: Run, status: "cancelled" | "failed", at: string): Promise<boolean> {
  const { context, plan, options } = run;
  if (options.mode === "create") {
    try {
      const added = plan.names
        .filter((n) => !run.namesBefore.has(n.name))
        .map((n) => context.workbook.names.getItemOrNullObject(n.name).load("name"));
      await run.sync(60 * added.length);
      for (const item of added) if (!item.isNullObject) item.delete();
      for (const name of run.created) context.workbook.worksheets.getItem(name).delete();
      await run.sync(60 * run.created.length);
      return true;
    } catch (e) {
      run.warnings.push(
        `the sheets this build added could not be removed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  const why = `Build ${status} at step "${at}"; rebuild to complete. This sheet is incomplete.`;
  let payload = 0;
  for (const s of plan.sheets) {
    if (run.complete.has(s.name) || !run.sheets.has(s.name)) continue;
    const ws = run.sheets.get(s.name)!;
    markSheet(ws, "incomplete", why, INCOMPLETE_TAB);
    const cell = ws.getRange(NOTE_CELL);
    cell.format.font.color = INCOMPLETE_TAB;
    cell.format.font.bold = true;
    payload += 300 + why.length;
  }
  queueRelease(run.state, status, at);
  try {
    await run.sync(payload);
  } catch (e) {
    // the sheets keep the amber tab and "building" property set before they changed
    run.warnings.push(`the incomplete sheets could not be noted: ${e instanceof Error ? e.message : String(e)}`);
  }
  return false;
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

/** Queues a sheet's state mark: the status property, the note in A1 and the tab colour. */
function markSheet(ws: Excel.Worksheet, status: "building" | "incomplete", note: string, tab: string): void {
  ws.customProperties.add(STATUS_KEY, status);
  ws.getRange(NOTE_CELL).values = [[note]];
  ws.tabColor = tab;
}

/**
 * Queues a sheet's layout: column widths, frozen panes, visibility (the tab colour is set on
 * completion: tabColour). The result writer (officeResults.ts) lays out its sheets with it too.
 */
export function layoutSheet(ws: Excel.Worksheet, s: SheetPlan): void {
  (s.columnWidths ?? []).forEach((w, c) => {
    const col = cellAddress(0, c).replace(/\d+$/, "");
    ws.getRange(`${col}:${col}`).format.columnWidth = Math.round(w * POINTS_PER_CHAR * 10) / 10;
  });
  ws.freezePanes.unfreeze();
  if (s.freeze && (s.freeze.rows > 0 || s.freeze.cols > 0)) {
    if (s.freeze.rows > 0 && s.freeze.cols > 0)
      ws.freezePanes.freezeAt(rangeAddress(0, 0, s.freeze.rows, s.freeze.cols));
    else if (s.freeze.rows > 0) ws.freezePanes.freezeRows(s.freeze.rows);
    else ws.freezePanes.freezeColumns(s.freeze.cols);
  }
  if (s.hidden) ws.visibility = "Hidden" as Excel.SheetVisibility;
}
