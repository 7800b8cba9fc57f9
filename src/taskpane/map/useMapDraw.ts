/**
 * useMapDraw: draws the scene on the canvas in the next animation frame whenever the scene, the
 * zoom/pan, the size or the selected LSOA change. Path2D objects are cached per boundary set
 * (layers), so zoom and pan only redraw. Reports each draw (lastInfo, onRender).
 */
import * as React from "react";
import {
  canvasLayer,
  ladIndicesIn,
  renderCanvas,
  HOTSPOT_COLOURS,
  type CanvasLayer,
  type MapBoundaries,
  type MapData,
  type ViewTransform,
} from "../../map";
import type { MapScene } from "./mapScene";
import type { MapRenderInfo, MapViewKind, StageSize } from "./mapViewTypes";

export interface MapDrawArgs {
  scene: MapScene | null;
  vt: ViewTransform | null;
  baseView: ViewTransform | null;
  size: StageSize;
  /** Feature index of the selected LSOA in the scene (-1: none). */
  selectedIndex: number;
  lad: MapBoundaries | undefined;
  data: MapData | null;
  view: MapViewKind;
  area: string;
  measure: string;
  onRender?: (info: MapRenderInfo) => void;
}

export function useMapDraw(a: MapDrawArgs): {
  canvasRef: React.RefObject<HTMLCanvasElement | null>;
  lastInfo: MapRenderInfo | undefined;
} {
  const { scene, vt, baseView, size, selectedIndex, lad, data, view, area, measure } = a;
  const canvasRef = React.useRef<HTMLCanvasElement>(null);
  const layers = React.useRef<{ lad?: CanvasLayer; lsoa?: CanvasLayer }>({});
  const [lastInfo, setLastInfo] = React.useState<MapRenderInfo>();
  React.useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !scene || !vt || !lad) return undefined;
    const frame = requestAnimationFrame(() => {
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(size.width * dpr)) canvas.width = Math.round(size.width * dpr);
      if (canvas.height !== Math.round(size.height * dpr)) canvas.height = Math.round(size.height * dpr);
      const ctx = canvas.getContext("2d");
      if (!ctx) return;
      const t0 = performance.now();
      const L = layers.current;
      const cached = () => countPaths(L.lad?.paths) + countPaths(L.lsoa?.paths);
      const before = cached();
      if (!L.lad) L.lad = canvasLayer(lad);
      let layer = L.lad;
      if (scene.boundaries !== lad) {
        if (!L.lsoa || L.lsoa.boundaries !== scene.boundaries) L.lsoa = { boundaries: scene.boundaries, paths: [] };
        layer = canvasLayer(scene.boundaries, scene.only ?? undefined, L.lsoa);
      }
      const prepareMs = performance.now() - t0;
      const pathsBuilt = cached() - before;
      const isLsoa = scene.boundaries !== lad;
      const zoomedIn = vt.k > 4 * (baseView?.k ?? vt.k) || (area !== "all" && view === "lsoa");
      const drawMs = renderCanvas(ctx, layer, scene.colouring.colours, {
        width: size.width,
        height: size.height,
        dpr,
        view: vt,
        only: scene.only,
        stroke: "#ffffff",
        strokeWidth: isLsoa ? (zoomedIn ? 0.3 : 0) : 0.5,
        underlay:
          view === "hotspots" || view === "dual"
            ? {
                layer: L.lad,
                fill: HOTSPOT_COLOURS.other,
                stroke: "#ffffff",
                strokeWidth: 0.4,
              }
            : undefined,
        outlines: isLsoa
          ? {
              layer: L.lad,
              stroke: view === "hotspots" || view === "dual" ? "#ffffff" : "#5c5c5c",
              strokeWidth: 0.6,
              only: scene.underlayArea ?? (area === "all" ? undefined : ladIndicesIn(lad, data!, area)),
            }
          : undefined,
        highlight: selectedIndex,
      });
      const info: MapRenderInfo = {
        view,
        area,
        measure,
        features: scene.only ? scene.only.length : scene.boundaries.features.length,
        prepareMs,
        pathsBuilt,
        drawMs,
      };
      setLastInfo(info);
      a.onRender?.(info);
    });
    return () => cancelAnimationFrame(frame);
  }, [scene, vt, size.width, size.height, selectedIndex]);
  return { canvasRef, lastInfo };
}

function countPaths(paths: ArrayLike<unknown> | undefined): number {
  let c = 0;
  if (paths) for (let i = 0; i < paths.length; i++) if (paths[i] !== undefined) c++;
  return c;
}
