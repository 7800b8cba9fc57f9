/**
 * The only module of the add-in that calls Excel.run. Everything else (the writer, the model, the
 * build controller) receives a RequestContext or plain data.
 */
import { ALL_SHEET_NAMES, PlanIndex, SHEET_NAMES, STATE_SHEET_NAME } from "../workbook/plan";
import { type BuildState, EMPTY_STATE } from "../workbook/buildState";
import { cellAddress, parseRange, rangeAddress } from "../workbook/a1";
import { outsideRects, planFootprint, type Rect } from "../workbook/footprint";
import { readStateSheet } from "../workbook/officeState";
import {
  freeSuffix,
  inspectWorkbook,
  listSheetNames,
  OWNER_KEY,
  readSheetGrid,
  ROLE_KEY,
  STATUS_KEY,
  type WorkbookState,
  type WriteOptions,
  type WriteReport,
  writeWorkbookPlan,
} from "../workbook/officeWriter";
import type { SheetPlan, WorkbookPlan } from "../workbook/planTypes";
import { type ResultWriteOptions, type ResultWriteReport, writeResultSheets } from "../workbook/officeResults";

/** A sheet's cells from A1: Range.values and Range.formulas of A1 to the end of its used range. */
export interface SheetGrid {
  sheet: string;
  values: unknown[][];
  formulas: unknown[][];
}

export interface WorkbookCheck extends WorkbookState {
  /** Suffix for "Build a new copy" (" (2)", " (3)", …), free for every sheet a build writes. */
  copySuffix: string;
  /** The saved plan index of the existing build, when there is one. */
  index: PlanIndex | null;
  /**
   * The add-in's sheets exist but carry no readable index (a build made before the index existed,
   * or a damaged one) and no saved settings of an interrupted build: a rebuild would have to guess
   * the layout, so only "Build a new copy" is offered.
   */
  legacy: string | null;
  /** The existing build's Weights sheet (values and formulas from A1), found through its index. */
  weights: SheetGrid | null;
  /**
   * The existing build's Measure sheet (values and formulas from A1), found through its index
   * (`sheet:measure`); null for a build made before the Measure sheet existed, or when it is gone.
   */
  measure: SheetGrid | null;
  /** The existing build's Scenarios sheet (saved settings; `sheet:scenarios` in the index); null when there is none. */
  scenarios: SheetGrid | null;
  /** The build lock and saved settings (hidden sheet HLN State); EMPTY_STATE when there is none. */
  state: BuildState;
  /** The add-in's sheets a build left incomplete ("building" or "incomplete" property). */
  incomplete: string[];
  /**
   * The index names a Weights sheet that is not there: renamed (`renamedTo`, found by its role
   * property) or deleted (`renamedTo` null).
   */
  weightsMissing: { expected: string; renamedTo: string | null } | null;
}

/** The add-in's sheets' status and role properties (one sync). */
async function sheetProperties(
  context: Excel.RequestContext,
  names: string[],
): Promise<Map<string, { owner: boolean; role: string | null; status: string | null }>> {
  const probes = names.map((name) => {
    const props = context.workbook.worksheets.getItem(name).customProperties;
    const get = (key: string) => props.getItemOrNullObject(key).load("value");
    return { name, owner: get(OWNER_KEY), role: get(ROLE_KEY), status: get(STATUS_KEY) };
  });
  await context.sync();
  const value = (p: Excel.WorksheetCustomProperty) => (p.isNullObject ? null : String(p.value));
  return new Map(
    probes.map((p) => [p.name, { owner: !p.owner.isNullObject, role: value(p.role), status: value(p.status) }]),
  );
}

/**
 * Several sheets' cells from A1 (two syncs for all of them, as readSheetGrid takes for one); a sheet
 * with no used cells (the user cleared it) gives empty grids, which the codecs report.
 */
