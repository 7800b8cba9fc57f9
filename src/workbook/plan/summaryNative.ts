/**
 * Native-mode area summaries (core areaSummary + summaryTable, IoD File 10 conventions) in visible
 * cells. Per area (on HLN LA, shared by every grouping): included (score and population ≥ 0),
 * population, pop × score, IoD rank N + 1 − need rank, pop × IoD rank, pop × extent weight, the
 * top-10% / top-20% flags and the "left out" reason. Per group: SUMIFS / COUNTIFS over the group
 * codes (one array per measure), the measures' need ranks (SORT + MATCH, native.needRank) and the
 * left-out rows (FILTER + TEXTJOIN, one formula per group). Local concentration: the areas sorted by
 * group and need rank (SORTBY), then a per-cell running sum of the population taken (each group's
 * neediest areas up to 10 % of its people, the last in part) — the one per-cell column, since an
 * array form would need LAMBDA.
 */
import { argsort } from "../../core/argsort";
import type { AreaSummary } from "../../core/summaries/areaSummary";
import { extentWeight } from "../../core/summaries/extentWeight";
import { SUMMARY_PROBLEMS } from "../../core/summaries/problems";
import { addr, colLetter, rangeAddress, sheetRange } from "../a1";
import type { Block, CellValue, ColumnValues } from "../planTypes";
import { columnar } from "./cells";
import { FIRST_ROW, type PlanContext } from "./context";
import { sortedGroups } from "./groupSumsNative";
import * as native from "./native";

/** First column (0-based) of the per-area helper columns, right of the 17-column table. */
const HELPER_COL = 18;
/** The shared columns summed per group, in group order (groupSumsNative). */
const SORTED = ["ok", "pop", "pscore", "prank", "pextent", "top10", "top20", "reason"] as const;
/** The grouping-independent per-area columns (HLN LA only). */
const SHARED = ["ok", "pop", "pscore", "iod", "prank", "pextent", "top10", "top20", "reason"] as const;

export interface NativeSummaryInput {
  key: string;
  sheet: string;
  codesKey: string;
  summary: AreaSummary;
  labels: string[];
  codes: Int32Array;
}

interface Col {
  header: string;
  formula?: string;
  cellFormulas?: string[];
  values: ColumnValues;
  format?: string;
}

/** The per-area values of the shared columns, from the core's score, rank and population. */
function sharedValues(ctx: PlanContext): Record<(typeof SHARED)[number], ColumnValues> {
  const { result, N } = ctx;
  const pop = ctx.rows.population;
  const scored = result.rank.reduce((s, r) => s + (Number.isFinite(r) ? 1 : 0), 0);
  const out = {
    ok: new Float64Array(N),
    pop: new Float64Array(N).fill(NaN),
    pscore: new Float64Array(N).fill(NaN),
    iod: new Float64Array(N).fill(NaN),
    prank: new Float64Array(N).fill(NaN),
    pextent: new Float64Array(N).fill(NaN),
    top10: new Float64Array(N).fill(NaN),
    top20: new Float64Array(N).fill(NaN),
    reason: new Array<CellValue>(N).fill(""),
  };
  for (let i = 0; i < N; i++) {
    const r = result.rank[i];
    const p = pop ? pop[i] : 1;
    if (!Number.isFinite(r)) out.reason[i] = `row ${i + 1}: ${SUMMARY_PROBLEMS.NO_SCORE}`;
    else if (!Number.isFinite(p)) out.reason[i] = `row ${i + 1}: ${SUMMARY_PROBLEMS.MISSING_POPULATION} (NaN)`;
    else if (p < 0) out.reason[i] = `row ${i + 1}: ${SUMMARY_PROBLEMS.NEGATIVE_POPULATION} (${p})`;
    if (out.reason[i] !== "") continue;
    out.ok[i] = 1;
    out.pop[i] = p;
    out.pscore[i] = p * result.score[i];
    out.iod[i] = scored + 1 - r;
    out.prank[i] = p * out.iod[i];
    out.pextent[i] = p * extentWeight(Math.ceil((100 * r) / scored));
    out.top10[i] = Math.ceil((10 * r) / scored) === 1 ? 1 : 0;
    out.top20[i] = Math.ceil((5 * r) / scored) === 1 ? 1 : 0;
  }
  return out;
}

