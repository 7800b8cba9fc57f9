import { readFileSync } from "fs";
import Papa from "papaparse";
import { gunzipSync } from "zlib";

/** Reads a (gzipped) CSV fixture into header-keyed string columns. */
export function readCsvColumns(path: string): Record<string, string[]> {
  const buf = readFileSync(path);
  const text = (path.endsWith(".gz") ? gunzipSync(buf) : buf).toString("utf8");
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  const out: Record<string, string[]> = {};
  header.forEach((h, j) => (out[h] = rows.map((r) => r[j])));
  return out;
}
