/**
 * The Weights sheet codec: the only code that knows the Weights sheet's layout. `writeWeights`
 * lays out a MeasureSettings (options, dimension, sub-dimension and indicator weights, polarities)
 * and registers every input cell in the plan index; `readWeights` reads the sheet's cells back into
 * a MeasureSettings and lists every cell it could not use (sheet!cell, value, why) — the spec's
 * value is used for those, never a silent default.
 *
 * Layout: A1 title; an "Option" table (id | value | meaning); a "Dimension" table (id | weight |
 * label | effective weight) with its sum and check; a "Sub-dimension" table (id | weight | dimension
 * | label); an "Indicator" table (id | weight | polarity | dimension | sub-dimension | shrunk | label
 * | used weight | note) — the used weight (a formula: 0 for an indicator with no open data unless
 * IncludeSynthetic = 1) is what the sums read, through the W_<group> names. Rows are found by the table they are in and the id in column A, so a user may sort rows.
 */
import { defaultSettings, idRecord, listedExclusions, type MeasureSettings } from "../core/settings";
import { optionProblem, type ScalarOption } from "../core/options";
import { listIndicators, type MeasureSpec } from "../core/spec";
import { addr, cellAddress, parseAddress, quoteSheet, rangeAddress, sheetRange } from "./a1";
import type { Block, CellValue, SheetPlan } from "./planTypes";
import type { PlanContext } from "./plan/context";

export type OptionKey = ScalarOption | "applyExclusions" | "includeSynthetic";
type SwitchKey = "applyExclusions" | "includeSynthetic";
const isSwitch = (k: OptionKey): k is SwitchKey => k === "applyExclusions" || k === "includeSynthetic";

/** What a left-out indicator's Note cell says (Weights and Measure sheets). */
export const NO_OPEN_DATA = "no open data — add your own";
export const SYNTHETIC_INCLUDED = "synthetic stand-in, included (IncludeSynthetic = 1): for demonstration only";

/** Option rows: index key, the id shown in column A (and the defined name HLN_<id>), its meaning. */
const OPTION_ROWS: {
  key: OptionKey;
  id: string;
  meaning: (spec: MeasureSpec, noOpenData: readonly string[]) => string;
}[] = [
  { key: "constant", id: "Constant", meaning: () => "Exponential constant C (Appendix C; 23 in the paper)" },
  {
    key: "scaling",
    id: "Scaling",
    meaning: () => 'Rank scaling of sub-dimension and dimension transforms: "hln" = rank/(N+1), "iod" = rank/N',
  },
  { key: "overallScaling", id: "OverallScaling", meaning: () => "Rank scaling of the published-scale overall score" },
  {
    key: "offset",
    id: "Offset",
    meaning: () => 'Normal-score plotting position (step 6): "vdw", "blom", "rankit" or "tukey"',
  },
  { key: "missing", id: "Missing", meaning: () => 'Missing components when combining: "reweight" or "propagate"' },
  {
    key: "applyExclusions",
    id: "ApplyExclusions",
    meaning: (spec) =>
      listedExclusions(spec).length > 0
        ? `1 = leave out the areas listed for exclusion on the Data sheet${spec.exclusionLabel ? ` (${spec.exclusionLabel})` : ""}; 0 = include them`
        : "1 = leave out the areas listed for exclusion on the Data sheet (this measure lists none); 0 = include them",
  },
  {
    key: "includeSynthetic",
    id: "IncludeSynthetic",
    meaning: (_, ids) =>
      ids.length > 0
        ? `0 = leave out the ${ids.length} indicator${ids.length === 1 ? "" : "s"} with no open data (generated stand-ins: ${ids.join(", ")}; used weight 0, "${NO_OPEN_DATA}" below); 1 = include them, for demonstration only`
        : "0 = leave out indicators with no open data (generated stand-ins; these data have none); 1 = include them",
  },
];

/** The option rows' ids (column A of the Weights sheet, the HLN_<id> names), in sheet order: the Scenarios sheet uses the same. */
export const OPTION_IDS: readonly { key: OptionKey; id: string }[] = OPTION_ROWS.map(({ key, id }) => ({ key, id }));

