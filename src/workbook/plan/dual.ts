/**
 * The Dual sheet (issue 17; seeds 002–004: 'left-behind' areas): areas in the most-need share of both
 * the workbook's own score (index A) and a second index (B, the bundled IMD 2025 rank by default) — the
 * flag, both need ranks, the share and direction cells, the four quadrant counts, per district the
 * number and share of areas and of population flagged, per ward (when the data has wards) both indices
 * as population-weighted averages ranked and flagged, and the list of flagged areas. Live formulas:
 * editing a weight, a share or pasting another second index in column B recalculates it.
 */
import { dualFlag, type NeedDirection } from "../../core/dualFlag";
import { dualCounts } from "../../core/dualCounts";
import { groupDual } from "../../core/groupDual";
import { groupIndex } from "../../core/groupIndex";
import { absAddr, addr, colLetter, quoteSheet, rangeAddress } from "../a1";
import type { Block, CellValue, SheetPlan } from "../planTypes";
import { AreaSheet, columnar, finite } from "./cells";
import type { PlanContext } from "./context";
import { sortedGroups } from "./groupSumsNative";
import * as native from "./native";

/** Need rank of a column: HLN.RANK, or (native mode) the built-in need rank; `dir` = "score"/"rank" cell, or undefined for a score. */
function rankFormula(ctx: PlanContext, values: string, dir?: string): string {
  if (ctx.formulas !== "native")
    return dir ? `=HLN.RANK(${finite(values)},IF(${dir}="rank",1,0))` : `=HLN.RANK(${finite(values)})`;
  return native.needRank(dir ? `IF(ISNUMBER(${values}),IF(${dir}="rank",-${values},${values}),"")` : finite(values));
}

/**
 * The dual flag from the two need-rank columns (native mode; the add-in mode calls HLN.DUAL on the values):
 * 1 where both ranks are ≤ share × N, 0 where not, "" where either is missing; #N/A for a share outside
 * (0, 1] or a direction that is neither "score" nor "rank".
 */
function nativeFlag(rankA: string, rankB: string, p: { shareA: string; shareB: string; dirB: string }): string {
  return (
    `=LET(rka,${rankA},rkb,${rankB},sha,${p.shareA},shb,${p.shareB},` +
    `valid,ISNUMBER(sha)*ISNUMBER(shb)*(sha>0)*(sha<=1)*(shb>0)*(shb<=1)*((${p.dirB}="score")+(${p.dirB}="rank")),` +
    `tha,sha*COUNT(rka),thb,shb*COUNT(rkb),` +
    `IF(valid,IF(ISNUMBER(rka)*ISNUMBER(rkb),IF((rka<=tha)*(rkb<=thb),1,0),""),NA()))`
  );
}

/** A second index for the Dual sheet: one value per area in the data's row order (NaN = missing). */
export interface SecondIndex {
  /** "IMD 2025 rank" */
  label: string;
  values: Float64Array;
  direction: NeedDirection;
  /** Where it comes from (shown on the sheet). */
  source: string;
}

export const DUAL_CAVEAT =
  "The two indices share inputs (11 of the 17 bundled proxies are IoD indicators), so their overlap is not independent evidence.";

/** Cell addresses from 0-based rows (the side tables are placed by row index). */
const a0 = (r: number, c: number) => addr(r + 1, c);
const abs0 = (r: number, c: number) => absAddr(r + 1, c);

/** Side panel column (K) and first row (0-based) of its district table. */
const P = 10;
const LA_ROW = 17;

/** A spilled formula block of `rows` × 1 with cached values. */
function spillCol(
  address: string,
  formula: string,
  values: ArrayLike<CellValue> | Float64Array,
  rows: number,
  nf: string,
): Block {
  return columnar({ address, formula, rows, cols: 1, style: "output", numberFormat: nf }, "cached", [values], rows);
}

