/**
 * HLN.* Excel custom functions: thin adapters over src/core. Each one reads its arguments
 * (src/functions/input.ts), calls the core, and maps results and row statuses to a spilled matrix
 * whose cells are numbers or Excel errors (src/functions/errors.ts). No method logic lives here.
 *
 * The JSDoc below is the public metadata: custom-functions-metadata-plugin turns it into
 * functions.json at build time (descriptions appear in Excel's formula autocomplete).
 */
// Core modules are imported one by one (not through src/core/index.ts) so the functions bundle
// carries only the steps it adapts.
import { applyPolarity } from "../core/polarity";
import { compositeCount } from "../core/composite";
import { decile } from "../core/decile";
import { NEED_DIRECTIONS, DEFAULT_DUAL_SHARE, dualFlag } from "../core/dualFlag";
import { SUMMARY_MEASURES, areaSummary } from "../core/summaries/areaSummary";
import type { SummaryMeasure } from "../core/summaries/areaSummary";
import { RANK_SCALINGS, expTransform } from "../core/expTransform";
import { groupIndex } from "../core/groupIndex";
import { needRank } from "../core/needRank";
import { NORMAL_OFFSETS, normalScore } from "../core/normalScore";
import type { NormalOffset } from "../core/normalScore";
import { qa } from "../core/qa";
import { qaTable } from "../core/qaTable";
import { SHRINK_STATUS, SHRINK_STATUS_MESSAGE, shrink, shrinkStatusHasValue } from "../core/shrink";
import type { ShrinkResult } from "../core/shrink";
import { shrinkValue } from "../core/shrinkValue";
import { weightedSum } from "../core/combine";
import { DEFAULT_OPTIONS, MISSING_RULES, optionProblem } from "../core/options";
import { ExcelErrorCode, InputError, ROW_MESSAGE, excelError, guard } from "./errors";
import {
  RowIssues,
  commonLength,
  markBlanks,
  optionalChoice,
  optionalNumber,
  readLabels,
  readNumbers,
  readNumbersStrict,
  spill,
  toMatrix,
  toVector,
  trimmedRows,
} from "./input";
import { SUMMARY_OUTPUTS, summaryTable } from "../core/summaries/summaryTable";

/** Audit quantities HLN.SHRINK / HLN.SHRINKVALUE can return. */
export const SHRINK_OUTPUTS = ["value", "weight", "district", "t2", "logit", "s2", "shrunk_logit", "status"] as const;
type ShrinkOutput = (typeof SHRINK_OUTPUTS)[number];

const SHRINK_FIELD: Record<Exclude<ShrinkOutput, "status">, keyof Omit<ShrinkResult, "status">> = {
  value: "value",
  weight: "weight",
  district: "districtLogit",
  t2: "t2",
  logit: "logit",
  s2: "s2",
  shrunk_logit: "shrunkLogit",
};

const OFFSETS = Object.keys(NORMAL_OFFSETS) as NormalOffset[];
const SUMMARY_CHOICES = [...SUMMARY_MEASURES, "all"] as const;

/** Shared tail of SHRINK and SHRINKVALUE: statuses → per-row errors, selected output → matrix. */
function shrinkAdapter(
  a: unknown,
  b: unknown,
  groups: unknown,
  output: unknown,
  names: [string, string],
  run: (x: Float64Array, y: Float64Array, codes: Int32Array) => ShrinkResult,
  negativeMessage: string,
): unknown[][] {
  const out = optionalChoice(output, "output", SHRINK_OUTPUTS, "value");
  const va = toVector(a, names[0]);
  const vb = toVector(b, names[1]);
  const vg = toVector(groups, "groups");
  const len = commonLength([va.cells, vb.cells, vg.cells], [names[0], names[1], "groups"]);
  const issues = new RowIssues(len);
  const x = readNumbers(va.cells, len, names[0], issues);
  const y = readNumbers(vb.cells, len, names[1], issues);
  const labels = readLabels(vg.cells, len, "groups", issues);
  const res = run(x.values, y.values, groupIndex(labels).codes);
  if (out === "status") return spill(res.status, va.orientation);
  for (let i = 0; i < len; i++) {
    const st = res.status[i];
    if (shrinkStatusHasValue(st) || issues.has(i)) continue;
    if (st === SHRINK_STATUS.MISSING) issues.set(i, excelError(ExcelErrorCode.notAvailable, ROW_MESSAGE.blank));
    else if (st === SHRINK_STATUS.NO_GROUP) {
      issues.set(i, excelError(ExcelErrorCode.notAvailable, SHRINK_STATUS_MESSAGE[st]));
    } else {
      const msg = st === SHRINK_STATUS.NEGATIVE ? negativeMessage : SHRINK_STATUS_MESSAGE[st];
      issues.set(i, excelError(ExcelErrorCode.invalidValue, msg));
    }
  }
  // a row whose status has a value but whose number is not finite overflowed (never "#N/A ok")
  return spill(res[SHRINK_FIELD[out]], va.orientation, issues, (i) =>
    res.status[i] === SHRINK_STATUS.OK ? ROW_MESSAGE.overflow : SHRINK_STATUS_MESSAGE[res.status[i]],
  );
}