async function readSheetGrids(context: Excel.RequestContext, names: readonly string[]): Promise<SheetGrid[]> {
  if (names.length === 0) return [];
  const used = names.map((n) => context.workbook.worksheets.getItem(n).getUsedRangeOrNullObject().load("address"));
  await context.sync();
  const ranges = names.map((n, k) => {
    if (used[k].isNullObject) return null;
    const last = used[k].address.split("!").pop()!.split(":").pop()!;
    return context.workbook.worksheets.getItem(n).getRange(`A1:${last}`).load(["values", "formulas"]);
  });
  await context.sync();
  return names.map((sheet, k) => ({
    sheet,
    values: (ranges[k]?.values ?? []) as unknown[][],
    formulas: (ranges[k]?.formulas ?? []) as unknown[][],
  }));
}

/**
 * Which HLN sheets exist (the add-in's or the user's), the existing build's index, Weights and
 * Measure sheets, build state (lock, saved settings) and incomplete sheets.
 */
export async function checkWorkbook(baseNames: readonly string[] = ALL_SHEET_NAMES): Promise<WorkbookCheck> {
  return Excel.run(async (context) => {
    const inspected = await inspectWorkbook(context, [...baseNames]);
    const all = await listSheetNames(context);
    const state: WorkbookState = {
      ...inspected,
      existing: inspected.existing.filter((n) => n !== STATE_SHEET_NAME),
    };
    const out: WorkbookCheck = {
      ...state,
      copySuffix: freeSuffix([...baseNames], all),
      index: null,
      legacy: null,
      weights: null,
      measure: null,
      scenarios: null,
      state:
        (inspected.existing.includes(STATE_SHEET_NAME) && (await readStateSheet(context, STATE_SHEET_NAME))) ||
        EMPTY_STATE,
      incomplete: [],
      weightsMissing: null,
    };
    if (state.existing.length === 0) return out;
    const props = await sheetProperties(context, all);
    out.incomplete = state.existing.filter((n) => {
      const st = props.get(n)?.status;
      return st === "building" || st === "incomplete";
    });
    const resumable = out.state.target !== null && (out.incomplete.length > 0 || out.state.status !== "complete");
    // an interrupted build may have left the index incomplete: its saved settings and the
    // Weights sheet's own name stand in
    let w: string | undefined = SHEET_NAMES.weights;
    let m: string | undefined = SHEET_NAMES.measure;
    let sc: string | undefined = SHEET_NAMES.scenarios;
    if (!state.existing.includes(SHEET_NAMES.index)) {
      if (!resumable) {
        out.legacy = "the HLN sheets were built by an earlier version of the add-in (no plan index)";
        return out;
      }
    } else {
      // an Excel error reading the sheet propagates; only its content can make the index unreadable
      const rows = (await readSheetGrid(context, SHEET_NAMES.index)).values;
      try {
        out.index = PlanIndex.fromRows(rows);
        w = out.index.get("sheet:weights")?.sheet;
        m = out.index.get("sheet:measure")?.sheet;
        sc = out.index.get("sheet:scenarios")?.sheet;
      } catch (e) {
        if (!resumable) {
          out.legacy = `the HLN Index sheet cannot be read (${e instanceof Error ? e.message : String(e)})`;
          return out;
        }
      }
    }
    const read = [w, m, sc].filter((n): n is string => !!n && all.includes(n));
    const grids = await readSheetGrids(context, read);
    if (m && read.includes(m)) out.measure = grids[read.indexOf(m)];
    if (sc && read.includes(sc)) out.scenarios = grids[read.indexOf(sc)];
    if (w && read.includes(w)) out.weights = grids[read.indexOf(w)];
    else if (w) {
      const renamed = all.find((n) => props.get(n)?.owner && props.get(n)?.role === "weights");
      out.weightsMissing = { expected: w, renamedTo: renamed ?? null };
    }
    return out;
  });
}

/** A cell a user filled in an HLN sheet outside what the plan writes (a rebuild would erase it). */
export interface UserCell {
  sheet: string;
  address: string;
  value: unknown;
  formula: unknown;
}

/** At most this many user cells are read (the pane lists a few and counts the rest). */
const USER_CELLS_READ = 2_000;

/**
 * The cells of the existing HLN sheets that `plan` does not write (three syncs): used range of each,
 * the parts of it outside the plan's footprint, and the filled cells there.
 */
