/**
 * The rows a plan lays out — codes, names, groups, population and data columns — from either the
 * bundle or a user's own data, and the words a spec uses for its areas ("LSOA21 code" for the HLN
 * spec, "Area code" for a spec that does not say).
 */
import type { MeasureData } from "../../core/buildMeasure";
import type { MeasureSpec } from "../../core/spec";
import type { Bundle } from "../../data/bundle";
import type { BundleMeta } from "../../data/types";

/** User data may carry names (the CLI's CSV and a workbook table). */
export type AreaSource = Bundle | (MeasureData & { names?: (string | null)[]; groupNames?: (string | null)[] });

export interface AreaTable {
  n: number;
  code: string[];
  name: (string | null)[] | null;
  groupCode: string[];
  groupName: (string | null)[] | null;
  utlaName: (string | null)[] | null;
  regionName: (string | null)[] | null;
  population: ArrayLike<number> | null;
  columns: Record<string, ArrayLike<number>>;
  columnStatus: (id: string) => string;
  meta?: BundleMeta;
}

export function isBundle(x: AreaSource): x is Bundle {
  return (x as Bundle).geography !== undefined && (x as Bundle).meta !== undefined;
}

export function areaTable(x: AreaSource): AreaTable {
  if (isBundle(x)) {
    const g = x.geography;
    const status = new Map(x.meta.columns.map((c) => [c.id, c.status]));
    return {
      n: x.n,
      code: g.lsoa21Code,
      name: g.lsoa21Name,
      groupCode: g.ladCode,
      groupName: g.ladName,
      utlaName: g.utlaName,
      regionName: g.regionName,
      population: x.columns.pop_total ?? null,
      columns: x.columns,
      columnStatus: (id) => status.get(id) ?? "unknown",
      meta: x.meta,
    };
  }
  return {
    n: x.areaCodes.length,
    code: x.areaCodes,
    name: x.names ?? null,
    groupCode: x.groupCodes,
    groupName: x.groupNames ?? null,
    utlaName: null,
    regionName: null,
    population: x.population ?? null,
    columns: x.columns as Record<string, ArrayLike<number>>,
    columnStatus: () => "user data",
  };
}

/** The words for a spec's areas and groups, in headers, titles and CSV column names. */
export interface AreaLabels {
  /** "LSOA" — in sentences ("Top 20 LSOAs"). */
  noun: string;
  /** "LSOA21" — in headers ("LSOA21 code", "LSOA21 name"). */
  code: string;
  /** "lsoa21" — CSV columns ("lsoa21_code"). */
  csv: string;
  /** "LAD24" — the shrinkage group in headers ("LAD24 code"). */
  group: string;
  /** "local authority district" — the group in sentences. */
  groupNoun: string;
  /** "LA" — the group, short, in sentences ("LAs with most hotspots"). */
  groupShort: string;
  /** "lad" — CSV columns ("lad_code"). */
  groupCsv: string;
}

export const GENERIC_LABELS: AreaLabels = {
  noun: "area",
  code: "Area",
  csv: "area",
  group: "Group",
  groupNoun: "group",
  groupShort: "group",
  groupCsv: "group",
};

export function areaLabels(spec: MeasureSpec): AreaLabels {
  return { ...GENERIC_LABELS, ...(spec.areas ?? {}) };
}

/** "LSOAs", "areas" (English plural of a noun or an acronym). */
export function plural(noun: string): string {
  return /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}
