// Webpack build of the add-in, after Microsoft's Office-Addin-TaskPane-React and Excel-Custom-Functions
// (shared runtime) templates: one page (taskpane.html) loads both the task pane and the custom
// functions; functions.json is generated from the JSDoc in src/functions/functions.ts.
//
// The host the add-in is served from is given once: `npm run build -- --env host=https://example.org/hln/`
// (or HLN_HOST=…). The dev URL https://localhost:3000/ in manifest.xml and in the JSDoc @helpurl tags
// is rewritten to it in the emitted manifest.xml, functions.json and HTML (docs/deploy.md).

const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const webpack = require("webpack");
const pkg = require("./package.json");

const urlDev = "https://localhost:3000/";

/** The deployment base URL: https, ending in "/", no query or fragment. Throws a clear message otherwise. */
function resolveHost(value) {
  if (!value) return urlDev;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`host: "${value}" is not a URL; give the base URL, e.g. --env host=https://example.org/hln/`);
  }
  if (url.protocol !== "https:")
    throw new Error(`host: "${value}" must be an https:// URL (Office loads add-ins over HTTPS only)`);
  if (url.search || url.hash || url.username || url.password)
    throw new Error(`host: "${value}" must be a plain base URL, without query, fragment or credentials`);
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url.href;
}

/** package.json's x.y.z → the manifest's four-part x.y.z.0 (Office wants up to four numeric parts). */
function manifestVersion(version) {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) throw new Error(`package.json version "${version}" is not x.y.z`);
  return `${m[1]}.${m[2]}.${m[3]}.0`;
}

/** manifest.xml (the dev template) → the manifest for `host`: URLs, app domain and version. */
function manifestFor(xml, host) {
  const versioned = xml.replace(/<Version>[^<]*<\/Version>/, `<Version>${manifestVersion(pkg.version)}</Version>`);
  if (host === urlDev) return versioned;
  return versioned
    .replace(/<!--[\s\S]*?-->\s*/g, "") // the template's comments name the dev URL
    .split(urlDev)
    .join(host)
    .replace(/<AppDomain>https:\/\/localhost:3000<\/AppDomain>/g, `<AppDomain>${new URL(host).origin}</AppDomain>`);
}

/**
 * The hosted data files get their content hash in the file name (assets/data/hln-lsoa21.<hash>.bin.gz),
 * so a new release is never served from a stale cache. Returns original path → hashed path; the task
 * pane reads the map from the __HLN_ASSETS__ constant (src/taskpane/assetUrls.ts).
 */
function hashedAssets(dirs) {
  const map = {};
  for (const dir of dirs) {
    const abs = path.join(__dirname, dir);
    if (!fs.existsSync(abs)) continue;
    for (const file of fs.readdirSync(abs).sort()) {
      const hash = crypto
        .createHash("sha256")
        .update(fs.readFileSync(path.join(abs, file)))
        .digest("hex")
        .slice(0, 10);
      const dot = file.indexOf(".");
      const hashed = dot < 0 ? `${file}.${hash}` : `${file.slice(0, dot)}.${hash}${file.slice(dot)}`;
      map[`${dir}/${file}`] = `${dir}/${hashed}`;
    }
  }
  return map;
}

/** Rewrites the dev URL to the host in the emitted functions.json and HTML (the JSDoc @helpurl tags stay readable). */
class HostPlugin {
  constructor(host) {
    this.host = host;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("HostPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "HostPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE },
        (assets) => {
          for (const name of Object.keys(assets)) {
            if (!/\.(json|html|xml)$/.test(name) || name.startsWith("assets/")) continue;
            const text = assets[name].source().toString();
            const out = text.split(urlDev).join(this.host);
            if (out !== text) compilation.updateAsset(name, new webpack.sources.RawSource(out));
            if (/localhost/.test(out))
              compilation.errors.push(new webpack.WebpackError(`${name} still names localhost after the host rewrite`));
          }
        },
      );
    });
  }
}

/** Certificates are needed (and installed on first use) only by `webpack serve`. */
async function getHttpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const httpsOptions = await devCerts.getHttpsServerOptions();
  return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
}