/** Writes columns from `c0` on rows 3…N+2 with headers in row 2; registers each as `${prefix}:${name}`. */
function placeColumns(
  ctx: PlanContext,
  sheet: string,
  prefix: string,
  c0: number,
  cols: [string, Col][],
  blocks: Block[],
): void {
  const { N, R0 } = ctx;
  cols.forEach(([name, col], k) => {
    const c = c0 + k;
    blocks.push({ address: addr(R0 - 1, c), values: [[col.header]], style: "header" });
    blocks.push(
      columnar(
        {
          address: addr(R0, c),
          formula: col.formula ?? col.cellFormulas![0],
          ...(col.cellFormulas ? { cellFormulas: col.cellFormulas } : {}),
          rows: N,
          cols: 1,
          style: "output",
          numberFormat: col.format ?? "0.000",
        },
        "cached",
        [col.values],
        N,
      ),
    );
    const key = `${prefix}:${name}`;
    if (!ctx.index.has(key)) ctx.index.add({ key, sheet, range: rangeAddress(R0 - 1, c, Math.max(N, 1), 1) });
  });
}

/** The shared per-area columns on HLN LA (planned first, with the LA table). */
function sharedColumns(ctx: PlanContext, sheet: string, blocks: Block[]): void {
  const ix = ctx.index;
  const score = ix.ref("overall:score");
  const rank = ix.ref("overall:rank");
  const pop = ix.ref("area:population");
  const v = sharedValues(ctx);
  SHARED.forEach((q, k) =>
    ix.add({ key: `summary:area:${q}`, sheet, range: rangeAddress(ctx.R0 - 1, HELPER_COL + k, Math.max(ctx.N, 1), 1) }),
  );
  const ref = (q: string) => ix.ref(`summary:area:${q}`);
  const areaRow = `ROW(${score})-${ctx.R0 - 1}`;
  const cols: [string, Col][] = [
    [
      "ok",
      {
        header: "included (score, population ≥ 0)",
        formula: `=ISNUMBER(${rank})*ISNUMBER(${pop})*(${pop}>=0)`,
        values: v.ok,
        format: "0",
      },
    ],
    ["pop", { header: "population", formula: `=IF(${ref("ok")},${pop},"")`, values: v.pop, format: "0" }],
    ["pscore", { header: "population × score", formula: `=IF(${ref("ok")},${pop}*${score},"")`, values: v.pscore }],
    [
      "iod",
      {
        header: "IoD rank (N + 1 − need rank)",
        formula: `=LET(cnt,COUNT(${rank}),IF(${ref("ok")},cnt+1-${rank},""))`,
        values: v.iod,
        format: "0",
      },
    ],
    [
      "prank",
      { header: "population × IoD rank", formula: `=IF(${ref("ok")},${pop}*${ref("iod")},"")`, values: v.prank },
    ],
    [
      "pextent",
      {
        header: "population × extent weight",
        formula: `=LET(cnt,COUNT(${rank}),pct,-INT(-100*${rank}/cnt),IF(${ref("ok")},${pop}*IF(pct<=10,1,IF(pct<=30,(559-18*pct)/380,0)),""))`,
        values: v.pextent,
      },
    ],
    [
      "top10",
      {
        header: "in the top 10%",
        formula: `=LET(cnt,COUNT(${rank}),IF(${ref("ok")},(-INT(-10*${rank}/cnt)=1)*1,""))`,
        values: v.top10,
        format: "0",
      },
    ],
    [
      "top20",
      {
        header: "in the top 20%",
        formula: `=LET(cnt,COUNT(${rank}),IF(${ref("ok")},(-INT(-5*${rank}/cnt)=1)*1,""))`,
        values: v.top20,
        format: "0",
      },
    ],
    [
      "reason",
      {
        header: "left out because",
        formula: `=IF(ISNUMBER(${rank}),IF(ISNUMBER(${pop}),IF(${pop}<0,"row "&(${areaRow})&": ${SUMMARY_PROBLEMS.NEGATIVE_POPULATION} ("&${pop}&")",""),"row "&(${areaRow})&": ${SUMMARY_PROBLEMS.MISSING_POPULATION} (NaN)"),"row "&(${areaRow})&": ${SUMMARY_PROBLEMS.NO_SCORE}")`,
        values: v.reason,
        format: "@",
      },
    ],
  ];
  // placed one by one: each formula refers to the columns before it
  cols.forEach((c, k) => placeColumns(ctx, sheet, "summary:area", HELPER_COL + k, [c], blocks));
}