const HEAD = {
  option: ["Option", "Value", "Meaning"],
  dimension: ["Dimension", "Weight", "Label", "Effective weight (share of variance)"],
  subdimension: ["Sub-dimension", "Weight", "Dimension", "Label"],
  indicator: [
    "Indicator",
    "Weight",
    "Polarity (1: higher = more need; -1: reversed)",
    "Dimension",
    "Sub-dimension",
    "Shrunk",
    "Label",
    "Used weight",
    "Note",
  ],
} as const;
type Section = keyof typeof HEAD;

/** Formulas a user typed into input cells, by index key ("weight:crime"), kept through a rebuild. */
export type InputFormulas = Record<string, string>;

export const WEIGHTS_TITLE = "HLN measure options and weights — edit the yellow cells; every sheet recalculates";
const CHECK_OK = "OK: dimension weights sum to 1";
const CHECK_BAD = "CHECK: dimension weights do not sum to 1";

/** Writes the settings' Weights sheet; registers option:, weight:, polarity: and weights: entries. */
export function writeWeights(ctx: PlanContext, formulas: InputFormulas = idRecord()): SheetPlan {
  const W = ctx.sheet("weights");
  const { spec, settings: st } = ctx;
  const blocks: Block[] = [{ address: "A1", values: [[WEIGHTS_TITLE]], style: "title" }];
  const input = (key: string, row: number, col: number, value: CellValue, numberFormat?: string, name?: string) => {
    const f = formulas[key];
    const base = { address: addr(row, col), style: "input" as const, ...(numberFormat ? { numberFormat } : {}) };
    blocks.push(f ? { ...base, formula: f, cached: [[value]], rows: 1, cols: 1 } : { ...base, values: [[value]] });
    ctx.index.add({ key, sheet: W, range: addr(row, col), ...(name ? { name } : {}) });
  };
  blocks.push({ address: "A3", values: [[...HEAD.option]], style: "header" });
  OPTION_ROWS.forEach((o, k) => {
    const r = 4 + k;
    const value: CellValue = isSwitch(o.key) ? (st[o.key] ? 1 : 0) : st[o.key];
    const meaning = o.meaning(spec, ctx.noOpenData);
    blocks.push({ address: addr(r, 0), values: [[o.id]], style: "plain" });
    const name = ctx.name(o.id, sheetRange(W, r, 1), meaning);
    input(`option:${o.key}`, r, 1, value, undefined, name);
    blocks.push({ address: addr(r, 2), values: [[meaning]], style: "note" });
  });
  let r = 4 + OPTION_ROWS.length + 1;
  r = writeDimensions(ctx, blocks, input, r);
  r = writeSubdimensions(ctx, blocks, input, r);
  writeIndicators(ctx, blocks, input, r);
  return {
    name: W,
    role: "weights",
    blocks,
    columnWidths: [26, 12, 44, 18, 22, 8, 60, 12, 40],
    freeze: { rows: 0, cols: 0 },
    tabColor: "FFC000",
  };
}

type Input = (key: string, row: number, col: number, value: CellValue, numberFormat?: string, name?: string) => void;

function registerGroup(
  ctx: PlanContext,
  key: string,
  start: number,
  end: number,
  base: string,
  comment: string,
  col = 1,
) {
  const W = ctx.sheet("weights");
  const name = ctx.name(base, sheetRange(W, start, col, end, col), comment);
  ctx.index.add({ key, sheet: W, range: rangeAddress(start - 1, col, end - start + 1, 1), name });
  return name;
}

/** The note of an indicator with no open data under these settings. */
export const noteOf = (s: MeasureSettings): string => (s.includeSynthetic ? SYNTHETIC_INCLUDED : NO_OPEN_DATA);

/** Column of the indicators' used weights (what the sums read) and of their notes. */
const USED_COL = HEAD.indicator.indexOf("Used weight");

/**
 * An indicator's used weight and note: its weight, or — for one with no open data — 0 unless
 * IncludeSynthetic is 1 (settings.ts usedWeights computes the same).
 */
