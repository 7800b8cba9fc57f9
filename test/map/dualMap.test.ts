/**
 * Issue 17's maps: hln-dual.svg colours exactly the LSOAs dualFlag flags (HLN × IMD 2025) and
 * hln-dual-la.svg every LA; rendered in headless Chromium for the README (docs/images/map-dual.png
 * under `npm run screenshots`, a temporary folder otherwise).
 */
import { leftOut } from "../helpers/openData";
import { join } from "path";
import { chromium } from "playwright-core";
import { mapSvgs } from "../../src/cli/maps";
import { buildMeasure } from "../../src/core/buildMeasure";
import { dualFlag } from "../../src/core/dualFlag";
import { hlnSpec } from "../../src/core/specs";
import { toMeasureData } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { DUAL_COLOUR, mapDataFromResult } from "../../src/map";
import { loadLadBoundaries, loadLsoaBoundaries } from "../../src/map/node";
import { mapScene } from "../../src/taskpane/map/mapScene";
import { screenshotDir } from "../helpers/screenshots";
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable } from "./browser";

let svgs: ReturnType<typeof mapSvgs>;
let flagged: number;
let pane: { dual: number; only: number };
beforeAll(() => {
  const bundle = loadBundleFromDir();
  const result = buildMeasure(hlnSpec, toMeasureData(bundle), { weights: leftOut(hlnSpec, bundle) });
  // the task pane's Dual tab: the same flags from mapDataFromResult, the scene draws exactly those LSOAs
  const data = mapDataFromResult(bundle, result);
  const scene = mapScene(data, loadLadBoundaries(), loadLsoaBoundaries(), {
    view: "dual",
    measure: "overall",
    stat: "score",
    area: "all",
  });
  pane = { dual: data.dual!.flag.reduce((s, x) => s + (x === 1 ? 1 : 0), 0), only: scene!.only!.length };
  const d = dualFlag(result.score, bundle.columns.imd_rank, { directionB: "rank" });
  flagged = d.flag.reduce((s, x) => s + (x === 1 ? 1 : 0), 0);
  svgs = mapSvgs(bundle, result, { dual: { flag: d.flag, against: "IMD 2025 rank" } });
}, 120_000);

test("the pane's Dual map view draws exactly the flagged LSOAs", () => {
  expect(pane).toEqual({ dual: flagged, only: flagged });
});

test("hln-dual.svg draws exactly the flagged LSOAs; hln-dual-la.svg every LA", () => {
  const features = svgs.dual!.split('<g id="features"')[1].split("</g>")[0];
  const paths = features.match(/<path /g) ?? [];
  expect(paths.length).toBe(flagged);
  expect(features).toContain(DUAL_COLOUR);
  expect(svgs.dual).toMatch(/2,556 LSOAs in the most-need 10% of both indices/);
  expect(
    (
      svgs
        .dualLa!.split('<g id="features"')[1]
        .split("</g>")[0]
        .match(/<path /g) ?? []
    ).length,
  ).toBe(296);
});

(chromiumAvailable() ? test : test.skip)(
  "renders in Chromium (the README's map-dual.png)",
  async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
      await page.setContent(`<!doctype html><body style="margin:0">${svgs.dual}</body>`);
      await page.screenshot({ path: join(screenshotDir(), "map-dual.png") });
    } finally {
      await browser.close();
    }
  },
  60_000,
);
