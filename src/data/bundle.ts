import { gunzipSync, strFromU8 } from "fflate";
import { FLAG, MAGIC, NA_INT, type PayloadHeader } from "./format";
import type { BundleMeta, ColumnMeta, IndicatorMeta } from "./types";

export * from "./types";
export { FLAG, FLAG_MESSAGE } from "./format";

import type { MeasureData } from "../core/buildMeasure";
export type { MeasureData };

/** Row geography of the bundle (one entry per LSOA 2021). */
export interface BundleGeography {
  lsoa21Code: string[];
  lsoa21Name: string[];
  msoa21Code: string[];
  /** MSOA 2021 name per row; absent in older bundles. */
  msoa21Name?: string[];
  /** Best-fit ward (May 2024) code and name per row; absent in older bundles. */
  ward24Code?: string[];
  ward24Name?: string[];
  ladCode: string[];
  ladName: string[];
  utlaCode: string[];
  utlaName: string[];
  regionCode: string[];
  regionName: string[];
  /** Index into meta.lads per row. */
  ladIndex: Int32Array;
  /** 1 = excluded from the measure by default (Isles of Scilly, paper step 2 note). */
  excluded: Uint8Array;
}

export interface Bundle {
  meta: BundleMeta;
  n: number;
  geography: BundleGeography;
  /** Every stored column by id; NaN = missing. */
  columns: Record<string, Float64Array>;
  /** Per-cell flag codes (see FLAG) for columns with `hasFlags`. */
  flags: Record<string, Uint8Array>;
}

/** Thrown by {@link parseBundle} and {@link validateBundle}; `code` is stable. */
export class BundleError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "BundleError";
    this.code = code;
  }
}

/**
 * Decodes a bundle from its metadata (JSON text or parsed object) and the bytes of the gzipped
 * payload (`hln-lsoa21.bin.gz`). Works in the browser and in Node; does no I/O.
 * Validates it unless `validate: false`.
 */
export function parseBundle(
  metaInput: string | BundleMeta,
  gz: Uint8Array | ArrayBuffer,
  options: { validate?: boolean } = {},
): Bundle {
  let meta: BundleMeta;
  try {
    meta = typeof metaInput === "string" ? JSON.parse(metaInput) : metaInput;
  } catch (e) {
    throw new BundleError("BAD_JSON", `hln-lsoa21.meta.json: not valid JSON (${(e as Error).message})`);
  }
  if (!meta || meta.format !== "hln-lsoa21-bundle")
    throw new BundleError("BAD_FORMAT", `hln-lsoa21.meta.json: not an HLN bundle (format ${meta?.format})`);
  let raw: Uint8Array;
  try {
    raw = gunzipSync(gz instanceof Uint8Array ? gz : new Uint8Array(gz));
  } catch (e) {
    throw new BundleError("BAD_GZIP", `hln-lsoa21.bin.gz: damaged (gzip: ${(e as Error).message})`);
  }
  for (let i = 0; i < 4; i++) {
    if (raw[i] !== MAGIC.charCodeAt(i)) throw new BundleError("BAD_MAGIC", "payload does not start with HLN1");
  }
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const jsonLen = dv.getUint32(4, true);
  let header: PayloadHeader;
  try {
    header = JSON.parse(strFromU8(raw.subarray(8, 8 + jsonLen)));
  } catch (e) {
    throw new BundleError("BAD_HEADER", `hln-lsoa21.bin.gz: damaged header (${(e as Error).message})`);
  }
  const n = header.n;
  if (n !== meta.n) throw new BundleError("ROW_COUNT", `payload has ${n} rows, metadata says ${meta.n}`);
  let off = 8 + Math.ceil(jsonLen / 4) * 4;
  const expected = off + meta.columns.length * n * 4 + meta.columns.filter((c) => c.hasFlags).length * n;
  if (raw.length !== expected)
    throw new BundleError("BAD_LENGTH", `payload has ${raw.length} bytes, expected ${expected}`);
  const columns: Record<string, Float64Array> = {};
  // copy to an aligned buffer once, then read int32 directly
  const ints = new Int32Array(
    raw.buffer.slice(raw.byteOffset + off, raw.byteOffset + off + meta.columns.length * n * 4),
  );
  meta.columns.forEach((c, j) => {
    const scale = 10 ** c.decimals;
    const out = new Float64Array(n);
    const base = j * n;
    for (let i = 0; i < n; i++) {
      const q = ints[base + i];
      out[i] = q === NA_INT ? NaN : q / scale;
    }
    columns[c.id] = out;
  });
  off += meta.columns.length * n * 4;
  const flags: Record<string, Uint8Array> = {};
  for (const c of meta.columns) {
    if (!c.hasFlags) continue;
    flags[c.id] = raw.slice(off, off + n);
    off += n;
  }
  const geography = buildGeography(meta, header);
  const bundle: Bundle = { meta, n, geography, columns, flags };
  if (options.validate !== false) validateBundle(bundle);
  return bundle;
}

