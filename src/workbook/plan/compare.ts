/**
 * The Compare sheet (issue 18, "what did my change do"): a baseline ranking — the spec's settings or a
 * saved scenario, stored as values when the workbook is built — against the current ranking, live
 * from the Score sheet, so editing a weight on the Weights sheet updates every shift. Per area: the
 * baseline rank, decile and top-20% flag (values), the current rank, the rank shift (current −
 * baseline: negative = moved towards more need), its absolute value, the decile change and entering
 * (+1) or leaving (−1) the top 10% and the top 20%; per group (district): the baseline and current
 * top-10% counts, the areas entering and leaving it, and the mean and mean absolute shift; overall:
 * the mean absolute shift and the counts. The same built-in formulas in both formula modes (COUNTIF,
 * COUNTIFS, SUMIFS, ABS, IF), one cell formula per group row; the values equal the core's
 * compareRankings (src/core/compare.ts) of the two rankings.
 */
import { compareRankings } from "../../core/compare";
import { quantileClass } from "../../core/decile";
import { addr, rangeAddress, sheetRange } from "../a1";
import type { Block, CellValue, SheetPlan } from "../planTypes";
import { AreaSheet, columnar } from "./cells";
import type { PlanContext } from "./context";
import { sortedGroups } from "./groupSumsNative";
import { groupNames } from "./tables";

/** The baseline a Compare sheet stores: its name and its ranking (need ranks in row order, NaN = not ranked). */
export interface CompareBaseline {
  name: string;
  rank: ArrayLike<number>;
}

const isNum = (ref: string) => `ISNUMBER(${ref})`;

export function planCompare(ctx: PlanContext, baseline: CompareBaseline): SheetPlan {
  const { result, index: ix, N, R0 } = ctx;
  const Cp = ctx.sheet("compare");
  const sh = new AreaSheet(ctx, Cp);
  const base = Float64Array.from({ length: N }, (_, i) => baseline.rank[i]);
  const cmp = compareRankings(base, result.rank, result.groups.codes, result.groups.labels.length);
  const base5 = quantileClass(base, 5);
  sh.head[0] = `${ctx.labels.code} code`;
  sh.step[0] = "area";
  sh.blocks.push(columnar({ address: addr(R0, 0), style: "plain" }, "values", [ctx.rows.code], N));
  const stored = (key: string, col: number, header: string, values: Float64Array) => {
    sh.head[col] = header;
    sh.step[col] = "baseline (values)";
    sh.blocks.push(columnar({ address: addr(R0, col), style: "plain", numberFormat: "0" }, "values", [values], N));
    sh.register(key, col);
    return ctx.colRange(Cp, col);
  };
  const bRank = stored("compare:baseRank", 1, "Baseline rank", base);
  const bDecile = stored("compare:baseDecile", 2, "Baseline decile", cmp.baseDecile);
  const bTop20 = stored(
    "compare:baseTop20",
    3,
    "Baseline top 20%",
    Float64Array.from(base5, (q) => (Number.isFinite(q) ? (q === 1 ? 1 : 0) : NaN)),
  );
  const rank = ix.ref("overall:rank");
  const decile = ix.ref("overall:decile");
  const hotspot = ix.ref("overall:hotspot");
  const both = `${isNum(rank)}*${isNum(bRank)}`;
  sh.formula("compare:rank", 4, "Rank now", "live", `=IF(${isNum(rank)},${rank},"")`, result.rank, "0");
  const shift = sh.formula(
    "compare:shift",
    5,
    "Rank shift (now − baseline; < 0 = more need)",
    "live",
    `=IF(${both},${rank}-${bRank},"")`,
    cmp.shift,
    "+0;-0;0",
  );
  sh.formula(
    "compare:absShift",
    6,
    "Absolute shift",
    "live",
    `=IF(${isNum(shift)},ABS(${shift}),"")`,
    cmp.shift.map(Math.abs),
    "0",
  );
  sh.formula(
    "compare:decileChange",
    7,
    "Decile change",
    "live",
    `=IF(${both},${decile}-${bDecile},"")`,
    cmp.decile.map((d, i) => d - cmp.baseDecile[i]),
    "+0;-0;0",
  );
  sh.formula(
    "compare:top10",
    8,
    "Top 10%: +1 entered, −1 left",
    "live",
    `=IF(${both},(${decile}=1)-(${bDecile}=1),"")`,
    cmp.top10,
    "+0;-0;0",
  );
  sh.formula(
    "compare:top20",
    9,
    "Top 20%: +1 entered, −1 left",
    "live",
    `=IF(${both},(${hotspot}=1)-(${bTop20}=1),"")`,
    cmp.top20,
    "+0;-0;0",
  );
  const blocks = sh.finish(10);
  blocks.push(...overallBlocks(ctx, baseline.name, cmp));
  blocks.push(...groupBlocks(ctx, cmp));
  return {
    name: Cp,
    role: "compare",
    blocks,
    columnWidths: [12, 10, 10, 10, 10, 14, 10, 10, 12, 12, 3, 34, 14, 3, 12, 28, 12, 10, 10, 10, 12, 12],
    freeze: { rows: 2, cols: 1 },
    tabColor: "5B9BD5",
  };
}

