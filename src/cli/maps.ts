/**
 * CLI pictures: out/hln-map-la.svg (LA choropleth of the overall score) and out/hln-hotspots.svg
 * (LSOAs in the most-needy 10% / 20% nationally over grey LAs), drawn by the same renderer as the
 * task pane (src/map), from the bundled boundaries.
 */
import { mkdir, writeFile } from "fs/promises";
import { dualCounts } from "../core/dualCounts";
import { groupIndex } from "../core/groupIndex";
import { join } from "path";
import type { Bundle } from "../data";
import type { MeasureResult } from "../core";
import {
  dualColouring,
  hotspotColouring,
  laChoropleth,
  laDualShareColouring,
  mapDataFromResult,
  renderSvg,
  type MapBoundaries,
  type MapData,
} from "../map";
import { loadLadBoundaries, loadLsoaBoundaries } from "../map/node";

export const MAP_FILES = {
  la: "hln-map-la.svg",
  hotspots: "hln-hotspots.svg",
  dual: "hln-dual.svg",
  dualLa: "hln-dual-la.svg",
} as const;

const FOOTER =
  "Contains OS data © Crown copyright and database right 2024; ONS, MHCLG and other public sector information (OGL v3.0).\nSome indicators are proxies or synthetic: see the Sources sheet.";

export interface MapSvgOptions {
  /** Preloaded boundaries (tests, repeated builds); read from assets/boundaries otherwise. */
  lad?: MapBoundaries;
  lsoa?: MapBoundaries;
  width?: number;
  height?: number;
  /** Dual disadvantage flags (row order of the bundle) and the second index's name: adds hln-dual.svg. */
  dual?: { flag: Float64Array; against: string };
}

/** The LA choropleth of the overall score (population-weighted averages of the areas in each LA). */
function laMapSvg(lad: MapBoundaries, data: MapData, size: { width: number; height: number }): string {
  return renderSvg(lad, laChoropleth(lad, data, "overall", "score", 5), {
    ...size,
    title: `${data.measures[0].label.replace(/ \(overall\)$/, "")} by local authority`,
    subtitle: `Population-weighted average score, quintiles of the ${data.la.codes.length} LAs (darker = more need)`,
    legendTitle: "Average score (quintiles)",
    stroke: "#ffffff",
    strokeWidth: 0.5,
    footer: FOOTER,
  });
}

/**
 * The district map of a build from the user's own areas (any unit: LSOAs, MSOAs, wards) whose group
 * codes are the bundled boundaries' LAD codes: hln-map-la.svg only (the LSOA maps need LSOA21 areas).
 * `lads` = the bundle's LSOA-level geography, for the LAs' names and regions. Groups that are not
 * bundled LAD codes are left out of the map and counted in `unmatched`; no map when none matches.
 */
export function userLaMapSvg(
  lads: Pick<Bundle["geography"], "ladCode" | "ladName" | "regionCode" | "regionName">,
  user: { areaCodes: string[]; groupCodes: string[]; population?: ArrayLike<number> },
  result: MeasureResult,
  options: Pick<MapSvgOptions, "lad" | "width" | "height"> = {},
): { svg?: string; unmatched: string[] } {
  const known = new Map<string, number>();
  lads.ladCode.forEach((c, i) => known.has(c) || known.set(c, i));
  const unmatched = [...new Set(user.groupCodes.filter((g) => g !== "" && !known.has(g)))];
  const ladCode = user.groupCodes.map((g) => (known.has(g) ? g : ""));
  if (!ladCode.some((g) => g !== "")) return { unmatched };
  const at = (g: string, col: string[]) => (g ? col[known.get(g)!] : "");
  const geography = {
    lsoa21Code: user.areaCodes,
    ladCode,
    ladName: ladCode.map((g) => at(g, lads.ladName)),
    regionCode: ladCode.map((g) => at(g, lads.regionCode)),
    regionName: ladCode.map((g) => at(g, lads.regionName)),
  };
  const pop = user.population ?? new Float64Array(user.areaCodes.length).fill(1);
  const data = mapDataFromResult({ geography, columns: { pop_total: pop } }, result);
  const lad = options.lad ?? loadLadBoundaries();
  return { svg: laMapSvg(lad, data, { width: options.width ?? 800, height: options.height ?? 900 }), unmatched };
}

