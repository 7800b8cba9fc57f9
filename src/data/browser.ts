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
export async function loadBundleFromUrl(base: URL, fetchImpl: typeof fetch = fetch): Promise<Bundle> {
  const [meta, payload] = await Promise.all([
    fetchBytes(new URL(META_URL, base), META_URL, fetchImpl),
    fetchBytes(new URL(PAYLOAD_URL, base), PAYLOAD_URL, fetchImpl),
  ]);
  await Promise.all([verifyBundleFileWeb(META_URL, meta), verifyBundleFileWeb(PAYLOAD_URL, payload)]);
  return parseBundle(new TextDecoder().decode(meta), payload, { validate: true });
}
