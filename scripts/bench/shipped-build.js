// The numpy-ratio bench's JavaScript side (scripts/bench/uncertainty.ts): buildMeasure as `hln build`
// runs it — lib/, the CLI compiled by tsc — in a plain node process of its own, as numpy_hln.py runs
// in a python process of its own. Usage: node shipped-build.js [warmups] [runs]
// -> prints `shipped-build median_ms=<x> runs=<a/b/…> cold_ms=<the first build>`.
"use strict";
const path = require("path");

const lib = (m) => require(path.join(__dirname, "..", "..", "lib", m));
const { buildMeasure } = lib("core/buildMeasure");
const { hlnSpec } = lib("core/specs");
const { toMeasureData } = lib("data/bundle");
const { loadBundleFromDir } = lib("data/node");

const warmups = Number(process.argv[2] ?? 5);
const runs = Number(process.argv[3] ?? 5);
const data = toMeasureData(loadBundleFromDir());
const t0 = process.hrtime.bigint();
buildMeasure(hlnSpec, data);
const cold = Number(process.hrtime.bigint() - t0) / 1e6;
for (let i = 1; i < warmups; i++) buildMeasure(hlnSpec, data);
const times = [];
for (let i = 0; i < runs; i++) {
  const t = process.hrtime.bigint();
  buildMeasure(hlnSpec, data);
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const list = times.map((t) => t.toFixed(1)).join("/");
console.log(`shipped-build median_ms=${median.toFixed(1)} runs=${list} cold_ms=${cold.toFixed(1)}`);