/**
 * Appendix B shrinkage: each area's proportion numerator/denominator shrunk towards its district.
 * @customfunction SHRINK
 * @helpurl https://localhost:3000/help/functions.html#hlnshrink
 * @param {any[][]} numerators Counts r (e.g. claimants), one row per area.
 * @param {any[][]} denominators Counts n (e.g. population), one row per area, same length.
 * @param {any[][]} groups District code of each area (the group shrunk towards), same length.
 * @param {string} [output] "value" (default: shrunk proportion), "weight", "district", "t2", "logit", "s2", "shrunk_logit" or "status".
 * @returns {any[][]} One value per area, spilled.
 */
export function hlnShrink(numerators: any[][], denominators: any[][], groups: any[][], output?: string): any[][] {
  return guard(() =>
    shrinkAdapter(
      numerators,
      denominators,
      groups,
      output,
      ["numerators", "denominators"],
      (r, n, g) => shrink(r, n, g),
      "negative count",
    ),
  );
}

/**
 * Shrinkage for values with a standard error (means, modelled rates) towards the district mean.
 * @customfunction SHRINKVALUE
 * @helpurl https://localhost:3000/help/functions.html#hlnshrinkvalue
 * @param {any[][]} values Indicator values, one row per area.
 * @param {any[][]} standardErrors Standard error of each value, same length.
 * @param {any[][]} groups District code of each area, same length.
 * @param {string} [output] "value" (default), "weight", "district", "t2", "logit" (the raw value), "s2", "shrunk_logit" or "status".
 * @returns {any[][]} One value per area, spilled.
 */
export function hlnShrinkValue(values: any[][], standardErrors: any[][], groups: any[][], output?: string): any[][] {
  return guard(() =>
    shrinkAdapter(
      values,
      standardErrors,
      groups,
      output,
      ["values", "standardErrors"],
      (x, se, g) => shrinkValue(x, se, g),
      "negative standard error",
    ),
  );
}

/** Reads one numeric 1-D input; blanks and bad cells become per-row errors. */
function oneColumn(
  arg: unknown,
  name: string,
): { values: Float64Array; issues: RowIssues; orientation: "column" | "row" } {
  const v = toVector(arg, name);
  const len = commonLength([v.cells], [name]);
  const issues = new RowIssues(len);
  const r = readNumbers(v.cells, len, name, issues);
  markBlanks(issues, r.blank);
  return { values: r.values, issues, orientation: v.orientation };
}

/**
 * Normal scores (step 6): rank the values, ties averaged, then the standard normal quantile of rank/(N+1).
 * @customfunction NORMALSCORE
 * @helpurl https://localhost:3000/help/functions.html#hlnnormalscore
 * @param {any[][]} values Values to standardise, one row per area; blanks stay blank (#N/A).
 * @param {string} [offset] Plotting position: "vdw" (default, rank/(N+1)), "blom", "rankit" or "tukey".
 * @returns {any[][]} One normal score per area, spilled.
 */
export function hlnNormalScore(values: any[][], offset?: string): any[][] {
  return guard(() => {
    const o = optionalChoice(offset, "offset", OFFSETS, "vdw");
    const c = oneColumn(values, "values");
    return spill(normalScore(c.values, o), c.orientation, c.issues);
  });
}

