/** The Score sheet (step 9): overall sum, published-scale score, rank, decile and hotspot flag. */
import type { SheetPlan } from "../planTypes";
import { addr } from "../a1";
import { AreaSheet, columnar, finite, spanRef } from "./cells";
import type { PlanContext } from "./context";
import * as native from "./native";

export function planScore(ctx: PlanContext): SheetPlan {
  const { spec, result, index: ix, N, R0 } = ctx;
  const Sc = ctx.sheet("score");
  const sh = new AreaSheet(ctx, Sc);
  sh.head[0] = `${ctx.labels.code} code`;
  sh.step[0] = "area";
  sh.blocks.push(columnar({ address: addr(R0, 0), style: "plain" }, "values", [ctx.rows.code], N));
  sh.register("score:code", 0);
  const dims = spanRef(
    ctx,
    spec.dimensions.map((d) => `dimension:${d.id}:score`),
  );
  const missing = ix.nameOrRef("option:missing");
  const nat = ctx.formulas === "native";
  const weights = ix.nameOrRef("weights:dimensions");
  const C = ix.nameOrRef("option:constant");
  const scaling = ix.nameOrRef("option:overallScaling");
  const overall = sh.formula(
    "overall:sum",
    1,
    "Overall (weighted sum)",
    "9 combine",
    nat ? native.weightedSum(dims, weights, missing) : `=HLN.SCORE(${finite(dims)},${weights},${missing})`,
    result.overall,
    "0.000",
  );
  const score = sh.formula(
    "overall:score",
    2,
    `${spec.short ? `${spec.short} score` : "Score"} (published scale)`,
    "9 exponential",
    nat ? native.expTransform(overall, C, scaling) : `=HLN.EXPTRANSFORM(${overall},${C},${scaling})`,
    result.score,
    "0.00",
  );
  const rank = sh.formula(
    "overall:rank",
    3,
    "Rank (1 = most need)",
    "rank",
    nat ? native.needRank(score) : `=HLN.RANK(${score})`,
    result.rank,
    "0",
  );
  sh.formula(
    "overall:decile",
    4,
    "Decile (1 = most need)",
    "decile",
    nat ? native.decile(rank) : `=HLN.DECILE(${score})`,
    result.decile,
    "0",
  );
  sh.formula(
    "overall:hotspot",
    5,
    "Hotspot (most-needy 20%)",
    "hotspot",
    nat ? native.hotspot(rank) : `=IF(ISNUMBER(${rank}),IF(5*${rank}<=COUNT(${rank}),1,0),"")`,
    result.hotspot,
    "0",
  );
  return {
    name: Sc,
    role: "score",
    blocks: sh.finish(6),
    columnWidths: [11, 16, 16, 12, 12, 12],
    freeze: { rows: 2, cols: 1 },
    tabColor: "70AD47",
  };
}
