/**
 * `--measure book.xlsx` and `--data book.xlsx[#Sheet]`: the spec from a workbook's Measure and Weights
 * sheets, and the areas from a sheet's table, through the workbook codecs. Every cell the codecs
 * cannot use is named on the one error line (the first five, and how many more); nothing is built
 * until the sheets are clean. Usage: docs/cli.md.
 */
import type { MeasureSettings } from "../core/settings";
import type { MeasureSpec } from "../core/spec";
import { areasColumns, findAreasHeader, readAreas } from "../workbook/areasCodec";
import { formatProblem, type MeasureProblem, readMeasure } from "../workbook/measureCodec";
import { SHEET_NAMES } from "../workbook/plan";
import { CliError } from "./errors";
import type { UserData } from "./userData";
import { requireSheet, type SheetChoice, type XlsxBook } from "./xlsxIn";

const SHOWN = 5;

/** One line for a list of problems: how many, the first few by cell. */
export function problemsError(file: string, what: string, problems: MeasureProblem[]): CliError {
  const n = problems.length;
  const shown = problems.slice(0, SHOWN).map(formatProblem).join("; ");
  const more = n > SHOWN ? `; and ${n - SHOWN} more` : "";
  return new CliError(`${file}: ${n} problem${n === 1 ? "" : "s"} in ${what}, nothing built: ${shown}${more}`);
}

/** Warning lines (the first few by cell, then how many more). */
export function warningLines(warnings: MeasureProblem[], what: string): string[] {
  const lines = warnings.slice(0, SHOWN).map(formatProblem);
  if (warnings.length > SHOWN) lines.push(`and ${warnings.length - SHOWN} more ${what}`);
  return lines;
}

/**
 * The spec and settings of a workbook's Measure + Weights sheets. `columnsOf` gives the data's
 * column ids for a spec (its words find the header), so a column cell naming no column is a problem.
 */
export async function readMeasureBook(
  book: XlsxBook,
  columnsOf: (spec: MeasureSpec) => Promise<string[] | undefined> | string[] | undefined,
): Promise<{ spec: MeasureSpec; settings: MeasureSettings }> {
  const grids = {
    measure: requireSheet(book, SHEET_NAMES.measure, "the measure's structure, written by hln build or the add-in"),
    weights: requireSheet(book, SHEET_NAMES.weights, "the measure's weights and polarities"),
    measureFormulas: book.formulas(SHEET_NAMES.measure),
    weightsFormulas: book.formulas(SHEET_NAMES.weights),
  };
  const first = readMeasure(grids);
  if (!first.structure) throw problemsError(book.file, "the measure", first.problems);
  const columns = await columnsOf(first.structure);
  const r = columns ? readMeasure({ ...grids, columns }) : first;
  if (!r.spec || !r.settings) throw problemsError(book.file, "the measure", r.problems);
  return { spec: r.spec, settings: r.settings };
}

/**
 * The sheets `--measure` reads (and the areas sheet, when `--data` names the same book): Measure,
 * Weights and Scenarios (a build writes Scenarios right after them; a book without one is read to
 * the next sheet). Reading stops once they are in.
 */
export function measureChoice(data?: { sheet?: string }): SheetChoice {
  const M = SHEET_NAMES.measure;
  const W = SHEET_NAMES.weights;
  const S = SHEET_NAMES.scenarios;
  return {
    want: (n) =>
      n === M || n === W || n === S || (data !== undefined && (data.sheet === undefined || n === data.sheet)),
    enough: (b) =>
      b.grid(M) !== undefined &&
      b.grid(W) !== undefined &&
      (b.grid(S) !== undefined || ![M, W].includes(b.names[b.names.length - 1])) &&
      (data === undefined || (data.sheet !== undefined && b.grid(data.sheet) !== undefined)),
  };
}

/** The sheet `--data book.xlsx#Sheet` names, or every sheet until one has an areas table. */
export function areasChoice(sheet: string | undefined, spec: MeasureSpec): SheetChoice {
  if (sheet) return { want: (n) => n === sheet, enough: (b) => b.grid(sheet) !== undefined };
  return { enough: (b) => b.names.some((n) => findAreasHeader(b.grid(n) ?? [], spec) !== undefined) };
}

/** The sheet of `--data book.xlsx#Sheet`, or the first sheet with an areas table. */
export function areasSheet(
  book: XlsxBook,
  sheet: string | undefined,
  spec: MeasureSpec,
): { name: string; grid: unknown[][] } {
  if (sheet) return { name: sheet, grid: requireSheet(book, sheet, "named by --data") };
  for (const name of book.names) {
    const grid = book.grid(name) ?? [];
    if (findAreasHeader(grid, spec)) return { name, grid };
  }
  throw new CliError(
    `${book.file}: no sheet has an areas table (a header row with an area code and a group code column); name the sheet: --data ${book.file}#Sheet (its sheets: ${book.names.join(", ")})`,
  );
}

/** The data's column names of an areas sheet (for the measure's column check). */
export function areasSheetColumns(book: XlsxBook, sheet: string | undefined, spec: MeasureSpec): string[] | undefined {
  const s = areasSheet(book, sheet, spec);
  return areasColumns(s.grid, spec);
}

/** An areas sheet as the CLI's user data (what a CSV gives), with its warnings. */
export function readAreasBook(book: XlsxBook, sheet: string | undefined, spec: MeasureSpec): UserData {
  const s = areasSheet(book, sheet, spec);
  const file = `${book.file}#${s.name}`;
  const r = readAreas(s.grid, spec, s.name);
  if (!r.data) throw problemsError(book.file, `the areas table of sheet "${s.name}"`, r.problems);
  const checks = r.checks!;
  const dataChecks = r.warnings.filter((w) => / the area is left out of /.test(w.why));
  const groups = r.warnings.filter((w) => !dataChecks.includes(w));
  return {
    ...r.data,
    file,
    report: {
      delimiter: "",
      decimal: ".",
      sheet: { name: s.name, headerRow: r.headerRow + 1 },
      rows: r.data.areaCodes.length,
      thousands: 0,
      checks,
      dropped: dataChecks.slice(0, SHOWN).map(formatProblem),
      groups: warningLines(groups, "blank group codes or single-area groups"),
    },
  };
}
