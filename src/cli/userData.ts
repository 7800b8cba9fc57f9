/**
 * A user's own wide CSV as the core's MeasureData: one row per area with an area code, a group
 * (district) code and every data column the spec names. Blank cells are missing. See docs/cli.md.
 *
 * The file is read in chunks (UTF-8, with or without a BOM; anything else is refused), parsed by
 * papaparse in chunk mode (delimiter detected: comma, semicolon, tab or bar) straight into typed
 * columns, so only the spec's columns and the codes/names are kept. Numbers: `1234.5`, `-1e3`;
 * a comma is a thousands separator only in the unambiguous form (`1,296`, `12,345,678`) in a
 * comma-delimited file; any other comma is an error naming the row and column unless the user
 * says `--decimal ,` (decimal commas, no thousands separators).
 */
import { closeSync, createReadStream, openSync, readSync } from "fs";
import { basename } from "path";
import { Readable } from "stream";
import Papa from "papaparse";
import type { MeasureData } from "../core/buildMeasure";
import { checkMeasureInput, type InputCheckResult } from "../core/inputChecks";
import { listedExclusions } from "../core/settings";
import { MeasureSpec, specColumns } from "../core/spec";
import { CliError } from "./errors";

import {
  singleAreaGroups,
  AREA_ALIASES,
  GROUP_ALIASES,
  GROUP_NAME_ALIASES,
  NAME_ALIASES,
  POPULATION_ALIASES,
} from "../workbook/areasCodec";

export { AREA_ALIASES, GROUP_ALIASES, GROUP_NAME_ALIASES, NAME_ALIASES, POPULATION_ALIASES };

export const DELIMITER_NAMES: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "bar" };

/** What the reader found besides the data: shown on stderr, in the CLI summary and (lead) the QA sheet. */
export interface UserDataReport {
  /** The detected delimiter: ",", ";", "\t" or "|" ("" for an xlsx sheet). */
  delimiter: string;
  /** An xlsx --data: the sheet read and its header row (1-based). */
  sheet?: { name: string; headerRow: number };
  /** The decimal mark the numbers were read with. */
  decimal: "." | ",";
  /** Data rows read. */
  rows: number;
  /** Cells read with a thousands separator (e.g. "1,296"), and the first of them. */
  thousands: number;
  firstThousands?: string;
  /** Cells the measure cannot use (negative counts, r > n, n = 0, …): the area is left out of that indicator. */
  checks: InputCheckResult;
  /** The first few checks as "row R (AREA), COLUMN: reason" (R = file row, header = 1). */
  dropped: string[];
  /** Groups the method cannot pool areas in: blank group codes and single-area groups (k = 1). */
  groups?: string[];
}

export interface UserData extends MeasureData {
  names?: string[];
  groupNames?: string[];
  file: string;
  columns: Record<string, Float64Array>;
  report: UserDataReport;
}

export interface ReadOptions {
  /** The decimal mark: "." (default; "1,296" is a thousands separator) or "," (decimal commas). */
  decimal?: string;
  /** Bytes per chunk handed to the parser (default 64 KiB; tests use small ones). */
  chunkBytes?: number;
}

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;
const DECIMAL_COMMA = /^[+-]?(?:\d+,?\d*|,\d+)(?:[eE][+-]?\d+)?$/;
/**
 * Small chunks keep few parsed rows alive at a time: at 1 MiB a chunk, the young-generation
 * collections copying a chunk's rows took 4.8 s of reading 1 M rows; at 64 KiB, 1.2 s.
 */
const CHUNK_BYTES = 1 << 16;
const MISSING = new Set(["", "NA", "N/A", "na", "n/a"]);

