/** The LA summary, Top and QA sheets: tables over the per-area columns, found through the index. */
import { areaSummary, type AreaSummary, SUMMARY_MEASURES } from "../../core/summaries/areaSummary";
import { groupIndex } from "../../core/groupIndex";
import { summaryTable } from "../../core/summaries/summaryTable";
import { qaTable } from "../../core/qaTable";
import { listIndicators } from "../../core/spec";
import { topAreas } from "../../core/topAreas";
import { absAddr, addr, rangeAddress } from "../a1";
import type { Block, CellValue, SheetPlan } from "../planTypes";
import { plural } from "./areas";
import { finite, num } from "./cells";
import { type PlanContext, type SummaryGrouping, summarySheetName } from "./context";
import { qaFormula } from "./indicators";
import { planSummaryNative } from "./summaryNative";

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "HLN score" or "score". */
export function scoreWord(ctx: PlanContext): string {
  return ctx.spec.short ? `${ctx.spec.short} score` : "score";
}

/** The group code → name map of the rows (first name seen per code). */
export function groupNames(ctx: PlanContext): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const { rows } = ctx;
  for (let i = 0; i < ctx.N; i++)
    if (!out.has(rows.groupCode[i])) out.set(rows.groupCode[i], rows.groupName ? rows.groupName[i] : null);
  return out;
}

/** One summary table: what planSummarySheet needs of a grouping. */
interface SummaryInput {
  key: string;
  sheet: string;
  role: SheetPlan["role"];
  title: string;
  nameHeader: string;
  /** Index key of the per-area group-code column the formula reads. */
  codesKey: string;
  summary: AreaSummary;
  labels: string[];
  codes: Int32Array;
  nameOf: Map<string, string | null>;
}

function planSummarySheet(ctx: PlanContext, g: SummaryInput): SheetPlan {
  const ix = ctx.index;
  // the table HLN.LASUMMARY returns (values and ranks), from the core's summary; missing cells blank
  const cached: CellValue[][] = summaryTable(g.summary, g.labels, g.codes, SUMMARY_MEASURES, "both", () => null);
  const formula = `=HLN.LASUMMARY(${finite(ix.ref("overall:score"))},${ix.ref(g.codesKey)},${ix.ref("area:population")})`;
  const cols = cached[0].length;
  const nat = ctx.formulas === "native";
  ix.add({ key: g.key, sheet: g.sheet, range: rangeAddress(1, 1, cached.length, cols), ...(nat ? {} : { formula }) });
  const table: Block[] = nat
    ? planSummaryNative(ctx, g, cached)
    : [{ address: "B2", formula, cached, rows: cached.length, cols, style: "output", numberFormat: "0.000" }];
  return {
    name: g.sheet,
    role: g.role,
    blocks: [
      { address: "A1", values: [[g.title]], style: "title" },
      { address: "A2", values: [[g.nameHeader]], style: "header" },
      { address: "A3", values: g.labels.map((c) => [g.nameOf.get(c) ?? null]), style: "plain" },
      ...table,
    ],
    columnWidths: [26, 11, 8, 11, 10, 8, 10, 14, 8, 8, 8, 8, 8, 8, 8, 8, 40],
    freeze: { rows: 2, cols: 2 },
  };
}

const SUMMARY_TITLE =
  "(IoD-style: average score, rank of average score, extent, local concentration, share of areas in the national top 10% / 20%)";

/** The district summaries (HLN LA): the spec's shrinkage group, the core's own summary. */
export function planLa(ctx: PlanContext): SheetPlan {
  const { result } = ctx;
  return planSummarySheet(ctx, {
    key: "summary:lad",
    sheet: ctx.sheet("la"),
    role: "la",
    title: `${capitalise(ctx.labels.groupNoun)} summaries of the ${scoreWord(ctx)} ${SUMMARY_TITLE}`,
    nameHeader: `${ctx.labels.group} name`,
    codesKey: "area:group",
    summary: result.districts,
    labels: result.groups.labels,
    codes: result.groups.codes,
    nameOf: groupNames(ctx),
  });
}

/** A summary sheet for another grouping (UTLA, region, MSOA, ward, …) of the areas. */
export function planGroupingSummary(ctx: PlanContext, g: SummaryGrouping): SheetPlan {
  const { result } = ctx;
  const groups = groupIndex(g.codes);
  const nameOf = new Map<string, string | null>();
  g.codes.forEach((c, i) => nameOf.has(c) || nameOf.set(c, g.names[i] ?? null));
  return planSummarySheet(ctx, {
    key: `summary:${g.id}`,
    sheet: summarySheetName(g.id) + ctx.suffix,
    role: "summary",
    title: `${g.label}: summaries of the ${scoreWord(ctx)} ${SUMMARY_TITLE}`,
    nameHeader: `${g.label} name`,
    codesKey: `area:grouping:${g.id}`,
    summary: areaSummary(result.score, groups.codes, ctx.rows.population ?? undefined, result.rank),
    labels: groups.labels,
    codes: groups.codes,
    nameOf,
  });
}

