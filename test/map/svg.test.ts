import "./d3umd";
import { mkdtempSync, readFileSync, existsSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { mapSvgs, writeMapSvgs } from "../../src/cli/maps";
import { HOTSPOT_COLOURS, palette } from "../../src/map";
import { expectedLaClasses, realData, svgFeatures } from "./fixtures";

describe("CLI SVG maps on the real bundle", () => {
  const { bundle, result, lad, lsoa } = realData();
  const svgs = mapSvgs(bundle, result, { lad, lsoa });

  test("LA map: 296 LAD24 paths, quintile classes of the population-weighted average score", () => {
    const feats = svgFeatures(svgs.la);
    expect(feats).toHaveLength(296);
    const expected = expectedLaClasses(bundle, result, 5);
    expect(expected.size).toBe(295); // Isles of Scilly: its only LSOA is excluded
    const counts = [0, 0, 0, 0, 0];
    for (const f of feats) {
      const e = expected.get(f.code);
      if (!e) {
        expect(f.code).toBe("E06000053");
        expect(f.cls).toBe(-1);
        continue;
      }
      expect({ code: f.code, cls: f.cls }).toEqual({
        code: f.code,
        cls: e.cls,
      });
      expect(f.fill).toBe(palette(5)[e.cls]);
      counts[f.cls]++;
    }
    expect(counts.reduce((a, b) => a + b, 0)).toBe(295);
    for (const c of counts) expect(c).toBeGreaterThanOrEqual(58);
  });

  test("known LAs are coloured by their own score (Blackpool, Manchester, Wokingham)", () => {
    const expected = expectedLaClasses(bundle, result, 5);
    const feats = new Map(svgFeatures(svgs.la).map((f) => [f.code, f]));
    for (const code of ["E06000009", "E08000003", "E06000041"]) {
      const e = expected.get(code)!;
      expect(feats.get(code)!.cls).toBe(e.cls);
      expect(feats.get(code)!.fill).toBe(palette(5)[e.cls]);
    }
    // the most needy LA by average score is in the darkest class, the least needy in the lightest
    const sorted = [...expected].sort((a, b) => a[1].score - b[1].score);
    expect(feats.get(sorted[sorted.length - 1][0])!.fill).toBe(palette(5)[4]);
    expect(feats.get(sorted[0][0])!.fill).toBe(palette(5)[0]);
  });

  test("hotspots map: one path per LSOA in the top 20%, top 10% darkest, over 296 grey LAs", () => {
    const feats = svgFeatures(svgs.hotspots);
    const d1 = new Set<string>();
    const d2 = new Set<string>();
    for (let i = 0; i < bundle.n; i++) {
      if (result.decile[i] === 1) d1.add(bundle.geography.lsoa21Code[i]);
      if (result.decile[i] === 2) d2.add(bundle.geography.lsoa21Code[i]);
    }
    expect(feats).toHaveLength(d1.size + d2.size);
    expect(d1.size + d2.size).toBe(result.hotspot.reduce((a, h) => a + (h === 1 ? 1 : 0), 0));
    for (const f of feats) {
      if (d1.has(f.code)) expect([f.cls, f.fill]).toEqual([2, HOTSPOT_COLOURS.top10]);
      else {
        expect(d2.has(f.code)).toBe(true);
        expect([f.cls, f.fill]).toEqual([1, HOTSPOT_COLOURS.top20]);
      }
    }
    // the most needy LSOA nationally is drawn darkest
    const top = bundle.geography.lsoa21Code[result.rank.indexOf(1)];
    expect(feats.find((f) => f.code === top)!.fill).toBe(HOTSPOT_COLOURS.top10);
    const underlay = svgs.hotspots.slice(
      svgs.hotspots.indexOf('<g id="underlay"'),
      svgs.hotspots.indexOf('<g id="features"'),
    );
    expect(underlay.match(/<path /g)).toHaveLength(296);
  });

  test("writeMapSvgs writes hln-map-la.svg and hln-hotspots.svg", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hln-maps-"));
    const files = await writeMapSvgs(dir, bundle, result, { lad, lsoa });
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(["hln-map-la.svg", "hln-hotspots.svg"]);
    for (const f of files) {
      expect(existsSync(f)).toBe(true);
      const s = readFileSync(f, "utf8");
      expect(s.startsWith("<svg")).toBe(true);
      expect(s.trimEnd().endsWith("</svg>")).toBe(true);
    }
    expect(svgFeatures(readFileSync(files[0], "utf8"))).toHaveLength(296);
  });

  test("every path is a closed, finite outline inside the picture", () => {
    for (const svg of [svgs.la, svgs.hotspots]) {
      const ds = [...svg.matchAll(/ d="([^"]*)"/g)].map((m) => m[1]);
      for (const d of ds) {
        expect(d).toMatch(/^M.*Z$/);
        expect(d).not.toMatch(/NaN|Infinity/);
      }
      const nums = ds.slice(0, 50).flatMap((d) => d.match(/-?\d+(\.\d+)?/g)!.map(Number));
      for (const x of nums) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(900);
      }
    }
  });
});
