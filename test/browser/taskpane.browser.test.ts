/**
 * Browser test: the built task pane in headless Debian Chromium (playwright-core), Excel mocked by
 * an in-memory workbook (test/browser/fakePage.ts), office.js served from the local
 * @microsoft/office-js copy (the CDN request is routed), no other third-party request allowed.
 * Builds the full 33,755-LSOA workbook, traces one LSOA, presses "Go to", and saves screenshots to
 * docs/images/taskpane-*.png at the task pane's width (350 px).
 *
 * Needs /usr/bin/chromium (Debian package `chromium`); skipped with a message when it is absent.
 * Builds the add-in with webpack into a temporary folder unless HLN_DIST points at a built dist/.
 */
import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "fs";
import { createServer, type Server } from "http";
import type { AddressInfo } from "net";
import { tmpdir } from "os";
import { extname, join, normalize, resolve } from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../map/browser";
import { screenshotDir } from "../helpers/screenshots";

const ROOT = resolve(__dirname, "..", "..");
/** docs/images only under `npm run screenshots`; a temporary folder otherwise. */
const IMAGES = screenshotDir();
const OFFICE_DIST = join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
const CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const WIDTH = 350;
const run = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) console.warn(`browser test skipped: ${CHROMIUM} not found (apt-get install chromium)`);

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".json": "application/json",
  ".gz": "application/octet-stream",
  ".png": "image/png",
  ".map": "application/json",
  ".xml": "application/xml",
};

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^([/\\])+/, "");
    const file = join(dir, path);
    if (!file.startsWith(dir)) {
      res.writeHead(404).end();
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      })
      .end(readFileSync(file));
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r(server)));
}

function fakeScript(): string {
  // esbuild ships with tsx (a dev dependency); bundle the in-memory Excel for the page

  const esbuild = require("esbuild") as typeof import("esbuild");
  const out = esbuild.buildSync({
    entryPoints: [join(__dirname, "fakePage.ts")],
    bundle: true,
    format: "iife",
    write: false,
    target: "es2020",
  });
  return out.outputFiles[0].text;
}

