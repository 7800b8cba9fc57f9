// ESLint flat config: eslint-plugin-office-addins' recommended rules (Office.js load/sync checks,
// typescript-eslint, prettier as a lint rule), extended to the React task pane (.tsx).
//
// The installed eslint-plugin-office-addins 4.0 needs ESLint 9 (its peer range) and @eslint/js, and
// pins typescript-eslint ~8.8, which cannot run under ESLint 10 (FlatESLint and scopeManager.addGlobals
// are gone). Until the toolchain matches, this file falls back to core rules + prettier for JavaScript
// files only (TypeScript is still type-checked by tsc and format-checked by `prettier --check`), and
// says so once per run.
/* global require, module, console */
const prettierPlugin = require("eslint-plugin-prettier");
const prettierConfig = require("eslint-config-prettier");

const CORE_RULES = {
  "no-delete-var": "warn",
  "no-eval": "error",
  "no-implied-eval": "error",
  "no-new-func": "error",
  "no-inner-declarations": "warn",
  "no-octal": "warn",
  "no-debugger": "error",
  "no-dupe-keys": "error",
  "no-unreachable": "error",
  "prettier/prettier": ["error", { endOfLine: "auto" }],
};

function officeAddinsConfig() {
  try {
    const officeAddins = require("eslint-plugin-office-addins");
    const tsPlugin = require("@typescript-eslint/eslint-plugin");
    const tsParser = require("@typescript-eslint/parser");
    const recommended = officeAddins.configs.recommended;
    const main = recommended[recommended.length - 1];
    return [
      ...recommended,
      {
        files: ["**/*.tsx"],
        plugins: main.plugins || {
          "@typescript-eslint": tsPlugin,
          "office-addins": officeAddins,
          prettier: prettierPlugin,
        },
        languageOptions: { parser: tsParser, sourceType: "module", parserOptions: { ecmaFeatures: { jsx: true } } },
        rules: main.rules,
      },
    ];
  } catch (e) {
    console.warn(
      `eslint.config.js: eslint-plugin-office-addins not loaded (${String(e.message).split("\n")[0]}); ` +
        "linting JavaScript files with core rules and prettier only.",
    );
    return [
      { ignores: ["**/*.ts", "**/*.tsx"] },
      prettierConfig,
      {
        files: ["**/*.{js,cjs,mjs}"],
        plugins: { prettier: prettierPlugin },
        rules: CORE_RULES,
      },
    ];
  }
}

module.exports = [
  {
    ignores: ["dist/**", "dist-tsc/**", "out/**", "coverage/**", "node_modules/**", "test-results/**", "assets/**"],
  },
  ...officeAddinsConfig(),
  {
    // TypeScript checks undefined names itself; no-undef does not know the DOM, Node or Office globals
    files: ["**/*.ts", "**/*.tsx"],
    rules: { "no-undef": "off" },
  },
  {
    files: ["*.js", "*.cjs", "scripts/**/*.js", "test/**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        __dirname: "readonly",
        console: "readonly",
      },
    },
  },
];
