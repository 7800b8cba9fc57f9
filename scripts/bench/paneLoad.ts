/**
 * The task pane's bundle load in headless Chromium, cold (a fresh browser each run): fetch both files
 * + SHA-256 of each (Web Crypto) + gunzip + decode + validate, i.e. src/data/browser.ts
 * loadBundleFromUrl as the pane calls it (issue 3/13 target ≤ 1 s). Line:
 * `hln-bench pane-load ms=<median> min_ms=<n> runs=<n>`. Run alone: `npx tsx scripts/bench/paneLoad.ts`.
 */
import { chromiumAvailable, median, openHarness } from "../../test/map/browser";
import { fmt } from "./util";

export async function benchPaneLoad(runs = 3): Promise<string[]> {
  if (!chromiumAvailable()) return ["pane-load: not run (no /usr/bin/chromium; apt-get install chromium)"];
  const ms: number[] = [];
  for (let k = 0; k < runs; k++) {
    const h = await openHarness();
    try {
      ms.push(h.initTimings.bundleLoadMs);
    } finally {
      await h.close();
    }
  }
  return [
    `hln-bench pane-load ms=${fmt(median(ms))} min_ms=${fmt(Math.min(...ms))} runs=${runs} (target ≤ 1000; fetch + SHA-256 + gunzip + decode + validate)`,
  ];
}

if (require.main === module) benchPaneLoad().then((lines) => lines.forEach((l) => console.log(l)));
