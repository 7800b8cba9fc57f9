/**
 * The installable `hln` command: `npm pack` (whose `prepare` compiles src/cli to lib/), installed into
 * a temporary folder, runs `hln build --format csv` from another folder — compiled JavaScript, no tsx,
 * the bundled data found relative to the installed package. The install is offline: a lockfile for the
 * temporary project is derived from the repository's package-lock.json (the same versions `npm ci`
 * installed, so every tarball is in the npm cache).
 */
import { execFileSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import Papa from "papaparse";

const ROOT = resolve(__dirname, "..", "..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  link?: boolean;
  [key: string]: unknown;
}
interface Pkg {
  name: string;
  version: string;
  license: string;
  dependencies: Record<string, string>;
  bin: Record<string, string>;
  engines: Record<string, string>;
}

/** A lockfile for a project depending only on the tarball: the repository lockfile's production entries. */
export function consumerLock(repoLock: { packages: Record<string, LockEntry> }, pkg: Pkg, tgz: string) {
  const spec = `file:${tgz}`;
  const packages: Record<string, unknown> = {
    "": { name: "hln-pack-test", dependencies: { [pkg.name]: spec } },
    [`node_modules/${pkg.name}`]: {
      version: pkg.version,
      resolved: spec,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [key, entry] of Object.entries(repoLock.packages)) {
    if (key !== "" && !entry.dev && !entry.devOptional && !entry.link) packages[key] = entry;
  }
  return { name: "hln-pack-test", lockfileVersion: 3, requires: true, packages };
}

const tmp = mkdtempSync(join(tmpdir(), "hln-pack-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test("the npm pack tarball, installed in a temporary folder, runs `hln build --format csv`", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Pkg;
  const packed = execFileSync(NPM, ["pack", "--pack-destination", tmp, "--json"], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const info = JSON.parse(packed.slice(packed.indexOf("["))) as { filename: string; files: { path: string }[] }[];
  const files = info[0].files.map((f) => f.path);
  // compiled CLI, the spec and the bundled data; no TypeScript sources or build state
  expect(files).toEqual(
    expect.arrayContaining([
      "bin/hln.js",
      "lib/cli/hln.js",
      "lib/data/node.js",
      "lib/core/specs/hln.json",
      "assets/data/hln-lsoa21.bin.gz",
      "assets/data/hln-lsoa21.meta.json",
      "assets/boundaries/lad24_england_buc.topojson",
    ]),
  );
  expect(files.filter((f) => /\.tsx?$|tsbuildinfo/.test(f))).toEqual([]);

  const tgz = join(tmp, info[0].filename);
  const app = join(tmp, "app");
  mkdirSync(app);
  const lock = consumerLock(JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")), pkg, tgz);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "hln-pack-test", private: true, dependencies: { [pkg.name]: `file:${tgz}` } }),
  );
  writeFileSync(join(app, "package-lock.json"), JSON.stringify(lock));
  execFileSync(NPM, ["ci", "--offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: app, stdio: "pipe" });
  const installed = join(app, "node_modules", pkg.name);
  expect(existsSync(join(installed, "src"))).toBe(false);
  expect(existsSync(join(app, "node_modules", "tsx"))).toBe(false);

  // run from an unrelated folder: the data must be found relative to the package
  const cwd = join(tmp, "elsewhere");
  mkdirSync(cwd);
  const hln = join(app, "node_modules", ".bin", "hln");
  expect(execFileSync(hln, ["--version"], { cwd, encoding: "utf8" }).trim()).toBe(pkg.version);
  execFileSync(hln, ["build", "--format", "csv", "--out", join(tmp, "out"), "--quiet"], { cwd, stdio: "pipe" });
  expect(existsSync(join(tmp, "out", "hln-measure.xlsx"))).toBe(false);
  const csv = Papa.parse<Record<string, string>>(readFileSync(join(tmp, "out", "hln-scores.csv"), "utf8"), {
    header: true,
    skipEmptyLines: true,
  });
  expect(csv.errors).toEqual([]);
  expect(csv.data).toHaveLength(33755);
  const ranks = csv.data.map((r) => Number(r.rank)).filter((r) => r > 0);
  // one area (Isles of Scilly) is outside the measure; the rest are ranked 1..N
  expect(ranks).toHaveLength(33754);
  expect(new Set(ranks).size).toBe(33754);
  expect([Math.min(...ranks), Math.max(...ranks)]).toEqual([1, 33754]);
  const top = csv.data.find((r) => r.rank === "1") as Record<string, string>;
  // the paper's top-20 table starts at 99.95 (README, test/published/top20.test.ts)
  expect(Number(top.overall_score)).toBeCloseTo(99.95, 2);
}, 300_000);