export function planDual(ctx: PlanContext, second: SecondIndex, wards?: { codes: string[] }): SheetPlan {
  const { result, index: ix, N, R0 } = ctx;
  const S = ctx.sheet("dual");
  const sh = new AreaSheet(ctx, S);
  const abs = (r: number, c: number) => `${quoteSheet(S)}!${abs0(r, c)}`;
  const shareA = ctx.name("DualShareA", abs(2, P + 1), "Dual sheet: most-need share of index A");
  const shareB = ctx.name("DualShareB", abs(3, P + 1), "Dual sheet: most-need share of index B");
  const dirB = ctx.name("DualDirectionB", abs(4, P + 1), 'Dual sheet: "score" or "rank"');
  const dual = dualFlag(result.score, second.values, { directionB: second.direction });
  sh.head[0] = `${ctx.labels.code} code`;
  sh.step[0] = "area";
  sh.blocks.push(columnar({ address: addr(R0, 0), style: "plain" }, "values", [ctx.rows.code], N));
  sh.register("dual:code", 0);
  sh.head[1] = second.label;
  sh.step[1] = "index B (paste your own here)";
  sh.blocks.push(
    columnar({ address: addr(R0, 1), style: "input", numberFormat: "0.###" }, "values", [second.values], N),
  );
  sh.register("dual:second", 1);
  const score = finite(ix.ref("overall:score"));
  const secondRef = ctx.colRange(S, 1);
  const rankA = sh.formula(
    "dual:rankA",
    2,
    "Index A need rank",
    "rank",
    rankFormula(ctx, ix.ref("overall:score")),
    dual.rankA,
    "0",
  );
  const rankB = sh.formula(
    "dual:rankB",
    3,
    "Index B need rank",
    "rank",
    rankFormula(ctx, secondRef, dirB),
    dual.rankB,
    "0",
  );
  const flag = sh.formula(
    "dual:flag",
    4,
    "In both (1 / 0)",
    "dual",
    ctx.formulas === "native"
      ? nativeFlag(rankA, rankB, { shareA, shareB, dirB })
      : `=HLN.DUAL(${score},${finite(secondRef)},${shareA},${shareB},"score",${dirB})`,
    dual.flag,
    "0",
    "1 = need rank ≤ share × N in both indices (the IoD decile rule); blank = missing in either.",
  );
  const side = sidePanel(ctx, second, dual, { rankA, rankB, shareA, shareB });
  const la = districtTable(ctx, flag, dual.flag);
  const blocks = [...side, ...la];
  let cols = 5;
  if (wards) {
    blocks.push(...wardColumns(ctx, sh, { codes: wards.codes, second, dual: dual.flag }, flag, score, secondRef));
    blocks.push(...wardTable(ctx, wards.codes, second, { shareA, shareB, dirB }, dual.flag));
    cols = 9;
  }
  blocks.push(...flaggedList(ctx, dual.flag, flag));
  return {
    name: S,
    role: "dual",
    blocks: [...sh.finish(cols), ...blocks],
    columnWidths: [11, 14, 10, 10, 9, 11, 10, 12, 12, 2, 30, 14, 14, 12, 12, 12, 14, 12],
    freeze: { rows: 2, cols: 1 },
    tabColor: "C00000",
  };
}

