/**
 * `hln compare`: the ranking of the current settings (the spec's, with --weights, --constant,
 * --scaling) against a baseline — the spec's own settings or a saved scenario (--baseline
 * scenario.json, src/core/scenario.ts) — per area (rank shift, deciles, entering or leaving the top
 * 10% and 20%) and per LA (counts in the top 10%, in and out, mean shift). --save writes the current
 * settings as a scenario file. Nothing is written when an option, the scenario or the data is wrong.
 */
import { renameSync, writeFileSync } from "fs";
import { basename, join } from "path";
import { buildMeasure, type MeasureData, type MeasureResult } from "../core/buildMeasure";
import { compareRankings, type RankComparison } from "../core/compare";
import { HlnError } from "../core/errors";
import { scenarioJson, specScenario } from "../core/scenario";
import { settingsToBuild, type MeasureSettings } from "../core/settings";
import { syntheticIndicators } from "../data/openData";
import type { MeasureSpec } from "../core/spec";
import { hlnSpec } from "../core/specs";
import type { Bundle } from "../data/bundle";
import { areaLabels } from "../workbook/plan/areas";
import { loadMeasureInput, readSpec, settingsFromArgs } from "./build";
import { readScenario } from "./scenarioFile";
import { writeCsvFile, type CsvCell } from "./csvOut";
import { CliError } from "./errors";
import { prepareOutDir, TempFiles } from "./output";
import type { UserData } from "./userData";

export const COMPARE_FILES = { areas: "hln-compare-areas.csv", groups: "hln-compare-groups.csv" } as const;

export interface CompareArgs {
  out?: string;
  baseline?: string;
  weights?: string;
  constant?: string | number;
  scaling?: string;
  spec?: string;
  data?: string;
  decimal?: string;
  /** Include the indicators with no open data (default: left out). */
  includeSynthetic?: boolean;
  bundleDir?: string;
  /** Write the current settings to this scenario file. */
  save?: string;
  /** The saved scenario's name (default "current"). */
  name?: string;
}

export interface CompareSummary {
  baseline: string;
  comparison: RankComparison;
  /** Areas that moved most (largest |shift|), row indices. */
  movers: { code: string; name: string; baseRank: number; rank: number }[];
  files: string[];
}

function build(
  spec: MeasureSpec,
  data: MeasureData,
  s: MeasureSettings,
  noOpenData: readonly string[],
  what: string,
): MeasureResult {
  const b = settingsToBuild(spec, s, noOpenData);
  try {
    return buildMeasure(b.spec, data, b.options);
  } catch (e) {
    if (e instanceof HlnError) throw new CliError(`${what}: ${e.message}`);
    throw e;
  }
}

export async function runCompareCli(args: CompareArgs): Promise<CompareSummary> {
  const spec = args.spec ? readSpec(args.spec) : hlnSpec;
  const current = settingsFromArgs(args, spec);
  const base = args.baseline ? readScenario(args.baseline, spec) : specScenario(spec);
  const outDir = prepareOutDir(args.out ?? "out");
  const { source, data } = await loadMeasureInput(spec, args);
  const noOpen = syntheticIndicators(spec, (source as Bundle).meta);
  const baseResult = build(spec, data, base.settings, noOpen, args.baseline ? basename(args.baseline) : "baseline");
  const result = build(spec, data, current, noOpen, "the current settings");
  const { codes, labels } = result.groups;
  const cmp = compareRankings(baseResult.rank, result.rank, codes, labels.length);
  const g = (source as Bundle).geography;
  const user = source as UserData;
  const areaName = (i: number) => (g ? g.lsoa21Name[i] : (user.names?.[i] ?? ""));
  const groupName = new Map<string, string>();
  for (let i = 0; i < data.areaCodes.length; i++)
    if (!groupName.has(data.groupCodes[i]))
      groupName.set(data.groupCodes[i], g ? g.ladName[i] : (user.groupNames?.[i] ?? ""));
  const L = areaLabels(spec);
  const inOut = (x: number) => (x > 0 ? "entered" : x < 0 ? "left" : "");
  const temps = new TempFiles();
  const tag = `.tmp-${process.pid}`;
  const files: { name: string; write: (p: string) => void }[] = [
    {
      name: COMPARE_FILES.areas,
      write: (p) =>
        writeCsvFile(
          p,
          [
            `${L.csv}_code`,
            `${L.csv}_name`,
            `${L.groupCsv}_code`,
            "base_rank",
            "rank",
            "rank_shift",
            "base_decile",
            "decile",
            "top10",
            "top20",
          ],
          data.areaCodes.length,
          (i): CsvCell[] => [
            data.areaCodes[i],
            areaName(i),
            data.groupCodes[i],
            baseResult.rank[i],
            result.rank[i],
            cmp.shift[i],
            cmp.baseDecile[i],
            cmp.decile[i],
            inOut(cmp.top10[i]),
            inOut(cmp.top20[i]),
          ],
        ),
    },
    {
      name: COMPARE_FILES.groups,
      write: (p) =>
        writeCsvFile(
          p,
          [
            `${L.groupCsv}_code`,
            `${L.groupCsv}_name`,
            "base_top10",
            "top10",
            "entered_top10",
            "left_top10",
            "mean_rank_shift",
            "mean_abs_rank_shift",
          ],
          labels.length,
          (k): CsvCell[] => [
            labels[k],
            groupName.get(labels[k]) ?? "",
            cmp.groups.baseTop10[k],
            cmp.groups.top10[k],
            cmp.groups.entered10[k],
            cmp.groups.left10[k],
            round(cmp.groups.meanShift[k]),
            round(cmp.groups.meanAbsShift[k]),
          ],
        ),
    },
  ];
  const written: string[] = [];
  const targets = files.map((f) => ({
    tmp: join(outDir, `.${f.name}${tag}`),
    final: join(outDir, f.name),
    write: f.write,
  }));
  if (args.save) {
    const json = JSON.stringify(scenarioJson(args.name ?? "current", current), null, 2) + "\n";
    targets.push({ tmp: `${args.save}${tag}`, final: args.save, write: (p) => writeFileSync(p, json) });
  }
  try {
    for (const t of targets) t.write(temps.add(t.tmp));
    for (const t of targets) {
      renameSync(t.tmp, t.final);
      written.push(t.final);
    }
    temps.release();
  } catch (e) {
    temps.removeAll();
    throw e;
  }
  const order = Array.from({ length: data.areaCodes.length }, (_, i) => i)
    .filter((i) => Number.isFinite(cmp.shift[i]))
    .sort((a, b) => Math.abs(cmp.shift[b]) - Math.abs(cmp.shift[a]) || a - b)
    .slice(0, 5);
  return {
    baseline: base.name,
    comparison: cmp,
    movers: order.map((i) => ({
      code: data.areaCodes[i],
      name: areaName(i),
      baseRank: baseResult.rank[i],
      rank: result.rank[i],
    })),
    files: written,
  };
}

const round = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(3)) : NaN);