function buildGeography(meta: BundleMeta, h: PayloadHeader): BundleGeography {
  const n = h.n;
  const pick = (f: (l: BundleMeta["lads"][number]) => string) =>
    h.lad.map((k) => {
      const l = meta.lads[k];
      if (!l) throw new BundleError("UNKNOWN_LAD", `LAD index ${k} is not in the metadata's LAD table`);
      return f(l);
    });
  const excludedCodes = new Set(meta.excluded.map((e) => e.code));
  const excluded = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (excludedCodes.has(h.lsoa21Code[i])) excluded[i] = 1;
  return {
    lsoa21Code: h.lsoa21Code,
    lsoa21Name: h.lsoa21Name,
    msoa21Code: h.msoa21Code,
    ...(h.msoa21Name ? { msoa21Name: h.msoa21Name } : {}),
    ...(h.ward24Code ? { ward24Code: h.ward24Code } : {}),
    ...(h.ward24Name ? { ward24Name: h.ward24Name } : {}),
    ladCode: pick((l) => l.code),
    ladName: pick((l) => l.name),
    utlaCode: pick((l) => l.utlaCode),
    utlaName: pick((l) => l.utlaName),
    regionCode: pick((l) => l.regionCode),
    regionName: pick((l) => l.regionName),
    ladIndex: Int32Array.from(h.lad),
    excluded,
  };
}

function columnMeta(bundle: Bundle, id: string, where: string): ColumnMeta {
  const c = bundle.meta.columns.find((x) => x.id === id);
  if (!c || !bundle.columns[id])
    throw new BundleError("MISSING_COLUMN", `${where}: column "${id}" is not in the bundle`);
  return c;
}

/**
 * Checks a decoded bundle and throws a {@link BundleError} naming the first problem: unique LSOA
 * codes, a known LAD per row, every indicator's columns present, numerators ≤ denominators and
 * non-negative counts, proportions in [0, 1] and percentages in [0, 100], and missing values only
 * where a flag documents them.
 */
export function validateBundle(bundle: Bundle): void {
  const { n, geography: g, meta } = bundle;
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const code = g.lsoa21Code[i];
    if (!/^E01\d{6}$/.test(code)) throw new BundleError("BAD_CODE", `row ${i}: "${code}" is not an English LSOA code`);
    if (seen.has(code)) throw new BundleError("DUPLICATE_CODE", `row ${i}: LSOA code ${code} appears twice`);
    seen.add(code);
    if (!g.ladCode[i]) throw new BundleError("UNKNOWN_LAD", `row ${i} (${code}): no LAD`);
  }
  for (const key of ["msoa21Name", "ward24Code", "ward24Name"] as const) {
    const v = g[key];
    if (!v) continue;
    if (v.length !== n) throw new BundleError("BAD_LENGTH", `geography ${key} has ${v.length} rows, expected ${n}`);
    const i = v.findIndex((x) => typeof x !== "string" || !x);
    if (i >= 0) throw new BundleError("BAD_CODE", `row ${i} (${g.lsoa21Code[i]}): no ${key}`);
  }
  for (const c of meta.columns) {
    const v = bundle.columns[c.id];
    if (!v || v.length !== n)
      throw new BundleError("MISSING_COLUMN", `column "${c.id}" is missing or has the wrong length`);
    const f = bundle.flags[c.id];
    const hi = c.type === "proportion" ? 1 : c.type === "percent" ? 100 : Infinity;
    const lo = c.type === "value" ? -Infinity : 0;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (Number.isNaN(x)) {
        if (!f || f[i] === FLAG.SOURCE) {
          throw new BundleError(
            "UNDOCUMENTED_MISSING",
            `column "${c.id}", ${g.lsoa21Code[i]}: missing value without a flag`,
          );
        }
      } else if (x < lo || x > hi) {
        throw new BundleError("OUT_OF_RANGE", `column "${c.id}", ${g.lsoa21Code[i]}: ${x} outside [${lo}, ${hi}]`);
      }
    }
  }
  for (const ind of meta.indicators) {
    for (const id of ind.columns) columnMeta(bundle, id, `indicator "${ind.id}"`);
    if (ind.kind === "count" && ind.numerator && ind.denominator) {
      const den = bundle.columns[ind.denominator];
      const nums = ind.numerator.map((id) => bundle.columns[id]);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (const a of nums) s += a[i];
        if (s > den[i] + 1e-9) {
          throw new BundleError(
            "NUMERATOR_GT_DENOMINATOR",
            `indicator "${ind.id}", ${g.lsoa21Code[i]}: numerator ${s} > denominator ${den[i]}`,
          );
        }
      }
    }
  }
}

/** The core's input: every column, LAD24 as the shrinkage group, total population as weights. */
export function toMeasureData(bundle: Bundle): MeasureData {
  return {
    areaCodes: bundle.geography.lsoa21Code,
    groupCodes: bundle.geography.ladCode,
    columns: bundle.columns,
    population: bundle.columns.pop_total,
  };
}

/** Metadata of one indicator of the default spec by id (undefined if absent). */
export function indicatorMeta(bundle: Bundle, id: string): IndicatorMeta | undefined {
  return bundle.meta.indicators.find((x) => x.id === id);
}