/** The two SVG documents, without writing them (tests use this). */
export function mapSvgs(
  bundle: Bundle,
  result: MeasureResult,
  options: MapSvgOptions = {},
): { data: MapData; la: string; hotspots: string; dual?: string; dualLa?: string } {
  const lad = options.lad ?? loadLadBoundaries();
  const lsoa = options.lsoa ?? loadLsoaBoundaries();
  const data = mapDataFromResult(bundle, result);
  const size = { width: options.width ?? 800, height: options.height ?? 900 };
  const la = laMapSvg(lad, data, size);
  const hot = hotspotColouring(lsoa, data, "overall");
  const only: number[] = [];
  for (let i = 0; i < hot.classes.length; i++) if (hot.classes[i] > 0) only.push(i);
  const hotspots = renderSvg(lsoa, hot, {
    ...size,
    title: "Hyper-local Need hotspots",
    subtitle: "LSOAs in the most-needy 10% and 20% of England's 33,755 LSOAs",
    legendTitle: "Hotspot LSOAs",
    only,
    view: undefined,
    underlay: {
      boundaries: lad,
      fill: "#e3e3e3",
      stroke: "#ffffff",
      strokeWidth: 0.5,
    },
    outlines: { boundaries: lad, stroke: "#ffffff", strokeWidth: 0.35 },
    stroke: "none",
    strokeWidth: 0,
    footer: FOOTER,
  }).replace(/<g id="features"/, `<g id="features" data-view="hotspots"`);
  return { data, la, hotspots, ...(options.dual ? dualSvgs(bundle, lad, lsoa, options.dual, size) : {}) };
}

/**
 * Dual disadvantage: the LSOAs flagged on both indices over grey LAs, and the LAs by the share of their
 * population in flagged LSOAs.
 */
function dualSvgs(
  bundle: Bundle,
  lad: MapBoundaries,
  lsoa: MapBoundaries,
  dual: { flag: Float64Array; against: string },
  size: { width: number; height: number },
): { dual: string; dualLa: string } {
  const g = bundle.geography;
  const las = groupIndex(g.ladCode);
  const c = dualCounts(dual.flag, las.codes, las.labels.length, bundle.columns.pop_total);
  const share = Float64Array.from(c.population, (p, j) => (p > 0 ? c.populationFlagged[j] / p : NaN));
  const under = laDualShareColouring(lad, las.labels, share);
  const col = dualColouring(lsoa, g.lsoa21Code, dual.flag, dual.against);
  const only: number[] = [];
  for (let i = 0; i < col.classes.length; i++) if (col.classes[i] === 1) only.push(i);
  const flagged = only.length.toLocaleString("en-GB");
  const lsoaSvg = renderSvg(lsoa, col, {
    ...size,
    title: "Dual disadvantage",
    subtitle: `${flagged} LSOAs in the most-need 10% of both indices`,
    legendTitle: "LSOAs",
    only,
    view: undefined,
    underlay: { boundaries: lad, fill: "#e3e3e3", stroke: "#ffffff", strokeWidth: 0.5 },
    outlines: { boundaries: lad, stroke: "#ffffff", strokeWidth: 0.35 },
    stroke: "none",
    strokeWidth: 0,
    footer: FOOTER,
  }).replace(/<g id="features"/, `<g id="features" data-view="dual"`);
  const laSvg = renderSvg(lad, under, {
    ...size,
    title: "Dual disadvantage by local authority",
    subtitle: `Share of each LA's population in LSOAs in the most-need 10% of both the HLN and ${dual.against} (quintiles)`,
    legendTitle: "Population share",
    stroke: "#ffffff",
    strokeWidth: 0.5,
    footer: FOOTER,
  });
  return { dual: lsoaSvg, dualLa: laSvg };
}

/** Writes out/hln-map-la.svg of a user-areas build (userLaMapSvg); returns its path. */
export async function writeUserLaMap(outDir: string, svg: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, MAP_FILES.la);
  await writeFile(path, svg, "utf8");
  return path;
}

/** Writes out/hln-map-la.svg and out/hln-hotspots.svg; returns the paths written. */
export async function writeMapSvgs(
  outDir: string,
  bundle: Bundle,
  result: MeasureResult,
  options: MapSvgOptions = {},
): Promise<string[]> {
  const { la, hotspots, dual, dualLa } = mapSvgs(bundle, result, options);
  await mkdir(outDir, { recursive: true });
  const laPath = join(outDir, MAP_FILES.la);
  const hotPath = join(outDir, MAP_FILES.hotspots);
  await writeFile(laPath, la, "utf8");
  await writeFile(hotPath, hotspots, "utf8");
  if (!dual || !dualLa) return [laPath, hotPath];
  const dualPath = join(outDir, MAP_FILES.dual);
  const dualLaPath = join(outDir, MAP_FILES.dualLa);
  await writeFile(dualPath, dual, "utf8");
  await writeFile(dualLaPath, dualLa, "utf8");
  return [laPath, hotPath, dualPath, dualLaPath];
}
