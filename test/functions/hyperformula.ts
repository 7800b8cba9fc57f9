/**
 * Test-only bridge: registers the SAME HLN.* adapters (src/functions/functions.ts) in HyperFormula,
 * a real spreadsheet formula engine, using the Excel calling convention:
 * - range arguments → any[][] (rows × columns), empty cells → null, HyperFormula errors → { code, message };
 * - scalar arguments → the value (omitted → null, as Excel passes an omitted optional argument);
 * - returned matrices → spilled arrays; returned/thrown Excel errors → HyperFormula errors with the message.
 * Which parameter is a range comes from the custom-functions metadata generated from the JSDoc, the
 * same functions.json Excel reads.
 */
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from "hyperformula";
import * as adapters from "../../src/functions/functions";
import { isExcelError } from "../../src/functions/errors";

export const NAMESPACE = "HLN";

export interface FunctionMeta {
  id: string;
  functionName: string;
  parameters: { name: string; dimensionality?: string; optional?: boolean; type?: string }[];
}

const TO_EXCEL: Record<string, string> = {
  DIV_BY_ZERO: "#DIV/0!",
  NAME: "#NAME?",
  VALUE: "#VALUE!",
  NUM: "#NUM!",
  NA: "#N/A",
  REF: "#REF!",
  CYCLE: "#VALUE!",
  SPILL: "#VALUE!",
  LIC: "#VALUE!",
  ERROR: "#VALUE!",
};
const FROM_EXCEL: Record<string, ErrorType> = {
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#NAME?": ErrorType.NAME,
  "#VALUE!": ErrorType.VALUE,
  "#NUM!": ErrorType.NUM,
  "#N/A": ErrorType.NA,
  "#REF!": ErrorType.REF,
  "#NULL!": ErrorType.VALUE,
};

let metadataCache: FunctionMeta[] | undefined;

/** The functions' metadata, generated from the JSDoc exactly as the webpack build does. */
export async function loadMetadata(): Promise<FunctionMeta[]> {
  if (metadataCache) return metadataCache;
  const file = path.resolve(__dirname, "../../src/functions/functions.ts");
  const result = await generateCustomFunctionsMetadata([file], true);
  if (result.errors.length) throw new Error(result.errors.join("\n"));
  const json = JSON.parse(result.metadataJson) as { functions: Omit<FunctionMeta, "functionName">[] };
  const names = new Map(result.associate.map((a: { id: string; functionName: string }) => [a.id, a.functionName]));
  metadataCache = json.functions.map((f) => ({ ...f, functionName: names.get(f.id) as string }));
  return metadataCache;
}

function toExcelValue(v: unknown): unknown {
  if (v === EmptyValue || v === undefined) return null;
  if (v instanceof CellError) return { code: TO_EXCEL[v.type] ?? "#VALUE!", message: v.message };
  if (typeof v === "object" && v !== null && "val" in v) return (v as { val: number }).val; // RichNumber
  return v;
}

function toEngineValue(v: unknown): unknown {
  if (isExcelError(v)) return new CellError(FROM_EXCEL[v.code] ?? ErrorType.VALUE, v.message);
  if (v === null || v === undefined) return EmptyValue;
  if (typeof v === "number" && !Number.isFinite(v)) return new CellError(ErrorType.NUM);
  return v;
}

/** Upper bound of the spilled size (HyperFormula pads smaller results with empty cells). */
function predictSize(id: string, inputs: ArraySize[]): ArraySize {
  const first = inputs[0];
  const w = first?.width ?? 1;
  const h = first?.height ?? 1;
  if (id === "QA") return new ArraySize(2, 14);
  if (id === "LASUMMARY") return new ArraySize(16, Math.max(h, w) + 2); // 3 + 6 values + 6 ranks + "left out"
  if (id === "SCORE" || id === "COMPOSITE") return new ArraySize(1, h);
  if (w === 1) return new ArraySize(1, h);
  if (h === 1) return new ArraySize(w, 1);
  return ArraySize.scalar();
}

let registered = false;

/** Registers HLN.* in HyperFormula (once per process). */
export async function registerHln(): Promise<FunctionMeta[]> {
  const meta = await loadMetadata();
  if (registered) return meta;
  class HlnPlugin extends FunctionPlugin {}
  const implemented: Record<string, object> = {};
  const translations: Record<string, string> = {};
  const proto = HlnPlugin.prototype as unknown as Record<string, unknown>;
  for (const f of meta) {
    const fullId = `${NAMESPACE}.${f.id}`;
    const fn = (adapters as unknown as Record<string, (...args: unknown[]) => unknown[][]>)[f.functionName];
    if (typeof fn !== "function") throw new Error(`no adapter ${f.functionName} for ${fullId}`);
    const method = `run_${f.id}`;
    const sizeMethod = `size_${f.id}`;
    implemented[fullId] = {
      method,
      sizeOfResultArrayMethod: sizeMethod,
      vectorizationForbidden: true,
      parameters: f.parameters.map((p) => ({ argumentType: "ANY", optionalArg: Boolean(p.optional) })),
    };
    translations[fullId] = fullId;
    proto[method] = function (this: FunctionPlugin, ast: { args: unknown[] }, state: unknown) {
      const self = this as unknown as { evaluateAst(a: unknown, s: unknown): unknown };
      const args: unknown[] = f.parameters.map((p, k) => {
        if (k >= ast.args.length) return null;
        const v = self.evaluateAst(ast.args[k], state);
        if (v instanceof SimpleRangeValue) {
          const rows = v.rawData().map((row) => row.map(toExcelValue));
          return p.dimensionality === "matrix" ? rows : rows.length === 1 && rows[0].length === 1 ? rows[0][0] : rows;
        }
        const x = toExcelValue(v);
        return p.dimensionality === "matrix" ? [[x]] : x;
      });
      try {
        const out = fn(...args);
        return SimpleRangeValue.onlyValues(out.map((row) => row.map(toEngineValue)) as never);
      } catch (e) {
        if (isExcelError(e)) return toEngineValue(e);
        // the adapters must never throw anything else: surface it loudly in tests
        return new CellError(ErrorType.ERROR, `UNCAUGHT ${(e as Error)?.message ?? String(e)}`);
      }
    };
    proto[sizeMethod] = function (this: FunctionPlugin, ast: { args: unknown[] }, state: unknown) {
      const predictor = (
        this as unknown as { arraySizePredictor: { checkArraySizeForAst(a: unknown, s: unknown): ArraySize } }
      ).arraySizePredictor;
      const sizes = ast.args.map((a) => predictor.checkArraySizeForAst(a, state));
      return predictSize(f.id, sizes);
    };
  }
  (HlnPlugin as unknown as { implementedFunctions: object }).implementedFunctions = implemented;
  HyperFormula.registerFunctionPlugin(HlnPlugin as never, { enGB: translations, enUS: translations } as never);
  registered = true;
  return meta;
}

/** A HyperFormula instance configured like Excel for these tests. */
export function buildEngine(sheets: Record<string, unknown[][]>): HyperFormula {
  return HyperFormula.buildFromSheets(sheets as never, {
    licenseKey: "gpl-v3",
    precisionRounding: 15,
    smartRounding: false,
    useArrayArithmetic: true,
    maxRows: 1048576,
  });
}
