#!/usr/bin/env node
// The installed `hln` command: the CLI compiled from src/cli to lib/ by `npm run build:cli` (run by
// `prepare`, so after `npm ci` and in `npm pack`). No TypeScript at run time (docs/cli.md).
"use strict";
const fs = require("fs");
const path = require("path");

const entry = path.join(__dirname, "..", "lib", "cli", "hln.js");
if (!fs.existsSync(entry)) {
  process.stderr.write(`hln: ${entry} is missing; run \`npm run build:cli\` in the repository first\n`);
  process.exit(1);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
