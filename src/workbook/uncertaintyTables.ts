/**
 * The tables of an uncertainty and sensitivity analysis (issue 18), once: `hln sensitivity` writes
 * them as CSV files and the task pane as the HLN Uncertainty and HLN Sensitivity sheets. Columns are
 * named as in the CSVs (docs/uncertainty.md); shares and indices rounded to 6 decimals, NaN for an
 * area not in the measure (blank in both).
 */
import type { SensitivityResult, UncertaintyResult } from "../core/uncertainty";

export type TableCell = string | number;
export interface Table {
  header: string[];
  /** Rows in order; row(k) for k < count. */
  count: number;
  row(k: number): TableCell[];
}

const round = (x: number, d: number) => (Number.isFinite(x) ? Number(x.toFixed(d)) : NaN);

/** Per area (row order): code, name, nominal, median, 5th and 95th percentile rank, P(decile 1), P(hotspot). */
export function uncertaintyAreaTable(
  codes: readonly string[],
  names: readonly string[],
  r: UncertaintyResult,
  csv: string,
): Table {
  return {
    header: [
      `${csv}_code`,
      `${csv}_name`,
      "nominal_rank",
      "median_rank",
      "p05_rank",
      "p95_rank",
      "p_decile1",
      "p_hotspot",
    ],
    count: codes.length,
    row: (i) => [
      codes[i],
      names[i] ?? "",
      r.nominalRank[i],
      r.median[i],
      r.p05[i],
      r.p95[i],
      round(r.pDecile1[i], 6),
      round(r.pHotspot[i], 6),
    ],
  };
}

/** Per group (LA): its top-10% count nominally, mean and 5th/50th/95th percentile over the draws; with Sobol, S and ST of it per factor. */
export function uncertaintyGroupTable(
  groupName: (code: string) => string,
  r: UncertaintyResult,
  s: SensitivityResult | undefined,
  groupCsv: string,
): Table {
  const g = r.groups;
  const header = [
    `${groupCsv}_code`,
    `${groupCsv}_name`,
    "nominal_top10",
    "mean_top10",
    "p05_top10",
    "p50_top10",
    "p95_top10",
  ];
  if (s) for (const f of s.factors) header.push(`S_${f}`, `ST_${f}`);
  return {
    header,
    count: g.labels.length,
    row: (k) => {
      const row: TableCell[] = [
        g.labels[k],
        groupName(g.labels[k]),
        g.nominal[k],
        round(g.mean[k], 6),
        g.p05[k],
        g.p50[k],
        g.p95[k],
      ];
      if (s) for (const ix of s.groups.indices[k]) row.push(round(ix.S, 6), round(ix.ST, 6));
      return row;
    },
  };
}

/** The Sobol indices with their bootstrap 90% intervals: the mean absolute rank shift, then each group's top-10% count. */
export function sensitivityTable(s: SensitivityResult): Table {
  const rows: TableCell[][] = [];
  const add = (output: string, idx: SensitivityResult["rankShift"]) =>
    idx.forEach((ix, i) =>
      rows.push([
        output,
        s.factors[i],
        round(ix.S, 6),
        round(ix.sLow, 6),
        round(ix.sHigh, 6),
        round(ix.ST, 6),
        round(ix.stLow, 6),
        round(ix.stHigh, 6),
      ]),
    );
  add("mean_abs_rank_shift", s.rankShift);
  s.groups.labels.forEach((code, k) => add(`top10_count:${code}`, s.groups.indices[k]));
  return {
    header: ["output", "factor", "S", "S_low", "S_high", "ST", "ST_low", "ST_high"],
    count: rows.length,
    row: (k) => rows[k],
  };
}
