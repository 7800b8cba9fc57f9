/**
 * The numbers a map shows, independent of where they came from (the core's result in memory, or
 * the workbook's Score sheet after a recalculation). Pure; uses the core's ranking and LA summaries
 * so a map never re-implements a step of the method.
 */
import { dualFlag } from "../core/dualFlag";
import { decile, districtSummary, groupIndex, needRank } from "../core";

/** A measure that can be mapped: the overall score or one dimension. */
export interface MapMeasure {
  id: string;
  label: string;
}

/** LA statistics offered on the LA choropleth. */
export const LA_STATS = {
  score: "Population-weighted average score",
  top20: "Share of LSOAs in the most-needy 20% nationally",
  top10: "Share of LSOAs in the most-needy 10% nationally",
} as const;
export type LaStat = keyof typeof LA_STATS;

export interface MapLsoaData {
  codes: string[];
  names?: string[];
  /** LAD24 code per LSOA (joins LSOAs to LAs and to regions). */
  ladCodes: string[];
  /** Per measure id ("overall" and each dimension id): score, need rank (1 = most need), national decile. */
  score: Record<string, Float64Array>;
  rank: Record<string, Float64Array>;
  decile: Record<string, Float64Array>;
}

export interface MapLaData {
  codes: string[];
  names: string[];
  regionCodes: string[];
  regionNames: string[];
  /** Per measure id, per statistic, one value per LA (aligned with codes). */
  stats: Record<string, Record<LaStat, Float64Array>>;
}

export interface MapData {
  measures: MapMeasure[];
  lsoa: MapLsoaData;
  la: MapLaData;
  /** Where the numbers came from, e.g. "bundle + core" or "Score sheet". */
  source: string;
  /** Dual disadvantage flag per LSOA (aligned with lsoa.codes) against a second index (issue 17). */
  dual?: { flag: Float64Array; against: string };
}

/** The geography a MapData needs: a subset of the data bundle's `geography` (src/data Bundle). */
export interface MapGeography {
  lsoa21Code: string[];
  lsoa21Name?: string[];
  ladCode: string[];
  ladName: string[];
  regionCode: string[];
  regionName: string[];
}

export interface MeasureColumns {
  id: string;
  label: string;
  score: ArrayLike<number>;
  /** Need rank and decile; computed from the score when absent. */
  rank?: ArrayLike<number>;
  decile?: ArrayLike<number>;
}

/**
 * Builds MapData from LSOA-level measure columns (in the geography's row order) and populations.
 * LA statistics: the core's districtSummary (population-weighted average score; share of LSOAs
 * in the top 10%/20% nationally).
 */
export function buildMapData(
  geography: MapGeography,
  measures: MeasureColumns[],
  population: ArrayLike<number> | undefined,
  source: string,
): MapData {
  const n = geography.lsoa21Code.length;
  const groups = groupIndex(geography.ladCode);
  const lsoa: MapLsoaData = {
    codes: geography.lsoa21Code,
    names: geography.lsoa21Name,
    ladCodes: geography.ladCode,
    score: {},
    rank: {},
    decile: {},
  };
  const la: MapLaData = {
    codes: groups.labels,
    names: [],
    regionCodes: [],
    regionNames: [],
    stats: {},
  };
  const firstRow = new Int32Array(groups.labels.length).fill(-1);
  for (let i = 0; i < n; i++) if (firstRow[groups.codes[i]] < 0) firstRow[groups.codes[i]] = i;
  for (let g = 0; g < groups.labels.length; g++) {
    const i = firstRow[g];
    la.names.push(geography.ladName[i]);
    la.regionCodes.push(geography.regionCode[i]);
    la.regionNames.push(geography.regionName[i]);
  }
  for (const m of measures) {
    if (m.score.length !== n) throw new Error(`measure ${m.id}: ${m.score.length} rows, geography has ${n}`);
    const score = Float64Array.from(m.score as ArrayLike<number>);
    const rank = m.rank ? Float64Array.from(m.rank as ArrayLike<number>) : needRank(score);
    lsoa.score[m.id] = score;
    lsoa.rank[m.id] = rank;
    lsoa.decile[m.id] = m.decile ? Float64Array.from(m.decile as ArrayLike<number>) : decile(rank);
    const s = districtSummary(score, groups.codes, population);
    la.stats[m.id] = { score: s.score, top20: s.top20, top10: s.top10 };
  }
  return {
    measures: measures.map(({ id, label }) => ({ id, label })),
    lsoa,
    la,
    source,
  };
}

/** The parts of the core's MeasureResult a map uses (structural, so no import cycle with the core types). */
export interface ResultLike {
  score: ArrayLike<number>;
  rank: ArrayLike<number>;
  decile: ArrayLike<number>;
  excluded?: ArrayLike<number>;
  /** Dimension scores with the core's need ranks and deciles (src/core buildMeasure). */
  dimensions: { id: string; transformed: ArrayLike<number>; rank?: ArrayLike<number>; decile?: ArrayLike<number> }[];
  spec?: { label?: string; dimensions: { id: string; label?: string }[] };
}

/**
 * MapData from the core's result (buildMeasure) and the bundle: overall score + each dimension's
 * transformed score (excluded areas left out of dimension ranks).
 */
export function mapDataFromResult(
  bundle: {
    geography: MapGeography;
    columns: Record<string, ArrayLike<number>>;
  },
  result: ResultLike,
): MapData {
  const labels = new Map((result.spec?.dimensions ?? []).map((d) => [d.id, d.label ?? d.id]));
  const excluded = result.excluded;
  const measures: MeasureColumns[] = [
    {
      id: "overall",
      label: `${result.spec?.label ?? "Hyper-local Need"} (overall)`,
      score: result.score,
      rank: result.rank,
      decile: result.decile,
    },
  ];
  for (const d of result.dimensions) {
    const s = Float64Array.from(d.transformed as ArrayLike<number>);
    if (excluded) for (let i = 0; i < s.length; i++) if (excluded[i]) s[i] = NaN;
    measures.push({ id: d.id, label: labels.get(d.id) ?? d.id, score: s, rank: d.rank, decile: d.decile });
  }
  const data = buildMapData(bundle.geography, measures, bundle.columns.pop_total, "bundle + core");
  const imd = bundle.columns.imd_rank;
  if (imd) data.dual = { flag: dualFlag(result.score, imd, { directionB: "rank" }).flag, against: "IMD 2025" };
  return data;
}

/** Indices of the LSOAs in a region (E12…) or LA (E06–E09…) code; all LSOAs for "E92000001"/"all". */
export function lsoasIn(data: MapData, areaCode: string): Set<string> {
  const out = new Set<string>();
  const all = areaCode === "all" || areaCode === "E92000001";
  const laRegion = new Map<string, string>();
  data.la.codes.forEach((c, i) => laRegion.set(c, data.la.regionCodes[i]));
  const { codes, ladCodes } = data.lsoa;
  for (let i = 0; i < codes.length; i++) {
    if (all || ladCodes[i] === areaCode || laRegion.get(ladCodes[i]) === areaCode) out.add(codes[i]);
  }
  return out;
}

/** Regions (code, name) present in the data, sorted by name. */
export function regionsOf(data: MapData): { code: string; name: string }[] {
  const m = new Map<string, string>();
  data.la.regionCodes.forEach((c, i) => m.set(c, data.la.regionNames[i]));
  return [...m].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name));
}
