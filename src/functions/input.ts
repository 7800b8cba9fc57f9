/**
 * Reading Excel arguments for the HLN.* custom functions: ranges arrive as any[][] (rows × columns),
 * blanks as null (Excel on the web), "" or undefined, errors as error objects. Nothing here knows
 * the method; it only classifies cells, checks shapes and builds the spilled result.
 */
import {
  ExcelErrorCode,
  ExcelErrorLike,
  InputError,
  ROW_MESSAGE,
  excelError,
  isAnyExcelError,
  isExcelError,
} from "./errors";

/** Rows in an Excel worksheet. */
export const MAX_ROWS = 1048576;
/** Columns in an Excel worksheet. */
export const MAX_COLUMNS = 16384;

export type Orientation = "column" | "row";

export interface Vector {
  cells: unknown[];
  orientation: Orientation;
}

/** null, undefined and "" are blank (missing); a genuine 0 stays 0. */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === "";
}

/** Any argument as a rectangular matrix: a scalar is 1×1, a flat array is one row. */
export function toMatrix(arg: unknown, name: string): unknown[][] {
  if (arg === undefined) throw new InputError(`${name} is required`);
  if (!Array.isArray(arg)) return [[arg]];
  if (arg.length === 0) throw new InputError(`${name} is empty`);
  const rows: unknown[][] = Array.isArray(arg[0]) ? (arg as unknown[][]) : [arg];
  if (rows.length > MAX_ROWS) {
    throw new InputError(`${name} has ${rows.length} rows: more than Excel's ${MAX_ROWS.toLocaleString("en-GB")}`);
  }
  const width = Array.isArray(rows[0]) ? rows[0].length : -1;
  if (width === 0) throw new InputError(`${name} is empty`);
  if (width > MAX_COLUMNS) {
    throw new InputError(`${name} has ${width} columns: more than Excel's ${MAX_COLUMNS.toLocaleString("en-GB")}`);
  }
  for (let i = 0; i < rows.length; i++) {
    if (!Array.isArray(rows[i]) || rows[i].length !== width) {
      throw new InputError(`${name} is not a rectangular range (row ${i + 1} differs from row 1)`);
    }
  }
  return rows;
}

/** A 1-D parameter: a single column or a single row; a 2-D range is a whole-call #VALUE!. */
export function toVector(arg: unknown, name: string): Vector {
  const m = toMatrix(arg, name);
  const rows = m.length;
  const cols = m[0].length;
  if (cols === 1) {
    const cells = new Array<unknown>(rows);
    for (let i = 0; i < rows; i++) cells[i] = m[i][0];
    return { cells, orientation: "column" };
  }
  if (rows === 1) return { cells: m[0].slice(), orientation: "row" };
  throw new InputError(`${name} must be a single column or a single row, not a ${rows}×${cols} range`);
}

function lastNonBlank(cells: ArrayLike<unknown>): number {
  for (let i = cells.length - 1; i >= 0; i--) if (!isBlank(cells[i])) return i;
  return -1;
}

/**
 * The common length of several 1-D inputs after trimming trailing rows that are blank in every input
 * (so whole-column references such as A:A work; the result is correspondingly shorter). Inputs of
 * different lengths are accepted only when the extra rows of the longer ones are all blank.
 */
export function commonLength(vectors: ArrayLike<unknown>[], names: string[]): number {
  let len = 0;
  for (const v of vectors) len = Math.max(len, lastNonBlank(v) + 1);
  const n0 = vectors[0].length;
  for (let j = 0; j < vectors.length; j++) {
    if (vectors[j].length !== n0 && vectors[j].length < len) {
      const [a, b] = vectors[j].length < n0 ? [0, j] : [j, 0];
      throw new InputError(
        `ranges of different lengths: ${names[a]} has ${vectors[a].length} rows but ${names[b]} has ${vectors[b].length}`,
      );
    }
  }
  if (len === 0) throw new InputError("no data: every input cell is blank", ExcelErrorCode.notAvailable);
  return len;
}

