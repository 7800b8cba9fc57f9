/**
 * Bundle integrity: the SHA-256 of each bundle file is recorded when the bundle is built
 * (scripts/hash-bundle.ts, run by prepare-data, writes src/data/bundleHashes.ts) and compiled into
 * the add-in and the CLI, so a changed or damaged file — either of the two — is refused with one
 * line naming it, before it is decoded. Hashing: node:crypto in Node, Web Crypto in the browser.
 */
import { BUNDLE_SHA256 } from "./bundleHashes";
import { BundleError } from "./bundle";

export { BUNDLE_SHA256 };
export type BundleFileName = keyof typeof BUNDLE_SHA256;

const hex = (bytes: ArrayBuffer | Uint8Array): string => {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = "";
  for (let i = 0; i < b.length; i++) s += b[i].toString(16).padStart(2, "0");
  return s;
};

/** Throws BundleError("BAD_HASH") naming `file` if `actualHex` is not the recorded hash. */
export function checkBundleHash(file: string, actualHex: string, size: number): void {
  const expected = (BUNDLE_SHA256 as Record<string, string>)[file];
  if (!Object.prototype.hasOwnProperty.call(BUNDLE_SHA256, file) || !expected)
    throw new BundleError("BAD_HASH", `${file}: not a bundle file`);
  if (actualHex !== expected)
    throw new BundleError(
      "BAD_HASH",
      `${file}: the file is damaged or was changed (SHA-256 ${actualHex.slice(0, 12)}…, ${size} bytes; the add-in expects ${expected.slice(0, 12)}…); reinstall it or rebuild the bundle with npm run prepare-data`,
    );
}

/** SHA-256 (hex) with Web Crypto (browser, or Node ≥ 19's globalThis.crypto). */
export async function sha256HexWeb(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle)
    throw new BundleError("NO_CRYPTO", "this browser has no Web Crypto (crypto.subtle): cannot check the bundle");
  return hex(await subtle.digest("SHA-256", bytes as unknown as BufferSource));
}

/** Checks one file's bytes with Web Crypto; rejects with BundleError naming the file. */
export async function verifyBundleFileWeb(file: BundleFileName, bytes: Uint8Array): Promise<void> {
  checkBundleHash(file, await sha256HexWeb(bytes), bytes.length);
}

export { hex as toHex };