function sidePanel(
  ctx: PlanContext,
  second: SecondIndex,
  dual: ReturnType<typeof dualFlag>,
  refs: { rankA: string; rankB: string; shareA: string; shareB: string },
): Block[] {
  const S = ctx.sheet("dual");
  const cell = (r: number, c = P + 1) => a0(r, c);
  const q = [0, 0, 0, 0];
  for (let i = 0; i < dual.flag.length; i++) {
    const a = dual.rankA[i];
    const b = dual.rankB[i];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    q[(a <= dual.thresholdA ? 0 : 2) + (b <= dual.thresholdB ? 0 : 1)]++;
  }
  const { rankA, rankB } = refs;
  const [tA, tB] = [cell(7), cell(8)];
  const f = (formula: string, v: number, nf = "0"): Block => ({
    address: "",
    formula,
    cached: [[v]],
    rows: 1,
    cols: 1,
    style: "output",
    numberFormat: nf,
  });
  const at = (r: number, c: number, b: Block): Block => ({ ...b, address: a0(r, c) });
  ctx.index.add({ key: "dual:quadrants", sheet: S, range: rangeAddress(10, P, 4, 3) });
  return [
    {
      address: a0(0, P),
      values: [["Dual disadvantage: areas in the most-need share of both indices"]],
      style: "title",
    },
    {
      address: a0(1, P),
      values: [[`Index A: ${ctx.spec.short ?? ctx.spec.id} score · index B: ${second.label} (${second.source})`]],
      style: "note",
    },
    {
      address: a0(2, P),
      values: [["Share of index A"], ["Share of index B"], ['Index B is a "score" or a "rank"']],
      style: "plain",
    },
    { address: a0(2, P + 1), values: [[0.1], [0.1], [second.direction]], style: "input" },
    {
      address: a0(5, P),
      values: [
        ["Areas ranked in A (N)"],
        ["Areas ranked in B (N)"],
        ["Largest rank in A's share (share × N)"],
        ["Largest rank in B's share"],
      ],
      style: "plain",
    },
    at(5, P + 1, f(`=COUNT(${rankA})`, dual.nA)),
    at(6, P + 1, f(`=COUNT(${rankB})`, dual.nB)),
    at(7, P + 1, f(`=${refs.shareA}*${cell(5)}`, dual.thresholdA, "0.0")),
    at(8, P + 1, f(`=${refs.shareB}*${cell(6)}`, dual.thresholdB, "0.0")),
    {
      address: a0(10, P),
      values: [["Areas (both indices ranked)", "B: in its share", "B: not"], ["A: in its share"], ["A: not"]],
      style: "header",
    },
    at(11, P + 1, f(`=COUNTIFS(${rankA},"<="&${tA},${rankB},"<="&${tB})`, q[0])),
    at(11, P + 2, f(`=COUNTIFS(${rankA},"<="&${tA},${rankB},">"&${tB})`, q[1])),
    at(12, P + 1, f(`=COUNTIFS(${rankA},">"&${tA},${rankB},"<="&${tB})`, q[2])),
    at(12, P + 2, f(`=COUNTIFS(${rankA},">"&${tA},${rankB},">"&${tB})`, q[3])),
    { address: a0(13, P), values: [["Total"]], style: "plain" },
    at(13, P + 1, f(`=SUM(${cell(11)}:${cell(12, P + 2)})`, q[0] + q[1] + q[2] + q[3])),
    { address: a0(14, P), values: [[DUAL_CAVEAT]], style: "note" },
  ];
}

/** Per district: areas with both indices, flagged, share; population, flagged, share (one spilled formula per column). */
function districtTable(ctx: PlanContext, flag: string, fl: Float64Array): Block[] {
  const S = ctx.sheet("dual");
  const g = groupIndex(ctx.rows.groupCode);
  const k = g.labels.length;
  const names = new Array<CellValue>(k).fill(null);
  ctx.rows.groupCode.forEach((c, i) => (names[g.codes[i]] ??= ctx.rows.groupName?.[i] ?? null));
  const {
    areas,
    flagged: hit,
    population: people,
    populationFlagged: peopleHit,
  } = dualCounts(fl, g.codes, k, ctx.rows.population);
  const R = LA_ROW + 1;
  const codes = `${quoteSheet(S)}!${abs0(R, P)}:${abs0(R + k - 1, P)}`;
  const group = ctx.index.ref("area:group");
  const popRef = ctx.index.ref("area:population");
  const share = (a: Float64Array, b: Float64Array) => Float64Array.from(a, (x, j) => (b[j] > 0 ? x / b[j] : NaN));
  const col = (c: number, formula: string, v: Float64Array, nf: string) => spillCol(a0(R, P + c), formula, v, k, nf);
  const ref = (c: number) => `${quoteSheet(S)}!${abs0(R, P + c)}:${abs0(R + k - 1, P + c)}`;
  ctx.index.add({ key: "dual:la", sheet: S, range: rangeAddress(LA_ROW, P, k + 1, 8) });
  const L = ctx.labels;
  return [
    {
      address: a0(LA_ROW, P),
      values: [
        [
          `${L.group} code`,
          `${L.group} name`,
          "Areas (both indices)",
          "In both",
          "Share of areas",
          "Population",
          "Population in both",
          "Share of population",
        ],
      ],
      style: "header",
    },
    columnar({ address: a0(R, P), style: "plain" }, "values", [g.labels, names], k),
    ...(ctx.formulas === "native"
      ? nativeDistrictCounts(
          ctx,
          { codes, labels: g.labels, R, fl, flag, group, popRef },
          { areas, hit, people, peopleHit },
        )
      : [
          col(2, `=COUNTIFS(${group},${codes},${flag},">=0")`, areas, "0"),
          col(3, `=COUNTIFS(${group},${codes},${flag},1)`, hit, "0"),
          col(5, `=SUMIFS(${popRef},${group},${codes},${flag},">=0")`, people, "#,##0"),
          col(6, `=SUMIFS(${popRef},${group},${codes},${flag},1)`, peopleHit, "#,##0"),
        ]),
    col(4, `=IF(${ref(2)}>0,${ref(3)}/${ref(2)},"")`, share(hit, areas), "0.0%"),
    col(7, `=IF(${ref(5)}>0,${ref(6)}/${ref(5)},"")`, share(peopleHit, people), "0.0%"),
  ];
}