/**
 * Exponential transform (Appendix C): ranks the values and maps them to scores from 0 (least need) to 100.
 * @customfunction EXPTRANSFORM
 * @helpurl https://localhost:3000/help/functions.html#hlnexptransform
 * @param {any[][]} values Values to transform (higher = more need), one row per area.
 * @param {number} [constant] The exponential constant C, greater than 0 (default 23).
 * @param {string} [scaling] "hln" (default: rank/(N+1), the published HLN scores) or "iod" (rank/N, the Indices of Deprivation).
 * @returns {any[][]} One score per area, spilled.
 */
export function hlnExpTransform(values: any[][], constant?: number, scaling?: string): any[][] {
  return guard(() => {
    const c = optionalNumber(constant, "constant", DEFAULT_OPTIONS.constant);
    const problem = optionProblem("constant", c);
    if (problem) throw new InputError(`constant ${problem}, got ${c}`);
    const s = optionalChoice(scaling, "scaling", RANK_SCALINGS, DEFAULT_OPTIONS.scaling);
    const col = oneColumn(values, "values");
    return spill(expTransform(col.values, c, s), col.orientation, col.issues);
  });
}

/**
 * Weighted sum of several columns (steps 7 and 9): one score per row.
 * @customfunction SCORE
 * @helpurl https://localhost:3000/help/functions.html#hlnscore
 * @param {any[][]} columns The components, one column each, one row per area.
 * @param {any[][]} weights One weight per column (a row or a column of numbers, not all 0).
 * @param {string} [missing] "reweight" (default, as the core and the workbook: drop blanks, scale up the other weights) or "propagate" (a row with a blank is blank).
 * @returns {any[][]} One score per area, spilled.
 */
export function hlnScore(columns: any[][], weights: any[][], missing?: string): any[][] {
  return guard(() => {
    const rule = optionalChoice(missing, "missing", MISSING_RULES, DEFAULT_OPTIONS.missing);
    const m = toMatrix(columns, "columns");
    const w = toVector(weights, "weights");
    const wv = readNumbersStrict(w.cells, w.cells.length, "weights");
    const len = trimmedRows(m);
    const issues = new RowIssues(len);
    const cols: Float64Array[] = [];
    const blanks: Uint8Array[] = [];
    for (let j = 0; j < m[0].length; j++) {
      const cells = new Array<unknown>(len);
      for (let i = 0; i < len; i++) cells[i] = m[i][j];
      const r = readNumbers(cells, len, `column ${j + 1}`, issues);
      cols.push(r.values);
      blanks.push(r.blank);
    }
    if (rule === "propagate") markBlanks(issues, ...blanks);
    // a non-finite row is blank only if one of its cells is blank; otherwise the sum overflowed
    return spill(weightedSum(cols, wv, rule), "column", issues, (i) =>
      blanks.some((b) => b[i]) ? ROW_MESSAGE.blank : ROW_MESSAGE.overflow,
    );
  });
}

/**
 * Composite count (step 3): the sum of non-overlapping component counts, per row.
 * @customfunction COMPOSITE
 * @helpurl https://localhost:3000/help/functions.html#hlncomposite
 * @param {any[][]} counts The component counts, one column each, one row per area.
 * @returns {any[][]} One summed count per area, spilled; a row with a blank component is #N/A, with a negative one #VALUE!.
 */
export function hlnComposite(counts: any[][]): any[][] {
  return guard(() => {
    const m = toMatrix(counts, "counts");
    const len = trimmedRows(m);
    const issues = new RowIssues(len);
    const cols: Float64Array[] = [];
    for (let j = 0; j < m[0].length; j++) {
      const cells = new Array<unknown>(len);
      for (let i = 0; i < len; i++) cells[i] = m[i][j];
      const r = readNumbers(cells, len, `component ${j + 1}`, issues);
      for (let i = 0; i < len; i++)
        if (r.values[i] < 0)
          issues.set(i, excelError(ExcelErrorCode.invalidValue, `component ${j + 1}: negative count (${r.values[i]})`));
      cols.push(r.values);
      markBlanks(issues, r.blank);
    }
    return spill(compositeCount(cols), "column", issues);
  });
}

