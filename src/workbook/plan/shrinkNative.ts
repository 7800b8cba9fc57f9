/**
 * Native-mode step 4 (Appendix B, core shrink / shrinkValue) in visible cells: per area the logit m
 * (or the value x), its sampling variance s², the district logit M, (m − M)², t², the weight w, m*
 * and z; per district, on the HLN Districts sheet, Σr, Σn, k, M, Σ(m − M)² and t² — sums over each
 * district's block of the areas sorted by district (groupSumsNative: O(N log N) for the table), never
 * a per-area SUMIFS over the whole column nor a SUMIFS array over the district list (O(N × districts)).
 * Areas find their district's row once (MATCH, `area:districtRow`).
 */
import type { IndicatorResult } from "../../core/buildMeasure";
import { shrinkStatusHasValue } from "../../core/shrink";
import { listIndicators, type IndicatorSpec } from "../../core/spec";
import { addr, rangeAddress, sheetRange } from "../a1";
import type { Block, SheetPlan } from "../planTypes";
import { type AreaSheet, columnar } from "./cells";
import { sortedGroups } from "./groupSumsNative";
import { FIRST_ROW, type PlanContext } from "./context";

/** District-table quantities of a count indicator, in column order (a value indicator has no sumN). */
const COUNT_Q = ["sumR", "sumN", "k", "M", "ss", "t2"] as const;
const VALUE_Q = ["sumX", "k", "M", "ss", "t2"] as const;
type Quantity = (typeof COUNT_Q)[number] | (typeof VALUE_Q)[number];

const HEADER: Record<Quantity, string> = {
  sumR: "Σr (valid areas)",
  sumN: "Σn (valid areas)",
  sumX: "Σx (valid areas)",
  k: "k (valid areas)",
  M: "M (district)",
  ss: "Σ(m − M)²",
  t2: "t² = Σ(m − M)²/(k − 1)",
};

function shrunkIndicators(ctx: PlanContext): IndicatorSpec[] {
  return listIndicators(ctx.spec)
    .map((x) => x.indicator)
    .filter((i) => i.shrink);
}

function quantities(ind: IndicatorSpec): readonly Quantity[] {
  return ind.kind === "count" ? COUNT_Q : VALUE_Q;
}

/** True when the native plan needs the district table (some indicator is shrunk). */
export function needsDistricts(ctx: PlanContext): boolean {
  return ctx.formulas === "native" && shrunkIndicators(ctx).length > 0;
}

/**
 * Registers the district table's columns (A code, B name, then each shrunk indicator's quantities)
 * before the Indicators sheet refers to them; planDistricts fills them in later.
 */
export function reserveDistricts(ctx: PlanContext): void {
  const G = Math.max(ctx.result.groups.labels.length, 1);
  const sheet = ctx.sheet("districts");
  const reg = (key: string, col: number) =>
    ctx.index.add({ key, sheet, range: rangeAddress(FIRST_ROW - 1, col, G, 1) });
  reg("district:code", 0);
  reg("district:name", 1);
  let c = TABLE_COL;
  for (const ind of shrunkIndicators(ctx)) for (const q of quantities(ind)) reg(`district:${ind.id}:${q}`, c++);
}

/** The district table: A code, B name, C–D each district's first and last row in group order, then the quantities. */
const TABLE_COL = 4;