/** docs/functions.md → a plain, script-free help page (helpUrl targets), enough for headings, tables and code. */
function markdownToHtml(md, pages = []) {
  const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const inline = (s) =>
    esc(s)
      .replace(/`([^`]+)`/g, "<code>$1</code>")
      .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
      .replace(/(^|[\s(])\*([^*\s][^*]*?)\*(?=[\s.,;:)]|$)/g, "$1<em>$2</em>")
      .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_, text, href) => {
        // links between the hosted help pages: support.md → support.html
        const m = /^([\w-]+)\.md(#.*)?$/.exec(href);
        return `<a href="${m && pages.includes(m[1]) ? `${m[1]}.html${m[2] ?? ""}` : href}">${text}</a>`;
      });
  const anchor = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, "");
  const lines = md.split(/\r?\n/);
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.startsWith("```")) {
      const code = [];
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) code.push(lines[i]);
      out.push(`<pre><code>${esc(code.join("\n"))}</code></pre>`);
      i++;
    } else if (/^#{1,6} /.test(line)) {
      const level = line.match(/^#+/)[0].length;
      const text = line.slice(level + 1);
      out.push(`<h${level} id="${anchor(text)}">${inline(text)}</h${level}>`);
      i++;
    } else if (line.startsWith("|")) {
      const rows = [];
      for (; i < lines.length && lines[i].startsWith("|"); i++) rows.push(lines[i]);
      const cells = (r) =>
        r
          .replace(/^\||\|$/g, "")
          .split(/(?<!\\)\|/)
          .map((c) => inline(c.trim().replace(/\\\|/g, "|")));
      const body = rows.filter((r, k) => k !== 1 || !/^\|[\s:|-]+\|$/.test(r));
      out.push(
        "<table>" +
          body
            .map(
              (r, k) =>
                `<tr>${cells(r)
                  .map((c) => (k === 0 ? `<th>${c}</th>` : `<td>${c}</td>`))
                  .join("")}</tr>`,
            )
            .join("") +
          "</table>",
      );
    } else if (/^\s*[-*] /.test(line)) {
      const items = [];
      for (; i < lines.length && /^\s*[-*] /.test(lines[i]); i++) {
        let item = lines[i].replace(/^\s*[-*] /, "");
        // indented continuation lines belong to the item
        while (i + 1 < lines.length && /^\s+\S/.test(lines[i + 1]) && !/^\s*[-*] /.test(lines[i + 1]))
          item += " " + lines[++i].trim();
        items.push(`<li>${inline(item)}</li>`);
      }
      out.push(`<ul>${items.join("")}</ul>`);
    } else if (line.trim() === "") {
      i++;
    } else {
      const para = [];
      for (; i < lines.length && lines[i].trim() !== "" && !/^(#|\||```|\s*[-*] )/.test(lines[i]); i++)
        para.push(lines[i]);
      out.push(`<p>${inline(para.join(" "))}</p>`);
    }
  }
  const title = (/^# (.+)$/m.exec(md) || [null, "Hyper-local Need"])[1].replace(/[`*]/g, "");
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>` +
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">" +
    "<style>body{font-family:Segoe UI,sans-serif;max-width:60em;margin:1em auto;padding:0 1em}" +
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}</style>" +
    `</head><body>${out.join("\n")}</body></html>`
  );
}

/** The hosted help pages, from docs/<name>.md: functions (the helpUrl targets), support and privacy. */
const HELP_PAGES = ["functions", "support", "privacy"];

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  const host = resolveHost(env.host || process.env.HLN_HOST);
  const assets = hashedAssets(["assets/data", "assets/boundaries"]);
  const config = {
    // no eval-based source maps: the task pane's Content-Security-Policy forbids eval. Production:
    // none unless asked for (--env sourcemaps), then as separate .map files.
    devtool: dev || env.sourcemaps ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: "./src/functions/functions.ts",
      // the Uncertainty card's Web Worker: its own same-origin file (the CSP allows no blob: workers)
      "uncertainty-worker": "./src/taskpane/uncertainty.worker.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".jsx", ".json"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: "tsconfig.json",
              onlyCompileBundledFiles: true,
              compilerOptions: { module: "es2020", sourceMap: dev || Boolean(env.sourcemaps), noEmit: false },
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      new webpack.DefinePlugin({ __HLN_ASSETS__: JSON.stringify(assets) }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // shared runtime: the task pane page also runs the custom functions
        chunks: ["taskpane", "functions"],
        // taskpane.js?<build hash>: a new release is not run from a stale cache
        hash: !dev,
      }),
      new HtmlWebpackPlugin({
        filename: "functions.html",
        template: "./src/functions/functions.html",
        chunks: ["functions"],
        hash: !dev,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icons", to: "assets/icons", noErrorOnMissing: true },
          // office.js is not copied: Office loads it from Microsoft's CDN; the browser tests route the
          // CDN request to node_modules/@microsoft/office-js
          ...Object.entries(assets).map(([from, to]) => ({ from, to, info: { minimized: true } })),
          ...HELP_PAGES.map((name) => ({
            from: `docs/${name}.md`,
            to: `help/${name}.html`,
            transform: (content) => markdownToHtml(content.toString(), HELP_PAGES),
          })),
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform: (content) => manifestFor(content.toString(), host),
          },
        ],
      }),
      ...(host === urlDev ? [] : [new HostPlugin(host)]),
    ],
    performance: {
      // the task pane bundle (React + Fluent UI) is larger than webpack's 244 KiB hint
      maxAssetSize: 4 * 1024 * 1024,
      maxEntrypointSize: 4 * 1024 * 1024,
      assetFilter: (name) => !name.endsWith(".map") && !name.startsWith("assets/"),
    },
    devServer: {
      static: { directory: path.join(__dirname, "dist"), publicPath: "/public" },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: serving ? { type: "https", options: await getHttpsOptions() } : "https",
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
  return config;
};

module.exports.resolveHost = resolveHost;
module.exports.manifestVersion = manifestVersion;
module.exports.manifestFor = manifestFor;
