/** The About and Sources sheets: what the workbook is, how to use it, where each indicator comes from. */
import { listIndicators, type MeasureSpec } from "../../core/spec";
import type { BundleMeta } from "../../data/types";
import { addr, textLiteral } from "../a1";
import type { Block, CellValue, SheetPlan } from "../planTypes";
import { plural } from "./areas";
import { type PlanContext, summarySheetName } from "./context";

export const OGL_ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0.";
export const ONS_OS_ATTRIBUTION =
  "Source: Office for National Statistics licensed under the OGL v3.0. Contains OS data © Crown copyright and database right 2024";

/** Indicator status counts (real / proxy / synthetic) from a bundle's metadata; user data → "user". */
export function dataStatusCounts(spec: MeasureSpec, meta?: BundleMeta): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { indicator } of listIndicators(spec)) {
    const s: string = meta?.indicators.find((m) => m.id === indicator.id)?.status ?? (meta ? "unknown" : "user");
    out[s] = (out[s] ?? 0) + 1;
  }
  return out;
}

/** "real 12 / proxy 10 / synthetic 9". */
export function formatStatus(counts: Record<string, number>): string {
  const order: string[] = ["real", "proxy", "synthetic"];
  const keys = [...order.filter((k) => counts[k]), ...Object.keys(counts).filter((k) => !order.includes(k))];
  return keys.map((k) => `${k} ${counts[k]}`).join(" / ");
}

/** The default "What it is" of a spec without a description. */
function describe(spec: MeasureSpec, noun: string): string {
  const inds = listIndicators(spec).length;
  return `A small-area index of need for ${plural(noun)}: ${inds} indicators in ${spec.dimensions.length} dimensions, built with the method of OCSI's Hyper-local Need Technical Methodology Paper: shrinkage, normal scores, weighted sums and the exponential transform.`;
}

/**
 * About's row on the indicators with no open data: left out (the default) or included, live from the
 * IncludeSynthetic option cell.
 */
function noOpenDataRow(ctx: PlanContext, r: number): Block[] {
  const ids = ctx.noOpenData;
  const label = new Map(listIndicators(ctx.spec).map(({ indicator }) => [indicator.id, indicator.label]));
  const list = ids.map((id) => label.get(id) ?? id).join("; ");
  const n = `${ids.length} indicator${ids.length === 1 ? "" : "s"}`;
  const out = `Left out of the scores (used weight 0): ${n} with no open data. Add your own data for them, or set IncludeSynthetic to 1 on '${ctx.sheet("weights")}' to include them for demonstration. `;
  const inc = `Included for demonstration (IncludeSynthetic = 1): ${n} with no open data, not measurements. `;
  const tail = `Generated stand-ins: ${list}.`;
  const on = ctx.index.nameOrRef("option:includeSynthetic");
  return [
    { address: addr(r, 0), values: [["Indicators with no open data"]], style: "plain" },
    {
      address: addr(r, 1),
      formula: `=IF(${on}=1,${textLiteral(inc)},${textLiteral(out)})&${textLiteral(tail)}`,
      cached: [[(ctx.settings.includeSynthetic ? inc : out) + tail]],
      rows: 1,
      cols: 1,
      style: "plain",
    },
  ];
}

export interface AboutInfo {
  builtAt: string;
  version: string;
  dataLabel?: string;
}

