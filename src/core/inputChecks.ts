import type { MeasureData } from "./buildMeasure";
import { listIndicators, MeasureSpec } from "./spec";

/** One input cell the measure cannot use as it is (the area is left out of that indicator). */
export interface InputIssue {
  /** 0-based data row. */
  index: number;
  area: string;
  /** Indicator id, or "population". */
  indicator: string;
  /** The column(s) at fault, e.g. "workless_benefits" or "workless_benefits/pop_16_64". */
  column: string;
  reason: string;
}

export interface InputCheckResult {
  /** Issues found, in row order, at most `limit` of them. */
  issues: InputIssue[];
  /** Number of issues of each kind (all of them, not only those kept), by reason code. */
  counts: Record<string, number>;
  /** Total issues (cells), and distinct rows with at least one. */
  total: number;
  rows: number;
  /** Columns whose every value is missing (an indicator of them has no data at all). */
  emptyColumns: string[];
}

export const ISSUE_TEXT = {
  negative_numerator: "negative count",
  negative_denominator: "negative denominator",
  zero_denominator: "denominator is 0",
  numerator_gt_denominator: "numerator > denominator",
  missing_denominator: "numerator given but the denominator is missing",
  negative_population: "negative population",
} as const;
export type IssueCode = keyof typeof ISSUE_TEXT;

/**
 * Step 2 (Quality assurance, paper §2): the input cells of count indicators that step 3 cannot turn
 * into a proportion r/n — a negative count, n ≤ 0, r > n, or r present with n missing — and
 * negative populations. buildMeasure leaves such areas out of the indicator (raw = NaN, as if
 * missing); this lists them so the CLI and the task pane can say so instead of dropping them
 * silently. Columns that are entirely missing are listed too.
 *
 * Domain: any MeasureData; NaN is missing (not an issue by itself). Cost: O(rows × count columns).
 */
export function checkMeasureInput(spec: MeasureSpec, data: MeasureData, limit = 1000): InputCheckResult {
  const n = data.areaCodes.length;
  const issues: InputIssue[] = [];
  const counts: Record<string, number> = Object.create(null);
  const flaggedRows = new Uint8Array(n);
  let total = 0;
  const add = (index: number, indicator: string, column: string, code: IssueCode) => {
    total++;
    flaggedRows[index] = 1;
    counts[code] = (counts[code] ?? 0) + 1;
    if (issues.length < limit)
      issues.push({ index, area: data.areaCodes[index], indicator, column, reason: ISSUE_TEXT[code] });
  };
  const col = (id: string): ArrayLike<number> | undefined =>
    Object.prototype.hasOwnProperty.call(data.columns, id) ? data.columns[id] : undefined;
  const per: { id: string; nums: [string, ArrayLike<number>][]; den: [string, ArrayLike<number>] }[] = [];
  for (const { indicator: ind } of listIndicators(spec)) {
    if (ind.kind !== "count") continue;
    const den = col(ind.denominator!);
    const nums = ind.numerator!.map((c) => [c, col(c)] as [string, ArrayLike<number> | undefined]);
    if (!den || nums.some(([, a]) => !a)) continue; // buildMeasure reports the missing column
    per.push({ id: ind.id, nums: nums as [string, ArrayLike<number>][], den: [ind.denominator!, den] });
  }
  const pop = data.population;
  for (let i = 0; i < n; i++) {
    for (const p of per) {
      const d = p.den[1][i];
      let r = 0;
      let anyNum = false;
      let neg = "";
      for (const [c, a] of p.nums) {
        const x = a[i];
        if (x < 0 && !neg) neg = c;
        if (!Number.isNaN(x)) anyNum = true;
        r += x;
      }
      if (neg) add(i, p.id, neg, "negative_numerator");
      else if (d < 0) add(i, p.id, p.den[0], "negative_denominator");
      else if (d === 0) add(i, p.id, p.den[0], "zero_denominator");
      else if (Number.isNaN(d)) {
        if (anyNum) add(i, p.id, p.den[0], "missing_denominator");
      } else if (r > d) add(i, p.id, `${p.nums.map(([c]) => c).join("+")}/${p.den[0]}`, "numerator_gt_denominator");
    }
    if (pop && pop[i] < 0) add(i, "population", "population", "negative_population");
  }
  let rows = 0;
  for (let i = 0; i < n; i++) rows += flaggedRows[i];
  const emptyColumns: string[] = [];
  for (const id of Object.keys(data.columns)) {
    const a = data.columns[id];
    let any = false;
    for (let i = 0; i < a.length && !any; i++) if (!Number.isNaN(a[i])) any = true;
    if (!any && a.length > 0) emptyColumns.push(id);
  }
  return { issues, counts, total, rows, emptyColumns };
}
