/**
 * Columns keyed by area code (issue 16, "replace one indicator"): a grid with a header row — a CSV's
 * rows (`hln build --replace`) or a workbook range's values (the task pane) — matched to the areas by
 * code. Pure (no Node, no Office), so the CLI and the pane read a replacement alike; each names the
 * problem cells its own way (a CSV row and column, a sheet cell).
 */

/** Area index by code for `codes`; `find(code, k)` counts a code not among them (k: 0-based data row). */
export function codeMatcher(
  codes: readonly string[],
  blank: (k: number) => string = (k) => `(blank code, row ${k + 2})`,
  keep = 3,
) {
  const row = new Map<string, number>();
  codes.forEach((c, i) => row.set(c, i));
  const m = {
    unmatched: 0,
    firstUnmatched: [] as string[],
    find(code: string, k: number): number | undefined {
      const i = row.get(code);
      if (i === undefined) {
        m.unmatched++;
        if (m.firstUnmatched.length < keep) m.firstUnmatched.push(code || blank(k));
      }
      return i;
    },
  };
  return m;
}

/**
 * A cell that cannot be used: `row` and `col` are 0-based in the grid (the header row is `headerRow`);
 * `row` −1: the grid as a whole (no header row); `col` −1: the whole row.
 */
export interface KeyedProblem {
  row: number;
  col: number;
  value: unknown;
  why: string;
}

export interface KeyedColumns {
  /** The grid row of the header (−1: none found). */
  headerRow: number;
  header: string[];
  /** The grid column of the area codes (−1: none). */
  codeCol: number;
  /** The `wanted` columns present, in `codes` order (NaN where an area has no value). */
  columns: Record<string, Float64Array>;
  /** Areas with a value in every column read. */
  matched: number;
  /** Areas without (codes.length − matched). */
  missing: number;
  /** The first few of them. */
  firstMissing: string[];
  /** Rows whose code is not an area, and the first few of those codes. */
  unmatched: number;
  firstUnmatched: string[];
  /** Nothing may be used while there is one (in grid order). */
  problems: KeyedProblem[];
}

export interface KeyedOptions {
  /** Header names of the area code column (lower case). */
  codeNames: readonly string[];
  /** Rows searched for the header row (default 1: it is the first). */
  headerRows?: number;
  /** How a blank code is listed among the unmatched (its 0-based grid row; default "(blank code, row N)"). */
  blank?: (row: number) => string;
  /** How many unmatched / missing codes are kept (default 3). */
  keep?: number;
}

const text = (v: unknown): string =>
  v === null || v === undefined ? "" : typeof v === "string" ? v.trim() : String(v);
const MISSING = /^(na|n\/a|#n\/a)$/i;

/** A cell's number: NaN for a blank / NA / #N/A cell, undefined when it is text that is not a number. */
export function keyedNumber(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : NaN;
  const raw = text(v);
  if (raw === "" || MISSING.test(raw)) return NaN;
  const x = typeof v === "string" ? Number(raw) : NaN;
  return Number.isFinite(x) ? x : undefined;
}

/** The header row: the first of the first `rows` rows with an area code column. */
function findHeader(grid: readonly (readonly unknown[])[], names: readonly string[], rows: number) {
  for (let i = 0; i < Math.min(rows, grid.length); i++) {
    const lower = (grid[i] ?? []).map((h) => text(h).toLowerCase());
    const code = lower.findIndex((h) => names.includes(h));
    if (code >= 0) return { row: i, lower, code };
  }
  return undefined;
}

/**
 * The columns `wanted` (matched by header name, any case) of `grid`, keyed by its area code column,
 * in `codes` order. Problems: no area code column, none of `wanted` in the header row, a code given
 * twice, a cell that is not a number.
 */
export function readKeyedColumns(
  grid: readonly (readonly unknown[])[],
  codes: readonly string[],
  wanted: readonly string[],
  o: KeyedOptions,
): KeyedColumns {
  const problems: KeyedProblem[] = [];
  const empty = { columns: {}, matched: 0, missing: codes.length, firstMissing: [], unmatched: 0, firstUnmatched: [] };
  const h = findHeader(grid, o.codeNames, o.headerRows ?? 1);
  if (!h) {
    problems.push({ row: -1, col: -1, value: null, why: `no area code column (one of ${o.codeNames.join(", ")})` });
    return { headerRow: -1, header: [], codeCol: -1, ...empty, problems };
  }
  const header = (grid[h.row] ?? []).map(text);
  const cols = wanted.map((c) => ({ id: c, at: h.lower.indexOf(c.toLowerCase()) })).filter((c) => c.at >= 0);
  if (cols.length === 0) {
    const why = `none of the indicator's columns (${wanted.join(", ")}) is in the header row`;
    problems.push({ row: h.row, col: -1, value: null, why });
    return { headerRow: h.row, header, codeCol: h.code, ...empty, problems };
  }
  const blank = o.blank;
  const areas = codeMatcher(codes, blank ? (k) => blank(h.row + 1 + k) : undefined, o.keep);
  const columns = Object.fromEntries(cols.map((c) => [c.id, new Float64Array(codes.length).fill(NaN)]));
  const seen = new Uint8Array(codes.length);
  for (let k = 0; h.row + 1 + k < grid.length; k++) {
    const at = h.row + 1 + k;
    const r = grid[at] ?? [];
    if (r.every((v) => text(v) === "")) continue;
    const code = text(r[h.code]);
    const i = areas.find(code, k);
    if (i === undefined) continue;
    if (seen[i]) {
      problems.push({ row: at, col: h.code, value: r[h.code], why: `area ${code} appears twice` });
      continue;
    }
    seen[i] = 1;
    for (const c of cols) {
      const v = keyedNumber(r[c.at]);
      if (v === undefined)
        problems.push({ row: at, col: c.at, value: r[c.at], why: `"${text(r[c.at])}" is not a number` });
      else columns[c.id][i] = v;
    }
  }
  const firstMissing: string[] = [];
  let matched = 0;
  for (let i = 0; i < codes.length; i++) {
    if (cols.every((c) => !Number.isNaN(columns[c.id][i]))) matched++;
    else if (firstMissing.length < (o.keep ?? 3)) firstMissing.push(codes[i]);
  }
  const { unmatched, firstUnmatched } = areas;
  return {
    headerRow: h.row,
    header,
    codeCol: h.code,
    columns,
    matched,
    missing: codes.length - matched,
    firstMissing,
    unmatched,
    firstUnmatched,
    problems,
  };
}
