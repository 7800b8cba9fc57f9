/**
 * The Indicators sheet (steps 3–5: composite numerators, proportions, shrinkage, polarity) and the
 * Normal sheet (step 6), one spilled HLN.* formula per column.
 */
import { QA_DEFAULTS } from "../../core/qa";
import { rank as averageRanks } from "../../core/rank";
import { listIndicators, type IndicatorSpec } from "../../core/spec";
import { colIndex as colNum, sheetRange } from "../a1";
import type { SheetPlan } from "../planTypes";
import { AreaSheet } from "./cells";
import type { PlanContext } from "./context";
import * as native from "./native";
import { needsDistricts, planShrinkNative, reserveDistricts } from "./shrinkNative";

/** The raw proportion of a count indicator, blank when excluded or invalid (the QA and unshrunk input). */
function proportion(ctx: PlanContext, numRef: string, den: string): string {
  const inc = `(${ctx.index.ref("area:include")}=1)`;
  return `IF(ISNUMBER(${numRef})*ISNUMBER(${den}),IF(${inc}*(${den}>0)*(${numRef}>=0)*(${numRef}<=${den}),${numRef}/${den},""),"")`;
}

/** Places one indicator's step-3/4/5 columns from column `c`; returns the next free column. */
function planIndicator(ctx: PlanContext, sh: AreaSheet, ind: IndicatorSpec, c: number): number {
  const res = ctx.result.indicators.find((r) => r.id === ind.id)!;
  const ix = ctx.index;
  const inc = `(${ix.ref("area:include")}=1)`;
  const groups = ix.ref("area:group");
  const dataRef = (id: string) => ix.ref(`data:${id}`);
  let src: string;
  if (ind.kind === "count") {
    const parts = ind.numerator!;
    let numRef = dataRef(parts[0]);
    if (parts.length > 1) {
      const first = ix.require(`data:${parts[0]}`);
      const cols = parts.map((p) => ix.require(`data:${p}`).range.replace(/\d+.*$/, ""));
      const contiguous = cols.every((x, k) => k === 0 || colNum(x) === colNum(cols[0]) + k);
      const f =
        contiguous && ctx.formulas === "addin"
          ? `=HLN.COMPOSITE(${sheetRange(first.sheet, ctx.R0, colNum(cols[0]), ctx.R1, colNum(cols[cols.length - 1]))})`
          : native.composite(parts.map(dataRef));
      numRef = sh.formula(
        `indicator:${ind.id}:numerator`,
        c++,
        `${ind.id}: numerator`,
        "3 composite",
        f,
        res.numerator!,
        "0",
        `Step 3: ${parts.join(" + ")}`,
      );
    }
    const den = dataRef(ind.denominator!);
    const prop = proportion(ctx, numRef, den);
    if (ind.shrink && ctx.formulas === "native") {
      const out = planShrinkNative(ctx, sh, ind, res, { num: numRef, den }, c);
      src = out.ref;
      c = out.next;
    } else
      src = ind.shrink
        ? sh.formula(
            `indicator:${ind.id}:shrunk`,
            c++,
            `${ind.id}: shrunk`,
            "4 shrinkage",
            `=HLN.SHRINK(IF(${inc}*ISNUMBER(${numRef}),${numRef},""),${den},${groups})`,
            res.shrunk,
            "0.0000",
            "Step 4 (Appendix B): proportion shrunk towards its LAD; excluded areas blanked first.",
          )
        : sh.formula(
            `indicator:${ind.id}:proportion`,
            c++,
            `${ind.id}: proportion`,
            "3 proportion",
            `=${prop}`,
            res.raw,
            "0.0000",
          );
  } else {
    const v = dataRef(ind.value!);
    const blanked = `IF(${inc}*ISNUMBER(${v}),${v},"")`;
    if (ind.shrink && ctx.formulas === "native") {
      const out = planShrinkNative(ctx, sh, ind, res, { value: v, se: dataRef(ind.se!) }, c);
      src = out.ref;
      c = out.next;
    } else
      src = ind.shrink
        ? sh.formula(
            `indicator:${ind.id}:shrunk`,
            c++,
            `${ind.id}: shrunk`,
            "4 shrinkage",
            `=HLN.SHRINKVALUE(${blanked},${dataRef(ind.se!)},${groups})`,
            res.shrunk,
            "0.0000",
          )
        : blanked;
  }
  const pol = ix.nameOrRef(`polarity:${ind.id}`);
  sh.formula(
    `indicator:${ind.id}:directed`,
    c++,
    `${ind.id}: directed`,
    "5 polarity",
    ctx.formulas === "native" ? native.polarity(src, pol) : `=HLN.POLARITY(${src},${pol})`,
    res.directed,
    "0.0000",
    `Step 5: × polarity (${pol}); higher = more need.`,
  );
  return c;
}