function usedWeightCells(ctx: PlanContext, id: string, r: number): Block[] {
  const st = ctx.settings;
  const W = ctx.sheet("weights");
  const w = addr(r, 1);
  ctx.index.add({ key: `used:${id}`, sheet: W, range: addr(r, USED_COL) });
  if (!ctx.noOpenData.includes(id))
    return [
      { address: addr(r, USED_COL), formula: `=${w}`, cached: [[st.weights[id]]], rows: 1, cols: 1, style: "plain" },
    ];
  const on = ctx.index.nameOrRef("option:includeSynthetic");
  ctx.index.add({ key: `note:${id}`, sheet: W, range: addr(r, USED_COL + 1) });
  return [
    {
      address: addr(r, USED_COL),
      formula: `=IF(${on}=1,${w},0)`,
      cached: [[st.includeSynthetic ? st.weights[id] : 0]],
      rows: 1,
      cols: 1,
      style: "plain",
    },
    {
      address: addr(r, USED_COL + 1),
      formula: `=IF(${on}=1,"${SYNTHETIC_INCLUDED}","${NO_OPEN_DATA}")`,
      cached: [[noteOf(st)]],
      rows: 1,
      cols: 1,
      style: "note",
    },
  ];
}

function writeDimensions(ctx: PlanContext, blocks: Block[], input: Input, r: number): number {
  const { spec, settings: st, result } = ctx;
  blocks.push({ address: addr(r, 0), values: [[...HEAD.dimension]], style: "header" });
  r++;
  const start = r;
  spec.dimensions.forEach((d, k) => {
    blocks.push({ address: addr(r, 0), values: [[d.id]], style: "plain" });
    input(`weight:${d.id}`, r, 1, st.weights[d.id], "0.000");
    const eff = result.weights.effective[k];
    blocks.push({
      address: addr(r, 2),
      values: [[d.label, Number.isFinite(eff) ? eff : null]],
      style: "plain",
      numberFormat: "0.000",
    });
    r++;
  });
  const wDims = registerGroup(ctx, "weights:dimensions", start, r - 1, "W_dimensions", "Dimension weights (step 9)");
  const sum = spec.dimensions.reduce((s, d) => s + st.weights[d.id], 0);
  const check = (label: string, formula: string, value: CellValue, extra: Partial<Block>) => {
    blocks.push({ address: addr(r, 0), values: [[label]], style: "plain" });
    blocks.push({ address: addr(r, 1), formula, cached: [[value]], rows: 1, cols: 1, style: "check", ...extra });
    r++;
  };
  check("Sum of dimension weights", `=SUM(${wDims})`, sum, { numberFormat: "0.000" });
  check(
    "Check",
    `=IF(ABS(SUM(${wDims})-1)<0.000001,"${CHECK_OK}","${CHECK_BAD}")`,
    Math.abs(sum - 1) < 0.000001 ? CHECK_OK : CHECK_BAD,
    { comment: "Scores are rank-based, so weights that do not sum to 1 rescale the overall score but keep its order." },
  );
  return r + 1;
}

function writeSubdimensions(ctx: PlanContext, blocks: Block[], input: Input, r: number): number {
  const { spec, settings: st } = ctx;
  if (!spec.dimensions.some((d) => d.subdimensions)) return r;
  blocks.push({ address: addr(r, 0), values: [[...HEAD.subdimension]], style: "header" });
  r++;
  for (const d of spec.dimensions) {
    if (!d.subdimensions) continue;
    const start = r;
    for (const s of d.subdimensions) {
      blocks.push({ address: addr(r, 0), values: [[s.id]], style: "plain" });
      input(`weight:${s.id}`, r, 1, st.weights[s.id], "0.000");
      blocks.push({ address: addr(r, 2), values: [[d.id, s.label]], style: "plain" });
      r++;
    }
    registerGroup(ctx, `weights:${d.id}`, start, r - 1, `W_${d.id}`, `Sub-dimension weights of ${d.label}`);
  }
  return r + 1;
}

