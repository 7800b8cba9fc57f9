/**
 * The bundle format shared by scripts/prepare-data.ts (writer) and the loader (reader).
 *
 * A bundle is two files:
 *  - `hln-lsoa21.meta.json`: metadata (sources, indicators, columns, LA tables, flag codes), plain JSON;
 *  - `hln-lsoa21.bin.gz`: gzip (mtime 0) of a little-endian binary payload:
 *      bytes 0-3  magic "HLN1"
 *      bytes 4-7  uint32 length L of a UTF-8 JSON block (the row geography, see {@link PayloadHeader})
 *      L bytes    JSON, then zero padding to a multiple of 4
 *      for each column in `meta.columns` order: n × int32 (value = int / 10^decimals; NaN = INT32_MIN)
 *      for each column with `hasFlags`, in the same order: n × uint8 flag codes (see FLAG)
 */
export const MAGIC = "HLN1";
export const NA_INT = -2147483648;
export const FORMAT_VERSION = 1;

/** Per-cell flag codes (0 = the value is the source's, converted as documented). */
export const FLAG = {
  SOURCE: 0,
  /** Suppressed/blank in the source: imputed as district rate × denominator. */
  IMPUTED_DISTRICT_RATE: 1,
  /** The source does not cover this area: left missing (NaN). */
  NOT_COVERED: 2,
  /** Numerator above its denominator (different population bases): capped at the denominator. */
  CAPPED: 3,
  /** Taken from a parent or predecessor area (e.g. county before the 2023 unitary reorganisation). */
  FROM_PARENT_OR_PREDECESSOR: 4,
} as const;

export const FLAG_MESSAGE: Record<number, string> = {
  0: "as published (after the documented geography conversion)",
  1: "suppressed or blank in the source: imputed as district rate × denominator",
  2: "not covered by the source: missing",
  3: "numerator exceeded the denominator (different population bases): capped at the denominator",
  4: "taken from the parent area or from predecessor authorities (2023 reorganisation)",
};

/** The JSON block inside the binary payload: per-row geography. */
export interface PayloadHeader {
  n: number;
  lsoa21Code: string[];
  lsoa21Name: string[];
  msoa21Code: string[];
  /** MSOA 2021 name per row (e.g. "Hartlepool 001"); absent in bundles before issue 11. */
  msoa21Name?: string[];
  /** Best-fit electoral ward (May 2024) code and name per row (ONS LSOA21 → ward24 lookup). */
  ward24Code?: string[];
  ward24Name?: string[];
  /** Index into meta.lads per row. */
  lad: number[];
}