/** Column of the overall summary (label, value) and of the group table. */
const SUMMARY_COL = 11;
const GROUP_COL = 14;

type Comparison = ReturnType<typeof compareRankings>;

function overallBlocks(ctx: PlanContext, name: string, cmp: Comparison): Block[] {
  const ix = ctx.index;
  const col = (k: string) => ix.ref(`compare:${k}`);
  const r0 = 3;
  const rows: [string, string, CellValue][] = [
    ["Mean absolute rank shift", `=IF(COUNT(${col("absShift")})>0,AVERAGE(${col("absShift")}),"")`, cmp.meanAbsShift],
    [
      "Areas whose decile changed",
      `=COUNTIF(${col("decileChange")},">0")+COUNTIF(${col("decileChange")},"<0")`,
      cmp.decileChanged,
    ],
    ["Entered the top 10%", `=COUNTIF(${col("top10")},1)`, cmp.entered10],
    ["Left the top 10%", `=COUNTIF(${col("top10")},-1)`, cmp.left10],
    ["Entered the top 20%", `=COUNTIF(${col("top20")},1)`, cmp.entered20],
    ["Left the top 20%", `=COUNTIF(${col("top20")},-1)`, cmp.left20],
  ];
  const out: Block[] = [
    { address: addr(1, SUMMARY_COL), values: [[`Baseline: ${name} (stored when built)`]], style: "note" },
    { address: addr(2, SUMMARY_COL), values: [["Overall", "Value"]], style: "header" },
  ];
  rows.forEach(([label, formula, value], k) => {
    out.push({ address: addr(r0 + k, SUMMARY_COL), values: [[label]], style: "plain" });
    out.push({
      address: addr(r0 + k, SUMMARY_COL + 1),
      formula,
      cached: [[Number.isFinite(value as number) ? value : null]],
      rows: 1,
      cols: 1,
      style: "output",
      numberFormat: k === 0 ? "0.0" : "0",
    });
  });
  ctx.index.add({
    key: "compare:overall",
    sheet: ctx.sheet("compare"),
    range: rangeAddress(r0 - 1, SUMMARY_COL + 1, rows.length, 1),
  });
  return out;
}

/** The group table: one row per group (the core's group order), one cell formula per cell. */
function groupBlocks(ctx: PlanContext, cmp: Comparison): Block[] {
  const { result, index: ix } = ctx;
  const labels = result.groups.labels;
  const names = groupNames(ctx);
  const k = labels.length;
  const r0 = 3;
  const group = ix.ref("area:group");
  const col = (key: string) => ix.ref(`compare:${key}`);
  const code = (r: number) => addr(r, GROUP_COL);
  const G = ctx.labels.groupShort;
  const head = [
    `${G} code`,
    `${G} name`,
    "Baseline top 10%",
    "Top 10% now",
    "Entered top 10%",
    "Left top 10%",
    "Mean rank shift",
    "Mean absolute shift",
  ];
  const out0: Block[] = [];
  const count = (r: number, key: string, crit: number) => `COUNTIFS(${group},${code(r)},${col(key)},${crit})`;
  const mean = (r: number, key: string) =>
    `=IF(COUNTIFS(${group},${code(r)},${col(key)},">-1E+300")>0,SUMIFS(${col(key)},${group},${code(r)})/COUNTIFS(${group},${code(r)},${col(key)},">-1E+300"),"")`;
  const columns: { f: (r: number) => string; v: Float64Array; fmt: string }[] =
    ctx.formulas === "native" && k > 0
      ? []
      : [
          { f: (r) => `=${count(r, "baseDecile", 1)}`, v: cmp.groups.baseTop10, fmt: "0" },
          { f: (r) => `=COUNTIFS(${group},${code(r)},${ix.ref("overall:decile")},1)`, v: cmp.groups.top10, fmt: "0" },
          { f: (r) => `=${count(r, "top10", 1)}`, v: cmp.groups.entered10, fmt: "0" },
          { f: (r) => `=${count(r, "top10", -1)}`, v: cmp.groups.left10, fmt: "0" },
          { f: (r) => mean(r, "shift"), v: cmp.groups.meanShift, fmt: "0.0" },
          { f: (r) => mean(r, "absShift"), v: cmp.groups.meanAbsShift, fmt: "0.0" },
        ];
  const native = ctx.formulas === "native" && k > 0 ? nativeGroupColumns(ctx, cmp, r0) : undefined;
  if (native) {
    columns.push(...native.columns);
    out0.push(...native.blocks);
  }
  const out: Block[] = [
    ...out0,
    { address: addr(2, GROUP_COL), values: [head], style: "header" },
    {
      address: addr(r0, GROUP_COL),
      values: labels.map((c) => [c, names.get(c) ?? null]),
      style: "plain",
    },
  ];
  if (k === 0) return out;
  columns.forEach((c, j) => {
    const rows = Array.from({ length: k }, (_, g) => r0 + g);
    const cellFormulas = rows.map((r) => c.f(r));
    out.push({
      address: addr(r0, GROUP_COL + 2 + j),
      formula: cellFormulas[0],
      cellFormulas,
      cached: Array.from(c.v, (x) => [Number.isFinite(x) ? x : null]),
      rows: k,
      cols: 1,
      style: "output",
      numberFormat: c.fmt,
    });
  });
  ctx.index.add({
    key: "compare:groups",
    sheet: ctx.sheet("compare"),
    range: rangeAddress(r0 - 1, GROUP_COL, k, head.length),
  });
  return out;
}