/** A growable Float64Array column. */
class Column {
  a = new Float64Array(1024);
  push(i: number, x: number): void {
    if (i >= this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[i] = x;
  }
}

/** A copy of `s` that does not keep papaparse's chunk alive (V8 substrings ≥ 13 chars are slices). */
const own = (s: string): string => (s.length < 13 ? s : Buffer.from(s, "utf8").toString("utf8"));

/** Chunks of the file decoded as UTF-8 (fatal: invalid bytes are an error naming the line). */
async function* utf8Chunks(path: string, file: string, chunkBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let lines = 1;
  let offset = 0;
  let stream: AsyncIterable<Buffer>;
  try {
    stream = createReadStream(path, { highWaterMark: chunkBytes });
  } catch (e) {
    throw readError(path, e);
  }
  try {
    for await (const buf of stream) {
      let text: string;
      try {
        text = decoder.decode(buf, { stream: true });
      } catch {
        let at = firstBadByte(buf);
        while (at > 0 && buf[at - 1] >= 0x80) at--; // the start of the bad multi-byte sequence
        for (let k = 0; k < at; k++) if (buf[k] === 10) lines++;
        const hex = buf[at]?.toString(16).toUpperCase().padStart(2, "0");
        throw new CliError(
          `${file} line ${lines}: not UTF-8 text (byte 0x${hex} at offset ${offset + at}); save the file as UTF-8 (Excel: "CSV UTF-8"), other encodings such as Latin-1 or Windows-1252 are not read`,
        );
      }
      for (let k = buf.indexOf(10); k >= 0; k = buf.indexOf(10, k + 1)) lines++;
      offset += buf.length;
      if (text) yield text;
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  } catch (e) {
    if (e instanceof CliError) throw e;
    if (e instanceof TypeError)
      throw new CliError(`${file} line ${lines}: not UTF-8 text (the file ends inside a character)`);
    throw readError(path, e);
  }
}

function readError(path: string, e: unknown): CliError {
  const code = (e as NodeJS.ErrnoException).code;
  return new CliError(`${path}: cannot read the file (${code ?? (e as Error).message})`);
}

/** Offset of the first byte where a fatal UTF-8 decode of `buf` fails (binary search over prefixes). */
function firstBadByte(buf: Uint8Array): number {
  const ok = (k: number) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(buf.subarray(0, k), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = buf.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Reads and checks the CSV; rejects with CliError("FILE row R, column C: …"). */
export async function readUserCsv(path: string, spec: MeasureSpec, options: ReadOptions = {}): Promise<UserData> {
  const file = basename(path);
  const decimal = options.decimal ?? ".";
  if (decimal !== "." && decimal !== ",") throw new CliError(`--decimal must be "." or ",", got "${decimal}"`);
  const needed = specColumns(spec);
  const st: ParseState = {
    file,
    decimal,
    needed,
    header: undefined,
    record: 0,
    n: 0,
    thousands: 0,
    firstThousands: undefined,
    delimiter: ",",
  } as ParseState;
  await new Promise<void>((resolvePromise, reject) => {
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      reject(e);
    };
    const input = Readable.from(utf8Chunks(path, file, options.chunkBytes ?? CHUNK_BYTES));
    input.on("error", fail);
    Papa.parse<string[]>(input as unknown as File, {
      skipEmptyLines: true,
      delimitersToGuess: [",", ";", "\t", "|"],
      chunk(results, parser) {
        if (failed) return;
        try {
          if (results.meta.delimiter) st.delimiter = results.meta.delimiter;
          const bad = results.errors.find((e) => e.type === "Quotes");
          for (const r of results.data) consumeRow(st, r);
          if (bad) throw new CliError(`${file} row ${st.record}: ${bad.message.toLowerCase()} (a quote is not closed)`);
        } catch (e) {
          fail(e);
          parser.abort();
          input.destroy();
        }
      },
      complete() {
        if (!failed) resolvePromise();
      },
      error(e: Error) {
        fail(e instanceof CliError ? e : new CliError(`${file}: cannot parse (${e.message})`));
      },
    });
  });
  return finish(st, spec);
}

interface ParseState {
  file: string;
  decimal: "." | ",";
  needed: string[];
  header?: string[];
  cols?: {
    area: number;
    group: number;
    name: number;
    groupName: number;
    pop: number;
    /** File column index of each needed column. */
    data: number[];
  };
  /** File row (record) number of the last row consumed; the header is row 1. */
  record: number;
  /** Data rows stored. */
  n: number;
  areaCodes: string[];
  groupCodes: string[];
  names?: string[];
  groupNames?: string[];
  columns: Column[];
  population?: Column;
  /** File row of each data row. */
  rowOf: Column;
  /** Area codes seen (a duplicate's first row is looked up only when there is one). */
  seen: Set<string>;
  /** Data rows (0-based) whose group code is blank: reported, the area in no group (as an xlsx table). */
  blankGroups: number[];
  interned: Map<string, string>;
  thousands: number;
  firstThousands?: string;
  delimiter: string;
}

function readHeader(st: ParseState, raw: string[]): void {
  const file = st.file;
  const header = raw.map((h, j) => (j === 0 ? h.replace(/^\uFEFF/, "") : h).trim());
  const lower = header.map((h) => h.toLowerCase());
  const find = (aliases: string[]) => {
    for (const a of aliases) {
      const j = lower.indexOf(a);
      if (j >= 0) return j;
    }
    return -1;
  };
  const seen = new Map<string, number>();
  header.forEach((h, j) => {
    if (seen.has(h)) throw new CliError(`${file} row 1, column ${j + 1}: duplicate column name "${h}"`);
    seen.set(h, j);
  });
  const area = find(AREA_ALIASES);
  if (area < 0) throw new CliError(`${file} row 1: missing the area code column (one of ${AREA_ALIASES.join(", ")})`);
  const group = find(GROUP_ALIASES);
  if (group < 0)
    throw new CliError(`${file} row 1: missing the group (district) code column (one of ${GROUP_ALIASES.join(", ")})`);
  const data = st.needed.map((id) => {
    const j = seen.get(id);
    if (j === undefined) throw new CliError(`${file} row 1: missing column "${id}" (the spec reads it)`);
    return j;
  });
  const name = find(NAME_ALIASES);
  const groupName = find(GROUP_NAME_ALIASES);
  const pop = find(POPULATION_ALIASES);
  st.header = header;
  st.cols = { area, group, name, groupName, pop, data };
  st.areaCodes = [];
  st.groupCodes = [];
  if (name >= 0) st.names = [];
  if (groupName >= 0) st.groupNames = [];
  st.columns = st.needed.map(() => new Column());
  if (pop >= 0) st.population = new Column();
  st.rowOf = new Column();
  st.seen = new Set();
  st.blankGroups = [];
  st.interned = new Map();
}

function where(st: ParseState, j: number): string {
  return `${st.file} row ${st.record}, column ${st.header![j]}`;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `[+-]digits[.digits]` with at most 15 digits in all, as a number; NaN for anything else (then
 * Number() decides). Exact: the digits form an integer below 2^53 and 10^e (e ≤ 15) is exact, so
 * the one division is correctly rounded, the same double Number() gives (Clinger's fast path).
 * Reading 1 M rows × 52 cells, Number() on the cells was the reader's largest cost.
 */
export function shortDecimal(s: string): number {
  const n = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  const neg = c === 45;
  if (neg || c === 43) i = 1;
  let m = 0;
  let digits = 0;
  let dot = -1;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
    } else if (c === 46 && dot < 0) dot = i;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const x = dot < 0 ? m : m / POW10[n - 1 - dot];
  return neg ? -x : x;
}

/** One cell as a number (NaN = missing); throws naming the row and column. */
function cellNumber(st: ParseState, raw: string, j: number): number {
  let s = raw;
  if (s.length === 0) return NaN;
  if (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) s = s.trim();
  if (st.decimal === "." && s.length > 0) {
    const d = shortDecimal(s);
    if (d === d) return d;
    // Number() reads every other plain decimal; it also reads hex/binary/octal ("0x1A"), refused here
    const x = Number(s);
    if (Number.isFinite(x)) {
      const c1 = s.charCodeAt(1) | 32;
      if (!(s.charCodeAt(0) === 48 && (c1 === 120 || c1 === 98 || c1 === 111))) return x;
    }
  }
  if (MISSING.has(s)) return NaN;
  if (st.decimal === ",") {
    if (DECIMAL_COMMA.test(s)) return Number(s.replace(",", "."));
    if (s.includes("."))
      throw new CliError(
        `${where(st, j)}: "${s}" has a "." but --decimal , says the decimal mark is "," (thousands separators are not read)`,
      );
    throw new CliError(`${where(st, j)}: "${s}" is not a number`);
  }
  if (PLAIN.test(s)) return Number(s);
  if (s.includes(",")) {
    if (THOUSANDS.test(s) && st.delimiter === ",") {
      st.thousands++;
      st.firstThousands ??= `row ${st.record}, column ${st.header![j]}: "${s}"`;
      return Number(s.replace(/,/g, ""));
    }
    if (THOUSANDS.test(s))
      throw new CliError(
        `${where(st, j)}: "${s}" is ambiguous in a ${DELIMITER_NAMES[st.delimiter] ?? "non-comma"}-delimited file (a thousands separator or a decimal comma?); give --decimal , if commas are decimal marks`,
      );
    throw new CliError(
      `${where(st, j)}: "${s}" has a decimal comma (or a misplaced thousands separator); give --decimal , if the file uses decimal commas`,
    );
  }
  throw new CliError(`${where(st, j)}: "${s}" is not a number`);
}

function consumeRow(st: ParseState, r: string[]): void {
  st.record++;
  if (!st.header) {
    readHeader(st, r);
    return;
  }
  const file = st.file;
  const c = st.cols!;
  const header = st.header;
  if (r.length === 1 && r[0].trim() === "") return; // a line of spaces
  if (r.length !== header.length) {
    throw new CliError(
      `${file} row ${st.record}: has ${r.length} fields, the header has ${header.length} (the delimiter is ${DELIMITER_NAMES[st.delimiter] ?? JSON.stringify(st.delimiter)})`,
    );
  }
  const i = st.n;
  const code = r[c.area].trim();
  if (!code && r.every((x) => x.trim() === "")) return; // a blank line (e.g. ",,,," from a spreadsheet)
  if (!code) throw new CliError(`${file} row ${st.record}, column ${header[c.area]}: blank area code`);
  const ownCode = own(code);
  const before = st.seen.size;
  st.seen.add(ownCode); // one hash lookup per row: a duplicate leaves the size unchanged
  if (st.seen.size === before) {
    const prev = st.rowOf.a[st.areaCodes.indexOf(code)];
    throw new CliError(
      `${file} row ${st.record}, column ${header[c.area]}: duplicate area code ${code} (first on row ${prev})`,
    );
  }
  st.rowOf.push(i, st.record);
  st.areaCodes.push(ownCode);
  const g = r[c.group].trim();
  if (!g) st.blankGroups.push(i);
  st.groupCodes.push(intern(st, g));
  if (st.names) st.names.push(own(r[c.name].trim()));
  if (st.groupNames) st.groupNames.push(intern(st, r[c.groupName].trim()));
  for (let k = 0; k < c.data.length; k++) st.columns[k].push(i, cellNumber(st, r[c.data[k]], c.data[k]));
  if (st.population) st.population.push(i, cellNumber(st, r[c.pop], c.pop));
  st.n++;
}

function intern(st: ParseState, s: string): string {
  let v = st.interned.get(s);
  if (v === undefined) {
    v = own(s);
    st.interned.set(v, v);
  }
  return v;
}

function finish(st: ParseState, spec: MeasureSpec): UserData {
  if (!st.header || st.n === 0) throw new CliError(`${st.file}: needs a header row and at least one data row`);
  const n = st.n;
  const columns: Record<string, Float64Array> = Object.create(null);
  st.needed.forEach((id, k) => (columns[id] = st.columns[k].a.subarray(0, n)));
  const data: MeasureData = {
    areaCodes: st.areaCodes,
    groupCodes: st.groupCodes,
    columns,
    ...(st.population ? { population: st.population.a.subarray(0, n) } : {}),
  };
  const checks = checkMeasureInput(spec, data);
  const dropped = checks.issues
    .slice(0, 5)
    .map((x) => `row ${st.rowOf.a[x.index]} (${x.area}), ${x.column}: ${x.reason}`);
  st.seen.clear();
  const single = singleAreaGroups(st.groupCodes, st.areaCodes, listedExclusions(spec));
  const groups = single
    .slice(0, 5)
    .map(
      (g) =>
        `row ${st.rowOf.a[g.index]}: group ${g.group} has a single area (${st.areaCodes[g.index]}): its shrunk indicators are not shrunk (k = 1, so w = 1)`,
    );
  if (single.length > 5) groups.push(`and ${single.length - 5} more single-area groups`);
  // a blank group code: the area is in no group (its shrunk indicators missing), as areasCodec warns
  const blank = st.blankGroups;
  groups.unshift(
    ...blank
      .slice(0, 5)
      .map(
        (i) =>
          `row ${st.rowOf.a[i]}: blank group code (area ${st.areaCodes[i]}): the area is in no group, so its shrunk indicators are missing`,
      ),
    ...(blank.length > 5 ? [`and ${blank.length - 5} more areas with a blank group code`] : []),
  );
  return {
    ...data,
    columns,
    ...(st.names ? { names: st.names } : {}),
    ...(st.groupNames ? { groupNames: st.groupNames } : {}),
    file: st.file,
    report: {
      delimiter: st.delimiter,
      decimal: st.decimal,
      rows: n,
      thousands: st.thousands,
      ...(st.firstThousands ? { firstThousands: st.firstThousands } : {}),
      checks,
      dropped,
      ...(groups.length ? { groups } : {}),
    },
  };
}

/**
 * The header row of a CSV (its first 64 KiB, delimiter guessed as by readUserCsv), or undefined if
 * it cannot be read — readUserCsv then says why.
 */
export function csvHeader(path: string): string[] | undefined {
  try {
    const fd = openSync(path, "r");
    try {
      const buf = Buffer.alloc(1 << 16);
      const n = readSync(fd, buf, 0, buf.length, 0);
      const text = buf
        .subarray(0, n)
        .toString("utf8")
        .replace(/^\uFEFF/, "");
      const r = Papa.parse<string[]>(text, { preview: 1, delimitersToGuess: [",", ";", "\t", "|"] });
      return r.data[0]?.map((h) => h.trim());
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