/** Rows of a matrix after trimming trailing all-blank rows. */
export function trimmedRows(m: unknown[][]): number {
  for (let i = m.length - 1; i >= 0; i--) {
    const row = m[i];
    for (let j = 0; j < row.length; j++) if (!isBlank(row[j])) return i + 1;
  }
  throw new InputError("no data: every input cell is blank", ExcelErrorCode.notAvailable);
}

function describe(v: unknown): string {
  if (isAnyExcelError(v)) return `error value ${v.code}`;
  if (typeof v === "object" && v !== null) return "a data type or object (not a number)";
  if (typeof v === "string") return `text "${v.length > 40 ? v.slice(0, 40) + "…" : v}"`;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return String(v);
  return typeof v;
}

/**
 * Per-row problems, first one wins. Text/error cells are recorded before blanks so a row with both
 * reports the bad value.
 */
export class RowIssues {
  private readonly issues: (ExcelErrorLike | undefined)[];
  constructor(readonly length: number) {
    this.issues = new Array(length);
  }
  get(i: number): ExcelErrorLike | undefined {
    return this.issues[i];
  }
  set(i: number, e: ExcelErrorLike): void {
    if (this.issues[i] === undefined) this.issues[i] = e;
  }
  has(i: number): boolean {
    return this.issues[i] !== undefined;
  }
}

/** The error a bad (non-blank, non-number) cell turns into, or undefined for a usable number. */
export function cellProblem(v: unknown, name: string): ExcelErrorLike | undefined {
  if (typeof v === "number") {
    return Number.isFinite(v) ? undefined : excelError(ExcelErrorCode.invalidNumber);
  }
  if (isExcelError(v)) {
    return v.code === ExcelErrorCode.invalidValue || v.code === ExcelErrorCode.notAvailable
      ? excelError(v.code, `${name}: error value ${v.code} in the input${v.message ? ` (${v.message})` : ""}`)
      : excelError(v.code as never);
  }
  if (isAnyExcelError(v))
    return excelError(ExcelErrorCode.invalidValue, `${name}: error value ${v.code} in the input (fix that cell first)`);
  return excelError(ExcelErrorCode.invalidValue, `${name}: ${describe(v)} is not a number`);
}

/**
 * Reads the first `length` cells as numbers: blanks and bad cells become NaN (missing for the core);
 * bad cells are recorded in `issues` (pass 1) and blanks are returned in `blank` for pass 2.
 */
export function readNumbers(
  cells: ArrayLike<unknown>,
  length: number,
  name: string,
  issues?: RowIssues,
): { values: Float64Array; blank: Uint8Array } {
  const values = new Float64Array(length);
  const blank = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const v = i < cells.length ? cells[i] : null;
    if (typeof v === "number" && Number.isFinite(v)) {
      values[i] = v;
      continue;
    }
    values[i] = NaN;
    if (isBlank(v)) {
      blank[i] = 1;
      continue;
    }
    const p = cellProblem(v, name);
    if (p && issues) issues.set(i, p);
  }
  return { values, blank };
}

/** Pass 2: rows blank in any of the given columns get #N/A "blank input" (unless already flagged). */
export function markBlanks(issues: RowIssues, ...blanks: Uint8Array[]): void {
  for (const b of blanks) {
    for (let i = 0; i < b.length; i++) {
      if (b[i] && !issues.has(i)) issues.set(i, excelError(ExcelErrorCode.notAvailable, ROW_MESSAGE.blank));
    }
  }
}

/**
 * Reads a whole numeric column where a bad cell is a whole-call error (used where rows do not map to
 * output rows, e.g. district summaries and weights).
 */
export function readNumbersStrict(cells: ArrayLike<unknown>, length: number, name: string): Float64Array {
  const values = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const v = i < cells.length ? cells[i] : null;
    if (typeof v === "number" && Number.isFinite(v)) values[i] = v;
    else if (isBlank(v)) values[i] = NaN;
    else
      throw new InputError(
        `${name} row ${i + 1}: ${isExcelError(v) ? `error value ${v.code}` : describe(v)}${isAnyExcelError(v) ? "" : typeof v === "number" ? " is not a finite number" : " is not a number"}`,
      );
  }
  return values;
}