/** Columns (0-based) of native mode's first/last sorted rows per group, and of its sorted helpers. */
const SPAN_COL = GROUP_COL + 9;
const HELPER_COL = GROUP_COL + 12;

/**
 * Native mode's group columns in O(N log N) (src/workbook/plan/groupSumsNative.ts): a COUNTIFS per
 * group cell compares every area with every group — seconds of LibreOffice's recalculation for 296
 * districts × 10 criteria. The areas are sorted by group once; each count or sum is over the group's
 * block of a sorted helper (1 where the area counts, "" where not).
 */
function nativeGroupColumns(
  ctx: PlanContext,
  cmp: Comparison,
  r0: number,
): { columns: { f: (r: number) => string; v: Float64Array; fmt: string }[]; blocks: Block[] } {
  const { result, index: ix, N } = ctx;
  const Cp = ctx.sheet("compare");
  const labels = result.groups.labels;
  const k = labels.length;
  const sg = sortedGroups(Cp, HELPER_COL, ix.ref("area:group"), ctx.rows.groupCode, {
    codesRef: sheetRange(Cp, r0, GROUP_COL, r0 + k - 1, GROUP_COL),
    codes: labels,
    col: SPAN_COL,
    row: r0,
  });
  const col = (key: string) => ix.ref(`compare:${key}`);
  const flag = (values: ArrayLike<number>, test: (x: number) => boolean) =>
    Float64Array.from({ length: N }, (_, i) => (test(values[i]) ? 1 : NaN));
  const hBase = sg.sorted(
    "baseline top 10%",
    (at) => `IF(${at(col("baseDecile"))}=1,1,"")`,
    flag(cmp.baseDecile, (x) => x === 1),
  );
  const hNow = sg.sorted(
    "top 10% now",
    (at) => `IF(${at(ix.ref("overall:decile"))}=1,1,"")`,
    flag(cmp.decile, (x) => x === 1),
  );
  const hIn = sg.sorted(
    "entered",
    (at) => `IF(${at(col("top10"))}=1,1,"")`,
    flag(cmp.top10, (x) => x === 1),
  );
  const hOut = sg.sorted(
    "left",
    (at) => `IF(${at(col("top10"))}=-1,1,"")`,
    flag(cmp.top10, (x) => x === -1),
  );
  const hShift = sg.sorted("rank shift", col("shift"), cmp.shift);
  const hAbs = sg.sorted(
    "absolute shift",
    col("absShift"),
    cmp.shift.map((x) => Math.abs(x)),
  );
  const sum = (h: string) => {
    const f = sg.sum(h).cellFormulas;
    return (r: number) => f[r - r0];
  };
  const mean = (h: string) => (r: number) => {
    const b = sg.block(h, r);
    return `=IF(${b.empty},"",IF(COUNT(${b.range})=0,"",SUM(${b.range})/COUNT(${b.range})))`;
  };
  const columns = [
    { f: sum(hBase), v: cmp.groups.baseTop10, fmt: "0" },
    { f: sum(hNow), v: cmp.groups.top10, fmt: "0" },
    { f: sum(hIn), v: cmp.groups.entered10, fmt: "0" },
    { f: sum(hOut), v: cmp.groups.left10, fmt: "0" },
    { f: mean(hShift), v: cmp.groups.meanShift, fmt: "0.0" },
    { f: mean(hAbs), v: cmp.groups.meanAbsShift, fmt: "0.0" },
  ];
  const blocks: Block[] = [
    ...sg.blocks,
    { address: addr(r0 - 1, SPAN_COL), values: [["first sorted row", "last sorted row"]], style: "header" },
  ];
  return { columns, blocks };
}
