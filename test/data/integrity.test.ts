/**
 * Bundle integrity (issue 13 case 3): both loaders — the CLI's (Node, node:crypto) and the task
 * pane's (browser, Web Crypto) — refuse any file whose SHA-256 is not the one recorded at build time
 * (src/data/bundleHashes.ts), with one BundleError naming the file.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { BundleError } from "../../src/data/bundle";
import { loadBundleFromUrl } from "../../src/data/browser";
import { BUNDLE_SHA256 } from "../../src/data/integrity";
import { DEFAULT_BUNDLE_DIR, loadBundleFromDir, META_FILE, PAYLOAD_FILE } from "../../src/data/node";
import { mulberry32 } from "../../scripts/data/prng";
import { createHash } from "crypto";

const META = readFileSync(join(DEFAULT_BUNDLE_DIR, META_FILE));
const GZ = readFileSync(join(DEFAULT_BUNDLE_DIR, PAYLOAD_FILE));

/** A bundle folder with the given file contents. */
function dirWith(meta: Uint8Array, gz: Uint8Array): string {
  const d = mkdtempSync(join(tmpdir(), "hln-integrity-"));
  writeFileSync(join(d, META_FILE), meta);
  writeFileSync(join(d, PAYLOAD_FILE), gz);
  return d;
}

/** The browser loader over an in-memory "server". */
function browserLoad(meta: Uint8Array, gz: Uint8Array) {
  const files: Record<string, Uint8Array> = { [META_FILE]: meta, [PAYLOAD_FILE]: gz };
  const fakeFetch = (async (u: URL | string) => {
    const name = String(u).split("/").pop()!;
    const body = files[name];
    return body ? new Response(new Uint8Array(body)) : new Response("not found", { status: 404 });
  }) as typeof fetch;
  return loadBundleFromUrl(new URL("https://addin.example/assets/data/"), fakeFetch);
}

/** Both loaders reject with a BundleError whose message names `file`; returns the messages. */
async function bothReject(meta: Uint8Array, gz: Uint8Array, file: string): Promise<string[]> {
  let nodeMsg = "";
  try {
    loadBundleFromDir(dirWith(meta, gz));
  } catch (e) {
    expect(e).toBeInstanceOf(BundleError);
    nodeMsg = (e as Error).message;
  }
  expect(nodeMsg).toContain(file);
  let webMsg = "";
  try {
    await browserLoad(meta, gz);
  } catch (e) {
    expect(e).toBeInstanceOf(BundleError);
    webMsg = (e as Error).message;
  }
  expect(webMsg).toContain(file);
  return [nodeMsg, webMsg];
}

test("the recorded hashes are those of the committed files (re-run npm run hash-bundle after changing them)", () => {
  expect(createHash("sha256").update(META).digest("hex")).toBe(BUNDLE_SHA256[META_FILE]);
  expect(createHash("sha256").update(GZ).digest("hex")).toBe(BUNDLE_SHA256[PAYLOAD_FILE]);
});

test("the untouched bundle loads in both loaders", async () => {
  const copy = mkdtempSync(join(tmpdir(), "hln-integrity-ok-"));
  copyFileSync(join(DEFAULT_BUNDLE_DIR, META_FILE), join(copy, META_FILE));
  copyFileSync(join(DEFAULT_BUNDLE_DIR, PAYLOAD_FILE), join(copy, PAYLOAD_FILE));
  expect(loadBundleFromDir(copy).n).toBe(33755);
  expect((await browserLoad(META, GZ)).n).toBe(33755);
});

test("40 random single-bit flips in the payload are each rejected by both loaders", async () => {
  const rnd = mulberry32(13);
  for (let k = 0; k < 40; k++) {
    const gz = new Uint8Array(GZ);
    const at = Math.floor(rnd() * gz.length);
    gz[at] ^= 1 << Math.floor(rnd() * 8);
    const [msg] = await bothReject(META, gz, PAYLOAD_FILE);
    expect(msg).toMatch(/damaged or was changed/);
  }
});

test("tampered metadata (decimals changed; every status set to real) is rejected by both loaders", async () => {
  const m = JSON.parse(META.toString("utf8"));
  m.columns[3].decimals += 1;
  await bothReject(Buffer.from(JSON.stringify(m, null, 1) + "\n"), GZ, META_FILE);
  const r = JSON.parse(META.toString("utf8"));
  for (const ind of r.indicators) ind.status = "real";
  await bothReject(Buffer.from(JSON.stringify(r, null, 1) + "\n"), GZ, META_FILE);
});

test("a truncated file gives one clear line naming it", async () => {
  const [msg] = await bothReject(META, GZ.subarray(0, GZ.length >> 1), PAYLOAD_FILE);
  expect(msg).not.toMatch(/\n|at .*\(/);
  await bothReject(META.subarray(0, 1000), GZ, META_FILE);
});