export function planAbout(ctx: PlanContext, info: AboutInfo): SheetPlan {
  const { spec, rows, result } = ctx;
  const s = (r: Parameters<PlanContext["sheet"]>[0]) => ctx.sheet(r);
  const meta = rows.meta;
  const lines: CellValue[][] = [
    [spec.short ? `${spec.label} (${spec.short}) measure` : `${spec.label} measure`, ""],
    ["What it is", spec.description ?? describe(spec, ctx.labels.noun)],
    [
      "How to use",
      `Edit the yellow cells on '${s("weights")}' (weights, polarity, constant, scalings, exclusions). Every computed column is one spilled HLN.* formula over '${s("data")}', so the whole measure recalculates. The HLN.* functions need the HLN add-in: without it the stored values show but do not recalculate.`,
    ],
    [
      "Sheets",
      `${s("measure")}: the measure's structure (dimensions, indicators, data columns) · ${s("scenarios")}: saved settings, one column each (kept by rebuilds) · ${s("data")}: inputs with each column's data status in row 1 · ${s("indicators")}: steps 3-5 · ${s("normal")}: step 6 · ${s("dimensions")}: steps 7-8 · ${s("score")}: step 9, rank, decile, hotspot · ${[s("la"), ...ctx.groupings.map((g) => summarySheetName(g.id) + ctx.suffix)].join(", ")}: ${ctx.groupings.length ? "area" : "LA"} summaries · ${s("top")}: top 20 ·${ctx.index.has("compare:shift") ? ` ${s("compare")}: rank shifts against a baseline (what an edit changed) ·` : ""} ${s("qa")}: step 2 checks · ${s("sources")}: sources · ${s("charts")}: score distribution and the LAs with most hotspots`,
    ],
    ["Areas", ctx.N],
    ["Areas in the measure", result.n],
    ["Indicators", listIndicators(spec).length],
    ["Data status (indicators)", formatStatus(dataStatusCounts(spec, meta))],
    ["Data", info.dataLabel ?? (meta ? meta.title : "user data")],
    ["Spec", `${spec.id} ${spec.version ?? ""}`.trim()],
    ["Method source", spec.source ?? ""],
    ["Built", info.builtAt],
    ["Add-in version", info.version],
    ["Licence", OGL_ATTRIBUTION],
    ["Attribution", ONS_OS_ATTRIBUTION],
  ];
  const blocks: Block[] = [{ address: "A1", values: [lines[0]], style: "title" }];
  const at = lines.findIndex((l) => l[0] === "Data status (indicators)") + 1;
  blocks.push({ address: "A3", values: lines.slice(1, at), style: "plain" });
  let r = 3 + at - 1;
  if (ctx.noOpenData.length > 0) blocks.push(...noOpenDataRow(ctx, r++));
  blocks.push({ address: addr(r, 0), values: lines.slice(at), style: "plain" });
  return {
    name: s("about"),
    role: "about",
    blocks,
    columnWidths: [24, 120],
    tabColor: "7030A0",
  };
}

const SOURCE_HEAD = (code: string) => [
  "Indicator",
  "Label",
  "Dimension",
  "Sub-dimension",
  "Status",
  "Polarity",
  "Shrunk",
  "Publisher",
  "Dataset",
  "Edition",
  "Source geography",
  `Conversion to ${code}`,
  "Licence",
  "Paper's indicator",
  "Caveat",
];

export function planSources(ctx: PlanContext): SheetPlan {
  const meta = ctx.rows.meta;
  const blocks: Block[] = [
    { address: "A1", values: [["Indicator sources and data status"]], style: "title" },
    { address: "A2", values: [[OGL_ATTRIBUTION], [ONS_OS_ATTRIBUTION]], style: "note" },
  ];
  const indRows: CellValue[][] = listIndicators(ctx.spec).map(({ indicator: ind, dimension: d, subdimension: sub }) => {
    const m = meta?.indicators.find((x) => x.id === ind.id);
    return [
      ind.id,
      ind.label,
      d.label,
      sub?.label ?? "",
      m?.status ?? (meta ? "unknown" : "user"),
      ctx.settings.polarity[ind.id] ?? ind.polarity,
      ind.shrink ? "yes" : "no",
      m?.publisher ?? "",
      m?.dataset ?? "",
      m?.edition ?? "",
      m?.originalGeography ?? ind.geography ?? "",
      m?.conversion ?? "",
      m?.licence ?? "",
      m?.paperIndicator ?? "",
      m?.caveat ?? "",
    ];
  });
  blocks.push(
    { address: "A5", values: [SOURCE_HEAD(ctx.labels.code)], style: "header" },
    { address: "A6", values: indRows, style: "plain" },
  );
  let sr = 6 + indRows.length + 1;
  if (meta) {
    blocks.push({ address: addr(sr, 0), values: [["Bundle attribution"], [meta.attribution]], style: "note" });
    sr += 3;
    blocks.push({
      address: addr(sr, 0),
      values: [["Source", "Publisher", "Dataset", "Edition", "Geography", "Licence", "Attribution", "URL", "Raw file"]],
      style: "header",
    });
    blocks.push({
      address: addr(sr + 1, 0),
      values: meta.sources.map((x) => [
        x.id,
        x.publisher,
        x.dataset,
        x.edition,
        x.geography,
        x.licence,
        x.attribution,
        x.url ?? "",
        x.rawFile,
      ]),
      style: "plain",
    });
  }
  return {
    name: ctx.sheet("sources"),
    role: "sources",
    blocks,
    columnWidths: [20, 40, 24, 20, 10, 8, 8, 20, 30, 20, 12, 40, 20, 40, 60],
  };
}
