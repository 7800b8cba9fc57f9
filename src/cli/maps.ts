/**
 * CLI pictures: out/hln-map-la.svg (LA choropleth of the overall score) and out/hln-hotspots.svg
 * (LSOAs in the most-needy 10% / 20% nationally over grey LAs), drawn by the same renderer as the
 * task pane (src/map), from the bundled boundaries.
 */
import { mkdir, writeFile } from "fs/promises";
import { join } from "path";
import type { Bundle } from "../data";
import type { MeasureResult } from "../core";
import { hotspotColouring, laChoropleth, mapDataFromResult, renderSvg, type MapBoundaries, type MapData } from "../map";
import { loadLadBoundaries, loadLsoaBoundaries } from "../map/node";

export const MAP_FILES = {
  la: "hln-map-la.svg",
  hotspots: "hln-hotspots.svg",
} as const;

const FOOTER =
  "Contains OS data © Crown copyright and database right 2024; ONS, MHCLG and other public sector information (OGL v3.0).\nSome indicators are proxies or synthetic: see the Sources sheet.";

export interface MapSvgOptions {
  /** Preloaded boundaries (tests, repeated builds); read from assets/boundaries otherwise. */
  lad?: MapBoundaries;
  lsoa?: MapBoundaries;
  width?: number;
  height?: number;
}

/** The two SVG documents, without writing them (tests use this). */
export function mapSvgs(
  bundle: Bundle,
  result: MeasureResult,
  options: MapSvgOptions = {},
): { data: MapData; la: string; hotspots: string } {
  const lad = options.lad ?? loadLadBoundaries();
  const lsoa = options.lsoa ?? loadLsoaBoundaries();
  const data = mapDataFromResult(bundle, result);
  const size = { width: options.width ?? 800, height: options.height ?? 900 };
  const la = renderSvg(lad, laChoropleth(lad, data, "overall", "score", 5), {
    ...size,
    title: "Hyper-local Need by local authority",
    subtitle: "Population-weighted average score, quintiles of the 296 LAs (darker = more need)",
    legendTitle: "Average score (quintiles)",
    stroke: "#ffffff",
    strokeWidth: 0.5,
    footer: FOOTER,
  });
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
  return { data, la, hotspots };
}

/** Writes out/hln-map-la.svg and out/hln-hotspots.svg; returns the paths written. */
export async function writeMapSvgs(
  outDir: string,
  bundle: Bundle,
  result: MeasureResult,
  options: MapSvgOptions = {},
): Promise<string[]> {
  const { la, hotspots } = mapSvgs(bundle, result, options);
  await mkdir(outDir, { recursive: true });
  const laPath = join(outDir, MAP_FILES.la);
  const hotPath = join(outDir, MAP_FILES.hotspots);
  await writeFile(laPath, la, "utf8");
  await writeFile(hotPath, hotspots, "utf8");
  return [laPath, hotPath];
}
