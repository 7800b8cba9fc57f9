/**
 * Boundaries for the maps: a TopoJSON topology (LAD24 or LSOA21, WGS84 lon/lat) projected ONCE with
 * d3-geo into a planar "England grid" (transverse Mercator on 2°W like the British National Grid,
 * units ≈ km, y down). Every view (whole England, a region, a zoomed LA) is then an affine
 * scale + translate of these planar shapes, so no view change or re-colouring ever re-projects.
 * Pure: no DOM, no Node.
 */
import { geoTransverseMercator, type GeoProjection } from "d3-geo";
import { feature as topoFeature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import { gunzipSync, strFromU8 } from "fflate";

/** A planar (projected) polygon geometry. */
export type PlanarGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;

export interface MapFeature {
  /** Area code (LAD24 or LSOA21). */
  code: string;
  name: string;
  /** Planar geometry (projected, England-grid units). */
  geometry: PlanarGeometry;
  /** Planar bounding box [x0, y0, x1, y1]. */
  bbox: [number, number, number, number];
}

export interface MapBoundaries {
  /** "lad" or "lsoa" (from the code pattern), "other" otherwise. */
  kind: "lad" | "lsoa" | "other";
  features: MapFeature[];
  /** Feature index by code. */
  index: Map<string, number>;
  /** Planar bounds of all features [[x0, y0], [x1, y1]]. */
  bounds: [[number, number], [number, number]];
}

/** Planar England grid: the one projection of every map (d3-geo transverse Mercator, central meridian 2°W, ≈ km). */
export function englandProjection(): GeoProjection {
  return geoTransverseMercator().rotate([2, 0]).scale(6371).translate([0, 0]).precision(0);
}

export interface PrepareOptions {
  /** Object name in the topology (default: the first object). */
  object?: string;
  /** Property holding the area code (default: the first property ending in "_code" or named "code"). */
  codeProperty?: string;
  nameProperty?: string;
  projection?: GeoProjection;
}

/**
 * Decodes a TopoJSON topology into planar features: arcs are projected once (shared borders are
 * projected once, not per feature), then topojson-client assembles the polygons.
 */
export function prepareBoundaries(topology: Topology, options: PrepareOptions = {}): MapBoundaries {
  const objName = options.object ?? Object.keys(topology.objects)[0];
  const obj = topology.objects[objName] as GeometryCollection;
  if (!obj || obj.type !== "GeometryCollection") throw new Error(`topology has no GeometryCollection "${objName}"`);
  const projection = options.projection ?? englandProjection();
  const tf = topology.transform;
  const sx = tf ? tf.scale[0] : 1;
  const sy = tf ? tf.scale[1] : 1;
  const dx = tf ? tf.translate[0] : 0;
  const dy = tf ? tf.translate[1] : 0;
  const arcs = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    const out: number[][] = new Array(arc.length);
    for (let i = 0; i < arc.length; i++) {
      const p = arc[i];
      if (tf) {
        x += p[0];
        y += p[1];
      } else {
        x = p[0];
        y = p[1];
      }
      const q = projection([x * sx + dx, y * sy + dy]);
      out[i] = q ? [q[0], q[1]] : [NaN, NaN];
    }
    return out;
  });
  const planar = {
    type: "Topology",
    arcs,
    objects: { [objName]: obj },
  } as unknown as Topology;
  const fc = topoFeature(planar, obj) as GeoJSON.FeatureCollection<GeoJSON.Geometry, Record<string, unknown>>;
  const first = (obj.geometries[0]?.properties ?? {}) as Record<string, unknown>;
  const keys = Object.keys(first);
  const codeProp = options.codeProperty ?? keys.find((k) => /(^|_)code$/i.test(k) || /cd$/i.test(k)) ?? "code";
  const nameProp = options.nameProperty ?? keys.find((k) => /(^|_)name$/i.test(k) || /nm$/i.test(k)) ?? "name";
  const features: MapFeature[] = [];
  const index = new Map<string, number>();
  let X0 = Infinity;
  let Y0 = Infinity;
  let X1 = -Infinity;
  let Y1 = -Infinity;
  for (const f of fc.features) {
    const g = f.geometry;
    if (!g || (g.type !== "Polygon" && g.type !== "MultiPolygon")) continue;
    const code = String(f.properties?.[codeProp] ?? f.id ?? "");
    const name = String(f.properties?.[nameProp] ?? code);
    const bbox = geometryBBox(g);
    if (bbox[0] < X0) X0 = bbox[0];
    if (bbox[1] < Y0) Y0 = bbox[1];
    if (bbox[2] > X1) X1 = bbox[2];
    if (bbox[3] > Y1) Y1 = bbox[3];
    index.set(code, features.length);
    features.push({ code, name, geometry: g, bbox });
  }
  const c0 = features[0]?.code ?? "";
  const kind = /^E0[6-9]/.test(c0) ? "lad" : /^E01/.test(c0) ? "lsoa" : "other";
  return {
    kind,
    features,
    index,
    bounds: [
      [X0, Y0],
      [X1, Y1],
    ],
  };
}