/** The local-concentration columns of one grouping; returns the keys' prefix. */
function concentrationColumns(
  ctx: PlanContext,
  g: NativeSummaryInput,
  c0: number,
  codes: string,
  P: string,
  blocks: Block[],
): string {
  const ix = ctx.index;
  const { N, R0 } = ctx;
  const prefix = `${g.key}:lc`;
  const ref = (q: string) => ix.ref(`${prefix}:${q}`);
  const sref = (q: string) => ix.ref(`summary:area:${q}`);
  const grp = ix.ref(g.codesKey);
  const ok = sref("ok");
  const rank = ix.ref("overall:rank");
  // cached values: the core's order (group, need rank, row), the running population taken
  const sv = sharedValues(ctx);
  const gkey = new Float64Array(N);
  for (let i = 0; i < N; i++) gkey[i] = sv.ok[i] && g.codes[i] >= 0 ? g.codes[i] + 1 : 0;
  const byRank = argsort(Float64Array.from(ctx.result.rank, (r, i) => (sv.ok[i] ? r : 0)));
  const pos = Array.from(byRank).sort((a, b) => gkey[a] - gkey[b]); // stable: rank order within a group
  const G = g.labels.length;
  const P0 = new Float64Array(G + 1);
  for (let i = 0; i < N; i++) if (gkey[i] > 0) P0[gkey[i]] += sv.pop[i] as number;
  const sg = Float64Array.from(pos, (i) => gkey[i]);
  const spop = Float64Array.from(pos, (i) => sv.pop[i] as number);
  const siod = Float64Array.from(pos, (i) => sv.iod[i] as number);
  const lim = Float64Array.from(sg, (x) => (x > 0 ? 0.1 * P0[x] : 0));
  const prev = new Float64Array(N);
  const q = new Float64Array(N);
  for (let k = 0; k < N; k++) {
    prev[k] = k > 0 && sg[k] === sg[k - 1] ? prev[k - 1] + q[k - 1] : 0;
    const x = Math.min(spop[k], lim[k] - prev[k]);
    q[k] = Number.isFinite(spop[k]) && sg[k] > 0 && x > 0 ? x : 0;
  }
  const qiod = Float64Array.from(q, (x, k) => (x > 0 ? x * siod[k] : 0));
  const LC = ["gkey", "pos", "sg", "spop", "siod", "lim", "prev", "q", "qiod"];
  LC.forEach((q_, k) =>
    ix.add({ key: `${prefix}:${q_}`, sheet: g.sheet, range: rangeAddress(R0 - 1, c0 + k, Math.max(N, 1), 1) }),
  );
  const col = (q_: string) => colLetter(c0 + LC.indexOf(q_));
  const cell = (q_: string, row: number) => `${col(q_)}${row}`;
  const prevCells: string[] = [];
  const qCells: string[] = [];
  for (let k = 0; k < N; k++) {
    const r = R0 + k;
    const same = `${cell("sg", r)}=${cell("sg", r - 1)}`;
    prevCells.push(k === 0 ? "=0" : `=IF(${same},${cell("prev", r - 1)}+${cell("q", r - 1)},0)`);
    qCells.push(
      `=IF(ISNUMBER(${cell("spop", r)})*(${cell("sg", r)}>0),MAX(0,MIN(${cell("spop", r)},${cell("lim", r)}-${cell("prev", r)})),0)`,
    );
  }
  const cols: [string, Col][] = [
    [
      "gkey",
      {
        header: "group row (0 = left out)",
        formula: `=IFERROR(${ok}*MATCH(${grp},${codes},0),0)`,
        values: gkey,
        format: "0",
      },
    ],
    [
      "pos",
      {
        header: "area in need order (by group)",
        formula: `=SORTBY(SEQUENCE(ROWS(${grp})),${ref("gkey")},1,IF(${ok},${rank},0),1,SEQUENCE(ROWS(${grp})),1)`,
        values: Float64Array.from(pos, (i) => i + 1),
        format: "0",
      },
    ],
    ["sg", { header: "its group row", formula: `=INDEX(${ref("gkey")},${ref("pos")})`, values: sg, format: "0" }],
    ["spop", { header: "its population", formula: `=INDEX(${sref("pop")},${ref("pos")})`, values: spop, format: "0" }],
    ["siod", { header: "its IoD rank", formula: `=INDEX(${sref("iod")},${ref("pos")})`, values: siod, format: "0" }],
    [
      "lim",
      {
        header: "10% of its group's population",
        formula: `=IF(${ref("sg")}>0,0.1*INDEX(${P},IF(${ref("sg")}>0,${ref("sg")},1)),0)`,
        values: lim,
      },
    ],
    ["prev", { header: "population taken before it", cellFormulas: prevCells, values: prev }],
    ["q", { header: "population taken from it", cellFormulas: qCells, values: q }],
    [
      "qiod",
      {
        header: "taken × IoD rank",
        formula: `=${ref("q")}*IF(ISNUMBER(${ref("siod")}),${ref("siod")},0)`,
        values: qiod,
      },
    ],
  ];
  cols.forEach(([, c], k) => {
    blocks.push({ address: addr(R0 - 1, c0 + k), values: [[c.header]], style: "header" });
    blocks.push(
      columnar(
        {
          address: addr(R0, c0 + k),
          formula: c.formula ?? c.cellFormulas![0],
          ...(c.cellFormulas ? { cellFormulas: c.cellFormulas } : {}),
          rows: N,
          cols: 1,
          style: "output",
          numberFormat: c.format ?? "0.000",
        },
        "cached",
        [c.values],
        N,
      ),
    );
  });
  return prefix;
}

