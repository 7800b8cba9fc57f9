/**
 * docs/images/native-libreoffice.png (README quick start): a native workbook (issue 14) of 2,000+
 * bundled LSOAs opened in headless LibreOffice with no add-in, recalculated on load and by
 * calculateAll, exported as LibreOffice's own HTML and photographed in headless Chromium: the top of
 * HLN Score, with the formula of its first score cell as LibreOffice stored it.
 *
 * usage: npm run screenshot:native   (needs LibreOffice ≥ 25.2 and Debian chromium, as the tests)
 */
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { chromium } from "playwright-core";
import { defaultSettings } from "../src/core/settings";
import { hlnSpec } from "../src/core/specs";
import { loadBundleFromDir } from "../src/data/node";
import { buildWorkbook } from "../src/workbook/pipeline";
import { writePlanXlsx } from "../src/workbook/xlsxWriter";
import { CHROMIUM, CHROMIUM_ARGS } from "../test/map/browser";
import { subsetBundle } from "../test/workbook/helpers";
import { findLibreOffice, recalc } from "./libreoffice";

const OUT = resolve(__dirname, "..", "docs", "images", "native-libreoffice.png");

/** LibreOffice's HTML of a workbook → its style block and the HLN Score sheet's table cut to `rows` rows. */
function scoreTable(html: string, rows: number): { head: string; table: string } {
  const head = /<style[\s\S]*?<\/style>/.exec(html)?.[0] ?? "";
  const at = html.indexOf("<em>HLN Score</em>");
  if (at < 0) throw new Error("the HTML export has no HLN Score sheet");
  const start = html.indexOf("<table", at);
  let end = start;
  for (let k = 0; k < rows; k++) end = html.indexOf("</tr>", end + 1);
  return { head, table: `${html.slice(start, end + 5)}</table>` };
}

async function main(): Promise<void> {
  const lo = findLibreOffice();
  if ("missing" in lo) throw new Error(lo.missing);
  const dir = mkdtempSync(join(tmpdir(), "hln-native-shot-"));
  try {
    const sub = subsetBundle(loadBundleFromDir(), 2000, 21);
    const { plan } = buildWorkbook(hlnSpec, sub, defaultSettings(hlnSpec), { formulas: "native" });
    const file = join(dir, "native.xlsx");
    await writePlanXlsx(plan, file);
    const html = join(dir, "native.html");
    const res = recalc(lo, file, [{}], 600000, { saveHtml: html });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 600 } });
      const { head, table } = scoreTable(readFileSync(html, "utf8"), 14);
      // the red note markers (each formula anchor's note) hidden
      await page.setContent(
        `<html><head>${head}<style>a.comment-indicator{display:none}</style></head><body></body></html>`,
      );
      const caption =
        `HLN Score of a native workbook (${sub.n.toLocaleString("en-GB")} LSOAs), opened in LibreOffice ` +
        `${lo.version} with no add-in and recalculated (${(res.phases[0].calcMs / 1000).toFixed(1)} s); ` +
        `LibreOffice's own HTML export.`;
      await page.evaluate(
        ([text, tableHtml]) => {
          const box = document.createElement("div");
          box.id = "shot";
          box.style.cssText = "font: 13px sans-serif; padding: 8px; background: #fff; width: max-content";
          box.innerHTML = tableHtml;
          const f = box.querySelector("td[data-sheets-formula]")?.getAttribute("data-sheets-formula") ?? "";
          const p = document.createElement("p");
          p.textContent = text;
          const code = document.createElement("pre");
          code.style.cssText =
            "white-space: pre-wrap; font-size: 11px; background: #f3f3f3; padding: 6px; max-width: 1000px";
          code.textContent = `The first score cell's formula (R1C1, as LibreOffice exports it): ${f}`;
          box.prepend(p);
          box.append(code);
          document.body.append(box);
        },
        [caption, table],
      );
      await page.locator("#shot").screenshot({ path: OUT });
    } finally {
      await browser.close();
    }
    console.log(`wrote ${OUT} (${sub.n} LSOAs; calculateAll ${res.phases[0].calcMs.toFixed(0)} ms)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
