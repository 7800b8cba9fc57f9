/**
 * Small CSVs keyed by area code (`--second`, `--replace`): parsed with papaparse (BOM dropped, empty
 * lines skipped; a parse error names its row), and their rows matched to the build's areas by code,
 * with the codes not among the areas counted (the first three kept for the message; src/data/keyedColumns.ts).
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

/** Rows matched to areas by code (shared with the task pane: src/data/keyedColumns.ts). */
export { codeMatcher } from "../data/keyedColumns";
