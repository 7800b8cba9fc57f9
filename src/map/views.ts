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

/** Colour of the areas flagged on both indices (dual disadvantage). */
export const DUAL_COLOUR = "#b2182b";

/**
 * LSOAs flagged on both indices (issue 17): flag 1 red, 0 light grey, blank white. `flag` is
 * aligned with `codes` (dualFlag's output in the data's row order).
 */
export function dualColouring(
  lsoa: MapBoundaries,
  codes: readonly string[],
  flag: ArrayLike<number>,
  against: string,
): Colouring {
  const f = alignToFeatures(featureCodes(lsoa), codes, flag);
  const colours = new Array<string>(f.length);
  const classes = new Int16Array(f.length);
  const counts = [0, 0, 0];
  for (let i = 0; i < f.length; i++) {
    const c = Number.isFinite(f[i]) ? (f[i] === 1 ? 1 : 0) : -1;
    classes[i] = c;
    counts[c + 1]++;
    colours[i] = c === 1 ? DUAL_COLOUR : c === 0 ? "#e3e3e3" : "#ffffff";
  }
  const legend = [
    { colour: DUAL_COLOUR, label: "Most-need 10% of both", count: counts[2] },
    { colour: "#e3e3e3", label: "Other areas", count: counts[1] },
    ...(counts[0] > 0 ? [{ colour: "#ffffff", label: "No data / excluded", count: counts[0] }] : []),
  ];
  return { colours, classes, legend, title: `Dual disadvantage (HLN × ${against})` };
}

/** LAs by the share of their population in areas flagged on both indices (quantile classes). */
export function laDualShareColouring(
  lad: MapBoundaries,
  laCodes: readonly string[],
  share: ArrayLike<number>,
  k = 5,
): Colouring {
  return choroplethColours(alignToFeatures(featureCodes(lad), laCodes, share), {
    k,
    percent: true,
    title: "Share of population in dual-disadvantage areas",
  });
}
