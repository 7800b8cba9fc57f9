/**
 * `hln build --replace <indicator>=<file.csv> [--replace-source <indicator>=<text>]` (issue 16): one
 * indicator's data from the user's CSV, keyed by area code (papaparse; a header row; the code column
 * by the --data aliases; the other columns named as the spec's columns of that indicator, e.g.
 * `workless_benefits` or `workless_benefits,pop_16_64`). Matched to the bundle's areas; codes not in
 * the bundle and areas without a value are reported; a text value or a code given twice is an error
 * naming its row. src/data/replaceIndicator does the rest.
 */
import { readFileSync } from "fs";
import { basename } from "path";
import { indicatorColumns, listIndicators, type MeasureSpec } from "../core/spec";
import type { Bundle } from "../data/bundle";
import { replaceIndicator } from "../data/replaceIndicator";
import { CliError } from "./errors";
import { type KeyedColumns, readKeyedColumns } from "../data/keyedColumns";
import { parseKeyedCsv } from "./keyedCsv";
import { AREA_ALIASES } from "./userData";

/** "id=value" pairs of a repeatable option, by id. */
export function pairs(list: string[] | undefined, option: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of list ?? []) {
    const at = item.indexOf("=");
    if (at <= 0 || at === item.length - 1) throw new CliError(`${option} takes <indicator>=<…>, got "${item}"`);
    const id = item.slice(0, at).trim();
    if (out.has(id)) throw new CliError(`${option}: indicator ${id} given twice`);
    out.set(id, item.slice(at + 1).trim());
  }
  return out;
}

/** The bundle and spec with every --replace applied, and one report line per indicator. */
export function applyReplacements(
  bundle: Bundle,
  spec: MeasureSpec,
  replace: string[] | undefined,
  sources: string[] | undefined,
): { bundle: Bundle; spec: MeasureSpec; lines: string[] } {
  const files = pairs(replace, "--replace");
  const named = pairs(sources, "--replace-source");
  for (const id of named.keys())
    if (!files.has(id)) throw new CliError(`--replace-source ${id}: no --replace ${id}=<file.csv> given`);
  const lines: string[] = [];
  for (const [id, path] of files) {
    const ind = listIndicators(spec).find((x) => x.indicator.id === id)?.indicator;
    if (!ind)
      throw new CliError(
        `--replace: no indicator "${id}" in the measure (ids: ${listIndicators(spec)
          .map((x) => x.indicator.id)
          .join(", ")})`,
      );
    const r = readReplacementCsv(path, bundle.geography.lsoa21Code, indicatorColumns(ind));
    const file = basename(path);
    ({ bundle, spec } = replaceIndicator(bundle, spec, {
      id,
      columns: r.columns,
      source: named.get(id) ?? file,
      file,
      matched: r.matched,
    }));
    const n = bundle.n.toLocaleString("en-GB");
    lines.push(
      `${file}: ${id} replaced by your data (${Object.keys(r.columns).join(", ")}): ${r.matched.toLocaleString("en-GB")} of ${n} areas have a value` +
        (r.missing ? `, ${r.missing.toLocaleString("en-GB")} without (missing in that indicator)` : "") +
        (r.unmatched
          ? `; ${r.unmatched.toLocaleString("en-GB")} codes not in the data (first: ${r.firstUnmatched.join(", ")})`
          : ""),
    );
  }
  return { bundle, spec, lines };
}

/** The indicator's columns present in the file, in `codes` order (NaN where an area has no value). */
export function readReplacementCsv(
  path: string,
  codes: readonly string[],
  own: string[],
): Pick<KeyedColumns, "columns" | "matched" | "missing" | "unmatched" | "firstUnmatched"> {
  const file = basename(path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new CliError(`--replace: cannot read ${path}`);
  }
  const { header, rows } = parseKeyedCsv(file, text);
  const r = readKeyedColumns(header ? [header, ...rows] : [], codes, own, { codeNames: AREA_ALIASES });
  // the first problem, by its row and column of the file
  const p = r.problems[0];
  if (p) {
    const where =
      p.row < 0 || p.col < 0
        ? ""
        : p.col === r.codeCol
          ? `row ${p.row + 1}: `
          : `row ${p.row + 1}, column ${r.header[p.col]}: `;
    throw new CliError(`${file}: ${where}${p.why}`);
  }
  return r;
}
