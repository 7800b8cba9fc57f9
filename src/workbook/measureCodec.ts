/**
 * The Measure sheet codec: the only code that knows the Measure sheet's layout. The sheet holds a
 * measure's structure — the spec's own fields, its dimensions, sub-dimensions and one row per
 * indicator (dimension, sub-dimension, id, label, kind, columns, shrink, source geography, status,
 * source). Weights and polarities live only on the Weights sheet (weightsCodec): the Measure sheet
 * shows them through formulas pointing at the Weights cells and never reads them back.
 * `readMeasure` turns the Measure and Weights grids into a MeasureSpec (and the Weights settings),
 * or lists every cell it cannot use (sheet!cell, what is wrong): no spec is returned until the list
 * is empty — a measure is never built from a guess. The planner is src/workbook/plan/measure.ts.
 *
 * Layout (rows found by the header row of the table they are in, so a user may sort or insert
 * rows): A1 title; a "Field" table (field | value | meaning) of the spec's own fields; a "Dimension"
 * table (id | label | short | weight); a "Sub-dimension" table (id | dimension | label | weight);
 * an indicator table (dimension | sub-dimension | id | label | kind | numerator | denominator |
 * value | standard error | shrink | source geography | status | source | weight | polarity).
 * Several numerator columns (a step-3 composite) are one cell, "a, b". Status and source describe
 * the data and are not read; the spec's options are the Weights sheet's option cells.
 */
import { HlnError } from "../core/errors";
import type { MeasureSettings } from "../core/settings";
import {
  type AreaWords,
  type DimensionSpec,
  type IndicatorSpec,
  type MeasureSpec,
  type SubdimensionSpec,
  validateSpec,
} from "../core/spec";
import { cellAddress, quoteSheet } from "./a1";
import { type InputFormulas, readWeights } from "./weightsCodec";

export type Grid = readonly (readonly unknown[])[];

export const MEASURE_TITLE =
  "Measure structure: dimensions, sub-dimensions and indicators (weights and polarities are set on the Weights sheet)";

type AreaKey = keyof AreaWords;

/** The spec's own fields: the id in column A, how to get and set it, its meaning (column C). */
interface Field {
  id: string;
  meaning: string;
  get(spec: MeasureSpec): string | undefined;
  set(spec: MeasureSpec, v: string): void;
}

const plainField = (
  id: string,
  key: "id" | "label" | "version" | "source" | "short" | "description" | "exclusionLabel",
  meaning: string,
): Field => ({
  id,
  meaning,
  get: (s) => s[key],
  set: (s, v) => {
    s[key] = v;
  },
});
const areaField = (id: string, key: AreaKey, meaning: string): Field => ({
  id,
  meaning,
  get: (s) => s.areas?.[key],
  set: (s, v) => {
    s.areas = { ...(s.areas ?? {}), [key]: v };
  },
});

export const MEASURE_FIELDS: readonly Field[] = [
  plainField("Id", "id", "Id of the measure (letters, digits, _)"),
  plainField("Label", "label", "Name of the measure"),
  plainField("Version", "version", "Version of the measure (optional)"),
  plainField("Source", "source", "Where the method comes from (optional)"),
  plainField("Short", "short", 'Short name in headers ("XYZ" gives "XYZ score"; optional)'),
  plainField("Description", "description", "What the measure is, shown on the About sheet (optional)"),
  areaField("AreaNoun", "noun", 'The word for an area in sentences (e.g. "ward"; default "area")'),
  areaField("AreaCode", "code", 'The areas in headers ("Ward" gives "Ward code"; default "Area")'),
  areaField("AreaCsv", "csv", 'CSV column prefix of the areas ("ward" gives ward_code; default "area")'),
  areaField("Group", "group", 'The shrinkage group in headers (e.g. "District"; default "Group")'),
  areaField("GroupNoun", "groupNoun", 'The group in sentences (e.g. "district"; default "group")'),
  areaField("GroupShort", "groupShort", 'The group, short (e.g. "LA"; default "group")'),
  areaField("GroupCsv", "groupCsv", 'CSV column prefix of the groups (e.g. "district"; default "group")'),
  plainField("ExclusionLabel", "exclusionLabel", "What the excluded areas are, in a sentence (optional)"),
  {
    id: "Exclude",
    meaning:
      "Area codes left out of the measure, separated by commas (the Weights sheet's ApplyExclusions switches them)",
    get: (s) => (s.options?.exclude?.length ? s.options.exclude.join(", ") : undefined),
    set: (s, v) => {
      s.options = { ...(s.options ?? {}), exclude: splitList(v) };
    },
  },
];

