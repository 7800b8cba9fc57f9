export type DataStatus = "real" | "proxy" | "synthetic" | "user";

/** One row of the bundle's Sources table. */
export interface SourceMeta {
  id: string;
  publisher: string;
  dataset: string;
  edition: string;
  geography: string;
  licence: string;
  attribution: string;
  url?: string;
  rawFile: string;
}

/** One stored column (indicator value, numerator, denominator or context). */
export interface ColumnMeta {
  id: string;
  label: string;
  /** count (people/households), proportion (0-1), percent (0-100), or a value/score in `unit`. */
  type: "count" | "proportion" | "percent" | "value";
  unit: string;
  decimals: number;
  status: DataStatus;
  source: string[];
  hasFlags: boolean;
  /** Number of NaN cells (all of them flagged). */
  missing: number;
  min: number;
  max: number;
  note?: string;
}

/** Metadata of one indicator of the default spec. */
export interface IndicatorMeta {
  id: string;
  label: string;
  dimension: string;
  subdimension: string | null;
  status: DataStatus;
  kind: "count" | "value";
  columns: string[];
  numerator?: string[];
  denominator?: string;
  value?: string;
  polarity: 1 | -1;
  shrink: boolean;
  publisher: string;
  dataset: string;
  edition: string;
  originalGeography: string;
  conversion: string;
  licence: string;
  /** What the paper uses, for proxies and synthetic columns. */
  paperIndicator: string;
  replaces?: string;
  caveat: string;
  sources: string[];
}

export interface LadMeta {
  code: string;
  name: string;
  utlaCode: string;
  utlaName: string;
  regionCode: string;
  regionName: string;
}

export interface BundleMeta {
  format: "hln-lsoa21-bundle";
  version: number;
  title: string;
  generatedBy: string;
  n: number;
  excluded: { code: string; reason: string }[];
  attribution: string;
  sources: SourceMeta[];
  lads: LadMeta[];
  flags: Record<string, string>;
  columns: ColumnMeta[];
  indicators: IndicatorMeta[];
  syntheticModel: { seed: number; description: string; columns: Record<string, string> };
  specEdits: string[];
}
