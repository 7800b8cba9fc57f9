/**
 * Offline checks of manifest.xml (`npm run validate` needs the network): every element against the
 * manifest schema's rules (test/helpers/manifest.ts), custom functions in the HLN namespace, a shared
 * runtime with the task pane, permissions, URLs that the webpack build emits, icons that exist with
 * the declared sizes, and the host rewrite of webpack.config.js.
 */
import fs from "fs";
import path from "path";

import { all, manifestProblems, parseXml, type XmlNode } from "./helpers/manifest";

function one(node: XmlNode, name: string): XmlNode {
  const found = all(node, name);
  expect(found.length).toBeGreaterThan(0);
  return found[0];
}
const child = (node: XmlNode, name: string) => node.children.find((c) => c.name === name) as XmlNode;

const ROOT = path.resolve(__dirname, "..");
const source = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const manifest = parseXml(source);
const webpackConfig = require(path.join(ROOT, "webpack.config.js"));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
const BASE = "https://localhost:3000/";

/** resid → DefaultValue over bt:Image, bt:Url and bt:String resources. */
const resources = new Map<string, string>();
for (const tag of ["bt:Image", "bt:Url", "bt:String"]) {
  for (const n of all(manifest, tag)) if (n.attrs.id) resources.set(n.attrs.id, n.attrs.DefaultValue);
}