function writeIndicators(ctx: PlanContext, blocks: Block[], input: Input, r: number): void {
  const { spec, settings: st } = ctx;
  const W = ctx.sheet("weights");
  blocks.push({ address: addr(r, 0), values: [[...HEAD.indicator]], style: "header" });
  r++;
  const inds = listIndicators(spec);
  let k = 0;
  while (k < inds.length) {
    const group = inds[k].subdimension?.id ?? inds[k].dimension.id;
    const start = r;
    for (; k < inds.length && (inds[k].subdimension?.id ?? inds[k].dimension.id) === group; k++, r++) {
      const { indicator: ind, dimension: d, subdimension: s } = inds[k];
      blocks.push({ address: addr(r, 0), values: [[ind.id]], style: "plain" });
      const pName = ctx.name(`P_${ind.id}`, sheetRange(W, r, 2), `Polarity of ${ind.label}`);
      input(`weight:${ind.id}`, r, 1, st.weights[ind.id]);
      input(`polarity:${ind.id}`, r, 2, st.polarity[ind.id], undefined, pName);
      blocks.push({
        address: addr(r, 3),
        values: [[d.id, s?.id ?? "", ind.shrink ? "yes" : "no", ind.label]],
        style: "plain",
      });
      blocks.push(...usedWeightCells(ctx, ind.id, r));
    }
    registerGroup(
      ctx,
      `weights:${group}`,
      start,
      r - 1,
      `W_${group}`,
      `Used indicator weights of ${group} (0 for an indicator left out)`,
      USED_COL,
    );
  }
}

/**
 * A plan's Weights sheet as the grids `readWeights` reads (values from A1; formulas where the plan
 * has one): what a build saves before it writes, so a cancelled rebuild can be finished exactly.
 */
export function weightsGrid(sheet: SheetPlan): { values: unknown[][]; formulas: unknown[][] } {
  const values: unknown[][] = [];
  const formulas: unknown[][] = [];
  const at = (g: unknown[][], r: number, c: number, v: unknown) => {
    while (g.length <= r) g.push([]);
    g[r][c] = v;
  };
  for (const b of sheet.blocks) {
    const { row, col } = parseAddress(b.address.split(":")[0]);
    (b.values ?? b.cached ?? []).forEach((r, i) =>
      r.forEach((v, j) => {
        at(values, row - 1 + i, col + j, v);
        at(formulas, row - 1 + i, col + j, b.formula && i === 0 && j === 0 ? b.formula : v);
      }),
    );
  }
  const width = Math.max(0, ...values.map((r) => r.length));
  const fill = (g: unknown[][]) => g.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? ""));
  return { values: fill(values), formulas: fill(formulas) };
}

// ---------------------------------------------------------------- reading

export interface WeightsProblem {
  /** Sheet-qualified cell, e.g. 'HLN Weights'!B12. */
  cell: string;
  value: unknown;
  why: string;
}

export interface ReadWeights {
  settings: MeasureSettings;
  problems: WeightsProblem[];
  /** Formulas the user typed in input cells (kept by the next write), by index key. */
  formulas: InputFormulas;
}

const isBlank = (v: unknown) => v === null || v === undefined || v === "";

function numberProblem(v: unknown, what: string): string | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return undefined;
  if (isBlank(v)) return `${what} is blank`;
  if (typeof v === "string" && v.startsWith("#")) return `${what} is the error ${v}`;
  if (typeof v === "string" && /^\s*-?\d+,\d+\s*$/.test(v))
    return `${what} "${v}" is text (a decimal comma?), not a number`;
  return `${what} ${JSON.stringify(v)} is not a number`;
}

/**
 * Reads a Weights sheet's grid (Range.values from A1; `formulas` = Range.formulas of the same
 * range, optional) into settings for `spec`. Every unusable cell is listed with why; the spec's
 * value stands in for it.
 */
