/**
 * Excel errors for the HLN.* custom functions.
 *
 * In Excel the adapters return/throw `CustomFunctions.Error` objects. Under Node (jest, HyperFormula,
 * benchmarks) the global `CustomFunctions` does not exist, so a local class with the same shape
 * ({ code, message }) stands in. Nothing else in src/functions creates error objects.
 */
import { HlnError } from "../core/errors";

/** The Excel error codes the adapters use (same strings as CustomFunctions.ErrorCode). */
export const ExcelErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;
export type ExcelErrorCodeValue = (typeof ExcelErrorCode)[keyof typeof ExcelErrorCode];

const CODES = new Set<string>(Object.values(ExcelErrorCode));
/** Only #VALUE! and #N/A may carry a custom message in Excel. */
const MESSAGE_CODES = new Set<string>([ExcelErrorCode.invalidValue, ExcelErrorCode.notAvailable]);

/** Stand-in for CustomFunctions.Error outside Excel. */
export class LocalExcelError {
  readonly code: ExcelErrorCodeValue;
  readonly message?: string;
  constructor(code: ExcelErrorCodeValue, message?: string) {
    this.code = code;
    if (message !== undefined) this.message = message;
  }
}

export interface ExcelErrorLike {
  code: string;
  message?: string;
}

declare const CustomFunctions: { Error: new (code: never, message?: string) => ExcelErrorLike } | undefined;

function runtimeErrorClass(): (new (code: ExcelErrorCodeValue, message?: string) => ExcelErrorLike) | undefined {
  const cf = typeof CustomFunctions !== "undefined" ? CustomFunctions : undefined;
  return cf && typeof cf.Error === "function"
    ? (cf.Error as unknown as new (code: ExcelErrorCodeValue, message?: string) => ExcelErrorLike)
    : undefined;
}

/** Excel's limit on the length of a custom error message is not documented; keep messages short. */
const MAX_MESSAGE = 250;

/** A CustomFunctions.Error when running in Excel, a LocalExcelError otherwise. */
export function excelError(code: ExcelErrorCodeValue, message?: string): ExcelErrorLike {
  const msg =
    message !== undefined && MESSAGE_CODES.has(code)
      ? message.length > MAX_MESSAGE
        ? message.slice(0, MAX_MESSAGE - 1) + "…"
        : message
      : undefined;
  const Cls = runtimeErrorClass();
  if (Cls) return msg === undefined ? new Cls(code) : new Cls(code, msg);
  return new LocalExcelError(code, msg);
}

/** True for CustomFunctions.Error, LocalExcelError or any { code: "#…" } object. */
export function isExcelError(x: unknown): x is ExcelErrorLike {
  if (x === null || typeof x !== "object") return false;
  const code = (x as { code?: unknown }).code;
  return typeof code === "string" && CODES.has(code);
}

/**
 * Excel errors a custom function cannot return itself but may receive as input (#SPILL!, #CALC!,
 * #BUSY!, #GETTING_DATA, #FIELD!, #BLOCKED!, #CONNECT!, #UNKNOWN!, …): any { code: "#…" } object.
 */
export function isAnyExcelError(x: unknown): x is ExcelErrorLike {
  if (x === null || typeof x !== "object") return false;
  const code = (x as { code?: unknown }).code;
  return typeof code === "string" && /^#[A-Z0-9_/]+[!?]?$/.test(code);
}

/**
 * A whole-call problem found while reading the inputs. Adapters throw it; {@link guard} turns it
 * into the Excel error that Excel shows in the formula's cell.
 */
export class InputError extends Error {
  readonly code: ExcelErrorCodeValue;
  constructor(message: string, code: ExcelErrorCodeValue = ExcelErrorCode.invalidValue) {
    super(message);
    this.name = "InputError";
    this.code = code;
  }
}

/** Maps anything thrown inside an adapter to one Excel error (never rethrows a plain Error). */
export function toExcelError(e: unknown): ExcelErrorLike {
  if (e instanceof InputError) return excelError(e.code, e.message);
  if (isExcelError(e) && !(e instanceof Error)) return e;
  if (e instanceof HlnError) return excelError(ExcelErrorCode.invalidValue, e.message);
  if (e instanceof RangeError) return excelError(ExcelErrorCode.invalidValue, `input too large: ${e.message}`);
  const message = e instanceof Error ? e.message : String(e);
  return excelError(ExcelErrorCode.invalidValue, `unexpected error: ${message}`);
}

/**
 * Runs an adapter body; any failure is thrown as one Excel error (the documented way for a custom
 * function to show #VALUE! with a message).
 */
export function guard<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    throw toExcelError(e);
  }
}

/** Per-row error messages used inside spilled arrays (documented in docs/functions.md). */
export const ROW_MESSAGE = {
  blank: "blank input",
  noValue: "no value",
  overflow: "result too large to compute (inputs near ±1.8e308)",
} as const;
