/** Shared (per test file) real data: bundle, core result, boundaries. */
import { buildMeasure, hlnSpec, type MeasureResult } from "../../src/core";
import { toMeasureData, type Bundle } from "../../src/data";
import { loadBundleFromDir } from "../../src/data/node";
import type { MapBoundaries } from "../../src/map";
import { loadLadBoundaries, loadLsoaBoundaries } from "../../src/map/node";

let cache:
  | {
      bundle: Bundle;
      result: MeasureResult;
      lad: MapBoundaries;
      lsoa?: MapBoundaries;
    }
  | undefined;

export function realData(withLsoa = true) {
  if (!cache) {
    const bundle = loadBundleFromDir();
    cache = {
      bundle,
      result: buildMeasure(hlnSpec, toMeasureData(bundle)),
      lad: loadLadBoundaries(),
    };
  }
  if (withLsoa && !cache.lsoa) cache.lsoa = loadLsoaBoundaries();
  return cache as Required<typeof cache>;
}

/**
 * Independent expectations: population-weighted average score per LAD (straight from the LSOA
 * scores and populations, not via districtSummary) and its quintile class among LAs with a score
 * (class = ⌈k·p/n⌉ − 1, p = number of LAs with a score ≤ this one).
 */
export function expectedLaClasses(
  bundle: Bundle,
  result: MeasureResult,
  k = 5,
): Map<string, { score: number; cls: number }> {
  const sum = new Map<string, { s: number; p: number }>();
  const pop = bundle.columns.pop_total;
  for (let i = 0; i < bundle.n; i++) {
    const x = result.score[i];
    if (!Number.isFinite(x)) continue;
    const code = bundle.geography.ladCode[i];
    const a = sum.get(code) ?? { s: 0, p: 0 };
    a.s += pop[i] * x;
    a.p += pop[i];
    sum.set(code, a);
  }
  const scores = [...sum].map(([code, a]) => ({ code, score: a.s / a.p }));
  const n = scores.length;
  const out = new Map<string, { score: number; cls: number }>();
  for (const s of scores) {
    const p = scores.filter((t) => t.score <= s.score).length;
    out.set(s.code, { score: s.score, cls: Math.ceil((k * p) / n) - 1 });
  }
  return out;
}

/** Parses the `<path data-code data-class fill>` elements of the features group of an SVG. */
export function svgFeatures(svg: string): { code: string; cls: number; fill: string }[] {
  const g = svg.slice(svg.indexOf('<g id="features"'), svg.indexOf("</g>", svg.indexOf('<g id="features"')));
  const out: { code: string; cls: number; fill: string }[] = [];
  for (const m of g.matchAll(/<path data-code="([^"]+)" data-class="(-?\d+)" fill="([^"]+)"/g)) {
    out.push({ code: m[1], cls: Number(m[2]), fill: m[3] });
  }
  return out;
}