/**
 * Polarity (step 5): multiplies by 1 or -1 so that a higher value always means more need.
 * @customfunction POLARITY
 * @helpurl https://localhost:3000/help/functions.html#hlnpolarity
 * @param {any[][]} values Indicator values, one row per area.
 * @param {any} polarity 1 or "+" (higher = more need) or -1 or "-" (higher = less need: reversed).
 * @returns {any[][]} One value per area, spilled.
 */
export function hlnPolarity(values: any[][], polarity: any): any[][] {
  return guard(() => {
    const p = readPolarity(polarity);
    const c = oneColumn(values, "values");
    return spill(applyPolarity(c.values, p), c.orientation, c.issues);
  });
}

function readPolarity(arg: unknown): 1 | -1 {
  const v = Array.isArray(arg) ? toVector(arg, "polarity").cells : [arg];
  if (v.length === 1) {
    const x = typeof v[0] === "string" ? v[0].trim() : v[0];
    if (x === 1 || x === "+" || x === "+1" || x === "1") return 1;
    if (x === -1 || x === "-" || x === "-1" || x === "−") return -1;
  }
  throw new InputError(
    `polarity must be 1 or "+" (higher = more need) or -1 or "-" (higher = less need), got ${
      typeof v[0] === "string" ? `"${v[0]}"` : String(v.length === 1 ? v[0] : "a range")
    }`,
  );
}

/**
 * Rank like RANK.EQ: 1 = the highest value (most need) by default; ties share the best rank.
 * @customfunction RANK
 * @helpurl https://localhost:3000/help/functions.html#hlnrank
 * @param {any[][]} values Values to rank, one row per area; blanks are not ranked (#N/A).
 * @param {number} [order] 0 (default: descending, 1 = highest value) or 1 (ascending, 1 = lowest value).
 * @returns {any[][]} One rank per area, spilled.
 */
export function hlnRank(values: any[][], order?: number): any[][] {
  return guard(() => {
    const o = optionalNumber(order, "order", 0);
    if (o !== 0 && o !== 1) throw new InputError(`order must be 0 (descending) or 1 (ascending), got ${o}`);
    const c = oneColumn(values, "values");
    const ranks = o === 0 ? needRank(c.values) : needRank(applyPolarity(c.values, -1));
    return spill(ranks, c.orientation, c.issues);
  });
}

/**
 * Need decile as published: 1 = the 10% of areas with the highest values (most need), 10 = least.
 * @customfunction DECILE
 * @helpurl https://localhost:3000/help/functions.html#hlndecile
 * @param {any[][]} values Scores (higher = more need), one row per area.
 * @returns {any[][]} One decile (1–10) per area, spilled.
 */
export function hlnDecile(values: any[][]): any[][] {
  return guard(() => {
    const c = oneColumn(values, "values");
    return spill(decile(needRank(c.values)), c.orientation, c.issues);
  });
}

/**
 * Quality checks (step 2) of one indicator: counts of missing values, zeros and values at the upper limit.
 * @customfunction QA
 * @helpurl https://localhost:3000/help/functions.html#hlnqa
 * @param {any[][]} values The indicator's values, one row per area.
 * @param {number} [upper] The indicator's upper limit (e.g. 1 for a proportion, 100 for a percentage).
 * @returns {any[][]} A two-column table of check names and results.
 */
export function hlnQa(values: any[][], upper?: number): any[][] {
  return guard(() => {
    const u = optionalNumber(upper, "upper", NaN);
    const v = toVector(values, "values");
    const len = commonLength([v.cells], ["values"]);
    const issues = new RowIssues(len);
    const r = readNumbers(v.cells, len, "values", issues);
    let invalid = 0;
    for (let i = 0; i < len; i++) if (issues.has(i)) invalid++;
    const q = qa(r.values, Number.isFinite(u) ? { upper: u } : {});
    return qaTable(q, Number.isFinite(u), invalid, (why) => excelError(ExcelErrorCode.notAvailable, why));
  });
}

