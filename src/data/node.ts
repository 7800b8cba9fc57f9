import { readFileSync } from "fs";
import { join, resolve } from "path";
import { parseBundle, type Bundle } from "./bundle";

/** Folder of the committed bundle (assets/data at the repo root). */
export const DEFAULT_BUNDLE_DIR = resolve(__dirname, "..", "..", "assets", "data");
export const META_FILE = "hln-lsoa21.meta.json";
export const PAYLOAD_FILE = "hln-lsoa21.bin.gz";

/** Node only: reads and decodes the bundle in `dir` (default assets/data). */
export function loadBundleFromDir(dir: string = DEFAULT_BUNDLE_DIR, options: { validate?: boolean } = {}): Bundle {
  const meta = readFileSync(join(dir, META_FILE), "utf8");
  const gz = readFileSync(join(dir, PAYLOAD_FILE));
  return parseBundle(meta, new Uint8Array(gz.buffer, gz.byteOffset, gz.byteLength), options);
}

/** Times one full load (read + gunzip + decode + validate) of the committed bundle. */
export async function benchBundleLoad(dir: string = DEFAULT_BUNDLE_DIR): Promise<{ ms: number; validateMs: number }> {
  const t0 = performance.now();
  const b = loadBundleFromDir(dir, { validate: false });
  const t1 = performance.now();
  const { validateBundle } = await import("./bundle");
  validateBundle(b);
  const t2 = performance.now();
  return { ms: t2 - t0, validateMs: t2 - t1 };
}
