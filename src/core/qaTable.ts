import type { QaResult } from "./qa";

/**
 * Step 2's checks as the 14 × 2 table (label, value) that HLN.QA returns and the workbook's QA sheet
 * caches. `hasUpper`: whether an upper limit was given (else "at upper" cells are missing);
 * `invalid`: cells that were text or errors; `missing(why)`: what a cell without a value holds
 * (an Excel error in the function, a blank in the workbook).
 */
export function qaTable<M>(
  q: QaResult,
  hasUpper: boolean,
  invalid: number,
  missing: (why: string) => M,
): [string, number | string | boolean | M][] {
  const num = (x: number) => (Number.isFinite(x) ? x : missing("no value"));
  const upper = (x: number) => (hasUpper ? num(x) : missing("no upper limit given"));
  return [
    ["n", q.n],
    ["missing", q.missing],
    ["of which text or errors", invalid],
    ["zeros", q.zeros],
    ["at upper", upper(q.atUpper)],
    ["share missing", num(q.shareMissing)],
    ["share zeros", num(q.shareZero)],
    ["share at upper", upper(q.shareUpper)],
    ["min", num(q.min)],
    ["max", num(q.max)],
    ["constant", q.constant],
    ["flags", q.flags.join(", ")],
    ["reasons", q.reasons.join("; ")],
    ["pass", q.pass],
  ];
}
