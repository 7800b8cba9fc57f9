// Webpack build of the add-in, after Microsoft's Office-Addin-TaskPane-React and Excel-Custom-Functions
// (shared runtime) templates: one page (taskpane.html) loads both the task pane and the custom
// functions; functions.json is generated from the JSDoc in src/functions/functions.ts.

const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const path = require("path");

const urlDev = "https://localhost:3000/";
// Change this to the production deployment location; manifest.xml's dev URLs are rewritten to it.
const urlProd = process.env.HLN_ADDIN_URL || "https://localhost:3000/";

/** Certificates are needed (and installed on first use) only by `webpack serve`. */
async function getHttpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const httpsOptions = await devCerts.getHttpsServerOptions();
  return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
}

/** docs/functions.md → a plain, script-free help page (helpUrl targets), enough for headings, tables and code. */
function markdownToHtml(md) {
  const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const inline = (s) =>
    esc(s)
      .replace(/`([^`]+)`/g, "<code>$1</code>")
      .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
      .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>');
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
      for (; i < lines.length && /^\s*[-*] /.test(lines[i]); i++)
        items.push(`<li>${inline(lines[i].replace(/^\s*[-*] /, ""))}</li>`);
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
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>HLN functions</title>' +
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">" +
    "<style>body{font-family:Segoe UI,sans-serif;max-width:60em;margin:1em auto;padding:0 1em}" +
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}</style>" +
    `</head><body>${out.join("\n")}</body></html>`
  );
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const serving = Boolean(env && env.WEBPACK_SERVE);
  const config = {
    // no eval-based source maps: the task pane's Content-Security-Policy forbids eval
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: "./src/functions/functions.ts",
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
              compilerOptions: { module: "es2020", sourceMap: true, noEmit: false },
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
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // shared runtime: the task pane page also runs the custom functions
        chunks: ["taskpane", "functions"],
      }),
      new HtmlWebpackPlugin({
        filename: "functions.html",
        template: "./src/functions/functions.html",
        chunks: ["functions"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icons", to: "assets/icons", noErrorOnMissing: true },
          { from: "assets/data", to: "assets/data", noErrorOnMissing: true },
          { from: "assets/boundaries", to: "assets/boundaries", noErrorOnMissing: true },
          {
            // a local copy of office.js for browser tests (they route the CDN request to it);
            // already minified: keep Terser away from its ~80 MB
            from: "node_modules/@microsoft/office-js/dist",
            to: "office-js",
            noErrorOnMissing: true,
            globOptions: { ignore: ["**/*.d.ts"] },
            info: { minimized: true },
          },
          {
            from: "docs/functions.md",
            to: "help/functions.html",
            noErrorOnMissing: true,
            transform: (content) => markdownToHtml(content.toString()),
          },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return dev ? content : content.toString().replace(new RegExp(urlDev, "g"), urlProd);
            },
          },
        ],
      }),
    ],
    performance: {
      // the task pane bundle (React + Fluent UI) is larger than webpack's 244 KiB hint
      maxAssetSize: 4 * 1024 * 1024,
      maxEntrypointSize: 4 * 1024 * 1024,
      assetFilter: (name) =>
        !name.endsWith(".map") && !name.startsWith("office-js/") && !name.startsWith("assets/data/"),
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