export function planTop(ctx: PlanContext, topN = 20): SheetPlan {
  const { result, rows, index: ix, R0, labels: L } = ctx;
  const T = ctx.sheet("top");
  const n = Math.min(topN, result.n);
  const picked = topAreas(result.rank, n);
  const rk = ix.ref("overall:rank");
  const blocks: Block[] = [
    { address: "A1", values: [[`Top ${topN} ${plural(L.noun)} by ${scoreWord(ctx)}`]], style: "title" },
    {
      address: "A2",
      values: [["Rank", `${L.code} code`, `${L.code} name`, `${L.group} name`, capitalise(scoreWord(ctx))]],
      style: "header",
    },
  ];
  for (let k = 0; k < n; k++) {
    // the formula matches rank k+1 exactly, so a tie leaves the next rank's row empty (#N/A)
    const i = picked[k] !== undefined && result.rank[picked[k]] === k + 1 ? picked[k] : -1;
    const row = R0 + k;
    blocks.push({ address: addr(row, 0), values: [[k + 1]], style: "plain" });
    // text columns end in &"": INDEX of a blank name cell is 0 otherwise
    const cell = (col: number, key: string, v: CellValue, nf?: string) =>
      blocks.push({
        address: addr(row, col),
        formula: `=INDEX(${ix.ref(key)},MATCH(${absAddr(row, 0)},${rk},0))${nf ? "" : '&""'}`,
        cached: [[i < 0 ? null : v]],
        rows: 1,
        cols: 1,
        style: "output",
        ...(nf ? { numberFormat: nf } : {}),
      });
    cell(1, "area:code", rows.code[i] ?? null);
    cell(2, "area:name", rows.name ? rows.name[i] : null);
    cell(3, "area:groupName", rows.groupName ? rows.groupName[i] : null);
    cell(4, "overall:score", i < 0 ? null : num(result.score[i]), "0.00");
  }
  ix.add({ key: "top:table", sheet: T, range: rangeAddress(R0 - 1, 0, Math.max(n, 1), 5) });
  return { name: T, role: "top", blocks, columnWidths: [6, 12, 30, 26, 10] };
}

/**
 * The QA sheet: one HLN.QA block per indicator (16 rows apart), then, for a build from the user's
 * own file, `dataChecks` (lines prepared by the caller: how the file was read, the cells left out
 * of their indicator with the first few by row and reason) below the last block (index key `qa-data`).
 */
export function planQa(ctx: PlanContext, dataChecks: string[] = []): SheetPlan {
  const Q = ctx.sheet("qa");
  const blocks: Block[] = [
    {
      address: "A1",
      values: [["Step 2 quality checks of each indicator's raw column (excluded areas blank)"]],
      style: "title",
    },
  ];
  listIndicators(ctx.spec).forEach(({ indicator: ind }, k) => {
    const row = 3 + k * 16;
    const formula = qaFormula(ctx, ind);
    const res = ctx.result.indicators.find((r) => r.id === ind.id)!;
    blocks.push({ address: addr(row, 0), values: [[ind.id], [ind.label]], style: "header" });
    const table = qaTable(res.qa, ind.kind === "count", 0, () => null);
    if (ctx.formulas === "native")
      // labels as constants, the values one array formula beside them
      blocks.push(
        { address: addr(row, 1), values: table.map((r) => [r[0]]), style: "output" },
        { address: addr(row, 2), formula, cached: table.map((r) => [r[1]]), rows: 14, cols: 1, style: "output" },
      );
    else blocks.push({ address: addr(row, 1), formula, cached: table, rows: 14, cols: 2, style: "output" });
    ctx.index.add({ key: `qa:${ind.id}`, sheet: Q, range: rangeAddress(row - 1, 1, 14, 2), formula });
  });
  if (dataChecks.length > 0) {
    const row = 3 + listIndicators(ctx.spec).length * 16;
    blocks.push({ address: addr(row, 0), values: [["Checks of the data file"]], style: "header" });
    blocks.push({ address: addr(row + 1, 0), values: dataChecks.map((line) => [line]) });
    ctx.index.add({ key: "qa-data", sheet: Q, range: rangeAddress(row, 0, dataChecks.length, 1) });
  }
  return { name: Q, role: "qa", blocks, columnWidths: [30, 22, 40] };
}
