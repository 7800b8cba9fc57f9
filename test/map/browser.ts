/**
 * Node side of the browser harness: bundles test/map/harness/page.tsx with esbuild (offline), serves
 * it and the repo's assets through playwright routes (no network, no server), in headless Debian
 * Chromium. Used by test/map/browser.test.ts and scripts/bench/maps.ts.
 */
import { existsSync, readFileSync } from "fs";
import { join, resolve } from "path";
import type { Browser, Page } from "playwright-core";

export const ROOT = resolve(__dirname, "..", "..");
export const CHROMIUM = process.env.HLN_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
// localhost is a secure context, so Web Crypto (the bundle SHA-256 check) is available as in the https task pane
const ORIGIN = "http://localhost:8765";

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export async function buildHarness(): Promise<string> {
  // esbuild ships with tsx; its JS API works offline

  const esbuild = require("esbuild") as typeof import("esbuild");
  const out = await esbuild.build({
    entryPoints: [join(ROOT, "test/map/harness/page.tsx")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    minify: true,
    logLevel: "silent",
    tsconfigRaw: { compilerOptions: { jsx: "react-jsx" } },
  });
  return out.outputFiles[0].text;
}

export interface Harness {
  browser: Browser;
  page: Page;
  initTimings: Record<string, number>;
  close(): Promise<void>;
}

/** Launches Chromium, loads the harness page and runs its init (bundle + measure + boundaries). */
export async function openHarness(viewport = { width: 860, height: 1000 }): Promise<Harness> {
  const { chromium } = await import("playwright-core");
  const js = await buildHarness();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort();
    const p = url.pathname;
    if (p === "/" || p === "/index.html") {
      return route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;font-family:Segoe UI,Helvetica,Arial,sans-serif}</style></head><body><div id="root"></div><script src="/harness.js"></script></body></html>`,
      });
    }
    if (p === "/harness.js") return route.fulfill({ contentType: "text/javascript", body: js });
    if (p.startsWith("/assets/boundaries/") || p.startsWith("/assets/data/")) {
      const f = join(ROOT, p);
      if (existsSync(f))
        return route.fulfill({
          contentType: "application/octet-stream",
          body: readFileSync(f),
        });
    }
    return route.fulfill({ status: 404, body: "not found" });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => "hln" in window);
  const initTimings = await page.evaluate(() => (window as any).hln.init());
  return { browser, page, initTimings, close: () => browser.close() };
}

/** Median of a list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
