/**
 * The production webpack build for a non-localhost host (the real webpack.config.js, into a temporary
 * directory): functions.json generated from the JSDoc with every HLN.* function described and its help
 * URL on the host, no `localhost` anywhere in dist/, no office.js copy and no source maps, content-hashed
 * data files the task pane is told about, pages whose scripts obey the Content-Security-Policy (no
 * eval), and `npm run package`'s zip of the result (scripts/package.ts).
 */
import { createHash } from "crypto";
import fs from "fs";
import os from "os";
import path from "path";
import { unzipSync } from "fflate";
import webpack from "webpack";
import { listFiles, packageRelease, zipDir } from "../scripts/package";
import { manifestProblems, parseXml } from "./helpers/manifest";

const ROOT = path.resolve(__dirname, "..");
const HOST = "https://example.org/hln/";
const out = fs.mkdtempSync(path.join(os.tmpdir(), "hln-build-"));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };

interface FunctionsJson {
  functions: {
    id: string;
    name: string;
    description: string;
    helpUrl: string;
    parameters: { name: string; description: string }[];
  }[];
}

let stats: webpack.Stats;
const read = (f: string) => fs.readFileSync(path.join(out, f), "utf8");

beforeAll(async () => {
  const config = await require(path.join(ROOT, "webpack.config.js"))(
    { WEBPACK_BUILD: true, host: HOST },
    { mode: "production" },
  );
  config.context = ROOT;
  config.output.path = out;
  config.infrastructureLogging = { level: "error" };
  stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (err, s) => (err || !s ? reject(err) : resolve(s))),
  );
  const bytes = listFiles(out).reduce((sum, f) => sum + fs.statSync(path.join(out, f)).size, 0);
  // dist/'s size, for docs/deploy.md (not asserted beyond the office.js / source-map checks below)
  console.log(`hln-build dist_files=${listFiles(out).length} dist_bytes=${bytes}`);
}, 300000);

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe("production build for a host", () => {
  test("compiles without errors", () => {
    expect(stats.hasErrors() ? stats.toString("errors-only") : "").toBe("");
  });

  test("functions.json lists every HLN function with descriptions and help URLs on the host", () => {
    const json = JSON.parse(read("functions.json")) as FunctionsJson;
    const ids = json.functions.map((f) => f.id);
    for (const id of ["SHRINK", "NORMALSCORE", "EXPTRANSFORM", "SCORE", "RANK", "DECILE", "QA", "LASUMMARY"]) {
      expect(ids).toContain(id);
    }
    const help = read("help/functions.html");
    for (const f of json.functions) {
      expect(f.description.length).toBeGreaterThan(20);
      for (const p of f.parameters) expect([f.id, p.name, p.description.length > 10]).toEqual([f.id, p.name, true]);
      expect(f.helpUrl).toBe(`${HOST}help/functions.html#hln${f.id.toLowerCase()}`);
      expect(help).toMatch(new RegExp(`id="?hln${f.id.toLowerCase()}"?[ >]`));
    }
    const bundle = read("functions.js");
    for (const id of ids) expect(bundle).toContain(`CustomFunctions.associate("${id}"`);
  });

  test("no file in dist/ names localhost (manifest, functions.json, HTML, JS)", () => {
    const text = listFiles(out).filter((f) => /\.(xml|json|html|js|txt)$/.test(f));
    expect(text).toEqual(
      expect.arrayContaining(["manifest.xml", "functions.json", "taskpane.html", "taskpane.js", "functions.js"]),
    );
    expect(text.filter((f) => /localhost/i.test(read(f)))).toEqual([]);
  });

  test("the manifest: valid, every URL on the host, app domain its origin, Version from package.json", () => {
    const xml = read("manifest.xml");
    const m = parseXml(xml);
    expect(manifestProblems(m)).toEqual([]);
    const urls = [...xml.matchAll(/DefaultValue="(https?:[^"]*)"/g)].map((u) => u[1]);
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) {
      expect(u.startsWith(HOST)).toBe(true);
      // …and the build emitted the file it points to
      expect([u, fs.existsSync(path.join(out, u.slice(HOST.length).split("#")[0]))]).toEqual([u, true]);
    }
    expect(xml).toContain("<AppDomain>https://example.org</AppDomain>");
    expect(xml).toContain(`<Version>${pkg.version}.0</Version>`);
    expect(xml).toContain(`<SupportUrl DefaultValue="${HOST}help/support.html"/>`);
  });

  test("no office.js copy and no source maps", () => {
    const files = listFiles(out);
    expect(files.filter((f) => f.startsWith("office-js/") || /office\.js$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
    for (const f of ["taskpane.js", "functions.js"]) expect(read(f)).not.toMatch(/sourceMappingURL/);
  });

  test("data files carry their content hash in the name, and the task pane asks for those names", () => {
    const data = listFiles(out).filter((f) => /^assets\/(data|boundaries)\//.test(f));
    expect(data).toHaveLength(4);
    const taskpane = read("taskpane.js");
    for (const f of data) {
      const hash = /\.([0-9a-f]{10})\./.exec(f)?.[1];
      const content = fs.readFileSync(path.join(out, f));
      expect([f, hash]).toEqual([f, createHash("sha256").update(content).digest("hex").slice(0, 10)]);
      const plain = f.replace(`.${hash}`, "");
      expect(content.equals(fs.readFileSync(path.join(ROOT, plain)))).toBe(true);
      expect(taskpane).toContain(JSON.stringify(f).slice(1, -1));
      expect(fs.existsSync(path.join(out, plain))).toBe(false);
    }
    // scripts are referenced with the build hash, so a release is not run from a stale cache
    expect(read("taskpane.html")).toMatch(/src="?taskpane\.js\?[0-9a-f]{8,}/);
  });

  test("the task pane page loads office.js, the task pane and the functions (shared runtime) under a CSP", () => {
    const html = read("taskpane.html");
    expect(html).toMatch(/Content-Security-Policy/);
    expect(html).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
    expect(html).toMatch(/src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/);
    expect(html).toMatch(/src="?taskpane\.js/);
    expect(html).toMatch(/src="?functions\.js/);
    for (const f of ["taskpane.js", "functions.js"]) expect(read(f)).not.toMatch(/\beval\(/);
  });

  test("help, support and privacy pages, linked to each other, script-free", () => {
    const support = read("help/support.html");
    const privacy = read("help/privacy.html");
    expect(support).toMatch(/href="?privacy\.html"?>/);
    expect(support).toMatch(/href="?functions\.html"?>/);
    expect(privacy).toMatch(/No data leaves your workbook/);
    expect(privacy).toMatch(/no telemetry/);
    expect(privacy).toMatch(/<title>Hyper-local Need add-in: privacy<\/title>/);
    for (const page of [support, privacy]) {
      expect(page).not.toMatch(/<script/i);
      expect(page).toContain("default-src 'none'");
    }
  });

  test("npm run package: a reproducible zip of dist/ and the host's manifest", () => {
    const release = fs.mkdtempSync(path.join(os.tmpdir(), "hln-release-"));
    try {
      const r = packageRelease(out, release, HOST);
      expect(path.basename(r.zip)).toBe(`hln-addin-${pkg.version}.zip`);
      const zip = fs.readFileSync(r.zip);
      const entries = unzipSync(new Uint8Array(zip));
      expect(Object.keys(entries).sort()).toEqual(listFiles(out));
      for (const [name, bytes] of Object.entries(entries))
        expect([name, Buffer.from(bytes).equals(fs.readFileSync(path.join(out, name)))]).toEqual([name, true]);
      expect(fs.readFileSync(r.manifest, "utf8")).toBe(read("manifest.xml"));
      expect(Buffer.from(zipDir(out)).equals(zip)).toBe(true);
      // a dist/ built for another host is refused
      expect(() => packageRelease(out, release, "https://other.example/")).toThrow(/not on https:\/\/other\.example\//);
    } finally {
      fs.rmSync(release, { recursive: true, force: true });
    }
  });
});
