/**
 * The task pane's bundle loader (browser): fetches both files from `base` (the add-in's own
 * assets/data), checks each file's SHA-256 against the hashes compiled in at build time (Web
 * Crypto), then decodes and validates. Any failure is one BundleError naming the file.
 */
import { BundleError, parseBundle, type Bundle } from "./bundle";
import { verifyBundleFileWeb } from "./integrity";

export const META_URL = "hln-lsoa21.meta.json";
export const PAYLOAD_URL = "hln-lsoa21.bin.gz";

async function fetchBytes(url: URL, file: string, fetchImpl: typeof fetch): Promise<Uint8Array> {
  let r: Response;
  try {
    r = await fetchImpl(url);
  } catch (e) {
    throw new BundleError("UNREADABLE", `${file}: cannot load it (${(e as Error).message})`);
  }
  if (!r.ok) throw new BundleError("UNREADABLE", `${file}: cannot load it (HTTP ${r.status})`);
  return new Uint8Array(await r.arrayBuffer());
}

/** Fetch + SHA-256 check + gunzip + decode + validate. */
export async function loadBundleFromUrl(
  /** The folder of both files, or where each file is (a release's content-hashed names). */
  base: URL | ((file: string) => URL),
  fetchImpl: typeof fetch = fetch,
): Promise<Bundle> {
  const at = typeof base === "function" ? base : (file: string) => new URL(file, base);
  const [meta, payload] = await Promise.all([
    fetchBytes(at(META_URL), META_URL, fetchImpl),
    fetchBytes(at(PAYLOAD_URL), PAYLOAD_URL, fetchImpl),
  ]);
  await Promise.all([verifyBundleFileWeb(META_URL, meta), verifyBundleFileWeb(PAYLOAD_URL, payload)]);
  return parseBundle(new TextDecoder().decode(meta), payload, { validate: true });
}