describe("manifest.xml", () => {
  test("every element follows the manifest schema's rules (children, order, attributes, values)", () => {
    expect(manifestProblems(manifest)).toEqual([]);
  });

  test("the schema checks catch what the online validator would reject", () => {
    const problems = (edit: (xml: string) => string) => manifestProblems(parseXml(edit(source)));
    // out of order: Version before Id
    expect(problems((x) => x.replace(/(<Id>[^<]*<\/Id>)\s*(<Version>[^<]*<\/Version>)/, "$2$1"))).toContainEqual(
      expect.stringContaining("<Id> is out of order"),
    );
    // an element the schema does not have there
    expect(problems((x) => x.replace("<Permissions>", "<Colour>red</Colour><Permissions>"))).toContainEqual(
      expect.stringContaining("<Colour> is not allowed here"),
    );
    // a ShortString over 125 characters, a resource id over 32, http, a bad enumeration value
    expect(
      problems((x) => x.replace('DefaultValue="Hyper-local Need"/>', `DefaultValue="${"x".repeat(126)}"/>`)),
    ).toContainEqual("OfficeApp/DisplayName@DefaultValue: length 126 is outside 1–125");
    expect(problems((x) => x.split("Taskpane.Url").join("Taskpane.Url.Of.A.Very.Long.Resource.Name"))).toContainEqual(
      expect.stringContaining("length 41 is outside 1–32"),
    );
    expect(
      problems((x) => x.replace("https://localhost:3000/functions.json", "http://localhost:3000/functions.json")),
    ).toContainEqual(expect.stringContaining("is not https"));
    expect(problems((x) => x.replace("ReadWriteDocument", "ReadWriteEverything"))).toContainEqual(
      expect.stringContaining('"ReadWriteEverything" is not one of'),
    );
    // a Label pointing at a URL resource; a missing required child
    expect(problems((x) => x.replace('<Label resid="Group.Label"/>', '<Label resid="Taskpane.Url"/>'))).toContainEqual(
      expect.stringContaining("resid Taskpane.Url is bt:Urls, not in bt:ShortStrings"),
    );
    expect(problems((x) => x.replace(/<Namespace resid="[^"]*"\/>/, ""))).toContainEqual(
      expect.stringContaining("0 × <Namespace>, expected 1–1"),
    );
  });

  test("is an Excel task pane add-in with a GUID id, provider and display name", () => {
    expect(manifest.name).toBe("OfficeApp");
    expect(manifest.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(child(manifest, "Id").text).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i,
    );
    expect(child(manifest, "ProviderName").text).toBe("HLN add-in contributors");
    expect(child(manifest, "DisplayName").attrs.DefaultValue).toBe("Hyper-local Need");
    expect(all(child(manifest, "Hosts"), "Host").map((h) => h.attrs.Name)).toEqual(["Workbook"]);
    expect(child(manifest, "Permissions").text).toBe("ReadWriteDocument");
    expect(one(child(manifest, "DefaultSettings"), "SourceLocation").attrs.DefaultValue).toBe(`${BASE}taskpane.html`);
  });

  test("requires the shared runtime and custom functions runtime", () => {
    const sets = Object.fromEntries(
      all(child(manifest, "Requirements"), "Set").map((s) => [s.attrs.Name, s.attrs.MinVersion]),
    );
    expect(sets).toMatchObject({ SharedRuntime: "1.1", CustomFunctionsRuntime: "1.3" });
  });

  test("declares the custom functions in namespace HLN, sharing the task pane's long-lived runtime", () => {
    const runtime = one(manifest, "Runtime");
    expect(runtime.attrs).toMatchObject({ resid: "Taskpane.Url", lifetime: "long" });
    const cf = all(manifest, "ExtensionPoint").find((e) => e.attrs["xsi:type"] === "CustomFunctions") as XmlNode;
    expect(cf).toBeDefined();
    const loc = (name: string) => resources.get(one(child(cf, name), "SourceLocation").attrs.resid);
    expect(loc("Script")).toBe(`${BASE}functions.js`);
    expect(loc("Metadata")).toBe(`${BASE}functions.json`);
    expect(one(child(cf, "Page"), "SourceLocation").attrs.resid).toBe("Taskpane.Url");
    expect(resources.get(child(cf, "Namespace").attrs.resid)).toBe("HLN");
    expect(resources.get("Taskpane.Url")).toBe(`${BASE}taskpane.html`);
    expect(one(manifest, "FunctionFile").attrs.resid).toBe("Taskpane.Url");
  });

  test("every resid resolves to a resource", () => {
    const refs: string[] = [];
    const walk = (n: XmlNode) => {
      if (n.attrs.resid) refs.push(n.attrs.resid);
      n.children.forEach(walk);
    };
    walk(manifest);
    expect(refs.length).toBeGreaterThan(5);
    for (const r of refs) expect([r, resources.has(r)]).toEqual([r, true]);
  });

  test("icons exist under assets/icons as PNGs of the declared size", () => {
    const icons = [
      child(manifest, "IconUrl").attrs.DefaultValue,
      child(manifest, "HighResolutionIconUrl").attrs.DefaultValue,
      ...all(manifest, "bt:Image")
        .filter((n) => n.attrs.id)
        .map((n) => n.attrs.DefaultValue),
    ];
    for (const url of icons) {
      expect(url.startsWith(`${BASE}assets/icons/`)).toBe(true);
      const file = path.join(ROOT, url.slice(BASE.length));
      const png = fs.readFileSync(file);
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      const size = Number(/icon-(\d+)\.png$/.exec(url)?.[1]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  test("the webpack build emits every URL the manifest points to", async () => {
    const makeConfig = require(path.join(ROOT, "webpack.config.js"));
    const config = await makeConfig({}, { mode: "production" });
    // the Uncertainty card's Web Worker is its own file beside taskpane.html (uncertaintyClient's WORKER_URL)
    expect(Object.keys(config.entry).sort()).toEqual(["functions", "taskpane", "uncertainty-worker"]);
    expect(config.output.filename).toBe("[name].js");
    // production: no source maps unless asked for (then separate files, never eval/inline: CSP)
    expect(config.devtool).toBe(false);
    expect((await makeConfig({ sourcemaps: true }, { mode: "production" })).devtool).toBe("source-map");
    expect((await makeConfig({}, { mode: "development" })).devtool).toBe("source-map");
    // no copy of office.js (Office loads it from the CDN; browser tests serve node_modules' copy)
    const copy = config.plugins.find((p: { constructor: { name: string } }) => p.constructor.name === "CopyPlugin");
    const froms = copy.patterns.map((p: { from: string }) => p.from);
    expect(froms.filter((f: string) => /office-js/.test(f))).toEqual([]);
    expect(froms).toEqual(expect.arrayContaining(["docs/support.md", "docs/privacy.md", "docs/functions.md"]));
    const html = config.plugins
      .filter((p: { constructor: { name: string } }) => p.constructor.name === "HtmlWebpackPlugin")
      .map((p: { userOptions: { filename: string; chunks: string[] } }) => p.userOptions);
    expect(html).toContainEqual(
      expect.objectContaining({ filename: "taskpane.html", chunks: ["taskpane", "functions"] }),
    );
    const meta = config.plugins.find(
      (p: { constructor: { name: string } }) => p.constructor.name === "CustomFunctionsMetadataPlugin",
    );
    expect(meta.options.output).toBe("functions.json");
  });

  test("the host: an https base URL given once, normalised to end in /", () => {
    const { resolveHost } = webpackConfig;
    expect(resolveHost(undefined)).toBe(BASE);
    expect(resolveHost("https://example.org/hln")).toBe("https://example.org/hln/");
    expect(resolveHost("https://addins.example.org")).toBe("https://addins.example.org/");
    expect(() => resolveHost("http://example.org/")).toThrow(/must be an https:\/\/ URL/);
    expect(() => resolveHost("example.org/hln")).toThrow(/is not a URL/);
    expect(() => resolveHost("https://example.org/hln/?v=1")).toThrow(/without query/);
  });

  test("the manifest for a host: every URL and the app domain on it, Version from package.json", () => {
    const host = "https://example.org/hln/";
    const xml = webpackConfig.manifestFor(source, host);
    expect(xml).not.toMatch(/localhost/);
    const m = parseXml(xml);
    expect(manifestProblems(m)).toEqual([]);
    const urls = [...xml.matchAll(/DefaultValue="(https?:[^"]*)"/g)].map((u) => u[1]);
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) expect(u.startsWith(host)).toBe(true);
    expect(all(m, "AppDomain").map((d) => d.text)).toEqual(["https://example.org"]);
    expect(child(m, "Version").text).toBe(`${pkg.version}.0`);
    expect(webpackConfig.manifestVersion("1.2.3")).toBe("1.2.3.0");
    expect(webpackConfig.manifestVersion("10.0.1-beta.2")).toBe("10.0.1.0");
    expect(child(m, "SupportUrl").attrs.DefaultValue).toBe(`${host}help/support.html`);
    // the dev build keeps the template's URLs and sets the same version
    expect(child(parseXml(webpackConfig.manifestFor(source, BASE)), "Version").text).toBe(`${pkg.version}.0`);
  });
});
