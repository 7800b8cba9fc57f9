/**
 * Map benchmarks (issue 7 targets, headless Chromium): LA map ≤ 100 ms, one region's LSOAs
 * ≤ 200 ms, all England's 33,755 LSOAs ≤ 1 s, each from a cold Path2D cache (Path2D construction
 * + canvas draw + a pixel read-back that forces rasterisation). Also Node: boundary decoding and
 * the CLI SVGs. Returns report lines; `scripts/bench.ts` prints them.
 */
import { buildMeasure, hlnSpec } from "../../src/core";
import { toMeasureData } from "../../src/data";
import { loadBundleFromDir } from "../../src/data/node";
import { mapSvgs } from "../../src/cli/maps";
import { loadLadBoundaries, loadLsoaBoundaries } from "../../src/map/node";
import { chromiumAvailable, median, openHarness } from "../../test/map/browser";
import { fmt } from "./util";

const REGIONS: [string, string][] = [
  ["E12000002", "North West"],
  ["E12000007", "London"],
  ["E12000006", "East of England"],
  ["E12000008", "South East"],
];

export async function benchMaps(runs = 5): Promise<string[]> {
  const lines: string[] = [];
  // ---- Node: boundary decoding and SVGs
  let t = performance.now();
  const lad = loadLadBoundaries();
  const ladMs = performance.now() - t;
  t = performance.now();
  const lsoa = loadLsoaBoundaries();
  const lsoaMs = performance.now() - t;
  lines.push(`map node prepareBoundaries lad24 features=${lad.features.length} ms=${fmt(ladMs)}`);
  lines.push(`map node prepareBoundaries lsoa21 features=${lsoa.features.length} ms=${fmt(lsoaMs)}`);
  const bundle = loadBundleFromDir();
  const result = buildMeasure(hlnSpec, toMeasureData(bundle));
  t = performance.now();
  const svgs = mapSvgs(bundle, result, { lad, lsoa });
  lines.push(
    `map node svg la+hotspots ms=${fmt(performance.now() - t)} bytes_la=${svgs.la.length} bytes_hotspots=${svgs.hotspots.length}`,
  );
  // ---- browser
  if (!chromiumAvailable()) {
    lines.push("map browser: not run (no /usr/bin/chromium; apt-get install chromium)");
    return lines;
  }
  const h = await openHarness();
  try {
    const it = h.initTimings;
    lines.push(
      `map browser load lad24_ms=${fmt(it.ladLoadMs)} lsoa21_ms=${fmt(it.lsoaLoadMs)} (fetch + gunzip + decode + project, once) bundle+measure_ms=${fmt(it.measureMs)}`,
    );
    lines.push(
      `bundle load (headless Chromium: fetch + SHA-256 + gunzip + decode + validate) ms=${fmt(it.bundleLoadMs)} (target ≤ 1000); buildMeasure in Chromium ms=${fmt(it.buildMeasureMs)}`,
    );
    type R = {
      prepareMs: number;
      drawMs: number;
      totalMs: number;
      features: number;
    };
    const time = async (view: string, area: string) => {
      const rs: R[] = [];
      for (let k = 0; k < runs; k++) {
        rs.push(await h.page.evaluate(([v, a]) => (window as any).hln.renderPure(v, a), [view, area] as const));
      }
      return {
        total: median(rs.map((r) => r.totalMs)),
        prepare: median(rs.map((r) => r.prepareMs)),
        draw: median(rs.map((r) => r.drawMs)),
        features: rs[0].features,
      };
    };
    const report = async (label: string, view: string, area: string, target: number) => {
      const r = await time(view, area);
      lines.push(
        `map browser ${label} features=${r.features} median_ms=${fmt(r.total)} (paths ${fmt(r.prepare)} + draw ${fmt(r.draw)}) target≤${target} ${r.total <= target ? "ok" : "SLOW"}`,
      );
    };
    await report("la-choropleth", "la", "all", 100);
    for (const [code, name] of REGIONS) await report(`region ${name.replace(/ /g, "-")}`, "lsoa", code, 200);
    await report("hotspots-england", "hotspots", "all", 1000);
    await report("lsoa-england", "lsoa", "all", 1000);
  } finally {
    await h.close();
  }
  return lines;
}

if (require.main === module) {
  benchMaps().then(
    (ls) => ls.forEach((l) => console.log(l)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