/** First column (0-based) of the native mode's sorted-by-group helpers (right of the ward table). */
const HELPER_COL = P + 20;
/** Columns of the sorted helpers of the district table (the ward table's 6 come after them). */
const DISTRICT_HELPERS = 7;
/** The ward table's first/last-row columns (in the ward order block, after its 6 helpers). */
const WARD_ROWS_COL = HELPER_COL + DISTRICT_HELPERS + 6;

/** A column of per-row group-sum formulas (groupSumsNative) with the core's values cached. */
function sumColumn(address: string, cellFormulas: string[], values: Float64Array, numberFormat: string): Block {
  const k = cellFormulas.length;
  return columnar(
    { address, formula: cellFormulas[0], cellFormulas, rows: k, cols: 1, style: "output", numberFormat },
    "cached",
    [values],
    k,
  );
}

/**
 * Native district counts (columns 2, 3, 5, 6 of the table) as sums over each district's block of the
 * areas sorted by district (groupSumsNative), with the first/last rows in columns 8–9: COUNTIFS /
 * SUMIFS over the district list cost N × districts per column.
 */
function nativeDistrictCounts(
  ctx: PlanContext,
  t: { codes: string; labels: string[]; R: number; fl: Float64Array; flag: string; group: string; popRef: string },
  v: { areas: Float64Array; hit: Float64Array; people: Float64Array; peopleHit: Float64Array },
): Block[] {
  const S = ctx.sheet("dual");
  const sg = sortedGroups(S, HELPER_COL, t.group, ctx.rows.groupCode, {
    codesRef: t.codes,
    codes: t.labels,
    col: P + 8,
    row: t.R + 1,
  });
  const pop = ctx.rows.population ?? new Float64Array(ctx.N).fill(1);
  const hFlag = sg.sorted("district order: in both (1 / 0)", t.flag, t.fl, "0");
  const hPop = sg.sorted(
    "district order: population (both valued)",
    (at) => `IF(ISNUMBER(${at(t.flag)})*ISNUMBER(${at(t.popRef)}),${at(t.popRef)},"")`,
    Float64Array.from(t.fl, (x, i) => (Number.isFinite(x) ? pop[i] : NaN)),
    "#,##0",
  );
  const hHit = sg.sorted(
    "district order: population in both",
    (at) => `IF(ISNUMBER(${at(t.flag)})*ISNUMBER(${at(t.popRef)}),${at(t.popRef)}*${at(t.flag)},"")`,
    Float64Array.from(t.fl, (x, i) => (Number.isFinite(x) ? pop[i] * x : NaN)),
    "#,##0",
  );
  const cellCol = (c: number, s: { cellFormulas: string[] }, v: Float64Array, nf: string) =>
    sumColumn(a0(t.R, P + c), s.cellFormulas, v, nf);
  return [
    {
      address: a0(t.R - 1, P + 8),
      values: [["first row, district order", "last row, district order"]],
      style: "header",
    },
    ...sg.blocks,
    cellCol(2, sg.sum(hFlag, "COUNT"), v.areas, "0"),
    cellCol(3, sg.sum(hFlag), v.hit, "0"),
    cellCol(5, sg.sum(hPop), v.people, "#,##0"),
    cellCol(6, sg.sum(hHit), v.peopleHit, "#,##0"),
  ];
}