export function readWeights(
  grid: readonly (readonly unknown[])[],
  spec: MeasureSpec,
  sheetName: string,
  formulas?: readonly (readonly unknown[])[],
): ReadWeights {
  const settings = defaultSettings(spec);
  const problems: WeightsProblem[] = [];
  const kept: InputFormulas = idRecord();
  const cellRef = (i: number, j: number) => `${quoteSheet(sheetName)}!${cellAddress(i, j)}`;
  const problem = (i: number, j: number, value: unknown, why: string) =>
    problems.push({ cell: cellRef(i, j), value, why: `${why}; the spec's value is used` });
  const keepFormula = (key: string, i: number, j: number) => {
    const f = formulas?.[i]?.[j];
    if (typeof f === "string" && f.startsWith("=")) kept[key] = f;
  };
  const rows = locateRows(grid);
  const seen = new Set<string>();
  for (const [id, { section, row: i }] of rows) {
    const v = grid[i][1];
    if (section === "option") {
      const o = OPTION_ROWS.find((x) => x.id === id);
      if (!o) continue;
      seen.add(`option:${o.key}`);
      const why = readOption(settings, o.key, v);
      if (why) problem(i, 1, v, `${o.id}: ${why}`);
      else keepFormula(`option:${o.key}`, i, 1);
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(settings.weights, id)) continue;
    seen.add(`weight:${id}`);
    const why =
      numberProblem(v, `weight of ${id}`) ??
      ((v as number) < 0 ? `weight of ${id} is negative (${String(v)})` : undefined);
    if (why) problem(i, 1, v, why);
    else {
      settings.weights[id] = v as number;
      keepFormula(`weight:${id}`, i, 1);
    }
    if (section === "indicator" && Object.prototype.hasOwnProperty.call(settings.polarity, id)) {
      seen.add(`polarity:${id}`);
      const p = grid[i][2];
      if (p === 1 || p === -1) {
        settings.polarity[id] = p;
        keepFormula(`polarity:${id}`, i, 2);
      } else problem(i, 2, p, `polarity of ${id} must be 1 or -1, got ${JSON.stringify(p ?? "")}`);
    }
  }
  for (const key of expectedKeys(spec))
    if (!seen.has(key))
      problems.push({ cell: quoteSheet(sheetName), value: null, why: `no row for ${key}; the spec's value is used` });
  return { settings, problems, formulas: kept };
}

function readOption(settings: MeasureSettings, key: OptionKey, v: unknown): string | undefined {
  if (isSwitch(key)) {
    if (v === 0 || v === 1) {
      settings[key] = v === 1;
      return undefined;
    }
    const what =
      key === "applyExclusions"
        ? "1 (leave the listed areas out) or 0 (include them)"
        : "0 (leave out indicators with no open data) or 1 (include them)";
    return `must be ${what}, got ${JSON.stringify(v ?? "")}`;
  }
  const value = typeof v === "string" ? v.trim() : v;
  const why = optionProblem(key, value);
  if (why) return `${why}, got ${JSON.stringify(v ?? "")}`;
  (settings as unknown as Record<string, unknown>)[key] = value;
  return undefined;
}

/** Row of each id (column A) and the table it is in, from the header rows. */
function locateRows(grid: readonly (readonly unknown[])[]): Map<string, { section: Section; row: number }> {
  const out = new Map<string, { section: Section; row: number }>();
  let section: Section | undefined;
  grid.forEach((r, i) => {
    const a = r[0];
    const head = (Object.keys(HEAD) as Section[]).find((s) => HEAD[s][0] === a && r[1] === HEAD[s][1]);
    if (head) {
      section = head;
      return;
    }
    if (section && typeof a === "string" && a !== "" && !out.has(a)) out.set(a, { section, row: i });
  });
  return out;
}

function expectedKeys(spec: MeasureSpec): string[] {
  const keys = OPTION_ROWS.map((o) => `option:${o.key}`);
  for (const d of spec.dimensions) {
    keys.push(`weight:${d.id}`);
    for (const s of d.subdimensions ?? []) keys.push(`weight:${s.id}`);
  }
  for (const { indicator } of listIndicators(spec)) keys.push(`weight:${indicator.id}`, `polarity:${indicator.id}`);
  return keys;
}