export const MEASURE_HEAD = {
  field: ["Field", "Value", "Meaning"],
  dimension: ["Dimension", "Label", "Short", "Weight (Weights sheet)"],
  subdimension: ["Sub-dimension", "Dimension", "Label", "Weight (Weights sheet)"],
  indicator: [
    "Dimension",
    "Sub-dimension",
    "Indicator",
    "Label",
    "Kind (count or value)",
    "Numerator column(s)",
    "Denominator column",
    "Value column",
    "Standard-error column",
    "Shrink (yes or no)",
    "Source geography",
    "Status",
    "Source",
    "Weight (Weights sheet)",
    "Polarity (Weights sheet)",
    "Used weight (Weights sheet)",
    "Note (Weights sheet)",
  ],
} as const;
type Section = keyof typeof MEASURE_HEAD;

/** Column (0-based) of the weight in the Dimension and Sub-dimension tables. */
export const GROUP_WEIGHT_COL = 3;

/** Column (0-based) of each field of the indicator table. */
export const IND_COL = {
  dimension: 0,
  subdimension: 1,
  id: 2,
  label: 3,
  kind: 4,
  numerator: 5,
  denominator: 6,
  value: 7,
  se: 8,
  shrink: 9,
  geography: 10,
  status: 11,
  source: 12,
  weight: 13,
  polarity: 14,
  /** References only (not read back): the used weight and, for an indicator left out, its note. */
  used: 15,
  note: 16,
} as const;