export async function findUserCells(plan: WorkbookPlan, existing: readonly string[]): Promise<UserCell[]> {
  return Excel.run(async (context) => {
    // a kept sheet (the Scenarios sheet) is not rewritten: its cells are the user's and stay
    const sheets = plan.sheets.filter((s) => existing.includes(s.name) && s.role !== "index" && !s.keep);
    const used = sheets.map((s) => ({
      s,
      u: context.workbook.worksheets.getItem(s.name).getUsedRangeOrNullObject(true).load("address"),
    }));
    await context.sync();
    const parts: { sheet: string; r: Excel.Range }[] = [];
    for (const { s, u } of used) {
      if (u.isNullObject) continue;
      const ws = context.workbook.worksheets.getItem(s.name);
      const rect = parseRange(u.address.split("!").pop()!);
      for (const o of outsideRects(rect as Rect, planFootprint(s)))
        parts.push({
          sheet: s.name,
          r: ws
            .getRange(rangeAddress(o.row, o.col, o.rows, o.cols))
            .getUsedRangeOrNullObject(true)
            .load("address"),
        });
    }
    await context.sync();
    const filled = parts.filter((p) => !p.r.isNullObject);
    const reads: { sheet: string; row: number; col: number; r: Excel.Range }[] = [];
    let budget = USER_CELLS_READ;
    for (const p of filled) {
      const a = parseRange(p.r.address.split("!").pop()!);
      const rows = Math.max(1, Math.min(a.rows, Math.floor(budget / a.cols)));
      if (budget <= 0) break;
      budget -= rows * a.cols;
      const r = context.workbook.worksheets.getItem(p.sheet).getRange(rangeAddress(a.row, a.col, rows, a.cols));
      reads.push({ sheet: p.sheet, row: a.row, col: a.col, r: r.load(["values", "formulas"]) });
    }
    await context.sync();
    const out: UserCell[] = [];
    for (const x of reads)
      (x.r.values as unknown[][]).forEach((row, i) =>
        row.forEach((v, j) => {
          const f = (x.r.formulas as unknown[][])[i][j];
          if (v !== "" && v !== null)
            out.push({ sheet: x.sheet, address: cellAddress(x.row + i, x.col + j), value: v, formula: f });
          else if (typeof f === "string" && f.startsWith("="))
            out.push({ sheet: x.sheet, address: cellAddress(x.row + i, x.col + j), value: v, formula: f });
        }),
      );
    return out;
  });
}

/** Copies user cells to a new sheet of the user's (sheet, cell, value, formula); returns its name. */
export async function copyUserCells(cells: UserCell[], baseName = "Copied from HLN sheets"): Promise<string> {
  return Excel.run(async (context) => {
    const all = await listSheetNames(context);
    const name = [baseName, ...Array.from({ length: 98 }, (_, k) => `${baseName} (${k + 2})`)].find(
      (n) => !all.some((t) => t.toLowerCase() === n.toLowerCase()),
    )!;
    const ws = context.workbook.worksheets.add(name);
    const text = (v: unknown) => (typeof v === "string" ? `'${v}` : v);
    ws.getRange(rangeAddress(0, 0, cells.length + 1, 4)).values = [
      ["Sheet", "Cell", "Value", "Formula"],
      ...cells.map((c) => [c.sheet, c.address, text(c.value), c.formula === c.value ? "" : text(c.formula)]),
    ];
    await context.sync();
    return name;
  });
}

/** Renames a sheet (a renamed HLN Weights sheet back to its name; references follow it). */
export async function renameSheet(from: string, to: string): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem(from).name = to;
    await context.sync();
  });
}

/** Writes a plan (see src/workbook/officeWriter.ts for chunking, cancel and rebuild). */
export async function writePlan(plan: WorkbookPlan, options: WriteOptions): Promise<WriteReport> {
  return Excel.run(async (context) => writeWorkbookPlan(context, plan, options));
}