/** Per-area helper columns for the ward averages: ward code, weight (population where both indices are valued), weight × A, weight × B. */
function wardColumns(
  ctx: PlanContext,
  sh: AreaSheet,
  w0: { codes: string[]; second: SecondIndex; dual: Float64Array },
  flag: string,
  score: string,
  second: string,
): Block[] {
  const { N, R0 } = ctx;
  sh.head[5] = "Ward code";
  sh.step[5] = "ward";
  sh.register("dual:ward", 5);
  const pop = ctx.rows.population;
  const w = Float64Array.from(w0.dual, (x, i) => (Number.isFinite(x) ? (pop ? pop[i] : 1) : NaN));
  const wa = Float64Array.from(w, (x, i) => x * ctx.result.score[i]);
  const wb = Float64Array.from(w, (x, i) => x * w0.second.values[i]);
  const popRef = ctx.index.ref("area:population");
  const wRef = sh.formula(
    "dual:weight",
    6,
    "Weight (population, both valued)",
    "ward",
    `=IF(ISNUMBER(${flag})*ISNUMBER(${popRef}),${popRef},"")`,
    w,
    "#,##0",
  );
  sh.formula("dual:weightA", 7, "Weight × A", "ward", `=IF(ISNUMBER(${wRef}),${wRef}*${score},"")`, wa, "0.0");
  sh.formula("dual:weightB", 8, "Weight × B", "ward", `=IF(ISNUMBER(${wRef}),${wRef}*${second},"")`, wb, "0.0");
  return [columnar({ address: addr(R0, 5), style: "plain" }, "values", [w0.codes], N)];
}

/** Per ward: both indices as population-weighted averages, their need ranks and the flag (HLN.DUAL on the wards). */
function wardTable(
  ctx: PlanContext,
  codes: string[],
  second: SecondIndex,
  refs: { shareA: string; shareB: string; dirB: string },
  flag: Float64Array,
): Block[] {
  const S = ctx.sheet("dual");
  const g = groupIndex(codes);
  const k = g.labels.length;
  const pop = ctx.rows.population ?? new Float64Array(ctx.N).fill(1);
  const r = groupDual(ctx.result.score, second.values, g.codes, k, pop, { directionB: second.direction });
  const C0 = P + 10;
  const top = LA_ROW;
  const R = top + 1;
  const list = `${quoteSheet(S)}!${abs0(R, C0)}:${abs0(R + k - 1, C0)}`;
  const ref = (c: number) => `${quoteSheet(S)}!${abs0(R, C0 + c)}:${abs0(R + k - 1, C0 + c)}`;
  const area = (key: string) => ctx.index.ref(key);
  const col = (c: number, formula: string, v: Float64Array, nf: string) => spillCol(a0(R, C0 + c), formula, v, k, nf);
  ctx.index.add({ key: "dual:wards", sheet: S, range: rangeAddress(top, C0, k + 1, 7) });
  return [
    {
      address: a0(top, C0),
      values: [
        [
          "Ward code",
          "Population (both valued)",
          "Index A (pop.-weighted)",
          "Index B (pop.-weighted)",
          "A need rank",
          "B need rank",
          "Ward in both (1 / 0)",
        ],
      ],
      style: "header",
    },
    columnar({ address: a0(R, C0), style: "plain" }, "values", [g.labels], k),
    ...(ctx.formulas === "native"
      ? nativeWardSums(ctx, { list, labels: g.labels, R, C0, codes, flag, second: second.values }, r)
      : [
          col(1, `=SUMIFS(${area("dual:weight")},${area("dual:ward")},${list})`, r.population, "#,##0"),
          col(
            2,
            `=IF(${ref(1)}>0,SUMIFS(${area("dual:weightA")},${area("dual:ward")},${list})/${ref(1)},"")`,
            r.valueA,
            "0.00",
          ),
          col(
            3,
            `=IF(${ref(1)}>0,SUMIFS(${area("dual:weightB")},${area("dual:ward")},${list})/${ref(1)},"")`,
            r.valueB,
            "0.00",
          ),
        ]),
    col(4, rankFormula(ctx, ref(2)), r.rankA, "0"),
    col(5, rankFormula(ctx, ref(3), refs.dirB), r.rankB, "0"),
    col(
      6,
      ctx.formulas === "native"
        ? nativeFlag(ref(4), ref(5), refs)
        : `=HLN.DUAL(${finite(ref(2))},${finite(ref(3))},${refs.shareA},${refs.shareB},"score",${refs.dirB})`,
      r.flag,
      "0",
    ),
  ];
}

