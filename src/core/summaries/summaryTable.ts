/**
 * The table of HLN.LASUMMARY and of the workbook's summary sheets (one definition for both): header row, one row per group (in order of first appearance),
 * and a "(no group)" row when some areas have no group. Every area left out of the summary (no
 * score, no group, missing or negative population) is named by its input row in the "left out"
 * column of its group; a group without scored areas with people gets #N/A in its measure cells.
 */
import type { AreaSummary, SummaryMeasure } from "./areaSummary";
import type { SummaryProblem } from "./problems";
import { SUMMARY_PROBLEMS } from "./problems";

export const SUMMARY_OUTPUTS = ["both", "values", "ranks"] as const;
export type SummaryOutput = (typeof SUMMARY_OUTPUTS)[number];

/** At most this many rows are named in one "left out" cell; the rest are counted. */
const MAX_NAMED = 5;

function leftOutText(problems: SummaryProblem[]): string {
  if (!problems.length) return "";
  const named = problems.slice(0, MAX_NAMED).map((p) => p.message.replace(/; left out$/, ""));
  const more = problems.length - named.length;
  return named.join("; ") + (more > 0 ? `; and ${more} more rows (${problems.length} left out)` : "");
}

/**
 * Header row, then one row per group: group, areas, population, the measures and/or their ranks,
 * "left out". `missing(message)` is what a cell without a value holds (an Excel error in the
 * function, a blank in the workbook's cached values).
 */
export function summaryTable<M>(
  sum: AreaSummary,
  labels: string[],
  groupOfRow: ArrayLike<number>,
  measures: readonly SummaryMeasure[],
  output: SummaryOutput,
  missing: (message: string) => M,
): (string | number | M)[][] {
  const g = labels.length;
  const byGroup: SummaryProblem[][] = Array.from({ length: g }, () => []);
  const noGroup: SummaryProblem[] = [];
  for (const p of sum.problems) {
    if (p.code === "NO_GROUP") noGroup.push(p);
    else if (p.row !== undefined && groupOfRow[p.row] >= 0) byGroup[groupOfRow[p.row]].push(p);
    else if (p.row !== undefined) noGroup.push(p);
  }
  const empty = missing(SUMMARY_PROBLEMS.ZERO_POPULATION);
  const num = (x: number) => (Number.isFinite(x) ? x : empty);
  const showValues = output !== "ranks";
  const showRanks = output !== "values";
  const header: string[] = ["group", "areas", "population"];
  if (showValues) header.push(...measures);
  if (showRanks) header.push(...measures.map((m) => `rank of ${m}`));
  header.push("left out");
  const table: (string | number | M)[][] = [header];
  for (let j = 0; j < g; j++) {
    const row: (string | number | M)[] = [labels[j], sum.areas[j], num(sum.population[j])];
    if (showValues) for (const m of measures) row.push(num(sum[m][j]));
    if (showRanks) for (const m of measures) row.push(num(sum.ranks[m][j]));
    row.push(leftOutText(byGroup[j]));
    table.push(row);
  }
  if (noGroup.length) {
    const text = leftOutText(noGroup);
    const na = missing(text);
    const width = header.length - 4;
    const count = noGroup.filter((p) => p.code === "NO_GROUP").length;
    table.push(["(no group)", count, na, ...Array.from({ length: width }, () => na), text]);
  }
  return table;
}
