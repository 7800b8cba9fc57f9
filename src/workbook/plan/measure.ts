/**
 * The Measure sheet: the measure's structure (the spec's own fields, its dimensions, sub-dimensions
 * and one row per indicator), laid out by the Measure codec (src/workbook/measureCodec.ts, which
 * also reads it back). Text and numbers only, the same in both formula modes, except the weight and
 * polarity columns: plain references to the Weights sheet's input cells (found through the plan
 * index), so a weight is stated once. Registers measure:fields, measure:dimensions,
 * measure:subdimensions, measure:indicators (the tables' data rows) and measure:row:<indicator id>.
 */
import { usedWeights } from "../../core/settings";
import { indicatorColumns, listIndicators, type IndicatorSpec } from "../../core/spec";
import { addr, rangeAddress } from "../a1";
import {
  GROUP_WEIGHT_COL,
  indicatorCells,
  IND_COL,
  MEASURE_FIELDS,
  MEASURE_HEAD,
  MEASURE_TITLE,
} from "../measureCodec";
import type { Block, CellValue, SheetPlan } from "../planTypes";
import { noteOf } from "../weightsCodec";
import type { PlanContext } from "./context";

/** Status and source of an indicator's data: the bundle's metadata, else the columns it reads, else "user". */
export function indicatorProvenance(ctx: PlanContext, ind: IndicatorSpec): { status: string; source: string } {
  const meta = ctx.rows.meta;
  if (!meta) return { status: "user", source: "user data" };
  const m = meta.indicators.find((x) => x.id === ind.id);
  if (m) return { status: m.status, source: [m.publisher, m.dataset, m.edition].filter(Boolean).join(", ") };
  const cols = indicatorColumns(ind);
  const status = [...new Set(cols.map((c) => ctx.rows.columnStatus(c)))].join(" / ");
  const ids = new Set(cols.flatMap((c) => meta.columns.find((x) => x.id === c)?.source ?? []));
  const source = meta.sources
    .filter((s) => ids.has(s.id))
    .map((s) => `${s.publisher}, ${s.dataset}`)
    .join("; ");
  return { status: status || "unknown", source };
}

/** A reference to a Weights input cell (its cached value: the settings'). */
function weightRef(ctx: PlanContext, key: string, row: number, col: number, value: CellValue): Block {
  return {
    address: addr(row, col),
    formula: `=${ctx.index.ref(key)}`,
    cached: [[value]],
    rows: 1,
    cols: 1,
    style: "plain",
  };
}

export function planMeasure(ctx: PlanContext): SheetPlan {
  const { spec, settings: st } = ctx;
  const S = ctx.sheet("measure");
  const blocks: Block[] = [{ address: "A1", values: [[MEASURE_TITLE]], style: "title" }];
  const table = (key: string, first: number, rows: number, cols: number) => {
    if (rows > 0) ctx.index.add({ key, sheet: S, range: rangeAddress(first - 1, 0, rows, cols) });
  };
  // the spec's own fields
  let r = 3;
  blocks.push({ address: addr(r, 0), values: [[...MEASURE_HEAD.field]], style: "header" });
  r++;
  blocks.push({
    address: addr(r, 0),
    values: MEASURE_FIELDS.map((f) => [f.id, f.get(spec) ?? "", f.meaning]),
    style: "plain",
  });
  table("measure:fields", r, MEASURE_FIELDS.length, 3);
  r += MEASURE_FIELDS.length + 1;
  // dimensions
  blocks.push({ address: addr(r, 0), values: [[...MEASURE_HEAD.dimension]], style: "header" });
  r++;
  table("measure:dimensions", r, spec.dimensions.length, MEASURE_HEAD.dimension.length);
  for (const d of spec.dimensions) {
    blocks.push({ address: addr(r, 0), values: [[d.id, d.label, d.short ?? ""]], style: "plain" });
    blocks.push({ ...weightRef(ctx, `weight:${d.id}`, r, GROUP_WEIGHT_COL, st.weights[d.id]), numberFormat: "0.000" });
    r++;
  }
  r++;
  // sub-dimensions
  const subs = spec.dimensions.flatMap((d) => (d.subdimensions ?? []).map((s) => ({ d, s })));
  if (subs.length > 0) {
    blocks.push({ address: addr(r, 0), values: [[...MEASURE_HEAD.subdimension]], style: "header" });
    r++;
    table("measure:subdimensions", r, subs.length, MEASURE_HEAD.subdimension.length);
    for (const { d, s } of subs) {
      blocks.push({ address: addr(r, 0), values: [[s.id, d.id, s.label]], style: "plain" });
      blocks.push({
        ...weightRef(ctx, `weight:${s.id}`, r, GROUP_WEIGHT_COL, st.weights[s.id]),
        numberFormat: "0.000",
      });
      r++;
    }
    r++;
  }
  // indicators
  blocks.push({ address: addr(r, 0), values: [[...MEASURE_HEAD.indicator]], style: "header" });
  r++;
  const inds = listIndicators(spec);
  table("measure:indicators", r, inds.length, MEASURE_HEAD.indicator.length);
  for (const { indicator: ind, dimension: d, subdimension: s } of inds) {
    const p = indicatorProvenance(ctx, ind);
    const cells: CellValue[] = [...indicatorCells(ind, d.id, s?.id ?? ""), p.status, p.source];
    blocks.push({ address: addr(r, 0), values: [cells], style: "plain" });
    blocks.push(weightRef(ctx, `weight:${ind.id}`, r, IND_COL.weight, st.weights[ind.id]));
    blocks.push(weightRef(ctx, `polarity:${ind.id}`, r, IND_COL.polarity, st.polarity[ind.id]));
    blocks.push(weightRef(ctx, `used:${ind.id}`, r, IND_COL.used, usedWeights(st, ctx.noOpenData)[ind.id]));
    if (ctx.index.has(`note:${ind.id}`)) blocks.push(weightRef(ctx, `note:${ind.id}`, r, IND_COL.note, noteOf(st)));
    ctx.index.add({
      key: `measure:row:${ind.id}`,
      sheet: S,
      range: rangeAddress(r - 1, 0, 1, MEASURE_HEAD.indicator.length),
    });
    r++;
  }
  return {
    name: S,
    role: "measure",
    blocks,
    columnWidths: [16, 18, 22, 44, 12, 30, 16, 22, 16, 10, 12, 10, 50, 10, 10, 10, 40],
    freeze: { rows: 0, cols: 0 },
    tabColor: "FFC000",
  };
}
