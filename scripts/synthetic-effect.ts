/**
 * How much leaving out the synthetic indicators (the default, issue 16) changes the bundled HLN ranking:
 * the figures of docs/data.md "The synthetic indicators are left out by default".
 * Run: npx tsx scripts/synthetic-effect.ts
 */
import { defaultSettings } from "../src/core/settings";
import { hlnSpec } from "../src/core/specs";
import { loadBundleFromDir } from "../src/data/node";
import { computeMeasure } from "../src/workbook/pipeline";
import { PAPER_TOP20 } from "../test/published/paperTop20";

const bundle = loadBundleFromDir();
const build = (on: boolean) => {
  const s = defaultSettings(hlnSpec);
  s.includeSynthetic = on;
  return computeMeasure(hlnSpec, bundle, s).result;
};
const off = build(false);
const on = build(true);
const ranked = [...off.rank.keys()].filter((i) => Number.isFinite(off.rank[i]));
const n = ranked.length;
let d2 = 0;
for (const i of ranked) d2 += (off.rank[i] - on.rank[i]) ** 2;
const top = (m: typeof off, k: number) => new Set(ranked.filter((i) => m.rank[i] <= k));
const both = (k: number) => [...top(off, k)].filter((i) => top(on, k).has(i)).length;
const shifts = ranked.map((i) => Math.abs(off.rank[i] - on.rank[i])).sort((a, b) => a - b);
const name = (i: number) => bundle.geography.lsoa21Name[i];
const paper = (m: typeof off, k: number) => {
  const names = new Set([...top(m, k)].map(name));
  return PAPER_TOP20.filter((p) => names.has(p)).length;
};
const pct = (x: number, of: number) =>
  `${x.toLocaleString("en-GB")} of ${of.toLocaleString("en-GB")} (${((100 * x) / of).toFixed(1)}%)`;
const lines = [
  `ranked LSOAs: ${n.toLocaleString("en-GB")}`,
  `Spearman rank correlation: ${(1 - (6 * d2) / (n * (n * n - 1))).toFixed(3)}`,
  `top 20 in both: ${both(20)}; top 100 in both: ${both(100)}`,
  `most-need 10% in both: ${pct(both(Math.round(n / 10)), Math.round(n / 10))}`,
  `most-need 20% in both: ${pct(both(Math.round(n / 5)), Math.round(n / 5))}`,
  `absolute rank shift median / p90 / max: ${shifts[n >> 1]} / ${shifts[Math.floor(n * 0.9)]} / ${shifts[n - 1]}`,
  `decile changed: ${pct(ranked.filter((i) => off.decile[i] !== on.decile[i]).length, n)}`,
  `paper's top 20 in top 20 / top 30: left out ${paper(off, 20)} / ${paper(off, 30)}; included ${paper(on, 20)} / ${paper(on, 30)}`,
];
for (const l of lines) console.log(l);