/** Group labels (district codes): text or numbers; blank = no group; error/boolean = per-row issue. */
export function readLabels(
  cells: ArrayLike<unknown>,
  length: number,
  name: string,
  issues?: RowIssues,
): (string | null)[] {
  const out = new Array<string | null>(length);
  for (let i = 0; i < length; i++) {
    const v = i < cells.length ? cells[i] : null;
    if (typeof v === "string") out[i] = v === "" ? null : v;
    else if (typeof v === "number" && Number.isFinite(v)) out[i] = String(v);
    else if (isBlank(v)) out[i] = null;
    else {
      out[i] = null;
      if (issues) {
        issues.set(
          i,
          isExcelError(v)
            ? (cellProblem(v, name) as ExcelErrorLike)
            : excelError(ExcelErrorCode.invalidValue, `${name}: ${describe(v)} is not a district code`),
        );
      } else {
        throw new InputError(
          `${name} row ${i + 1}: ${isExcelError(v) ? `error value ${v.code}` : describe(v)} is not a district code`,
        );
      }
    }
  }
  return out;
}

/** Unwraps a 1×1 range given for a scalar parameter. */
function scalar(arg: unknown, name: string): unknown {
  if (Array.isArray(arg)) {
    const m = toMatrix(arg, name);
    if (m.length !== 1 || m[0].length !== 1) throw new InputError(`${name} must be a single value, not a range`);
    return m[0][0];
  }
  return arg;
}

/** An optional number: omitted or blank → the default; anything but a finite number → #VALUE!. */
export function optionalNumber(arg: unknown, name: string, dflt: number): number {
  const v = scalar(arg, name);
  if (isBlank(v)) return dflt;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (isExcelError(v)) throw new InputError(`${name} is an error value ${v.code}`);
  throw new InputError(`${name} must be a ${typeof v === "number" ? "finite " : ""}number, got ${describe(v)}`);
}

/** An optional keyword, case-insensitive: omitted or blank → the default; unknown → #VALUE!. */
export function optionalChoice<T extends string>(arg: unknown, name: string, choices: readonly T[], dflt: T): T {
  const v = scalar(arg, name);
  if (isBlank(v)) return dflt;
  const key = typeof v === "string" ? v.trim().toLowerCase() : undefined;
  const hit = key === undefined ? undefined : choices.find((c) => c.toLowerCase() === key);
  if (hit !== undefined) return hit;
  const list = choices.map((c) => `"${c}"`);
  const use = list.length > 1 ? `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}` : list[0];
  const got = typeof v === "string" ? `"${v}"` : describe(v);
  throw new InputError(`Unknown ${name} ${got}: use ${use}`);
}

/**
 * The spilled result of a per-row function: one cell per input row, in the input's orientation.
 * A row with an issue gets that error; a non-finite core result gets #N/A "no value" (or the
 * message `missingMessage(i)` returns).
 */
export function spill(
  values: ArrayLike<number>,
  orientation: Orientation,
  issues?: RowIssues,
  missingMessage?: (i: number) => string | undefined,
): unknown[][] {
  const n = values.length;
  const cell = (i: number): unknown => {
    const e = issues?.get(i);
    if (e) return e;
    const v = values[i];
    if (Number.isFinite(v)) return v;
    return excelError(ExcelErrorCode.notAvailable, missingMessage?.(i) ?? ROW_MESSAGE.noValue);
  };
  if (orientation === "row") {
    const row = new Array<unknown>(n);
    for (let i = 0; i < n; i++) row[i] = cell(i);
    return [row];
  }
  const out = new Array<unknown[]>(n);
  for (let i = 0; i < n; i++) out[i] = [cell(i)];
  return out;
}
