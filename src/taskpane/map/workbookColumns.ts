/**
 * "Refresh map" after a weight change: the map re-reads the workbook's own columns (the overall
 * score, rank and decile, and every dimension score), at the ranges the plan index names
 * (src/taskpane/trace.ts mapColumns), so it shows what the workbook computed. excel.ts reads the
 * ranges; this module does no Office calls and no guessing.
 */
import { buildMapData, type MapData, type MapGeography, type MeasureColumns } from "../../map";
import type { MapColumnRef } from "../trace";

const num = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? x : NaN);

/**
 * MapData from the values of [codes, then per column its score (rank, decile)] in the order
 * `mapColumns` lists them. Rows are joined to the geography by area code; unmatched rows are skipped.
 */
export function mapDataFromColumns(
  geography: MapGeography,
  population: ArrayLike<number> | undefined,
  columns: MapColumnRef[],
  values: unknown[][][],
): MapData {
  const n = geography.lsoa21Code.length;
  const at = new Map<string, number>();
  geography.lsoa21Code.forEach((c, i) => at.set(c, i));
  const codes = values[0].map((r) => String(r[0] ?? "").trim());
  const rowOf = codes.map((c) => at.get(c) ?? -1);
  const matched = rowOf.filter((i) => i >= 0).length;
  if (matched === 0) throw new Error("the workbook's area codes match none of the bundled areas");
  let k = 1;
  const read = () => {
    const out = new Float64Array(n).fill(NaN);
    const v = values[k++];
    rowOf.forEach((i, r) => i >= 0 && (out[i] = num(v[r]?.[0])));
    return out;
  };
  const measures: MeasureColumns[] = columns.map((c) => ({
    id: c.id,
    label: c.label,
    score: read(),
    ...(c.rank ? { rank: read() } : {}),
    ...(c.decile ? { decile: read() } : {}),
  }));
  return buildMapData(geography, measures, population, `workbook (${matched} rows)`);
}
