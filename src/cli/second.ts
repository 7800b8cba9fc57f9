/**
 * `hln build --second your.csv`: a second index for dual disadvantage (issue 17) — a CSV of area code,
 * value and optionally a name (papaparse; header row; the first column whose header is a code alias is
 * the code, the next numeric one the value). Matched to the build's areas by code; unmatched codes
 * (in the file, not in the data) and missing areas (in the data, no value) are counted; under 95% of
 * areas matched is an error unless `--allow-partial`.
 */
import { readFileSync } from "fs";
import { basename } from "path";
import { dualFlag, type NeedDirection } from "../core/dualFlag";
import type { MeasureResult } from "../core/buildMeasure";
import type { SecondIndex } from "../workbook/plan";
import { CliError } from "./errors";
import { codeMatcher, parseKeyedCsv } from "./keyedCsv";
import { AREA_ALIASES } from "./userData";

/** Share of the build's areas the second index must cover (unless --allow-partial). */
export const MIN_MATCHED = 0.95;

export interface SecondRead {
  second: SecondIndex;
  matched: number;
  /** Codes in the file that are not areas of the build. */
  unmatched: number;
  /** Areas of the build with no (numeric) value in the file. */
  missing: number;
  firstUnmatched: string[];
}

export function parseDirection(d: string | undefined): NeedDirection {
  const v = (d ?? "score").trim().toLowerCase();
  if (v !== "score" && v !== "rank")
    throw new CliError(`--second-direction must be "score" (higher = more need) or "rank" (1 = most need), got "${d}"`);
  return v;
}

/** Reads the second index for `codes` (the build's areas in row order). */
export function readSecondCsv(
  path: string,
  codes: readonly string[],
  opts: { direction?: string; allowPartial?: boolean } = {},
): SecondRead {
  const direction = parseDirection(opts.direction);
  const file = basename(path);
  const { header, rows } = parseKeyedCsv(file, readFileSync(path, "utf8"));
  if (!header || header.length < 2) throw new CliError(`${file}: needs a header row and two columns (code, value)`);
  const lower = header.map((h) => h.trim().toLowerCase());
  const codeCol = Math.max(
    0,
    lower.findIndex((h) => AREA_ALIASES.includes(h)),
  );
  const valueCol = codeCol === 0 ? 1 : 0;
  const areas = codeMatcher(codes);
  const values = new Float64Array(codes.length).fill(NaN);
  rows.forEach((r, k) => {
    const code = (r[codeCol] ?? "").trim();
    const raw = (r[valueCol] ?? "").trim();
    const i = areas.find(code, k);
    if (i === undefined) return;
    if (raw === "") return;
    const v = Number(raw);
    if (!Number.isFinite(v))
      throw new CliError(`${file}: row ${k + 2}, column ${header[valueCol]}: "${raw}" is not a number`);
    if (!Number.isNaN(values[i])) throw new CliError(`${file}: row ${k + 2}: area ${code} appears twice`);
    values[i] = v;
  });
  const { unmatched, firstUnmatched } = areas;
  const matched = values.reduce((s, v) => s + (Number.isNaN(v) ? 0 : 1), 0);
  const missing = codes.length - matched;
  if (matched < MIN_MATCHED * codes.length && !opts.allowPartial)
    throw new CliError(
      `${file}: only ${matched.toLocaleString("en-GB")} of ${codes.length.toLocaleString("en-GB")} areas have a value (${missing.toLocaleString("en-GB")} missing, ${unmatched.toLocaleString("en-GB")} codes not in the data${firstUnmatched.length ? `, e.g. ${firstUnmatched.join(", ")}` : ""}); at least 95% must match — or say --allow-partial`,
    );
  const label = `${header[valueCol].trim() || "second index"} (${file})`;
  return { second: { label, values, direction, source: file }, matched, unmatched, missing, firstUnmatched };
}

/** The dual flag of every area against the second index (the CSV's `dual` column), and the count flagged. */
export function dualColumn(result: MeasureResult, second: SecondIndex): { flag: Float64Array; flagged: number } {
  const { flag } = dualFlag(result.score, second.values, { directionB: second.direction });
  return { flag, flagged: flag.reduce((s, v) => s + (v === 1 ? 1 : 0), 0) };
}
