/**
 * The production webpack build (the real webpack.config.js, into a temporary directory): generates
 * functions.json from the JSDoc with every HLN.* function and parameter described, and pages whose
 * scripts obey the task pane's Content-Security-Policy (no eval).
 */
import fs from "fs";
import os from "os";
import path from "path";
import webpack from "webpack";

const ROOT = path.resolve(__dirname, "..");
const out = fs.mkdtempSync(path.join(os.tmpdir(), "hln-build-"));

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

beforeAll(async () => {
  const config = await require(path.join(ROOT, "webpack.config.js"))({ WEBPACK_BUILD: true }, { mode: "production" });
  config.context = ROOT;
  config.output.path = out;
  config.infrastructureLogging = { level: "error" };
  stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (err, s) => (err || !s ? reject(err) : resolve(s))),
  );
}, 120000);

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe("production build", () => {
  test("compiles without errors", () => {
    expect(stats.hasErrors() ? stats.toString("errors-only") : "").toBe("");
  });

  test("functions.json lists every HLN function with descriptions and help URLs", () => {
    const json = JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8")) as FunctionsJson;
    const ids = json.functions.map((f) => f.id);
    for (const id of ["SHRINK", "NORMALSCORE", "EXPTRANSFORM", "SCORE", "RANK", "DECILE", "QA", "LASUMMARY"]) {
      expect(ids).toContain(id);
    }
    const help = fs.readFileSync(path.join(out, "help", "functions.html"), "utf8");
    for (const f of json.functions) {
      expect(f.description.length).toBeGreaterThan(20);
      for (const p of f.parameters) expect([f.id, p.name, p.description.length > 10]).toEqual([f.id, p.name, true]);
      expect(f.helpUrl).toBe(`https://localhost:3000/help/functions.html#hln${f.id.toLowerCase()}`);
      expect(help).toMatch(new RegExp(`id="?hln${f.id.toLowerCase()}"?[ >]`));
    }
    const bundle = fs.readFileSync(path.join(out, "functions.js"), "utf8");
    for (const id of ids) expect(bundle).toContain(`CustomFunctions.associate("${id}"`);
  });

  test("the task pane page loads office.js, the task pane and the functions (shared runtime) under a CSP", () => {
    const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    expect(html).toMatch(/Content-Security-Policy/);
    expect(html).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
    expect(html).toMatch(/src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/);
    expect(html).toMatch(/src="?taskpane\.js/);
    expect(html).toMatch(/src="?functions\.js/);
    for (const f of ["taskpane.js", "functions.js"]) {
      expect(fs.readFileSync(path.join(out, f), "utf8")).not.toMatch(/\beval\(/);
    }
  });

  test("copies the manifest, icons and a local office.js", () => {
    expect(fs.existsSync(path.join(out, "manifest.xml"))).toBe(true);
    expect(fs.existsSync(path.join(out, "assets", "icons", "icon-32.png"))).toBe(true);
    expect(fs.existsSync(path.join(out, "office-js", "office.js"))).toBe(true);
  });
});
