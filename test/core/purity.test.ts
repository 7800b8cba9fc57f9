import { readdirSync, readFileSync, statSync } from "fs";
import { join, relative } from "path";

// The core runs in the task pane, the custom-functions runtime and Node: no Office, DOM or Node APIs.
// (`npm run typecheck` also compiles src/core alone against lib ES2022 with no ambient types.)
const root = join(__dirname, "../../src/core");
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });

describe("src/core purity", () => {
  const sources = files(root).map((p) => ({ path: relative(root, p), text: readFileSync(p, "utf8") }));

  test("imports only relative modules, JSON specs, stdlib math and stdlib seeded PRNGs", () => {
    for (const { path, text } of sources) {
      for (const [, spec] of text.matchAll(/from\s+"([^"]+)"/g)) {
        const ok =
          spec.startsWith("./") ||
          spec.startsWith("../") ||
          spec.startsWith("@stdlib/math-base-special-") ||
          spec.startsWith("@stdlib/random-base-");
        if (!ok) throw new Error(`${path} imports "${spec}"`);
      }
    }
  });

  test("uses no Office, DOM or Node globals", () => {
    const banned =
      /\b(Office|Excel|CustomFunctions|window|document|navigator|process|Buffer|require|__dirname|setTimeout)\b/;
    for (const { path, text } of sources) {
      const code = text
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "")
        .replace(/"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, '""');
      const hit = code.match(banned);
      if (hit) throw new Error(`${path} uses ${hit[0]}`);
    }
  });
});
