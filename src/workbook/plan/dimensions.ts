/** The Dimensions sheet (steps 7–8): sub-dimension and dimension sums and their exponential scores. */
import type { SheetPlan } from "../planTypes";
import { AreaSheet, finite, spanRef } from "./cells";
import type { PlanContext } from "./context";
import * as native from "./native";

export function planDimensions(ctx: PlanContext): SheetPlan {
  const { spec, result, index: ix } = ctx;
  const Dm = ctx.sheet("dimensions");
  const sh = new AreaSheet(ctx, Dm);
  const subs = spec.dimensions.flatMap((d) => d.subdimensions ?? []);
  const S = subs.length;
  const Dn = spec.dimensions.length;
  const C = ix.nameOrRef("option:constant");
  const scaling = ix.nameOrRef("option:scaling");
  const missing = ix.nameOrRef("option:missing");
  const nat = ctx.formulas === "native";
  const sum = (key: string, input: string) =>
    nat
      ? native.weightedSum(input, ix.nameOrRef(key), missing)
      : `=HLN.SCORE(${finite(input)},${ix.nameOrRef(key)},${missing})`;
  const exp = (ref: string) =>
    nat ? native.expTransform(ref, C, scaling) : `=HLN.EXPTRANSFORM(${ref},${C},${scaling})`;
  subs.forEach((s, k) => {
    const res = result.subdimensions.find((x) => x.id === s.id)!;
    const normals = spanRef(
      ctx,
      s.indicators.map((i) => `indicator:${i.id}:normal`),
    );
    const raw = sh.formula(
      `subdimension:${s.id}:sum`,
      k,
      `${s.id}: sum`,
      "7 weighted sum",
      sum(`weights:${s.id}`, normals),
      res.raw,
      "0.0000",
    );
    sh.formula(
      `subdimension:${s.id}:score`,
      S + k,
      `${s.id}: score`,
      "8 exponential",
      exp(raw),
      res.transformed,
      "0.00",
    );
  });
  spec.dimensions.forEach((d, k) => {
    const res = result.dimensions[k];
    const input = d.subdimensions
      ? spanRef(
          ctx,
          d.subdimensions.map((s) => `subdimension:${s.id}:score`),
        )
      : spanRef(
          ctx,
          d.indicators!.map((i) => `indicator:${i.id}:normal`),
        );
    const raw = sh.formula(
      `dimension:${d.id}:sum`,
      2 * S + k,
      `${d.id}: sum`,
      "7 weighted sum",
      sum(`weights:${d.id}`, input),
      res.raw,
      "0.0000",
    );
    sh.formula(
      `dimension:${d.id}:score`,
      2 * S + Dn + k,
      `${d.id}: score`,
      "8 exponential",
      exp(raw),
      res.transformed,
      "0.00",
    );
  });
  const cols = 2 * S + 2 * Dn;
  return {
    name: Dm,
    role: "dimensions",
    blocks: sh.finish(cols),
    columnWidths: new Array(cols).fill(16),
    freeze: { rows: 2, cols: 0 },
  };
}
