/** The map views of issue 7 as pure functions of boundaries + MapData. */
import type { MapBoundaries } from "./boundaries";
import { alignToFeatures, choroplethColours, decileColours, hotspotColours, type Colouring } from "./classify";
import { LA_STATS, lsoasIn, type LaStat, type MapData } from "./data";

const featureCodes = (b: MapBoundaries) => b.features.map((f) => f.code);

function measureLabel(data: MapData, measure: string): string {
  return data.measures.find((m) => m.id === measure)?.label ?? measure;
}

/** LA choropleth of a measure: quantile classes (k) of the LA statistic. */
export function laChoropleth(
  lad: MapBoundaries,
  data: MapData,
  measure = "overall",
  stat: LaStat = "score",
  k = 5,
): Colouring {
  const s = data.la.stats[measure];
  if (!s) throw new Error(`no measure "${measure}" in the map data`);
  const values = alignToFeatures(featureCodes(lad), data.la.codes, s[stat]);
  return choroplethColours(values, {
    k,
    percent: stat !== "score",
    title: `${measureLabel(data, measure)}: ${LA_STATS[stat].toLowerCase()}`,
  });
}

/** LSOA hotspots: the most-needy 10% and 20% nationally on a measure. */
export function hotspotColouring(lsoa: MapBoundaries, data: MapData, measure = "overall"): Colouring {
  const d = data.lsoa.decile[measure];
  if (!d) throw new Error(`no measure "${measure}" in the map data`);
  return hotspotColours(
    alignToFeatures(featureCodes(lsoa), data.lsoa.codes, d),
    `${measure === "overall" ? "Hotspots" : measureLabel(data, measure) + ": hotspots"} (most-needy LSOAs nationally)`,
  );
}

/** LSOAs coloured by national decile of a measure. */
export function lsoaDecileColouring(lsoa: MapBoundaries, data: MapData, measure = "overall"): Colouring {
  const d = data.lsoa.decile[measure];
  if (!d) throw new Error(`no measure "${measure}" in the map data`);
  return decileColours(
    alignToFeatures(featureCodes(lsoa), data.lsoa.codes, d),
    `${measureLabel(data, measure)}: national decile`,
  );
}

/** Feature indices of the LSOAs in a region or LA (or all England: "all"). */
export function lsoaIndicesIn(lsoa: MapBoundaries, data: MapData, area: string): number[] {
  const codes = lsoasIn(data, area);
  const out: number[] = [];
  lsoa.features.forEach((f, i) => {
    if (codes.has(f.code)) out.push(i);
  });
  return out;
}

/** Feature indices of the LAs in a region (or the LA itself, or all for "all"). */
export function ladIndicesIn(lad: MapBoundaries, data: MapData, area: string): number[] {
  const region = new Map(data.la.codes.map((c, i) => [c, data.la.regionCodes[i]]));
  const out: number[] = [];
  lad.features.forEach((f, i) => {
    if (area === "all" || area === "E92000001" || f.code === area || region.get(f.code) === area) out.push(i);
  });
  return out;
}