function splitList(v: string): string[] {
  return v
    .split(/[,;+]/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** An indicator's row of the table, status and source excepted (the planner adds those). */
export function indicatorCells(ind: IndicatorSpec, dimension: string, subdimension: string): string[] {
  return [
    dimension,
    subdimension,
    ind.id,
    ind.label,
    ind.kind,
    (ind.numerator ?? []).join(", "),
    ind.denominator ?? "",
    ind.value ?? "",
    ind.se ?? "",
    ind.shrink ? "yes" : "no",
    ind.geography ?? "",
  ];
}

// ---------------------------------------------------------------- reading

export interface MeasureProblem {
  /** Sheet-qualified cell, e.g. 'HLN Measure'!C7 (or the sheet alone). */
  cell: string;
  value: unknown;
  why: string;
}

export interface ReadMeasure {
  /** The spec, only when there is no problem. */
  spec?: MeasureSpec;
  /**
   * The Measure sheet's structure (weights and polarities 1) when that sheet is clean, even if the
   * Weights sheet is not: its area words find a data table's header before the column check.
   */
  structure?: MeasureSpec;
  /** The Weights sheet's settings for that spec (weights, polarities, options, the exclusion switch). */
  settings?: MeasureSettings;
  problems: MeasureProblem[];
  /** Formulas typed into Weights input cells (kept by a rebuild). */
  formulas: InputFormulas;
}

export interface MeasureGrids {
  /** Range.values of the Measure sheet from A1. */
  measure: Grid;
  /**
   * Range.formulas of the same range: a weight or polarity cell that is no longer a reference to the
   * Weights sheet but a different typed value is a problem. Omitted: not checked.
   */
  measureFormulas?: Grid;
  /** Range.values of the Weights sheet from A1 (and Range.formulas, optional). */
  weights: Grid;
  weightsFormulas?: Grid;
  measureSheet?: string;
  weightsSheet?: string;
  /** The data's column ids: a column cell naming another is a problem. Omitted: not checked. */
  columns?: readonly string[];
}

/** "sheet!cell: why" — one line per problem. */
export function formatProblem(p: MeasureProblem): string {
  return `${p.cell}: ${p.why}`;
}

const text = (v: unknown): string =>
  v === null || v === undefined
    ? ""
    : typeof v === "string"
      ? v.trim()
      : typeof v === "number" || typeof v === "boolean"
        ? String(v)
        : "";

const ID = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Rows of a section: grid row index of each non-blank row below each header row. */
function sectionRows(grid: Grid): Record<Section, number[]> {
  const out: Record<Section, number[]> = { field: [], dimension: [], subdimension: [], indicator: [] };
  let section: Section | undefined;
  grid.forEach((r, i) => {
    const head = (Object.keys(MEASURE_HEAD) as Section[]).find(
      (s) => text(r[0]) === MEASURE_HEAD[s][0] && text(r[1]) === MEASURE_HEAD[s][1],
    );
    if (head) section = head;
    else if (section && r.slice(0, section === "indicator" ? IND_COL.source + 1 : 3).some((v) => text(v) !== ""))
      out[section].push(i);
  });
  return out;
}

interface Reader {
  /** The trimmed text of a cell. */
  t(i: number, j: number): string;
  /** Problems so far. */
  count(): number;
  cell(i: number, j: number): string;
  problem(i: number, j: number, why: string): void;
  /** Registers a spec id; a second use is a problem at (i, j). */
  id(i: number, j: number, id: string, what: string): boolean;
}

function makeReader(grid: Grid, sheet: string, problems: MeasureProblem[]): Reader {
  const where = new Map<string, string>();
  const cell = (i: number, j: number) => `${quoteSheet(sheet)}!${cellAddress(i, j)}`;
  const problem = (i: number, j: number, why: string) =>
    problems.push({ cell: cell(i, j), value: grid[i]?.[j] ?? null, why });
  return {
    t: (i, j) => text(grid[i]?.[j]),
    count: () => problems.length,
    cell,
    problem,
    id(i, j, id, what) {
      if (!id) {
        problem(i, j, `blank ${what} id`);
        return false;
      }
      if (!ID.test(id)) {
        problem(i, j, `${what} id '${id}' must start with a letter and hold only letters, digits and _`);
        return false;
      }
      const prev = where.get(id);
      if (prev) {
        problem(i, j, `duplicate ${what} id '${id}' (already used at ${prev})`);
        return false;
      }
      where.set(id, cell(i, j));
      return true;
    },
  };
}

/**
 * Reads the Measure and Weights grids into a spec. Every cell that cannot be used is a problem
 * naming the cell; the spec (and settings) are returned only when there is none.
 */
export function readMeasure(g: MeasureGrids): ReadMeasure {
  const M = g.measureSheet ?? "HLN Measure";
  const W = g.weightsSheet ?? "HLN Weights";
  const problems: MeasureProblem[] = [];
  const grid = g.measure;
  const rd = makeReader(grid, M, problems);
  const rows = sectionRows(grid);
  const spec = { dimensions: [] } as unknown as MeasureSpec;
  const paths = new Map<string, string>();
  readFields(rd, rows.field, spec, M, problems);
  if (spec.id) rd.id(rows.field.find((i) => rd.t(i, 0) === "Id") ?? 0, 1, spec.id, "measure");
  const dims = readDimensions(rd, grid, rows.dimension, spec, paths);
  const subs = readSubdimensions(rd, grid, rows.subdimension, dims, paths);
  const { named, placed } = readIndicators(rd, grid, rows.indicator, dims, subs, g.columns, paths);
  // a group no indicator row names (an invalid row still names its group)
  for (const [id, d] of dims)
    if (!named.has(id) && !(d.spec.subdimensions ?? []).some((s) => named.has(s.id)))
      rd.problem(d.row, 0, `dimension '${id}' has no indicators`);
  for (const [id, s] of subs) if (!named.has(id)) rd.problem(s.row, 0, `sub-dimension '${id}' has no indicators`);
  if (grid.length === 0 || rows.indicator.length === 0)
    problems.push({
      cell: quoteSheet(M),
      value: null,
      why: `no indicator table (a header row "${MEASURE_HEAD.indicator.slice(0, 3).join(" | ")} | …")`,
    });
  if (problems.length > 0) return { problems, formulas: {} };
  const structure = JSON.parse(JSON.stringify(spec)) as MeasureSpec;
  // weights and polarities: the Weights sheet only
  const w = readWeights(g.weights, spec, W, g.weightsFormulas);
  for (const p of w.problems) problems.push({ ...p, why: p.why.replace(/; the spec's value is used$/, "") });
  if (g.measureFormulas) checkShownWeights(rd, grid, g.measureFormulas, [...dims, ...subs], placed, w.settings);
  if (problems.length > 0) return { structure, problems, formulas: w.formulas };
  applySettings(spec, w.settings);
  const invalid = specProblem(spec, paths, M);
  if (invalid) return { structure, problems: [invalid], formulas: w.formulas };
  return { spec: validateSpec(spec), structure, settings: w.settings, problems, formulas: w.formulas };
}

/**
 * The Measure sheet shows the Weights values through references: a different value typed over one
 * (the cell is no longer a formula) would be ignored, so it is a problem.
 */
function checkShownWeights(
  rd: Reader,
  grid: Grid,
  formulas: Grid,
  groups: [string, { row: number }][],
  indicators: Map<string, number>,
  st: MeasureSettings,
): void {
  const shown: [number, number, string, number][] = [
    ...groups.map(([id, x]): [number, number, string, number] => [
      x.row,
      GROUP_WEIGHT_COL,
      `weight of ${id}`,
      st.weights[id],
    ]),
    ...[...indicators].flatMap(([id, row]): [number, number, string, number][] => [
      [row, IND_COL.weight, `weight of ${id}`, st.weights[id]],
      [row, IND_COL.polarity, `polarity of ${id}`, st.polarity[id]],
    ]),
  ];
  for (const [i, j, what, value] of shown) {
    const v = grid[i]?.[j];
    const f = formulas[i]?.[j];
    if ((typeof f === "string" && f.startsWith("=")) || text(v) === "" || v === value) continue;
    rd.problem(
      i,
      j,
      `${what} is ${JSON.stringify(v)} here but ${value} on the Weights sheet: weights and polarities are set on the Weights sheet only (this cell shows it)`,
    );
  }
}

/** validateSpec's objection (weights summing to 0, …) at the cell of the field it names, if any. */
function specProblem(spec: MeasureSpec, paths: Map<string, string>, M: string): MeasureProblem | undefined {
  try {
    validateSpec(spec);
    return undefined;
  } catch (e) {
    if (!(e instanceof HlnError)) throw e;
    let cell = quoteSheet(M);
    const parent = /(\.[^.[]*|\[\d+\])$/;
    for (let p = e.path ?? ""; p; p = p.replace(parent, "")) {
      const c = paths.get(p);
      if (c) {
        cell = c;
        break;
      }
      if (!parent.test(p)) break;
    }
    return { cell, value: null, why: e.message };
  }
}

function readFields(rd: Reader, rows: number[], spec: MeasureSpec, M: string, problems: MeasureProblem[]): void {
  const seen = new Set<string>();
  for (const i of rows) {
    const id = rd.t(i, 0);
    const f = MEASURE_FIELDS.find((x) => x.id === id);
    if (!f) {
      rd.problem(i, 0, `'${id}' is not a field of the measure (${MEASURE_FIELDS.map((x) => x.id).join(", ")})`);
      continue;
    }
    if (seen.has(id)) {
      rd.problem(i, 0, `field '${id}' is given twice`);
      continue;
    }
    seen.add(id);
    const v = rd.t(i, 1);
    if (v) f.set(spec, v);
  }
  for (const id of ["Id", "Label"])
    if (!MEASURE_FIELDS.find((f) => f.id === id)!.get(spec)) {
      const row = rows.find((i) => rd.t(i, 0) === id);
      if (row === undefined)
        problems.push({ cell: quoteSheet(M), value: null, why: `no '${id}' row in the Field table` });
      else rd.problem(row, 1, `the measure's ${id.toLowerCase()} is blank`);
    }
}

interface Placed<T> {
  spec: T;
  row: number;
  dimension?: string;
}

function readDimensions(rd: Reader, grid: Grid, rows: number[], spec: MeasureSpec, paths: Map<string, string>) {
  const dims = new Map<string, Placed<DimensionSpec>>();
  for (const i of rows) {
    const id = text(grid[i][0]);
    if (!rd.id(i, 0, id, "dimension")) continue;
    const label = text(grid[i][1]);
    if (!label) rd.problem(i, 1, `dimension '${id}' has a blank label`);
    const short = text(grid[i][2]);
    const d: DimensionSpec = { id, label, weight: 1, ...(short ? { short } : {}) };
    paths.set(`dimensions[${spec.dimensions.length}]`, rd.cell(i, 0));
    spec.dimensions.push(d);
    dims.set(id, { spec: d, row: i });
  }
  return dims;
}

function readSubdimensions(
  rd: Reader,
  grid: Grid,
  rows: number[],
  dims: Map<string, Placed<DimensionSpec>>,
  paths: Map<string, string>,
) {
  const subs = new Map<string, Placed<SubdimensionSpec>>();
  for (const i of rows) {
    const id = text(grid[i][0]);
    if (!rd.id(i, 0, id, "sub-dimension")) continue;
    const dim = text(grid[i][1]);
    const d = dims.get(dim);
    if (!d) {
      rd.problem(
        i,
        1,
        dim ? `dimension '${dim}' is not in the Dimension table` : `sub-dimension '${id}' has a blank dimension`,
      );
      continue;
    }
    const label = text(grid[i][2]);
    if (!label) rd.problem(i, 2, `sub-dimension '${id}' has a blank label`);
    const s: SubdimensionSpec = { id, label, weight: 1, indicators: [] };
    d.spec.subdimensions ??= [];
    const di = [...dims.keys()].indexOf(dim);
    paths.set(`dimensions[${di}].subdimensions[${d.spec.subdimensions.length}]`, rd.cell(i, 0));
    d.spec.subdimensions.push(s);
    subs.set(id, { spec: s, row: i, dimension: dim });
  }
  return subs;
}

function readIndicators(
  rd: Reader,
  grid: Grid,
  rows: number[],
  dims: Map<string, Placed<DimensionSpec>>,
  subs: Map<string, Placed<SubdimensionSpec>>,
  columns: readonly string[] | undefined,
  paths: Map<string, string>,
) {
  const C = IND_COL;
  const known = columns ? new Set(columns) : undefined;
  const dimOrder = [...dims.keys()];
  const named = new Set<string>();
  const placed = new Map<string, number>();
  for (const i of rows) {
    const t = (j: number) => text(grid[i][j]);
    const id = t(C.id);
    const before = rd.count();
    const dim = t(C.dimension);
    const sub = t(C.subdimension);
    named.add(dim).add(sub);
    if (!rd.id(i, C.id, id, "indicator")) continue;
    const d = dims.get(dim);
    if (!d)
      rd.problem(
        i,
        C.dimension,
        dim ? `dimension '${dim}' is not in the Dimension table` : `indicator '${id}' has a blank dimension`,
      );
    const s = sub ? subs.get(sub) : undefined;
    if (sub && !s) rd.problem(i, C.subdimension, `sub-dimension '${sub}' is not in the Sub-dimension table`);
    else if (s && d && s.dimension !== dim)
      rd.problem(i, C.subdimension, `sub-dimension '${sub}' belongs to dimension '${s.dimension}', not '${dim}'`);
    else if (!sub && d?.spec.subdimensions)
      rd.problem(i, C.subdimension, `dimension '${dim}' has sub-dimensions: give the indicator's sub-dimension`);
    else if (s && d && (d.spec.indicators ?? []).length > 0)
      rd.problem(i, C.subdimension, `dimension '${dim}' has indicators of its own: leave the sub-dimension blank`);
    const label = t(C.label);
    if (!label) rd.problem(i, C.label, `indicator '${id}' has a blank label`);
    const kind = t(C.kind).toLowerCase();
    const ind = { id, label, kind } as IndicatorSpec;
    const column = (j: number, what: string) => {
      const c = t(j);
      if (c && known && !known.has(c))
        rd.problem(i, j, `${what} column '${c}' is not in the data${columnList(columns!)}`);
      return c;
    };
    if (kind === "count") {
      const nums = splitList(t(C.numerator));
      if (nums.length === 0) rd.problem(i, C.numerator, `count indicator '${id}' has no numerator column`);
      for (const c of nums)
        if (known && !known.has(c))
          rd.problem(i, C.numerator, `numerator column '${c}' is not in the data${columnList(columns!)}`);
      const den = column(C.denominator, "denominator");
      if (!den) rd.problem(i, C.denominator, `count indicator '${id}' has no denominator column`);
      if (t(C.value))
        rd.problem(i, C.value, `count indicator '${id}' reads no value column (clear it, or make the kind "value")`);
      if (t(C.se)) rd.problem(i, C.se, `count indicator '${id}' reads no standard-error column (clear it)`);
      ind.numerator = nums;
      ind.denominator = den;
    } else if (kind === "value") {
      const v = column(C.value, "value");
      if (!v) rd.problem(i, C.value, `value indicator '${id}' has no value column`);
      if (t(C.numerator) || t(C.denominator))
        rd.problem(
          i,
          t(C.numerator) ? C.numerator : C.denominator,
          `value indicator '${id}' reads no numerator or denominator (clear them, or make the kind "count")`,
        );
      ind.value = v;
      const se = column(C.se, "standard-error");
      if (se) ind.se = se;
    } else
      rd.problem(i, C.kind, `kind of indicator '${id}' must be "count" or "value", got ${JSON.stringify(t(C.kind))}`);
    const shrink = readYesNo(grid[i][C.shrink]);
    if (shrink === undefined)
      rd.problem(i, C.shrink, `shrink of indicator '${id}' must be yes or no, got ${JSON.stringify(t(C.shrink))}`);
    else if (shrink && kind === "value" && !ind.se)
      rd.problem(i, C.shrink, `value indicator '${id}' can only be shrunk with a standard-error column`);
    ind.shrink = shrink ?? false;
    ind.polarity = 1;
    const geography = t(C.geography);
    if (geography) ind.geography = geography;
    ind.weight = 1;
    if (rd.count() !== before || !d) continue;
    placed.set(id, i);
    const di = dimOrder.indexOf(dim);
    if (s) {
      const si = d.spec.subdimensions!.indexOf(s.spec);
      paths.set(`dimensions[${di}].subdimensions[${si}].indicators[${s.spec.indicators.length}]`, rd.cell(i, C.id));
      s.spec.indicators.push(ind);
    } else {
      d.spec.indicators ??= [];
      paths.set(`dimensions[${di}].indicators[${d.spec.indicators.length}]`, rd.cell(i, C.id));
      d.spec.indicators.push(ind);
    }
  }
  return { named, placed };
}

function columnList(columns: readonly string[]): string {
  const shown = columns.slice(0, 12).join(", ");
  return ` (its columns: ${shown}${columns.length > 12 ? `, … ${columns.length - 12} more` : ""})`;
}

function readYesNo(v: unknown): boolean | undefined {
  if (v === true || v === 1) return true;
  if (v === false || v === 0) return false;
  const s = text(v).toLowerCase();
  if (s === "yes" || s === "true" || s === "1") return true;
  if (s === "no" || s === "false" || s === "0") return false;
  return undefined;
}

/** The Weights sheet's weights, polarities and options into the spec. */
function applySettings(spec: MeasureSpec, s: MeasureSettings): void {
  for (const d of spec.dimensions) {
    d.weight = s.weights[d.id];
    for (const sub of d.subdimensions ?? []) {
      sub.weight = s.weights[sub.id];
      for (const ind of sub.indicators) setInd(ind, s);
    }
    for (const ind of d.indicators ?? []) setInd(ind, s);
  }
  const exclude = spec.options?.exclude;
  spec.options = {
    constant: s.constant,
    scaling: s.scaling,
    overallScaling: s.overallScaling,
    offset: s.offset,
    missing: s.missing,
    ...(exclude ? { exclude } : {}),
  };
}

function setInd(ind: IndicatorSpec, s: MeasureSettings): void {
  ind.weight = s.weights[ind.id];
  ind.polarity = s.polarity[ind.id];
}
