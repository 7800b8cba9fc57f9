/** SVG output of the map renderer (CLI pictures, tests). Pure: returns a string. */
import { geoIdentity, geoPath } from "d3-geo";
import { fitView, featureBounds, type MapBoundaries, type ViewTransform } from "./boundaries";
import type { Colouring, LegendItem } from "./classify";

export interface SvgOptions {
  width?: number;
  height?: number;
  title?: string;
  subtitle?: string;
  /** Legend title and items (default: the colouring's). */
  legendTitle?: string;
  legend?: LegendItem[];
  /** Feature indices to draw (default all); the view fits them unless `view` is given. */
  only?: Iterable<number>;
  view?: ViewTransform;
  /** Boundaries drawn before the features, filled (e.g. LAs in light grey under hotspot LSOAs). */
  underlay?: {
    boundaries: MapBoundaries;
    fill: string;
    stroke?: string;
    strokeWidth?: number;
    only?: Iterable<number>;
  };
  /** Boundaries drawn over the features as outlines (e.g. LAs over LSOAs). */
  outlines?: {
    boundaries: MapBoundaries;
    stroke: string;
    strokeWidth?: number;
    only?: Iterable<number>;
  };
  stroke?: string;
  strokeWidth?: number;
  background?: string;
  /** Decimal digits of path coordinates (default 1). */
  digits?: number;
  /** Small print at the bottom (attribution). */
  footer?: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Renders features as an SVG document: one `<path>` per feature with `data-code`, `data-class`
 * (the colouring's class, −1 = no data) and its fill; legend with class bounds; title; footer.
 */
export function renderSvg(boundaries: MapBoundaries, colouring: Colouring, options: SvgOptions = {}): string {
  const width = options.width ?? 800;
  const height = options.height ?? 900;
  const top = options.title ? (options.subtitle ? 64 : 44) : 8;
  const only = options.only ? [...options.only] : undefined;
  const view =
    options.view ??
    fitView(featureBounds(boundaries, only), width, height, {
      top,
      right: 12,
      bottom: options.footer ? 14 + 13 * options.footer.split("\n").length : 12,
      left: 12,
    });
  const projection = geoIdentity().scale(view.k).translate([view.tx, view.ty]);
  const path = geoPath(projection).digits(options.digits ?? 1);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Segoe UI, Helvetica, Arial, sans-serif">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="${options.background ?? "#ffffff"}"/>`);
  if (options.title)
    out.push(`<text x="12" y="28" font-size="20" font-weight="600" fill="#1b1b1b">${esc(options.title)}</text>`);
  if (options.subtitle) out.push(`<text x="12" y="50" font-size="13" fill="#444">${esc(options.subtitle)}</text>`);
  if (options.underlay) {
    const u = options.underlay;
    const idx = u.only ? [...u.only] : u.boundaries.features.map((_, i) => i);
    out.push(
      `<g id="underlay" fill="${u.fill}" stroke="${u.stroke ?? "#ffffff"}" stroke-width="${u.strokeWidth ?? 0.5}" fill-rule="evenodd">`,
    );
    for (const i of idx) {
      const f = u.boundaries.features[i];
      out.push(`<path data-code="${esc(f.code)}" d="${path(f.geometry) ?? ""}"/>`);
    }
    out.push(`</g>`);
  }
  out.push(
    `<g id="features" stroke="${options.stroke ?? "#ffffff"}" stroke-width="${options.strokeWidth ?? 0.4}" stroke-linejoin="round" fill-rule="evenodd">`,
  );
  const idx = only ?? boundaries.features.map((_, i) => i);
  for (const i of idx) {
    const f = boundaries.features[i];
    out.push(
      `<path data-code="${esc(f.code)}" data-class="${colouring.classes[i]}" fill="${colouring.colours[i]}" d="${path(f.geometry) ?? ""}"><title>${esc(f.name)} (${esc(f.code)})</title></path>`,
    );
  }
  out.push(`</g>`);
  if (options.outlines) {
    const o = options.outlines;
    const oi = o.only ? [...o.only] : o.boundaries.features.map((_, i) => i);
    out.push(
      `<g id="outlines" fill="none" stroke="${o.stroke}" stroke-width="${o.strokeWidth ?? 0.6}" stroke-linejoin="round">`,
    );
    for (const i of oi) out.push(`<path d="${path(o.boundaries.features[i].geometry) ?? ""}"/>`);
    out.push(`</g>`);
  }
  const legend = options.legend ?? colouring.legend;
  const legendTitle = options.legendTitle ?? colouring.title;
  if (legend.length) {
    const lx = width - 262;
    const ly = top + 8;
    const rowH = 20;
    out.push(`<g id="legend" font-size="12" fill="#1b1b1b">`);
    out.push(
      `<rect x="${lx - 8}" y="${ly - 8}" width="258" height="${legend.length * rowH + 34}" fill="#ffffff" fill-opacity="0.9" stroke="#d0d0d0"/>`,
    );
    out.push(`<text x="${lx}" y="${ly + 10}" font-weight="600">${esc(legendTitle)}</text>`);
    legend.forEach((item, j) => {
      const y = ly + 22 + j * rowH;
      out.push(
        `<rect x="${lx}" y="${y}" width="22" height="14" fill="${item.colour}" stroke="#9a9a9a" stroke-width="0.5"/>` +
          `<text x="${lx + 30}" y="${y + 11}">${esc(item.label)} <tspan fill="#666">(${item.count})</tspan></text>`,
      );
    });
    out.push(`</g>`);
  }
  if (options.footer) {
    const lines = options.footer.split("\n");
    lines.forEach((line, j) =>
      out.push(
        `<text x="12" y="${height - 8 - (lines.length - 1 - j) * 13}" font-size="10" fill="#666">${esc(line)}</text>`,
      ),
    );
  }
  out.push(`</svg>`);
  return out.join("\n");
}