/** Per-area shrinkage columns of one indicator from column `c`; returns the z column's reference and the next column. */
export function planShrinkNative(
  ctx: PlanContext,
  sh: AreaSheet,
  ind: IndicatorSpec,
  res: IndicatorResult,
  src: { num: string; den: string } | { value: string; se: string },
  c: number,
): { ref: string; next: number } {
  const ix = ctx.index;
  const s = res.shrinkage!;
  const id = ind.id;
  const inc = `(${ix.ref("area:include")}=1)`;
  const grp = ix.ref("area:group");
  const drow = ix.ref("area:districtRow");
  const dist = (q: Quantity) => ix.ref(`district:${id}:${q}`);
  const count = "num" in src;
  const col = (key: string, header: string, f: string, v: Float64Array, fmt: string, note?: string) =>
    sh.formula(`indicator:${id}:${key}`, c++, `${id}: ${header}`, "4 shrinkage", f, v, fmt, note);
  const m = count
    ? col(
        "logit",
        "m = logit",
        `=LET(num,${src.num},den,${src.den},ok,${inc}*ISNUMBER(num)*ISNUMBER(den)*(LEN(${grp})>0),IF(ok,IF((num>=0)*(den>0)*(num<=den),LN((num+0.5)/(den-num+0.5)),NA()),""))`,
        s.logit,
        "0.0000",
        "Step 4 (Appendix B): empirical logit m = ln((r + 0.5)/(n − r + 0.5)); blank when excluded or missing, #N/A for a negative count, r > n or n = 0 (left out of the district sums, as in the core).",
      )
    : col(
        "logit",
        "x (valid)",
        `=LET(val,${src.value},se,${src.se},IF(${inc}*ISNUMBER(val)*ISNUMBER(se)*(LEN(${grp})>0),IF(se>=0,val,""),""))`,
        s.logit,
        "0.0000",
        "Step 4: the value used (blank when excluded, missing or its standard error is negative).",
      );
  const s2 = count
    ? col(
        "s2",
        "s²",
        `=LET(num,${src.num},den,${src.den},IF(ISNUMBER(${m}),(den+1)*(den+2)/(den*(num+1)*(den-num+1)),""))`,
        s.s2,
        "0.000000",
        "s² = (n + 1)(n + 2)/(n (r + 1)(n − r + 1))",
      )
    : col("s2", "s² = se²", `=IF(ISNUMBER(${m}),${src.se}^2,"")`, s.s2, "0.000000");
  const audit = ctx.audit;
  const lookup = (q: Quantity) => `INDEX(${dist(q)},${drow})`;
  const Mcol = audit
    ? col("districtLogit", "M", `=IF(ISNUMBER(${m}),${lookup("M")},"")`, s.districtLogit, "0.0000")
    : lookup("M");
  const d2v = new Float64Array(ctx.N);
  for (let i = 0; i < ctx.N; i++) d2v[i] = (s.logit[i] - s.districtLogit[i]) ** 2;
  col("d2", "(m − M)²", `=IF(ISNUMBER(${m}),(${m}-${Mcol})^2,"")`, d2v, "0.000000");
  const wExpr = (t2: string) =>
    `IF(ISNUMBER(${t2}),IF(${t2}=0,0,${count ? "" : `IF(${s2}=0,1,`}(1/${s2})/(1/${s2}+1/${t2})${count ? "" : ")"}),1)`;
  const back = (x: string) => (count ? `1/(1+EXP(-(${x})))` : x);
  if (!audit) {
    // one LET at the top: inside an IF, LibreOffice evaluates a LET per area (O(N²))
    const f = `=LET(dm,${lookup("M")},tt,${lookup("t2")},wgt,${wExpr("tt")},IF(ISNUMBER(${m}),${back(`wgt*${m}+(1-wgt)*dm`)},""))`;
    const ref = col("shrunk", "shrunk", f, res.shrunk, "0.0000", "Step 4: z (the shrunk value).");
    return { ref, next: c };
  }
  const t2 = col("t2", "t²", `=IF(ISNUMBER(${m}),${lookup("t2")},"")`, s.t2, "0.000000");
  const w = col(
    "weight",
    "w",
    `=IF(ISNUMBER(${m}),${wExpr(t2)},"")`,
    s.weight,
    "0.0000",
    "w = (1/s²)/(1/s² + 1/t²); 1 when the area is its district's only valid area (t² blank), 0 when t² = 0.",
  );
  const ms = col(
    "shrunkLogit",
    count ? "m*" : "x*",
    `=IF(ISNUMBER(${m}),${w}*${m}+(1-${w})*${Mcol},"")`,
    s.shrunkLogit,
    "0.0000",
  );
  const ref = count
    ? col(
        "shrunk",
        "z = shrunk",
        `=IF(ISNUMBER(${ms}),1/(1+EXP(-${ms})),"")`,
        res.shrunk,
        "0.0000",
        "z = 1/(1 + e^(−m*))",
      )
    : col("shrunk", "shrunk", `=IF(ISNUMBER(${ms}),${ms},"")`, res.shrunk, "0.0000");
  return { ref, next: c };
}

/** The district table's cached values of one indicator, from the core's per-area shrinkage columns. */
function districtValues(ctx: PlanContext, res: IndicatorResult, qs: readonly Quantity[]): Float64Array[] {
  const G = ctx.result.groups.labels.length;
  const codes = ctx.result.groups.codes;
  const s = res.shrinkage!;
  const acc: Record<string, Float64Array> = {};
  for (const q of qs) acc[q] = new Float64Array(G);
  for (let i = 0; i < ctx.N; i++) {
    const g = codes[i];
    if (g < 0 || !shrinkStatusHasValue(s.status[i])) continue;
    if (acc.sumR) acc.sumR[g] += res.numerator![i];
    if (acc.sumN) acc.sumN[g] += res.denominator![i];
    if (acc.sumX) acc.sumX[g] += s.logit[i];
    acc.k[g] += 1;
    acc.M[g] = s.districtLogit[i];
    acc.ss[g] += (s.logit[i] - s.districtLogit[i]) ** 2;
  }
  for (let g = 0; g < G; g++) {
    if (acc.k[g] === 0) acc.M[g] = NaN;
    acc.t2[g] = acc.k[g] > 1 ? acc.ss[g] / (acc.k[g] - 1) : NaN;
  }
  return qs.map((q) => acc[q]);
}

/** The HLN Districts sheet: one row per district (the shrinkage groups), the step-4 district quantities. */
export function planDistricts(ctx: PlanContext): SheetPlan {
  const ix = ctx.index;
  const name = ctx.sheet("districts");
  const labels = ctx.result.groups.labels;
  const G = labels.length;
  const R1 = FIRST_ROW + Math.max(G, 1) - 1;
  const codes = sheetRange(name, FIRST_ROW, 0, R1, 0);
  const grp = ix.ref("area:group");
  const names = new Map<string, string | null>();
  for (let i = 0; i < ctx.N; i++)
    if (!names.has(ctx.rows.groupCode[i])) names.set(ctx.rows.groupCode[i], ctx.rows.groupName?.[i] ?? null);
  const head: (string | null)[] = [`${ctx.labels.group} code`, `${ctx.labels.group} name`];
  const step: (string | null)[] = ["district", "district"];
  const blocks: Block[] = [
    columnar(
      { address: addr(FIRST_ROW, 0), style: "plain" },
      "values",
      [labels, labels.map((l) => names.get(l) ?? null)],
      G,
    ),
  ];
  const width = shrunkIndicators(ctx).reduce((n, ind) => n + quantities(ind).length, TABLE_COL);
  // the areas in district order, right of the table (one blank column between)
  const sg = sortedGroups(name, width + 1, grp, ctx.rows.groupCode, { codesRef: codes, codes: labels, col: 2 });
  head[2] = "first row, in group order";
  head[3] = "last row, in group order";
  step[2] = step[3] = "district";
  let c = TABLE_COL;
  for (const ind of shrunkIndicators(ctx)) {
    const res = ctx.result.indicators.find((r) => r.id === ind.id)!;
    const sh = res.shrinkage!;
    const qs = quantities(ind);
    const values = districtValues(ctx, res, qs);
    const ref = (q: Quantity) => ix.ref(`district:${ind.id}:${q}`);
    const area = (k: string) => ix.ref(`indicator:${ind.id}:${k}`);
    const count = ind.kind === "count";
    const valid = (x: ArrayLike<number> | undefined) =>
      Float64Array.from({ length: ctx.N }, (_, i) => (shrinkStatusHasValue(sh.status[i]) && x ? x[i] : NaN));
    const d2 = valid(Float64Array.from(sh.logit, (m, i) => (m - sh.districtLogit[i]) ** 2));
    const sums: Partial<Record<Quantity, () => { cellFormulas: string[] }>> = {};
    {
      const pre = `${ind.id}: `;
      if (count) {
        const num = ix.has(`indicator:${ind.id}:numerator`) ? area("numerator") : ix.ref(`data:${ind.numerator![0]}`);
        const ifValid = (ref: string) => (at: (r: string) => string) => `IF(ISNUMBER(${at(area("s2"))}),${at(ref)},"")`;
        const hr = sg.sorted(`${pre}r (valid)`, ifValid(num), valid(res.numerator));
        const hn = sg.sorted(`${pre}n (valid)`, ifValid(ix.ref(`data:${ind.denominator!}`)), valid(res.denominator));
        sums.sumR = () => sg.sum(hr);
        sums.sumN = () => sg.sum(hn);
        sums.k = () => sg.sum(hr, "COUNT"); // r is a number exactly where the area is valid
      } else {
        const hx = sg.sorted(`${pre}x (valid)`, area("logit"), valid(sh.logit));
        sums.sumX = () => sg.sum(hx);
        sums.k = () => sg.sum(hx, "COUNT");
      }
      const hd = sg.sorted(`${pre}(m − M)²`, area("d2"), d2);
      sums.ss = () => sg.sum(hd);
    }
    const formulas: Partial<Record<Quantity, string>> = {
      M: count
        ? `=IF(${ref("k")}>0,LN((${ref("sumR")}+0.5)/(${ref("sumN")}-${ref("sumR")}+0.5)),"")`
        : `=IF(${ref("k")}>0,${ref("sumX")}/${ref("k")},"")`,
      t2: `=IF(${ref("k")}>1,${ref("ss")}/(${ref("k")}-1),"")`,
    };
    qs.forEach((q, j) => {
      head[c] = `${ind.id}: ${HEADER[q]}`;
      step[c] = "4 shrinkage";
      const per = sums[q]?.();
      blocks.push(
        columnar(
          {
            address: addr(FIRST_ROW, c),
            formula: per ? per.cellFormulas[0] : formulas[q]!,
            ...(per ? { cellFormulas: per.cellFormulas } : {}),
            rows: G,
            cols: 1,
            style: "output",
            numberFormat: q === "k" ? "0" : "0.000000",
          },
          "cached",
          [values[j]],
          G,
        ),
      );
      c++;
    });
  }
  return {
    name,
    role: "districts",
    blocks: [
      { address: "A1", values: [step.map((x) => x ?? null)], style: "status" },
      { address: "A2", values: [head.map((x) => x ?? null)], style: "header" },
      ...blocks,
      ...sg.blocks,
    ],
    columnWidths: [11, 24, ...new Array(Math.max(0, sg.next - 2)).fill(14)],
    freeze: { rows: 2, cols: 1 },
  };
}
