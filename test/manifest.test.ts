/**
 * Offline checks of manifest.xml (`npm run validate` needs the network): custom functions in the
 * HLN namespace, a shared runtime with the task pane, permissions, URLs that the webpack build
 * emits, and icons that exist with the declared sizes.
 */
import fs from "fs";
import path from "path";

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** A tiny XML reader for a well-formed, entity-free manifest (tags, attributes, text). */
function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: "#root", attrs: {}, children: [], text: "" };
  const stack = [root];
  const re = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      top.text += m[5].trim();
    } else if (m[2]) {
      if (m[1]) {
        const closed = stack.pop() as XmlNode;
        if (closed.name !== m[2]) throw new Error(`</${m[2]}> closes <${closed.name}>`);
      } else {
        const attrs: Record<string, string> = {};
        for (const a of m[3].matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[a[1]] = a[2];
        const node: XmlNode = { name: m[2], attrs, children: [], text: "" };
        top.children.push(node);
        if (!m[4]) stack.push(node);
      }
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  return root.children[0];
}

function all(node: XmlNode, name: string, out: XmlNode[] = []): XmlNode[] {
  if (node.name === name) out.push(node);
  for (const c of node.children) all(c, name, out);
  return out;
}
function one(node: XmlNode, name: string): XmlNode {
  const found = all(node, name);
  expect(found.length).toBeGreaterThan(0);
  return found[0];
}
const child = (node: XmlNode, name: string) => node.children.find((c) => c.name === name) as XmlNode;

const ROOT = path.resolve(__dirname, "..");
const manifest = parseXml(fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8"));
const BASE = "https://localhost:3000/";

/** resid → DefaultValue over bt:Image, bt:Url and bt:String resources. */
const resources = new Map<string, string>();
for (const tag of ["bt:Image", "bt:Url", "bt:String"]) {
  for (const n of all(manifest, tag)) if (n.attrs.id) resources.set(n.attrs.id, n.attrs.DefaultValue);
}

describe("manifest.xml", () => {
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
    expect(Object.keys(config.entry).sort()).toEqual(["functions", "taskpane"]);
    expect(config.devtool).toBe("source-map");
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
});