run("task pane in headless Chromium", () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let base: string;
  const thirdParty: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    let dist = process.env.HLN_DIST;
    if (!dist) {
      dist = mkdtempSync(join(tmpdir(), "hln-dist-"));
      execFileSync(
        process.execPath,
        [join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "development", "--output-path", dist],
        {
          cwd: ROOT,
          stdio: "pipe",
        },
      );
    }
    server = await serve(resolve(dist));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
    page = await browser.newPage({
      viewport: { width: WIDTH, height: 760 },
      deviceScaleFactor: 1,
    });
    // generous waits: under CI two jest workers share the 2 cores with this page's builds
    page.setDefaultTimeout(120_000);
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.route("**/*", async (route) => {
      const url = route.request().url();
      if (url.startsWith(base)) return route.continue();
      if (url.startsWith(CDN)) {
        const file = join(OFFICE_DIST, url.slice(CDN.length).split("?")[0]);
        if (existsSync(file)) return route.fulfill({ path: file, contentType: "text/javascript" });
        return route.fulfill({ status: 404, body: "" });
      }
      thirdParty.push(url);
      return route.abort();
    });
    await page.addInitScript({ content: fakeScript() });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  test("loads, builds the full workbook, traces an LSOA and goes to its cell", async () => {
    await page.goto(`${base}taskpane.html`);
    await page.getByTestId("lsoa-count").waitFor({ timeout: 120_000 });
    expect(await page.getByTestId("lsoa-count").textContent()).toBe("33,755");
    await page.screenshot({
      path: join(IMAGES, "taskpane-dataset.png"),
      fullPage: true,
    });

    await page.getByRole("button", { name: "Build", exact: true }).click();
    await page.waitForFunction(() => {
      const t = document.querySelector("#build-status")?.textContent ?? "";
      return /Writing values: HLN Data/.test(t);
    });
    await page.locator("#build-title").evaluate((e) => e.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: join(IMAGES, "taskpane-progress.png") });

    await page.getByText("Workbook built").waitFor({ timeout: 180_000 });
    const status = await page.locator("#build-status").textContent();
    expect(status).toMatch(/33,755|rows in \d+ syncs/);
    expect(await page.getByTestId("top20").locator("tbody tr").count()).toBe(20);
    expect(await page.getByTestId("hotspots").locator("tbody tr").count()).toBe(9);
    await page.locator("#result-title").evaluate((e) => e.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: join(IMAGES, "taskpane-result.png") });

    // the in-memory workbook: every HLN sheet, user sheet untouched, every sync ≤ 4 MB
    const wbState = await page.evaluate(() => {
      const { wb, userSnapshot } = (window as any).__hln;
      return {
        sheets: wb.sheets.map((s: { name: string }) => s.name),
        userUnchanged: wb.sheet("My budget").snapshot() === userSnapshot,
        maxPayload: Math.max(...wb.syncs.map((s: { payload: number }) => s.payload)),
        touched: [...new Set(wb.syncs.flatMap((s: { touched: string[] }) => s.touched))],
        dataA3: wb.sheet("HLN Data").at("A3"),
      };
    });
    expect(wbState.sheets).toEqual(
      expect.arrayContaining(["My budget", "HLN About", "HLN Weights", "HLN Data", "HLN Score", "HLN Sources"]),
    );
    expect(wbState.userUnchanged).toBe(true);
    expect(wbState.touched).not.toContain("My budget");
    expect(wbState.maxPayload).toBeLessThanOrEqual(4_000_000);
    expect(String(wbState.dataA3)).toMatch(/^E01/);

    // the map (LA choropleth) draws from the build's result
    await page.getByTestId("hln-map-status").filter({ hasText: "areas" }).waitFor({ timeout: 120_000 });
    await page.locator("#map-title").evaluate((e) => e.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: join(IMAGES, "taskpane-map.png") });

    // trace: search by name, pick the first match
    const search = page.getByTestId("trace-search");
    await search.click();
    await search.fill("Hartlepool 001");
    await page
      .getByRole("option", { name: /Hartlepool 001/ })
      .first()
      .click();
    await page.getByTestId("trace-steps").waitFor();
    const items = page.getByTestId("trace-steps").locator("li");
    expect(await items.count()).toBeGreaterThanOrEqual(9);
    const text = await page.getByTestId("trace-steps").textContent();
    expect(text).toMatch(/HLN Data!/);
    expect(text).toMatch(/HLN Normal!/);
    expect(text).toMatch(/HLN Score!/);
    await page.locator("#trace-title").evaluate((e) => e.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: join(IMAGES, "taskpane-trace.png") });

    const goto = page.getByRole("button", { name: /^Go to HLN Normal / });
    const label = await goto.getAttribute("aria-label");
    await goto.click();
    await page.waitForFunction(() => (window as any).__hln.wb.selection !== "");
    const selection = await page.evaluate(() => (window as any).__hln.wb.selection);
    expect(selection).toBe(label!.replace(/^Go to /, "").replace(/ ([A-Z]+\d+)$/, "!$1"));

    // Rebuild, then Cancel mid-build: notes on the incomplete HLN sheets, the user's sheet untouched
    await page.getByRole("radio", { name: "Rebuild (keep my weights)" }).check();
    await page.getByRole("button", { name: "Rebuild", exact: true }).click();
    await page.waitForFunction(() =>
      /Writing values: HLN Data/.test(document.querySelector("#build-status")?.textContent ?? ""),
    );
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await page
      .getByText("Build cancelled")
      .waitFor({ timeout: 120_000 })
      .catch(async (e) => {
        throw new Error(
          `${e}\nstatus: ${await page.locator("#build-status").textContent()}\nerrors: ${pageErrors.join("; ")}`,
        );
      });
    await page.locator("#build-title").evaluate((e) => e.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: join(IMAGES, "taskpane-cancelled.png") });
    const after = await page.evaluate(() => {
      const { wb, userSnapshot } = (window as any).__hln;
      return {
        userUnchanged: wb.sheet("My budget").snapshot() === userSnapshot,
        notes: wb.sheets
          .map((s: { at: (a: string) => unknown }) => String(s.at("A1")))
          .filter((t: string) => t.startsWith("Build cancelled")).length,
        sheets: wb.sheets.length,
        names: wb.sheets.map((s: { name: string }) => s.name).join("|"),
      };
    });
    expect(after.userUnchanged).toBe(true);
    expect(after.notes).toBeGreaterThan(0);
    // cleared and rewritten in place: no copies, nothing deleted
    expect(after.names).not.toMatch(/\(2\)/);
    expect(after.names.split("|")[0]).toBe("My budget");
    expect(after.sheets).toBe(wbState.sheets.length);

    // the pane says the rebuild did not finish and offers Finish / Restore; Finish completes it
    await page.getByTestId("interrupted").waitFor({ timeout: 120_000 });
    await page.getByRole("button", { name: "Finish the rebuild" }).click();
    await page.getByText("Workbook built").waitFor({ timeout: 180_000 });
    const finished = await page.evaluate(() => {
      const { wb, userSnapshot } = (window as any).__hln;
      return {
        userUnchanged: wb.sheet("My budget").snapshot() === userSnapshot,
        incomplete: wb.sheets
          .filter(
            (s: { props: Map<string, string> }) =>
              s.props.get("HLN.status") && s.props.get("HLN.status") !== "complete",
          )
          .map((s: { name: string }) => s.name),
        notes: wb.sheets.filter((s: { at: (a: string) => unknown }) => /^Build cancelled/.test(String(s.at("A1"))))
          .length,
      };
    });
    expect(finished).toEqual({ userUnchanged: true, incomplete: [], notes: 0 });
    await page.getByTestId("interrupted").waitFor({ state: "detached", timeout: 120_000 });

    // save the Weights as a scenario (the next column of HLN Scenarios) and choose it as the baseline
    await page.getByLabel("Scenario name").fill("more growth");
    await page.getByRole("button", { name: "Save scenario" }).click();
    await page.getByTestId("scenario-saved").filter({ hasText: 'Saved "more growth"' }).waitFor({ timeout: 120_000 });
    const saved = await page.evaluate(() => (window as any).__hln.wb.sheet("HLN Scenarios").at("D4"));
    expect(saved).toBe("more growth");
    await page.getByTestId("scenarios").getByRole("combobox").selectOption("more growth");
    await page.locator("#scenarios-title").evaluate((e) => e.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: join(IMAGES, "taskpane-scenarios.png") });

    // how robust is the ranking: Monte Carlo in the Web Worker (a same-origin file), Cancel, then a short run
    const unc = page.getByTestId("uncertainty");
    await unc.getByLabel("Draws").fill("500");
    await unc.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByTestId("uncertainty-progress").waitFor({ timeout: 120_000 });
    await unc.getByText(/^\d[\d,]* of 500$/).waitFor({ timeout: 120_000 });
    await unc.getByRole("button", { name: "Cancel analysis" }).click();
    await unc.getByText(/^Analysis cancelled/).waitFor({ timeout: 120_000 });
    expect(await page.evaluate(() => (window as any).__hln.wb.sheet("HLN Uncertainty") ?? null)).toBeNull();
    await unc.getByLabel("Draws").fill("20");
    await unc.getByLabel("Sobol N").fill("2");
    await unc.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByTestId("uncertainty-done").waitFor({ timeout: 180_000 });
    expect(await page.getByTestId("uncertainty-done").textContent()).toMatch(
      /^20 draws: mean absolute rank shift [\d.]+; Sobol indices from 16 runs\. Written to 'HLN Uncertainty' and 'HLN Sensitivity'\.$/,
    );
    const results = await page.evaluate(() => {
      const { wb } = (window as any).__hln;
      return {
        a4: wb.sheet("HLN Uncertainty").at("A4"),
        c5: wb.sheet("HLN Uncertainty").at("C5"),
        s5: wb.sheet("HLN Sensitivity").at("A5"),
      };
    });
    expect(results).toEqual({ a4: "lsoa21_code", c5: 1, s5: "mean_abs_rank_shift" });
    await page.getByTestId("intervals-chart").waitFor();
    await page.getByTestId("indices-chart").waitFor();
    await unc.evaluate((e) => e.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: join(IMAGES, "taskpane-uncertainty.png"), fullPage: false });

    expect(thirdParty).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 600_000);
});
