/**
 * The sheet plan: a pure description of the workbook the task pane and the CLI write — sheets,
 * cell blocks, formulas (with the values the core computed for them), defined names and formats.
 * No Office types: the Office.js writer and the xlsx writer both consume it.
 */

export type CellValue = string | number | boolean | null;

/**
 * One column of a block, column-major (added for large blocks; optional). A Float64Array holds
 * numbers with NaN = blank (constants) / missing (a formula's cached value: the engine shows #N/A
 * or ""); any other array holds CellValues. When a block has `columnValues`, its `values` (constant
 * block) or `cached` (formula block) are derived from them on first access, so readers of the 2-D
 * fields keep working; writers that stream rows can read `columnValues` directly and skip building
 * rows × cols arrays.
 */
export type ColumnValues = Float64Array | ArrayLike<CellValue>;

/** Visual role of a block; writers map roles to formats (header fill, input cell colour, …). */
export type BlockStyle = "title" | "header" | "status" | "input" | "output" | "note" | "check" | "plain";

/**
 * A rectangle of cells anchored at `address` (top-left, A1 without the sheet name).
 * Exactly one of `values` (constants) or `formula` is set.
 * - values: rows × columns of constants.
 * - formula: one formula (A1 style, English function names, starting with "=") written at the
 *   anchor; if it returns an array it spills over `rows` × `cols` cells. `cached` holds the
 *   values the core computed for the whole spill (rows × cols), so writers can store them (xlsx)
 *   and tests can compare them with a formula engine.
 */
export interface Block {
  address: string;
  values?: CellValue[][];
  formula?: string;
  cached?: CellValue[][];
  /**
   * A one-column block of per-cell formulas (a running sum, native mode): row i's own formula. When
   * set, `formula` is the first row's and the block is not one array formula.
   */
  cellFormulas?: string[];
  /** Write each of `cellFormulas` as a one-cell array formula (whole-range arithmetic inside, no implicit intersection). */
  cellArray?: boolean;
  /** Spill size of a formula block (1 × 1 for a scalar formula). */
  rows?: number;
  cols?: number;
  style?: BlockStyle;
  /** Excel number format, e.g. "0.000" or "0.0%". */
  numberFormat?: string;
  /** Short note for auditors (what this block computes, paper section). */
  comment?: string;
  /** Column-major cells of `values` (constant block) or `cached` (formula block); see ColumnValues. */
  columnValues?: ColumnValues[];
}

export type SheetRole =
  | "about"
  | "weights"
  | "measure"
  | "data"
  | "indicators"
  | "normal"
  | "dimensions"
  | "score"
  | "la"
  | "top"
  | "qa"
  | "sources"
  | "charts"
  | "index"
  | "districts"
  | "summary"
  | "dual"
  | "compare"
  | "scenarios"
  | "uncertainty"
  | "sensitivity";

export interface SheetPlan {
  /** Sheet name as written (a build copy may add a suffix; see WorkbookPlan.suffix). */
  name: string;
  role: SheetRole;
  blocks: Block[];
  /** Column widths in characters, from column A. */
  columnWidths?: number[];
  /** Frozen header rows / columns. */
  freeze?: { rows: number; cols: number };
  tabColor?: string;
  /** Hidden from the sheet tabs (the plan index). */
  hidden?: boolean;
  /**
   * Written only when the workbook has no sheet of this name: it holds the user's own entries (the
   * saved scenarios), so a rebuild leaves the existing sheet as it is (the Office.js writer; an xlsx is always new).
   */
  keep?: boolean;
}

export interface DefinedName {
  /** Workbook-scoped name, e.g. "HLN_Constant". */
  name: string;
  /** Absolute reference, e.g. "'HLN Weights'!$C$5". */
  ref: string;
  comment?: string;
}

export interface WorkbookPlan {
  sheets: SheetPlan[];
  /** Charts to draw on the charts sheet (Office.js writer; the xlsx writer keeps only their tables). */
  charts?: ChartSpec[];
  names: DefinedName[];
  /** How computed cells are written (plan/context.ts FormulaMode); absent = "addin". */
  formulas?: "addin" | "native";
  /** Number of areas (data rows) in the Data sheet. */
  areas: number;
  /** Build metadata shown on the About sheet. */
  meta: { builtAt: string; version: string; spec: string; dataStatus: Record<string, number> };
  /** Where everything is, by meaning (saved in the workbook as the hidden index sheet). */
  index: import("./plan/planIndex").PlanIndex;
  /** The hidden sheet of the build lock and saved settings (default "HLN State"); written by the task pane's writer only. */
  stateSheet?: string;
}

/** One Excel chart: Office.js `sheet.charts.add(type, sheet.getRange(source), seriesBy)`. */
export interface ChartSpec {
  /** Chart name in the workbook (stable, so a rebuild replaces it). */
  name: string;
  /** Excel.ChartType value. */
  type: "ColumnClustered" | "BarClustered";
  title: string;
  /** Source range on the charts sheet (A1, no sheet name): a category column and one value column, header row first. */
  source: string;
  seriesBy: "Columns";
  categoryAxisTitle: string;
  valueAxisTitle: string;
  /** Placement: cells of the top-left and bottom-right corners. */
  topLeft: string;
  bottomRight: string;
  /** Bar charts: largest first from the top (Excel draws the first category at the bottom). */
  reverseCategories?: boolean;
  /** Fill colour of the series (hex). */
  colour: string;
  gapWidth: number;
  /** Value axis number format. */
  numberFormat?: string;
}
