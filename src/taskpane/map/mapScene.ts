/**
 * What <MapView> draws: the boundaries, their colouring, which features (all, an area's LSOAs,
 * or the hotspots), the extent to fit and, for hotspots, the LAs drawn underneath.
 */
import * as React from "react";
import {
  dualColouring,
  featureBounds,
  hotspotColouring,
  laChoropleth,
  ladIndicesIn,
  lsoaDecileColouring,
  lsoaIndicesIn,
  type Colouring,
  type LaStat,
  type MapBoundaries,
  type MapData,
} from "../../map";
import type { MapViewKind } from "./mapViewTypes";

export interface MapScene {
  boundaries: MapBoundaries;
  colouring: Colouring;
  /** Features to draw (undefined: all). */
  only: number[] | undefined;
  /** Extent to fit in the canvas. */
  fit: [[number, number], [number, number]];
  /** Hotspots: the LAs of the area (drawn underneath and outlined). */
  underlayArea?: number[];
}

export interface SceneChoice {
  view: MapViewKind;
  measure: string;
  stat: LaStat;
  /** "all", a region code or an LA code (LSOA views). */
  area: string;
}

/** The scene of a view; null until the data and the boundaries it needs are there. */
export function mapScene(
  data: MapData | null,
  lad: MapBoundaries | undefined,
  lsoa: MapBoundaries | undefined,
  { view, measure, stat, area }: SceneChoice,
): MapScene | null {
  if (!data || !lad) return null;
  if (view === "la") {
    const colouring = laChoropleth(lad, data, measure, stat, 5);
    return { boundaries: lad, colouring, only: undefined, fit: lad.bounds };
  }
  if (!lsoa) return null;
  const only = area === "all" ? undefined : lsoaIndicesIn(lsoa, data, area);
  const fit = only ? featureBounds(lsoa, only) : lsoa.bounds;
  if (view === "dual" && data.dual) {
    const colouring = dualColouring(lsoa, data.lsoa.codes, data.dual.flag, data.dual.against);
    const inArea = only ? new Set(only) : undefined;
    const hit = [...colouring.classes.keys()].filter((i) => colouring.classes[i] === 1 && (!inArea || inArea.has(i)));
    return { boundaries: lsoa, colouring, only: hit, fit, underlayArea: ladIndicesIn(lad, data, area) };
  }
  // (a Dual view without flags, e.g. after Refresh map from the workbook's columns, shows the hotspots)
  if (view === "hotspots" || view === "dual") {
    const colouring = hotspotColouring(lsoa, data, measure);
    const hot: number[] = [];
    const inArea = only ? new Set(only) : undefined;
    for (let i = 0; i < colouring.classes.length; i++) {
      if (colouring.classes[i] > 0 && (!inArea || inArea.has(i))) hot.push(i);
    }
    return { boundaries: lsoa, colouring, only: hot, fit, underlayArea: ladIndicesIn(lad, data, area) };
  }
  return { boundaries: lsoa, colouring: lsoaDecileColouring(lsoa, data, measure), only, fit, underlayArea: undefined };
}

/** mapScene, recomputed only when one of its inputs changes. */
export function useMapScene(
  data: MapData | null,
  lad: MapBoundaries | undefined,
  lsoa: MapBoundaries | undefined,
  { view, measure, stat, area }: SceneChoice,
): MapScene | null {
  return React.useMemo(
    () => mapScene(data, lad, lsoa, { view, measure, stat, area }),
    [data, lad, lsoa, view, measure, stat, area],
  );
}
