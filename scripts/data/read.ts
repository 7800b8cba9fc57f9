import { readFileSync } from "fs";
import { gunzipSync } from "zlib";
import { join } from "path";
import Papa from "papaparse";

/** Reads a CSV (optionally .gz) from the raw folder; strips a UTF-8 BOM; rows as string records. */
export function readCsv(raw: string, file: string): Record<string, string>[] {
  let buf = readFileSync(join(raw, file));
  if (file.endsWith(".gz")) buf = gunzipSync(buf);
  let text = buf.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const res = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (res.errors.length) throw new Error(`${file}: ${res.errors[0].message} (row ${res.errors[0].row})`);
  return res.data;
}

/** Parses a number that may contain thousands separators; "" → NaN. */
export function num(s: string | undefined): number {
  if (s === undefined) return NaN;
  const t = s.replace(/,/g, "").trim();
  return t === "" ? NaN : Number(t);
}

/** Finds the one column whose name matches `re` (throws if none or several). */
export function col(row: Record<string, string>, re: RegExp): string {
  const keys = Object.keys(row).filter((k) => re.test(k));
  if (keys.length !== 1)
    throw new Error(`expected one column matching ${re}, found ${keys.length}: ${keys.join(" | ")}`);
  return keys[0];
}
