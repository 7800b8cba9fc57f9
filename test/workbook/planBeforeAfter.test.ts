/**
 * The workbook-model refactor (issue 10) keeps the HLN workbook cell for cell: the plan of a
 * 342-LSOA subset (with the Isles of Scilly) is compared with the plan main built before the
 * refactor (test/fixtures/plan-hln-subset-before.json.gz, flattened by test/helpers/flatPlan.ts).
 * Every difference must be one of the listed, deliberate changes.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { gunzipSync } from "zlib";
import { buildMeasure } from "../../src/core/buildMeasure";
import { hlnSpec } from "../../src/core/specs";
import { toMeasureData } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { planWorkbook } from "../../src/workbook/plan";
import { diffPlans, flattenPlan, type FlatPlan } from "../helpers/flatPlan";
import { subsetBundle } from "./helpers";

/** Deliberate changes (why, in docs/workbook.md "Changes in 0.2"). */
const EXPECTED: [RegExp, string][] = [
  [/^sheets: /, "the hidden HLN Index sheet is added last"],
  [/^HLN Index!/, "the index sheet's cells"],
  [
    /^HLN Weights!C9: /,
    "ApplyExclusions meaning names no Data column letter (the codec does not know the Data layout)",
  ],
  [/^HLN Measure!/, "the Measure sheet: the measure's structure (issue 16)"],
  [/^HLN About!B5: /, "About's list of sheets names the Measure sheet (issue 16)"],
  [
    /^(name HLN_\w+: .*'HLN Weights'|HLN Weights!)/,
    "Weights: the IncludeSynthetic option row moves the tables down a row; the indicators' used weights (what the W_ names now point at) and notes (issue 16)",
  ],
  [
    /^HLN About![AB](1[0-7]): /,
    "About: a live row on the indicators with no open data moves the rows below it (issue 16)",
  ],
  [
    /^HLN Charts!K7: /,
    "fix: the share of a district with no ranked area (Scilly) is cached blank, as its formula shows it",
  ],
  [/^HLN Scenarios!/, "the Scenarios sheet: saved settings side by side (issue 18)"],
  [/^HLN Top!A1: /, "Top title without the paper reference (spec-generic wording)"],
  [/^HLN Top![BCD]\d+: /, 'Top code and name cells end in &"" (a blank name shows blank, not 0)'],
  [/^HLN Charts!G[23]: /, "charts sheet: the spec's group noun (local authority district)"],
  [
    /^HLN LA!/,
    "LA summaries follow the IoD's File 10 conventions and add group ranks and a left-out column (issue 11)",
  ],
];

test("the HLN plan of a subset is unchanged cell for cell, except the listed changes", () => {
  const before: FlatPlan = JSON.parse(
    gunzipSync(readFileSync(join(__dirname, "../fixtures/plan-hln-subset-before.json.gz"))).toString("utf8"),
  );
  const bundle = subsetBundle(loadBundleFromDir(), 300, 3);
  const res = buildMeasure(hlnSpec, toMeasureData(bundle), {});
  const after = flattenPlan(planWorkbook(hlnSpec, bundle, res, { builtAt: "2026-01-01T00:00:00Z", version: "test" }));
  const diffs = diffPlans(before, after, 100000);
  const unexpected = diffs.filter((d) => !EXPECTED.some(([re]) => re.test(d)));
  expect(unexpected.slice(0, 20)).toEqual([]);
  // each listed change really happens (so the list stays honest)
  for (const [re, why] of EXPECTED) expect([why, diffs.some((d) => re.test(d))]).toEqual([why, true]);
});
