/**
 * "Refresh map" after a weight change: the map re-reads the workbook's Score sheet (not the bundle),
 * so it shows what the workbook computed. The task pane's excel.ts reads the sheet's used range
 * (`range.values`, header row first) and passes it here; this module does no Office calls.
 */
import { buildMapData, type MapData, type MapGeography, type MapMeasure, type MeasureColumns } from "../../map";

/** A cell as Office.js `Range.values` returns it. */
export type SheetCell = string | number | boolean | null | undefined;

/** Explicit column positions (0-based, within `values`), when the header names are not the defaults. */
export interface ScoreSheetColumns {
  code: number;
  score: number;
  rank?: number;
  decile?: number;
  /** Dimension id → column of its (transformed, 0–100) dimension score. */
  dimensions?: Record<string, number>;
}

export interface ScoreSheetOptions {
  /** Row of the header within `values` (default: the first row whose cells include "score"). */
  headerRow?: number;
  columns?: Partial<ScoreSheetColumns>;
  /** Dimensions to look for by id or label in the header (default: none beyond explicit columns). */
  dimensions?: MapMeasure[];
}

const norm = (x: SheetCell) =>
  String(x ?? "")
    .trim()
    .toLowerCase();
const num = (x: SheetCell) =>
  typeof x === "number" && Number.isFinite(x)
    ? x
    : typeof x === "string" && x.trim() !== "" && Number.isFinite(Number(x))
      ? Number(x)
      : NaN;

/** Finds the header row and the columns of a Score sheet's values. */
export function scoreSheetColumns(
  values: SheetCell[][],
  options: ScoreSheetOptions = {},
): { headerRow: number; columns: ScoreSheetColumns } {
  const headerRow =
    options.headerRow ??
    values.findIndex((r) => r.some((c) => /(^|\b)score\b/.test(norm(c))) && r.some((c) => /code|lsoa/.test(norm(c))));
  if (headerRow < 0) throw new Error("Score sheet: no header row with an LSOA code and a score column");
  const header = values[headerRow].map(norm);
  const find = (re: RegExp) => header.findIndex((h) => re.test(h));
  const code = options.columns?.code ?? find(/^(lsoa\s*(21|2021)?\s*code|lsoa21cd|lsoa code|code)$/);
  let score = options.columns?.score ?? find(/^(hln\s+|hyper-local need\s+|overall\s+)?score(\s*\(0.?100\))?$/);
  if (score < 0) score = find(/score/);
  const rank = options.columns?.rank ?? find(/^(need\s+|hln\s+|overall\s+)?rank/);
  const decile = options.columns?.decile ?? find(/^(need\s+|hln\s+|overall\s+)?decile/);
  if (code < 0) throw new Error("Score sheet: no LSOA code column in the header");
  if (score < 0) throw new Error("Score sheet: no score column in the header");
  const dimensions: Record<string, number> = {
    ...(options.columns?.dimensions ?? {}),
  };
  for (const d of options.dimensions ?? []) {
    if (dimensions[d.id] !== undefined) continue;
    const j = header.findIndex(
      (h) =>
        h === d.id.toLowerCase() ||
        h === `${d.id.toLowerCase()}: score` ||
        h === d.label.toLowerCase() ||
        h.startsWith(d.label.toLowerCase()),
    );
    if (j >= 0 && j !== score) dimensions[d.id] = j;
  }
  return {
    headerRow,
    columns: {
      code,
      score,
      rank: rank >= 0 ? rank : undefined,
      decile: decile >= 0 ? decile : undefined,
      dimensions,
    },
  };
}

/**
 * MapData from the Score sheet's values (header + one row per LSOA, any order). Rows are joined to
 * the geography by LSOA code; LSOAs without a row (or with a non-numeric score) have no value.
 * Rank and decile are taken from the sheet when present, else recomputed from the scores.
 */
export function mapDataFromScoreSheet(
  values: SheetCell[][],
  geography: MapGeography,
  population?: ArrayLike<number>,
  options: ScoreSheetOptions = {},
): MapData {
  const { headerRow, columns } = scoreSheetColumns(values, options);
  const n = geography.lsoa21Code.length;
  const at = new Map<string, number>();
  geography.lsoa21Code.forEach((c, i) => at.set(c, i));
  const col = () => new Float64Array(n).fill(NaN);
  const score = col();
  const rank = columns.rank !== undefined ? col() : undefined;
  const decile = columns.decile !== undefined ? col() : undefined;
  const dims = Object.entries(columns.dimensions ?? {}).map(([id, j]) => ({
    id,
    j,
    v: col(),
  }));
  let matched = 0;
  for (let r = headerRow + 1; r < values.length; r++) {
    const row = values[r];
    const i = at.get(String(row[columns.code] ?? "").trim());
    if (i === undefined) continue;
    matched++;
    score[i] = num(row[columns.score]);
    if (rank) rank[i] = num(row[columns.rank!]);
    if (decile) decile[i] = num(row[columns.decile!]);
    for (const d of dims) d.v[i] = num(row[d.j]);
  }
  if (matched === 0) throw new Error("Score sheet: no row matched an LSOA code of the bundle");
  const labels = new Map((options.dimensions ?? []).map((d) => [d.id, d.label]));
  const measures: MeasureColumns[] = [
    { id: "overall", label: "Hyper-local Need (overall)", score, rank, decile },
    ...dims.map((d) => ({
      id: d.id,
      label: labels.get(d.id) ?? d.id,
      score: d.v,
    })),
  ];
  return buildMapData(geography, measures, population, `Score sheet (${matched} rows)`);
}
