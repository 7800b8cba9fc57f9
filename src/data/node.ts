import { createHash } from "crypto";
import { readFileSync } from "fs";
import { join, resolve } from "path";
import { BundleError, parseBundle, validateBundle, type Bundle } from "./bundle";
import { checkBundleHash } from "./integrity";

/** Folder of the committed bundle (assets/data at the repo root). */
export const DEFAULT_BUNDLE_DIR = resolve(__dirname, "..", "..", "assets", "data");
export const META_FILE = "hln-lsoa21.meta.json";
export const PAYLOAD_FILE = "hln-lsoa21.bin.gz";

function readBundleFile(dir: string, file: string, verify: boolean): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, file));
  } catch (e) {
    throw new BundleError("UNREADABLE", `${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  if (verify) checkBundleHash(file, createHash("sha256").update(bytes).digest("hex"), bytes.length);
  return bytes;
}

/**
 * Node only: reads and decodes the bundle in `dir` (default assets/data). Each file's SHA-256 must
 * be the one recorded at build time (src/data/bundleHashes.ts) unless `verify: false` (tests of
 * hand-made bundles); the decoded bundle is validated unless `validate: false`.
 */
export function loadBundleFromDir(
  dir: string = DEFAULT_BUNDLE_DIR,
  options: { validate?: boolean; verify?: boolean } = {},
): Bundle {
  const verify = options.verify !== false;
  const meta = readBundleFile(dir, META_FILE, verify).toString("utf8");
  const gz = readBundleFile(dir, PAYLOAD_FILE, verify);
  return parseBundle(meta, new Uint8Array(gz.buffer, gz.byteOffset, gz.byteLength), options);
}

/** Times one full load (read + hash + gunzip + decode + validate) of the committed bundle. */
export async function benchBundleLoad(dir: string = DEFAULT_BUNDLE_DIR): Promise<{ ms: number; validateMs: number }> {
  const t0 = performance.now();
  const b = loadBundleFromDir(dir, { validate: false });
  const t1 = performance.now();
  validateBundle(b);
  const t2 = performance.now();
  return { ms: t2 - t0, validateMs: t2 - t1 };
}
