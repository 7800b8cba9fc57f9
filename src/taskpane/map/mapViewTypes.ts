/** Props and render report of <MapView> (re-exported by MapView.tsx and index.ts). */
import type * as React from "react";
import type { MapBoundaries, MapData } from "../../map";

export type MapViewKind = "la" | "hotspots" | "lsoa" | "dual";

export interface MapRenderInfo {
  view: MapViewKind;
  area: string;
  measure: string;
  /** Features drawn. */
  features: number;
  /** Time to build the Path2D objects needed for this view (0 when cached), ms. */
  prepareMs: number;
  /** Path2D objects built by this render (0 when the cache was reused). */
  pathsBuilt: number;
  /** Time of the canvas draw, ms. */
  drawMs: number;
}

export interface MapViewProps {
  /** The numbers to map: mapDataFromResult(bundle, result) or mapDataFromColumns(geography, population, columns, values). */
  data: MapData | null;
  /** Preloaded boundaries; otherwise fetched from `boundaryBaseUrl` (LSOAs only when an LSOA view is first shown). */
  lad?: MapBoundaries;
  lsoa?: MapBoundaries;
  /** Folder URL of lad24_england_buc.topojson and lsoa21_england_bsc.topojson.gz (default "assets/boundaries/"). */
  boundaryBaseUrl?: string;
  /** Called when the user clicks an LSOA: open its trace. */
  onSelectLsoa?: (code: string) => void;
  /** "Refresh map": read the workbook's columns (where the plan index says) and return new MapData. */
  onRefresh?: () => Promise<MapData>;
  /** LSOA to outline (e.g. the one whose trace is open). */
  selectedCode?: string;
  /** Canvas height in CSS px (default: 1.1 × width, at most 720). */
  height?: number;
  initialView?: MapViewKind;
  /** Initial area of the LSOA views: "all", a region code (E12…) or an LA code. */
  initialArea?: string;
  initialMeasure?: string;
  /** Called after every draw (tests, benchmarks). */
  onRender?: (info: MapRenderInfo) => void;
}

/** Canvas size in CSS px. */
export interface StageSize {
  width: number;
  height: number;
}

/** The tooltip: where the pointer is (in the stage) and the hovered feature's lines. */
export interface Hover {
  x: number;
  y: number;
  lines: string[];
}

/** Sets the message shown over the map (undefined clears it). */
export type SetMapError = React.Dispatch<React.SetStateAction<string | undefined>>;