/**
 * The "(no group)" row under the groups (core summaryTable), written when some areas have a blank
 * group code: the scored areas without a group, #N/A for the measures (as HLN.SUMMARY), and the
 * left-out text of those areas in data order ("no score" before "no group", as the core checks).
 */
function noGroupRow(ctx: PlanContext, grp: string, row: number, cached: CellValue[]): Block[] {
  const rank = ctx.index.ref("overall:rank");
  const areaRow = `ROW(${rank})-${ctx.R0 - 1}`;
  const why = (p: string) => `"row "&(${areaRow})&": ${p}"`;
  const text =
    `=LET(t,IF(${grp}="",IF(ISNUMBER(${rank}),${why(SUMMARY_PROBLEMS.NO_GROUP)},${why(SUMMARY_PROBLEMS.NO_SCORE)}),""),` +
    `cnt,SUM((t<>"")*1),IF(cnt=0,"",IF(cnt<=5,TEXTJOIN("; ",TRUE,t),` +
    `TEXTJOIN("; ",TRUE,INDEX(FILTER(t,t<>""),SEQUENCE(5)))&"; and "&(cnt-5)&" more rows ("&cnt&" left out)")))`;
  const one = (col: number, formula: string, value: CellValue, numberFormat: string): Block => ({
    address: addr(row, col),
    formula,
    cached: [[value]],
    rows: 1,
    cols: 1,
    style: "output",
    numberFormat,
  });
  return [
    { address: addr(row, 1), values: [["(no group)"]], style: "plain" },
    one(2, `=SUMPRODUCT(ISNUMBER(${rank})*(${grp}=""))`, cached[1], "0"),
    ...Array.from({ length: 13 }, (_, k) => one(3 + k, "=NA()", null, "0.000")),
    // an array formula (as the groups' left-out cells): a plain one would intersect the columns implicitly
    { ...one(16, text, cached[15], "@"), cellFormulas: [text], cellArray: true },
  ];
}

