/** What a `--data` build read, as lines for stderr and the summary (docs/cli.md "Your own data"). */
import { ISSUE_TEXT, type IssueCode } from "../core/inputChecks";
import { DELIMITER_NAMES, type UserDataReport } from "./userData";

/** How the file was read (one line): delimiter, decimal mark, thousands separators. */
export function dataReadLine(r: UserDataReport, file: string): string {
  if (r.sheet)
    return `${file}: ${r.rows.toLocaleString("en-GB")} rows of sheet "${r.sheet.name}" (header on row ${r.sheet.headerRow})`;
  const delim = DELIMITER_NAMES[r.delimiter] ?? JSON.stringify(r.delimiter);
  let read = `${file}: ${r.rows.toLocaleString("en-GB")} rows, ${delim}-delimited, decimal mark "${r.decimal}"`;
  if (r.thousands)
    read += `, ${r.thousands.toLocaleString("en-GB")} number${r.thousands === 1 ? "" : "s"} with thousands separators (first: ${r.firstThousands})`;
  return read;
}

/** The dropped/flagged cells (count, kinds, the first few) and empty columns; [] if none. */
export function dataWarnings(r: UserDataReport, file: string): string[] {
  const lines: string[] = [];
  const c = r.checks;
  if (c.total > 0) {
    const kinds = Object.entries(c.counts)
      .map(([k, v]) => `${v.toLocaleString("en-GB")} ${ISSUE_TEXT[k as IssueCode] ?? k}`)
      .join(", ");
    lines.push(
      `${file}: ${c.total.toLocaleString("en-GB")} cell${c.total === 1 ? "" : "s"} in ${c.rows.toLocaleString("en-GB")} row${c.rows === 1 ? "" : "s"} cannot be used and are left out of their indicator (${kinds}); first: ${r.dropped.join("; ")}`,
    );
  }
  if (c.emptyColumns.length)
    lines.push(
      `${file}: column${c.emptyColumns.length === 1 ? "" : "s"} ${c.emptyColumns.join(", ")} ${c.emptyColumns.length === 1 ? "has" : "have"} no values at all (every row missing)`,
    );
  for (const g of r.groups ?? []) lines.push(`${file}: ${g}`);
  return lines;
}

/**
 * The QA sheet's "Checks of the data file" lines: how the file was read, then either that every
 * cell could be used or the count of cells left out of their indicator (by kind) and the first few
 * as "row R (AREA), COLUMN: reason", and any column with no values at all.
 */
export function dataQaLines(r: UserDataReport, file: string): string[] {
  const c = r.checks;
  const lines = [dataReadLine(r, file)];
  if (c.total === 0) lines.push("Every cell the measure reads could be used: no row dropped or flagged.");
  else {
    const kinds = Object.entries(c.counts)
      .map(([k, v]) => `${v.toLocaleString("en-GB")} ${ISSUE_TEXT[k as IssueCode] ?? k}`)
      .join(", ");
    lines.push(
      `${c.total.toLocaleString("en-GB")} cell${c.total === 1 ? "" : "s"} in ${c.rows.toLocaleString("en-GB")} row${c.rows === 1 ? "" : "s"} cannot be used and are left out of their indicator (${kinds}); the first ${r.dropped.length}:`,
      ...r.dropped.map((d) => `  ${d}`),
    );
  }
  if (c.emptyColumns.length) lines.push(`No values at all (every row missing): ${c.emptyColumns.join(", ")}`);
  for (const g of r.groups ?? []) lines.push(g);
  return lines;
}
