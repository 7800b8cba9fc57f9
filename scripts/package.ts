/**
 * `npm run package -- --host https://example.org/hln/` (or HLN_HOST=…): a production build for that
 * host, then out/release/hln-addin-<version>.zip (dist/, ready for any static web server) and
 * out/release/manifest.xml (the manifest to deploy; its Version comes from package.json). docs/deploy.md.
 */
import { spawnSync } from "child_process";
import { Command } from "commander";
import { zipSync, type Zippable } from "fflate";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "fs";
import { join, relative, resolve, sep } from "path";

const ROOT = resolve(__dirname, "..");
// webpack.config.js is CommonJS; its helpers keep the host and version rules in one place
const webpackConfig = require(join(ROOT, "webpack.config.js")) as {
  resolveHost(value: string | undefined): string;
  manifestVersion(version: string): string;
};
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };

/** Every file under `dir`, as sorted forward-slash paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * dist/ as a zip, reproducibly (sorted entries, one fixed timestamp); files that are compressed already
 * (.gz, .png) are stored, the rest deflated.
 */
export function zipDir(dir: string): Uint8Array {
  const mtime = new Date(Date.UTC(2020, 0, 1));
  const files: Zippable = {};
  for (const f of listFiles(dir)) {
    const level = /\.(gz|png)$/.test(f) ? 0 : 9;
    files[f] = [new Uint8Array(readFileSync(join(dir, f))), { level, mtime }];
  }
  return zipSync(files, { mtime });
}

/** Checks that `dist` was built for `host` and this version: the manifest must not point anywhere else. */
export function checkDist(dist: string, host: string): string {
  let manifest: string;
  try {
    manifest = readFileSync(join(dist, "manifest.xml"), "utf8");
  } catch {
    throw new Error(`${dist}: no manifest.xml; build first (npm run build -- --env host=${host})`);
  }
  const version = webpackConfig.manifestVersion(pkg.version);
  if (!manifest.includes(`<Version>${version}</Version>`))
    throw new Error(`${dist}/manifest.xml: Version is not ${version} (package.json ${pkg.version}); rebuild`);
  const source = /<SourceLocation DefaultValue="([^"]*)"/.exec(manifest)?.[1] ?? "";
  if (source !== `${host}taskpane.html`)
    throw new Error(`${dist}/manifest.xml: the task pane is at ${source}, not on ${host}; rebuild for this host`);
  return manifest;
}

export interface Release {
  zip: string;
  manifest: string;
  files: number;
  bytes: number;
}

/** Zips `dist` (already built for `host`) into `outDir`, next to its manifest. */
export function packageRelease(dist: string, outDir: string, host: string): Release {
  const manifest = checkDist(dist, host);
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `hln-addin-${pkg.version}.zip`);
  const zip = zipDir(dist);
  writeFileSync(zipPath, zip);
  const manifestPath = join(outDir, "manifest.xml");
  writeFileSync(manifestPath, manifest);
  return { zip: zipPath, manifest: manifestPath, files: listFiles(dist).length, bytes: zip.byteLength };
}

function main(argv: string[]): number {
  const opts = new Command("package")
    .description("Build the add-in for a host and zip it with its manifest (docs/deploy.md).")
    .option("--host <url>", "base URL the add-in is served from, e.g. https://example.org/hln/ (or HLN_HOST)")
    .option("--out <dir>", "output folder", join("out", "release"))
    .option("--no-build", "zip the existing dist/ (built for this host) without rebuilding")
    .parse(argv, { from: "user" })
    .opts<{ host?: string; out: string; build: boolean }>();
  const given = opts.host ?? process.env.HLN_HOST;
  if (!given) {
    process.stderr.write("package: give the host the add-in will be served from: --host https://example.org/hln/\n");
    return 2;
  }
  const host = webpackConfig.resolveHost(given);
  if (new URL(host).hostname === "localhost") {
    process.stderr.write(`package: ${host} is the development server; give the production host\n`);
    return 2;
  }
  const dist = join(ROOT, "dist");
  if (opts.build) {
    const webpackBin = join(ROOT, "node_modules", "webpack", "bin", "webpack.js");
    const r = spawnSync(process.execPath, [webpackBin, "--mode", "production", "--env", `host=${host}`], {
      cwd: ROOT,
      stdio: "inherit",
    });
    if (r.status !== 0) return r.status ?? 1;
  }
  const rel = packageRelease(dist, resolve(opts.out), host);
  process.stdout.write(
    `package: ${rel.zip} (${rel.files} files, ${(rel.bytes / 1e6).toFixed(1)} MB) for ${host}\n` +
      `package: ${rel.manifest} (deploy this manifest; upload the zip's contents to ${host})\n`,
  );
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`package: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
