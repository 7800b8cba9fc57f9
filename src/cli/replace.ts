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
import { codeMatcher, parseKeyedCsv } from "./keyedCsv";
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
): {
  columns: Record<string, Float64Array>;
  matched: number;
  missing: number;
  unmatched: number;
  firstUnmatched: string[];
} {
  const file = basename(path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new CliError(`--replace: cannot read ${path}`);
  }
  const { header, rows } = parseKeyedCsv(file, text);
  const lower = (header ?? []).map((h) => h.trim().toLowerCase());
  const codeCol = lower.findIndex((h) => AREA_ALIASES.includes(h));
  if (codeCol < 0) throw new CliError(`${file}: no area code column (one of ${AREA_ALIASES.join(", ")})`);
  const cols = own.map((c) => ({ id: c, at: lower.indexOf(c.toLowerCase()) })).filter((c) => c.at >= 0);
  if (cols.length === 0)
    throw new CliError(`${file}: none of the indicator's columns (${own.join(", ")}) is in the header row`);
  const areas = codeMatcher(codes);
  const columns = Object.fromEntries(cols.map((c) => [c.id, new Float64Array(codes.length).fill(NaN)]));
  const seen = new Uint8Array(codes.length);
  rows.forEach((r, k) => {
    const code = (r[codeCol] ?? "").trim();
    const i = areas.find(code, k);
    if (i === undefined) return;
    if (seen[i]) throw new CliError(`${file}: row ${k + 2}: area ${code} appears twice`);
    seen[i] = 1;
    for (const c of cols) {
      const raw = (r[c.at] ?? "").trim();
      if (raw === "" || /^(na|n\/a)$/i.test(raw)) continue;
      const v = Number(raw);
      if (!Number.isFinite(v))
        throw new CliError(`${file}: row ${k + 2}, column ${header![c.at]}: "${raw}" is not a number`);
      columns[c.id][i] = v;
    }
  });
  let matched = 0;
  for (let i = 0; i < codes.length; i++) if (cols.every((c) => !Number.isNaN(columns[c.id][i]))) matched++;
  const { unmatched, firstUnmatched } = areas;
  return { columns, matched, missing: codes.length - matched, unmatched, firstUnmatched };
}