/**
 * Summaries of area scores for any grouping (district, UTLA, region, MSOA, ward or your own column), as
 * the Indices of Deprivation publish them for districts (File 10): average score, average rank (most
 * deprived area = N), extent, local concentration (most deprived = N), shares of areas in the national
 * most-needy 10% and 20%, and the rank of each group on each (1 = most need, ties share the best rank).
 * @customfunction LASUMMARY
 * @helpurl https://localhost:3000/help/functions.html#hlnlasummary
 * @param {any[][]} scores Area scores (higher = more need), one row per area; a blank score leaves the area out.
 * @param {any[][]} groups Group of each area (district code, ward code, any label), same length; blank = no group.
 * @param {any[][]} populations Population of each area, same length; blank or negative leaves the area out (named in "left out").
 * @param {string} [measure] "score", "rank", "extent", "concentration", "top10", "top20" or "all" (default).
 * @param {string} [output] "both" (default: values then ranks), "values" or "ranks".
 * @returns {any[][]} A table with a header row: group, areas, population, the measure(s), "rank of" each, and "left out".
 */
export function hlnLaSummary(
  scores: any[][],
  groups: any[][],
  populations: any[][],
  measure?: string,
  output?: string,
): any[][] {
  return guard(() => {
    const which = optionalChoice(measure, "measure", SUMMARY_CHOICES, "all");
    const out = optionalChoice(output, "output", SUMMARY_OUTPUTS, "both");
    const vs = toVector(scores, "scores");
    const vg = toVector(groups, "groups");
    const vp = toVector(populations, "populations");
    const len = commonLength([vs.cells, vg.cells, vp.cells], ["scores", "groups", "populations"]);
    const s = readNumbersStrict(vs.cells, len, "scores");
    const p = readNumbersStrict(vp.cells, len, "populations");
    const g = groupIndex(readLabels(vg.cells, len, "groups"));
    if (g.labels.length === 0) throw new InputError("groups: no group codes given", ExcelErrorCode.notAvailable);
    const sum = areaSummary(s, g.codes, p);
    const measures: SummaryMeasure[] = which === "all" ? [...SUMMARY_MEASURES] : [which];
    return summaryTable(sum, g.labels, g.codes, measures, out, (m) => excelError(ExcelErrorCode.notAvailable, m));
  });
}

/**
 * Dual disadvantage ('left-behind' areas): 1 where an area is in the most-need share of both indices, 0 where
 * not, blank where either value is blank. Rule: need rank ≤ share × N in each (the IoD decile rule: at 10% it
 * selects exactly decile 1); ties share the best rank.
 * @customfunction DUAL
 * @helpurl https://localhost:3000/help/functions.html#hlndual
 * @param {any[][]} indexA The first index (e.g. the HLN score), one row per area.
 * @param {any[][]} indexB The second index (e.g. the IMD 2025 rank), same length.
 * @param {number} [shareA] Most-need share of index A, above 0 and at most 1 (default 0.1 = 10%).
 * @param {number} [shareB] Most-need share of index B (default 0.1).
 * @param {string} [directionA] "score" (default: higher = more need) or "rank" (1 = most need).
 * @param {string} [directionB] "score" (default) or "rank".
 * @returns {any[][]} One flag (1 / 0 / blank) per area, spilled.
 */
export function hlnDual(
  indexA: any[][],
  indexB: any[][],
  shareA?: number,
  shareB?: number,
  directionA?: string,
  directionB?: string,
): any[][] {
  return guard(() => {
    const sa = optionalNumber(shareA, "shareA", DEFAULT_DUAL_SHARE);
    const sb = optionalNumber(shareB, "shareB", DEFAULT_DUAL_SHARE);
    const da = optionalChoice(directionA, "directionA", NEED_DIRECTIONS, "score");
    const db = optionalChoice(directionB, "directionB", NEED_DIRECTIONS, "score");
    const va = toVector(indexA, "indexA");
    const vb = toVector(indexB, "indexB");
    const len = commonLength([va.cells, vb.cells], ["indexA", "indexB"]);
    const issues = new RowIssues(len);
    const a = readNumbers(va.cells, len, "indexA", issues);
    const b = readNumbers(vb.cells, len, "indexB", issues);
    const r = dualFlag(a.values, b.values, { shareA: sa, shareB: sb, directionA: da, directionB: db });
    const cells = spill(r.flag, va.orientation, issues);
    // a blank in either index: a blank flag (the area is in neither count)
    const put = (i: number, v: unknown) => (va.orientation === "row" ? (cells[0][i] = v) : (cells[i][0] = v));
    for (let i = 0; i < len; i++) if (!issues.has(i) && !Number.isFinite(r.flag[i])) put(i, "");
    return cells;
  });
}
