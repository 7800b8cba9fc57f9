/**
 * Canvas output of the map renderer (task pane, browser benchmark). Path2D objects are built once
 * per feature in planar units and cached; a view is a canvas transform and a re-colouring is just
 * fills, so neither re-projects nor rebuilds paths.
 */
import { geoPath } from "d3-geo";
import type { MapBoundaries, ViewTransform } from "./boundaries";

/** Cached Path2D per feature of one set of boundaries. */
export interface CanvasLayer {
  boundaries: MapBoundaries;
  paths: (Path2D | undefined)[];
}

/** Builds (or completes) the cached Path2D objects for the given features (default all). */
export function canvasLayer(boundaries: MapBoundaries, which?: Iterable<number>, layer?: CanvasLayer): CanvasLayer {
  const out = layer ?? {
    boundaries,
    paths: new Array<Path2D | undefined>(boundaries.features.length),
  };
  const path = geoPath(null);
  const build = (i: number) => {
    if (out.paths[i]) return;
    const p = new Path2D();
    path.context(p as unknown as CanvasRenderingContext2D)(boundaries.features[i].geometry);
    out.paths[i] = p;
  };
  if (which) for (const i of which) build(i);
  else for (let i = 0; i < boundaries.features.length; i++) build(i);
  return out;
}

export interface CanvasDrawOptions {
  /** CSS pixel size of the drawing; the canvas backing store is width·dpr × height·dpr. */
  width: number;
  height: number;
  view: ViewTransform;
  dpr?: number;
  /** Features to draw (default all); others are skipped. */
  only?: readonly number[];
  background?: string;
  /** Feature borders (CSS px; 0 = none). */
  stroke?: string;
  strokeWidth?: number;
  /** Filled layer under the features (e.g. grey LAs under hotspot LSOAs). */
  underlay?: {
    layer: CanvasLayer;
    fill: string;
    stroke?: string;
    strokeWidth?: number;
  };
  /** Outline layer over the features (e.g. LA borders over LSOAs). */
  outlines?: {
    layer: CanvasLayer;
    stroke: string;
    strokeWidth?: number;
    only?: readonly number[];
  };
  /** Feature to highlight (selected / hovered). */
  highlight?: number;
  highlightColour?: string;
}

/**
 * Draws a coloured layer: fills grouped by colour (one fillStyle change per class), then borders,
 * outlines and the highlight. Returns the time taken in ms.
 */
export function renderCanvas(
  ctx: CanvasRenderingContext2D,
  layer: CanvasLayer,
  colours: readonly string[],
  options: CanvasDrawOptions,
): number {
  const t0 = performance.now();
  const dpr = options.dpr ?? 1;
  const { k, tx, ty } = options.view;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = options.background ?? "#ffffff";
  ctx.fillRect(0, 0, options.width * dpr, options.height * dpr);
  ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * tx, dpr * ty);
  ctx.lineJoin = "round";
  const px = 1 / k; // one CSS pixel in planar units
  if (options.underlay) {
    const u = options.underlay;
    ctx.fillStyle = u.fill;
    for (const p of u.layer.paths) if (p) ctx.fill(p, "evenodd");
    if (u.stroke) {
      ctx.strokeStyle = u.stroke;
      ctx.lineWidth = (u.strokeWidth ?? 0.5) * px;
      for (const p of u.layer.paths) if (p) ctx.stroke(p);
    }
  }
  const idx = options.only ?? layer.paths.map((_, i) => i);
  // group by colour: few fillStyle changes
  const groups = new Map<string, number[]>();
  for (const i of idx) {
    const c = colours[i];
    let g = groups.get(c);
    if (!g) groups.set(c, (g = []));
    g.push(i);
  }
  for (const [c, g] of groups) {
    ctx.fillStyle = c;
    for (const i of g) {
      const p = layer.paths[i];
      if (p) ctx.fill(p, "evenodd");
    }
  }
  const sw = options.strokeWidth ?? 0;
  if (sw > 0) {
    ctx.strokeStyle = options.stroke ?? "#ffffff";
    ctx.lineWidth = sw * px;
    for (const i of idx) {
      const p = layer.paths[i];
      if (p) ctx.stroke(p);
    }
  }
  if (options.outlines) {
    const o = options.outlines;
    ctx.strokeStyle = o.stroke;
    ctx.lineWidth = (o.strokeWidth ?? 0.8) * px;
    const oi = o.only ?? o.layer.paths.map((_, i) => i);
    for (const i of oi) {
      const p = o.layer.paths[i];
      if (p) ctx.stroke(p);
    }
  }
  if (options.highlight !== undefined && options.highlight >= 0) {
    const p = layer.paths[options.highlight];
    if (p) {
      ctx.strokeStyle = options.highlightColour ?? "#e8590c";
      ctx.lineWidth = 2.5 * px;
      ctx.stroke(p);
    }
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  return performance.now() - t0;
}
