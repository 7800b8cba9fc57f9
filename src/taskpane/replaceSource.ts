/**
 * Replace one indicator from the task pane (issue 16): a workbook table or sheet (read only) with an
 * area code column and some of the indicator's columns, read by the reader the CLI's `--replace`
 * uses (src/data/keyedColumns.ts), its problems named by their cells on the sheet, and turned into
 * the IndicatorReplacement that src/data/replaceIndicator.ts applies — the CLI's core too, so
 * About, Sources and the Measure sheet show the status "user" with the source the user names.
 */
import { indicatorColumns, listIndicators, type MeasureSpec } from "../core/spec";
import type { Bundle } from "../data/bundle";
import { readKeyedColumns } from "../data/keyedColumns";
import { type IndicatorReplacement, restoreIndicator } from "../data/replaceIndicator";
import { cellAddress, quoteSheet } from "../workbook/a1";
import { AREA_ALIASES } from "../workbook/areasCodec";
import type { MeasureProblem } from "../workbook/measureCodec";
import type { AreasGrid, AreasRef } from "./excel";

/** What the user asked for: the indicator, where its values are, and the source they name. */
export interface ReplaceChoice {
  id: string;
  ref: AreasRef;
  /** The source shown on Sources and About (blank: the table's or sheet's name). */
  source: string;
}

/** What was read: areas matched, missing and codes not in the data, or the cells that cannot be used. */
export interface ReplaceReport {
  id: string;
  /** The indicator's columns found in the header row. */
  columns: string[];
  /** Areas of the bundle. */
  areas: number;
  matched: number;
  missing: number;
  firstMissing: string[];
  unmatched: number;
  firstUnmatched: string[];
  /** Nothing is built while there is one. */
  problems: MeasureProblem[];
}

/** Unmatched and missing codes listed by the report. */
const KEEP = 5;

/**
 * The columns a replacement of indicator `id` gives (undefined: no such indicator): the bundle's
 * names, also when `spec` is a replaced build's Measure sheet reading `user_<id>_<column>`.
 */
export function replaceColumns(spec: MeasureSpec, id: string): string[] | undefined {
  const ind = listIndicators(restoreIndicator(spec, id)).find((x) => x.indicator.id === id)?.indicator;
  return ind ? indicatorColumns(ind) : undefined;
}

/** The words the report names the table or sheet with ("table Jobs ('My data'!B3:C40)"). */
export function replaceLabel(grid: AreasGrid): string {
  const what = grid.ref.kind === "table" ? `table ${grid.ref.name}` : `sheet ${grid.sheet}`;
  return `${what} (${quoteSheet(grid.sheet)}!${grid.address})`;
}

/**
 * Reads the replacement in `grid` for indicator `choice.id` of `spec` over the bundle's areas. The
 * replacement is there only when the report has no problem; an indicator `spec` does not have is a
 * problem too.
 */
export function readReplacement(
  grid: AreasGrid,
  bundle: Bundle,
  spec: MeasureSpec,
  choice: ReplaceChoice,
): { replacement?: IndicatorReplacement; report: ReplaceReport } {
  const own = replaceColumns(spec, choice.id);
  const codes = bundle.geography.lsoa21Code;
  const r = readKeyedColumns(grid.values, codes, own ?? [], {
    codeNames: AREA_ALIASES,
    headerRows: 20,
    blank: (row) => `(blank code, row ${grid.origin.row + row + 1})`,
    keep: KEEP,
  });
  const sheet = quoteSheet(grid.sheet);
  const cell = (row: number, col: number) =>
    row < 0 ? sheet : `${sheet}!${cellAddress(grid.origin.row + row, grid.origin.col + Math.max(0, col))}`;
  const problems: MeasureProblem[] = own
    ? r.problems.map((p) => ({ cell: cell(p.row, p.col), value: p.row < 0 || p.col < 0 ? null : p.value, why: p.why }))
    : [{ cell: sheet, value: null, why: `the measure has no indicator "${choice.id}"` }];
  const report: ReplaceReport = {
    id: choice.id,
    columns: Object.keys(r.columns),
    areas: codes.length,
    matched: r.matched,
    missing: r.missing,
    firstMissing: r.firstMissing,
    unmatched: r.unmatched,
    firstUnmatched: r.firstUnmatched,
    problems,
  };
  if (problems.length > 0) return { report };
  const file = replaceLabel(grid);
  const source = choice.source.trim() || (grid.ref.kind === "table" ? `table ${grid.ref.name}` : grid.sheet);
  return { replacement: { id: choice.id, columns: r.columns, source, file, matched: r.matched }, report };
}