/** The summary table's blocks (B2 header … Q, one row per group) and the per-area columns. */
export function planSummaryNative(ctx: PlanContext, g: NativeSummaryInput, cached: CellValue[][]): Block[] {
  const ix = ctx.index;
  const blocks: Block[] = [];
  if (!ix.has("summary:area:ok")) sharedColumns(ctx, g.sheet, blocks);
  const G = g.labels.length;
  const T0 = FIRST_ROW; // first group row
  const T1 = T0 + Math.max(G, 1) - 1;
  const colRef = (c: number) => sheetRange(g.sheet, T0, c, T1, c);
  const codes = colRef(1);
  const grp = ix.ref(g.codesKey);
  const s = (q: string) => ix.ref(`summary:area:${q}`);
  const P = colRef(3);
  const c0 = g.key === "summary:lad" ? HELPER_COL + SHARED.length : HELPER_COL;
  const lc = concentrationColumns(ctx, g, c0, codes, P, blocks);
  const cachedCol = (j: number) => cached.slice(1, 1 + G).map((r) => r[j - 1] ?? null);
  const cellCol = (j: number, cellFormulas: string[], fmt: string, cellArray = false) =>
    blocks.push(
      columnar(
        {
          address: addr(T0, j),
          formula: cellFormulas[0],
          cellFormulas,
          ...(cellArray ? { cellArray } : {}),
          rows: G,
          cols: 1,
          style: "output",
          numberFormat: fmt,
        },
        "cached",
        [cachedCol(j)],
        G,
      ),
    );
  const col = (j: number, formula: string, fmt = "0.000") =>
    blocks.push({
      address: addr(T0, j),
      formula,
      cached: cachedCol(j).map((x) => [x]),
      rows: G,
      cols: 1,
      style: "output",
      numberFormat: fmt,
    });
  blocks.push({ address: "B2", values: [cached[0]], style: "header" });
  blocks.push(columnar({ address: addr(T0, 1), style: "plain" }, "values", [g.labels], G));
  // the areas in group order (groupSumsNative), right of the local-concentration columns
  const h0 = c0 + 10;
  const sg = sortedGroups(
    g.sheet,
    h0,
    grp,
    Array.from(g.codes, (k) => (k >= 0 ? g.labels[k] : "")),
    { codesRef: codes, codes: g.labels, col: h0 + 3 + SORTED.length, row: T0 },
  );
  const sv = sharedValues(ctx);
  const h = Object.fromEntries(
    SORTED.map((q) => [q, sg.sorted(`group order: ${q}`, s(q), sv[q], q === "reason" ? "@" : "0.000")]),
  );
  const cellRef = (j: number, row: number) => `$${colLetter(j)}${row}`;
  const per = (q: (typeof SORTED)[number], over?: number) =>
    sg.sum(
      h[q],
      "SUM",
      over === undefined ? undefined : (e, row) => `IF(${cellRef(over, row)}>0,${e}/${cellRef(over, row)},"")`,
    ).cellFormulas;
  cellCol(2, per("ok"), "0");
  cellCol(3, per("pop"), "0");
  cellCol(4, per("pscore", 3), "0.000");
  cellCol(5, per("prank", 3), "0.000");
  cellCol(6, per("pextent", 3), "0.000");
  // local concentration: Σ taken × IoD rank / Σ taken over the group's rows of the concentration order
  // (sorted by group row: each group's block by binary search on that column)
  const lsg = ix.ref(`${lc}:sg`);
  const conc: string[] = [];
  for (let t = 0; t < G; t++) {
    const row = T0 + t;
    const blk = (k: string) => `INDEX(${ix.ref(`${lc}:${k}`)},f):INDEX(${ix.ref(`${lc}:${k}`)},l)`;
    conc.push(
      `=IF(${cellRef(3, row)}>0,LET(f,IFERROR(MATCH(${t + 0.5},${lsg},1),0)+1,l,IFERROR(MATCH(${t + 1},${lsg},1),0),IF(f>l,"",SUM(${blk("qiod")})/SUM(${blk("q")}))),"")`,
    );
  }
  cellCol(7, conc, "0.000");
  cellCol(8, per("top10", 2), "0.000");
  cellCol(9, per("top20", 2), "0.000");
  for (let m = 0; m < 6; m++) col(10 + m, native.needRank(colRef(4 + m)), "0");
  // left out: the group's areas' reasons in data order, five named, the rest counted (core summaryTable)
  const left: string[] = [];
  for (let t = 0; t < G; t++) {
    const b = sg.block(h.reason, T0 + t);
    left.push(
      // TEXTJOIN skips the blanks; FILTER only for more than five (LibreOffice: Err:504 on a one-cell block)
      `=IF(${b.empty},"",LET(blk,${b.range},cnt,SUM((blk<>"")*1),IF(cnt=0,"",IF(cnt<=5,TEXTJOIN("; ",TRUE,blk),TEXTJOIN("; ",TRUE,INDEX(FILTER(blk,blk<>""),SEQUENCE(5)))&"; and "&(cnt-5)&" more rows ("&cnt&" left out)"))))`,
    );
  }
  cellCol(16, left, "@", true);
  const noGroup = cached[1 + G];
  if (noGroup?.[0] === "(no group)") blocks.push(...noGroupRow(ctx, grp, T0 + G, noGroup));
  blocks.push(...sg.blocks, {
    address: addr(T0 - 1, h0 + 3 + SORTED.length),
    values: [["first row, group order", "last row, group order"]],
    style: "header",
  });
  return blocks;
}