/** The QA formula of an indicator's raw column (HLN.QA over the proportion or the blanked value). */
export function qaFormula(ctx: PlanContext, ind: IndicatorSpec): string {
  const ix = ctx.index;
  let input: string;
  if (ind.kind === "count") {
    const numKey = `indicator:${ind.id}:numerator`;
    const numRef = ix.has(numKey) ? ix.ref(numKey) : ix.ref(`data:${ind.numerator![0]}`);
    input = proportion(ctx, numRef, ix.ref(`data:${ind.denominator!}`));
  } else {
    const v = ix.ref(`data:${ind.value!}`);
    input = `IF((${ix.ref("area:include")}=1)*ISNUMBER(${v}),${v},"")`;
  }
  if (ctx.formulas === "native")
    return native.qaValues(input, ind.kind === "count", {
      missing: QA_DEFAULTS.maxMissingShare,
      zeros: QA_DEFAULTS.maxZeroShare,
      upper: QA_DEFAULTS.maxUpperShare,
    });
  return ind.kind === "count" ? `=HLN.QA(${input},1)` : `=HLN.QA(${input})`;
}

export function planIndicators(ctx: PlanContext): SheetPlan {
  const I = ctx.sheet("indicators");
  const sh = new AreaSheet(ctx, I);
  let c = 0;
  if (needsDistricts(ctx)) {
    reserveDistricts(ctx);
    const drow = new Float64Array(ctx.N);
    ctx.result.groups.codes.forEach((g, i) => (drow[i] = g >= 0 ? g + 1 : NaN));
    sh.formula(
      "area:districtRow",
      c++,
      `${ctx.labels.group} row (HLN Districts)`,
      "4 district",
      `=MATCH(${ctx.index.ref("area:group")},${ctx.index.ref("district:code")},0)`,
      drow,
      "0",
      "The area's row in the district table (step 4 district quantities).",
    );
  }
  for (const { indicator } of listIndicators(ctx.spec)) c = planIndicator(ctx, sh, indicator, c);
  return {
    name: I,
    role: "indicators",
    blocks: sh.finish(c),
    columnWidths: new Array(c).fill(16),
    freeze: { rows: 2, cols: 0 },
  };
}

/** The Normal sheet: one normal-score column per indicator, in spec order (so groups are contiguous). */
export function planNormal(ctx: PlanContext): SheetPlan {
  const Nm = ctx.sheet("normal");
  const sh = new AreaSheet(ctx, Nm);
  const inds = listIndicators(ctx.spec);
  const offset = ctx.index.nameOrRef("option:offset");
  const K = inds.length;
  const ranks = ctx.formulas === "native" && ctx.audit;
  inds.forEach(({ indicator: ind }, k) => {
    const res = ctx.result.indicators.find((r) => r.id === ind.id)!;
    const directed = ctx.index.ref(`indicator:${ind.id}:directed`);
    // native audit mode: each indicator's average rank in a column after the normal scores
    const rank = ranks
      ? sh.formula(
          `indicator:${ind.id}:rank`,
          K + k,
          `${ind.id}: rank`,
          "6 rank (ties averaged)",
          native.averageRank(directed),
          averageRanks(res.directed),
          "0.0",
        )
      : directed;
    sh.formula(
      `indicator:${ind.id}:normal`,
      k,
      ind.id,
      "6 normal score",
      ctx.formulas === "native" ? native.normalScore(rank, offset, !ranks) : `=HLN.NORMALSCORE(${directed},${offset})`,
      res.normal,
      "0.0000",
    );
  });
  const cols = ranks ? 2 * K : K;
  return {
    name: Nm,
    role: "normal",
    blocks: sh.finish(cols),
    columnWidths: new Array(cols).fill(14),
    freeze: { rows: 2, cols: 0 },
  };
}
