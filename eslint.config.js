// ESLint flat config: eslint-plugin-office-addins' recommended rules (Office.js load/sync checks,
// typescript-eslint, prettier as a lint rule), extended to the React task pane (.tsx).
// eslint-plugin-office-addins 4 needs ESLint 9 (its peer range), hence eslint@9 in package.json.
const globals = require("globals");
const officeAddins = require("eslint-plugin-office-addins");
// the plugin's flat config names no parser object; typescript-eslint's parser comes with it
const tsParser = require("@typescript-eslint/parser");

const recommended = officeAddins.configs.recommended;
const typed = recommended[recommended.length - 1];

module.exports = [
  {
    ignores: [
      "dist/**",
      "dist-tsc/**",
      "lib/**",
      "out/**",
      "coverage/**",
      "node_modules/**",
      "assets/**",
      "test-results/**",
    ],
  },
  ...recommended,
  {
    files: ["**/*.{ts,cts,mts}"],
    languageOptions: { parser: tsParser, ecmaVersion: "latest", sourceType: "module" },
  },
  {
    files: ["**/*.tsx"],
    plugins: typed.plugins,
    languageOptions: {
      ...typed.languageOptions,
      parser: tsParser,
      ecmaVersion: "latest",
      parserOptions: { ...(typed.languageOptions.parserOptions || {}), ecmaFeatures: { jsx: true } },
    },
    rules: typed.rules,
  },
  {
    // TypeScript checks names itself (typescript-eslint's advice: no-undef off for TS)
    files: ["**/*.{ts,tsx,cts,mts}"],
    rules: { "no-undef": "off" },
  },
  {
    // functions short enough to read at once (developers' guide); tests' describe/test bodies excepted
    files: ["src/**/*.{ts,tsx}", "scripts/**/*.ts"],
    rules: { "max-lines-per-function": ["error", { max: 150, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  {
    // the task pane and custom functions run in the browser
    files: ["src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // tests, scripts and the CLI run in Node (tests under jest)
    files: ["test/**/*.{ts,tsx,js}", "scripts/**/*.{ts,js}", "src/cli/**/*.ts", "src/data/node.ts", "src/map/node.ts"],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
  {
    // Node scripts and CommonJS config files
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { ecmaVersion: "latest", sourceType: "commonjs", globals: { ...globals.node } },
  },
];
