/**
 * Where the browser tests save their screenshots: a fresh temporary folder, unless the run is
 * `npm run screenshots` (HLN_SCREENSHOTS=1), which refreshes the README's docs/images.
 */
import { mkdirSync, mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

export function screenshotDir(): string {
  if (process.env.HLN_SCREENSHOTS === "1") {
    const dir = join(__dirname, "..", "..", "docs", "images");
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  return mkdtempSync(join(tmpdir(), "hln-screenshots-"));
}