/** Parses TopoJSON text or gzipped TopoJSON bytes (browser or Node). */
export function parseTopology(input: string | Uint8Array | ArrayBuffer): Topology {
  if (typeof input === "string") return JSON.parse(input) as Topology;
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? strFromU8(gunzipSync(bytes)) : strFromU8(bytes);
  return JSON.parse(text) as Topology;
}

export function geometryBBox(g: PlanarGeometry): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  for (const poly of polys)
    for (const ring of poly)
      for (const p of ring) {
        if (p[0] < x0) x0 = p[0];
        if (p[0] > x1) x1 = p[0];
        if (p[1] < y0) y0 = p[1];
        if (p[1] > y1) y1 = p[1];
      }
  return [x0, y0, x1, y1];
}

/** Bounds of a subset of features (by index), or of all of them. */
export function featureBounds(b: MapBoundaries, which?: Iterable<number>): [[number, number], [number, number]] {
  if (!which) return b.bounds;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const i of which) {
    const bb = b.features[i].bbox;
    if (bb[0] < x0) x0 = bb[0];
    if (bb[1] < y0) y0 = bb[1];
    if (bb[2] > x1) x1 = bb[2];
    if (bb[3] > y1) y1 = bb[3];
  }
  return [
    [x0, y0],
    [x1, y1],
  ];
}

/** An affine view of the planar grid: screen = k · planar + [tx, ty]. */
export interface ViewTransform {
  k: number;
  tx: number;
  ty: number;
}

/** The transform that fits `bounds` into a width × height box with `padding` pixels (like d3 fitExtent). */
export function fitView(
  bounds: [[number, number], [number, number]],
  width: number,
  height: number,
  padding: number | { top: number; right: number; bottom: number; left: number } = 8,
): ViewTransform {
  const p = typeof padding === "number" ? { top: padding, right: padding, bottom: padding, left: padding } : padding;
  const w = Math.max(1, width - p.left - p.right);
  const h = Math.max(1, height - p.top - p.bottom);
  const bw = Math.max(1e-9, bounds[1][0] - bounds[0][0]);
  const bh = Math.max(1e-9, bounds[1][1] - bounds[0][1]);
  const k = Math.min(w / bw, h / bh);
  const tx = p.left + (w - k * bw) / 2 - k * bounds[0][0];
  const ty = p.top + (h - k * bh) / 2 - k * bounds[0][1];
  return { k, tx, ty };
}

/** Zooms a view by `factor` about the screen point (x, y). */
export function zoomView(v: ViewTransform, factor: number, x: number, y: number): ViewTransform {
  const k = v.k * factor;
  return { k, tx: x - (x - v.tx) * factor, ty: y - (y - v.ty) * factor };
}

/** Screen → planar. */
export function invertView(v: ViewTransform, x: number, y: number): [number, number] {
  return [(x - v.tx) / v.k, (y - v.ty) / v.k];
}
