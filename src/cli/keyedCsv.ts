/**
 * Small CSVs keyed by area code (`--second`, `--replace`): parsed with papaparse (BOM dropped, empty
 * lines skipped; a parse error names its row), and their rows matched to the build's areas by code,
 * with the codes not among the areas counted (the first three kept for the message).
 */
import Papa from "papaparse";
import { CliError } from "./errors";

/** The header row and the data rows of `text` (the content of the file named `file`). */
export function parseKeyedCsv(file: string, text: string): { header: string[] | undefined; rows: string[][] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true });
  if (parsed.errors.length > 0)
    throw new CliError(`${file}: row ${(parsed.errors[0].row ?? 0) + 1}: ${parsed.errors[0].message}`);
  const [header, ...rows] = parsed.data;
  return { header, rows };
}

/** Area index by code for `codes`; `find(code, k)` counts a code not among them (k: 0-based data row). */
export function codeMatcher(codes: readonly string[]) {
  const row = new Map<string, number>();
  codes.forEach((c, i) => row.set(c, i));
  const m = {
    unmatched: 0,
    firstUnmatched: [] as string[],
    find(code: string, k: number): number | undefined {
      const i = row.get(code);
      if (i === undefined) {
        m.unmatched++;
        if (m.firstUnmatched.length < 3) m.firstUnmatched.push(code || `(blank code, row ${k + 2})`);
      }
      return i;
    },
  };
  return m;
}