/** The flagged areas (FILTER of the codes by the flag), after the tables. */
function flaggedList(ctx: PlanContext, values: Float64Array, flag: string): Block[] {
  const S = ctx.sheet("dual");
  const codes = ctx.rows.code.filter((_, i) => values[i] === 1);
  const C = P + 18;
  const all = ctx.colRange(S, 0);
  // native: a fixed N-row list, blank below the flagged codes (a legacy array formula cannot grow, so
  // LibreOffice and older readers keep the whole list when a recalculation flags more areas)
  const native = ctx.formulas === "native";
  const rows = native ? ctx.N : Math.max(codes.length, 1);
  const cached: (string | null)[] = native ? [...codes, ...new Array<null>(ctx.N - codes.length).fill(null)] : codes;
  ctx.index.add({ key: "dual:list", sheet: S, range: rangeAddress(LA_ROW, C, rows + 1, 1) });
  return [
    { address: a0(LA_ROW, C), values: [[`${ctx.labels.code} in both`]], style: "header" },
    columnar(
      {
        address: a0(LA_ROW + 1, C),
        formula: native
          ? `=LET(cds,${all},lst,FILTER(cds,${flag}=1,""),seq,SEQUENCE(ROWS(cds)),IF(seq<=ROWS(lst),INDEX(lst,seq),""))`
          : // Excel shows #CALC! when no area is flagged (FILTER's if_empty is left out: HyperFormula reads a third argument as a condition)
            `=FILTER(${all},${flag}=1)`,
        rows,
        cols: 1,
        style: "output",
      },
      "cached",
      [cached.length > 0 ? cached : [null]],
      rows,
    ),
  ];
}

/**
 * Native ward sums (columns 1–3 of the ward table): population and the population-weighted averages
 * as sums over each ward's block of the areas sorted by ward (groupSumsNative; each ward's first/last
 * row beside its helpers, right of the flagged list): a SUMIFS array over 6,784 wards costs N × wards per column.
 */
function nativeWardSums(
  ctx: PlanContext,
  t: {
    list: string;
    labels: string[];
    R: number;
    C0: number;
    codes: string[];
    flag: Float64Array;
    second: Float64Array;
  },
  r: { population: Float64Array; valueA: Float64Array; valueB: Float64Array },
): Block[] {
  const S = ctx.sheet("dual");
  const ix = ctx.index;
  const sg = sortedGroups(S, HELPER_COL + DISTRICT_HELPERS, ix.ref("dual:ward"), t.codes, {
    codesRef: t.list,
    codes: t.labels,
    col: WARD_ROWS_COL,
    row: t.R + 1,
  });
  // the per-area weights of wardColumns: population where both indices are valued, × A, × B
  const pop = ctx.rows.population;
  const wt = Float64Array.from(t.flag, (x, i) => (Number.isFinite(x) ? (pop ? pop[i] : 1) : NaN));
  const w = (key: string, header: string, mult?: ArrayLike<number>) =>
    sg.sorted(`ward order: ${header}`, ix.ref(key), mult ? Float64Array.from(wt, (x, i) => x * mult[i]) : wt, "0.0");
  const hw = w("dual:weight", "weight");
  const ha = w("dual:weightA", "weight × A", ctx.result.score);
  const hb = w("dual:weightB", "weight × B", t.second);
  const popCell = (row: number) => `$${colLetter(t.C0 + 1)}${row}`;
  const cellCol = (c: number, s: { cellFormulas: string[] }, v: Float64Array, nf: string) =>
    sumColumn(a0(t.R, t.C0 + c), s.cellFormulas, v, nf);
  const mean = (e: string, row: number) => `IF(${popCell(row)}>0,${e}/${popCell(row)},"")`;
  return [
    { address: a0(t.R - 1, WARD_ROWS_COL), values: [["ward: first row, ward order", "last row"]], style: "header" },
    ...sg.blocks,
    cellCol(1, sg.sum(hw), r.population, "#,##0"),
    cellCol(2, sg.sum(ha, "SUM", mean), r.valueA, "0.00"),
    cellCol(3, sg.sum(hb, "SUM", mean), r.valueB, "0.00"),
  ];
}
