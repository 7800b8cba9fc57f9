/** Hit testing in planar coordinates (pure): which feature contains a point. */
import type { MapBoundaries, PlanarGeometry } from "./boundaries";

/** Even-odd point-in-polygon over every ring of a planar polygon or multipolygon. */
export function geometryContains(g: PlanarGeometry, x: number, y: number): boolean {
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  let inside = false;
  for (const poly of polys)
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const xi = ring[i][0];
        const yi = ring[i][1];
        const xj = ring[j][0];
        const yj = ring[j][1];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  return inside;
}

/** Index of the feature containing planar point (x, y), or −1; `only` restricts the candidates. */
export function featureAt(b: MapBoundaries, x: number, y: number, only?: { has(i: number): boolean }): number {
  const fs = b.features;
  for (let i = 0; i < fs.length; i++) {
    const bb = fs[i].bbox;
    if (x < bb[0] || x > bb[2] || y < bb[1] || y > bb[3]) continue;
    if (only && !only.has(i)) continue;
    if (geometryContains(fs[i].geometry, x, y)) return i;
  }
  return -1;
}