/** Writes values into cells of one sheet, in one sync (a saved scenario's column on the Scenarios sheet). */
export async function writeCells(sheet: string, writes: { address: string; values: unknown[][] }[]): Promise<void> {
  await Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    for (const w of writes) ws.getRange(w.address).values = w.values as (string | number | boolean)[][];
    await context.sync();
  });
}

/** Writes the Uncertainty card's result sheets (values; see src/workbook/officeResults.ts for the safe swap). */
export async function writeResults(sheets: SheetPlan[], options: ResultWriteOptions): Promise<ResultWriteReport> {
  return Excel.run(async (context) => writeResultSheets(context, sheets, options));
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

/**
 * A table of areas in the user's workbook a build can read (issue 16): an Excel table by its name,
 * or a sheet's used range (a header row with an area code and a group code column).
 */
export interface AreasRef {
  kind: "table" | "sheet";
  name: string;
}

/** A source the Data card offers: the ref, the sheet it is on and its address (for the label). */
export interface AreasChoice extends AreasRef {
  sheet: string;
  address: string;
}

/** The cells of an areas source: values from its first cell, which is `origin` (0-based) on `sheet`. */
export interface AreasGrid {
  ref: AreasRef;
  sheet: string;
  address: string;
  origin: { row: number; col: number };
  values: unknown[][];
}

/** The part of an address after "Sheet!" ("'My sheet'!B2:H41" → "B2:H41"). */
const localAddress = (a: string) => a.split("!").pop()!;

/**
 * The workbook's Excel tables and the sheets with used cells (three syncs), the add-in's own sheets
 * (and tables on them) left out: what the Data card lists. Nothing is changed.
 */
export async function listAreaSources(): Promise<AreasChoice[]> {
  return Excel.run(async (context) => {
    const all = await listSheetNames(context);
    const props = await sheetProperties(context, all);
    const own = (n: string) => props.get(n)?.owner === true;
    const tables = context.workbook.tables;
    tables.load("items/name");
    await context.sync();
    const probes = tables.items.map((t) => ({
      name: t.name,
      ws: t.worksheet.load("name"),
      range: t.getRange().load("address"),
    }));
    const sheets = all
      .filter((n) => !own(n))
      .map((n) => ({ n, u: context.workbook.worksheets.getItem(n).getUsedRangeOrNullObject(true).load("address") }));
    await context.sync();
    const out: AreasChoice[] = [];
    for (const p of probes)
      if (!own(p.ws.name))
        out.push({ kind: "table", name: p.name, sheet: p.ws.name, address: localAddress(p.range.address) });
    for (const { n, u } of sheets)
      if (!u.isNullObject) out.push({ kind: "sheet", name: n, sheet: n, address: localAddress(u.address) });
    return out;
  });
}

/**
 * An areas source's cells (read only): an Excel table's range (header row and body), or a sheet's
 * cells from A1 to the end of its used range. The areas codec (src/workbook/areasCodec.ts) reads them.
 */
export async function readAreaSource(ref: AreasRef): Promise<AreasGrid> {
  return Excel.run(async (context) => {
    if (ref.kind === "sheet") {
      const [g] = await readSheetGrids(context, [ref.name]);
      const rows = g.values.length;
      const cols = Math.max(0, ...g.values.map((r) => r.length));
      const address = rows && cols ? rangeAddress(0, 0, rows, cols) : "A1";
      return { ref, sheet: ref.name, address, origin: { row: 0, col: 0 }, values: g.values };
    }
    const t = context.workbook.tables.getItem(ref.name);
    const ws = t.worksheet.load("name");
    const range = t.getRange().load(["values", "address"]);
    await context.sync();
    const address = localAddress(range.address);
    const r = parseRange(address);
    return {
      ref,
      sheet: ws.name,
      address,
      origin: { row: r.row, col: r.col },
      values: range.values as unknown[][],
    };
  });
}

/** The functions the build controller needs from Excel (injectable for tests). */
export const excel = {
  checkWorkbook,
  writePlan,
  readRanges,
  findUserCells,
  copyUserCells,
  renameSheet,
  readAreaSource,
  writeCells,
};
export type ExcelApi = typeof excel;
