/**
 * The charts sheet of the workbook plan (issue 7), as a pure description: two data tables and two
 * chart specs. No Office types (src/workbook/officeCharts.ts draws the charts with Office.js).
 *  - Distribution of the overall HLN score: LSOAs per score band (COUNTIFS over the Score sheet when
 *    `refs.score` is given, so it follows recalculation; the core's counts are cached).
 *  - The 20 LAs with the most hotspot LSOAs (most-needy 20% nationally): count and share.
 */
import type { MeasureResult } from "../../core/buildMeasure";
import { sortedGroups } from "./groupSumsNative";
import { addr, colLetter } from "../a1";
import type { Block, CellValue, ChartSpec, SheetPlan } from "../planTypes";
import { SHEET_NAMES } from "./context";

export interface ChartsSheetPlan {
  sheet: SheetPlan;
  charts: ChartSpec[];
  /** The tables as computed from the result (for tests and for writers without charts). */
  tables: {
    distribution: { from: number; to: number; label: string; count: number }[];
    topLas: {
      code: string;
      name: string;
      hotspots: number;
      areas: number;
      share: number;
    }[];
  };
}

export interface ChartsOptions {
  /** Sheet name (default "HLN Charts"; the plan may add its build suffix). */
  name?: string;
  /** Width of the score bands (default 5 → 20 bands over 0–100). */
  bandWidth?: number;
  /** How many LAs in the bar chart (default 20). */
  topN?: number;
  /**
   * Absolute references (with sheet names) of the per-LSOA columns in the workbook. When given, the
   * tables' counts are formulas over them (cached values = the core's); otherwise constants.
   *  score: published-scale HLN score column (Score sheet); hotspot: 1/0 hotspot column;
   *  lad: LAD24 code column (same rows).
   */
  refs?: { score?: string; hotspot?: string; lad?: string };
  /** The words of the spec (defaults: the HLN measure's). */
  words?: Partial<ChartWords>;
  /**
   * Native mode: the groups' counts are a table of every group (columns N:R, COUNTIFS) and the top
   * table one SORTBY over it, so the list itself follows a recalculation (needs `refs`).
   */
  native?: boolean;
}

/** The words in the charts sheet's titles and headers. */
export interface ChartWords {
  /** "Hyper-local Need" */
  measure: string;
  /** "HLN score" */
  score: string;
  /** "LSOAs" */
  areas: string;
  /** "LAs" */
  groups: string;
  /** "local authorities" */
  groupsLong: string;
  /** "Local authority" (table header) */
  group: string;
  /** "LAD24 code" */
  groupCode: string;
}

export const HLN_CHART_WORDS: ChartWords = {
  measure: "Hyper-local Need",
  score: "HLN score",
  areas: "LSOAs",
  groups: "LAs",
  groupsLong: "local authorities",
  group: "Local authority",
  groupCode: "LAD24 code",
};

/** 1-based row, 0-based column → "B3". */
const cellAddr = addr;

/** The score bands table (A:D): LSOAs per band of the overall score, COUNTIFS over the Score sheet. */
function distributionTable(
  result: Pick<MeasureResult, "score">,
  width: number,
  refs: NonNullable<ChartsOptions["refs"]>,
  w: ChartWords,
  D0: number,
): { blocks: Block[]; bands: ChartsSheetPlan["tables"]["distribution"] } {
  // ---- distribution of the overall score
  const bands: { from: number; to: number; label: string; count: number }[] = [];
  for (let from = 0; from < 100 - 1e-9; from += width) {
    const to = Math.min(100, from + width);
    bands.push({ from, to, label: `${fmt(from)}–${fmt(to)}`, count: 0 });
  }
  for (let i = 0; i < result.score.length; i++) {
    const s = result.score[i];
    if (!Number.isFinite(s)) continue;
    const b = Math.min(bands.length - 1, Math.max(0, Math.floor(s / width)));
    bands[b].count++;
  }
  const blocks: Block[] = [
    {
      address: "A1",
      values: [[`${w.measure}: distribution of the overall score and the ${w.groups} with the most hotspots`]],
      style: "title",
    },
    {
      address: "A2",
      values: [[`Overall ${w.score} (0–100, published scale): ${w.areas} per band`]],
      style: "note",
    },
    {
      address: cellAddr(D0, 0),
      values: [["Score band", w.areas, "From (≥)", "To (<; last ≤)"]],
      style: "header",
    },
    {
      address: cellAddr(D0 + 1, 0),
      values: bands.map((b) => [b.label]),
      style: "plain",
    },
    {
      address: cellAddr(D0 + 1, 2),
      values: bands.map((b) => [b.from, b.to]),
      style: "plain",
    },
  ];
  bands.forEach((b, k) => {
    const row = D0 + 1 + k;
    const last = k === bands.length - 1;
    if (refs.score) {
      blocks.push({
        address: cellAddr(row, 1),
        formula: `=COUNTIFS(${refs.score},">="&${cellAddr(row, 2)},${refs.score},"${last ? "<=" : "<"}"&${cellAddr(row, 3)})`,
        cached: [[b.count]],
        rows: 1,
        cols: 1,
        style: "output",
        numberFormat: "#,##0",
      });
    } else
      blocks.push({
        address: cellAddr(row, 1),
        values: [[b.count]],
        style: "output",
        numberFormat: "#,##0",
      });
  });
  return { blocks, bands };
}

/** The table of the groups with the most hotspots (G:K): count, areas, share; COUNTIFS formulas. */
function topLasTable(
  result: Pick<MeasureResult, "hotspot" | "groups">,
  nameOf: (code: string) => string,
  topN: number,
  refs: NonNullable<ChartsOptions["refs"]>,
  w: ChartWords,
  D0: number,
  C: number,
  native = false,
  sheet = SHEET_NAMES.charts,
): { blocks: Block[]; las: ChartsSheetPlan["tables"]["topLas"] } {
  const blocks: Block[] = [];
  // ---- LAs with the most hotspots
  const G = result.groups.labels.length;
  const hot = new Float64Array(G);
  const areas = new Float64Array(G);
  for (let i = 0; i < result.hotspot.length; i++) {
    const g = result.groups.codes[i];
    if (g < 0 || !Number.isFinite(result.hotspot[i])) continue;
    areas[g]++;
    if (result.hotspot[i] === 1) hot[g]++;
  }
  const las = result.groups.labels
    .map((code, g) => ({
      code,
      name: nameOf(code),
      hotspots: hot[g],
      areas: areas[g],
      share: areas[g] ? hot[g] / areas[g] : 0,
    }))
    .sort((a, b) => b.hotspots - a.hotspots || b.share - a.share || a.name.localeCompare(b.name))
    .slice(0, topN);
  blocks.push(
    {
      address: cellAddr(2, C),
      values: [[`The ${topN} ${w.groupsLong} with the most hotspot ${w.areas} (most-needy 20% nationally)`]],
      style: "note",
    },
    {
      address: cellAddr(D0, C),
      values: [[w.group, `Hotspot ${w.areas}`, w.groupCode, w.areas, "Share in top 20%"]],
      style: "header",
    },
    {
      address: cellAddr(D0 + 1, C),
      values: las.map((l) => [l.name]),
      style: "plain",
    },
    {
      address: cellAddr(D0 + 1, C + 2),
      values: las.map((l) => [l.code]),
      style: "plain",
    },
  );
  if (refs.lad && refs.hotspot && native) {
    blocks.splice(2, 2); // the names and codes are part of the sorted array
    blocks.push(...nativeTopTable(result, sheet, nameOf, las, refs as Required<typeof refs>, w, D0, C, hot, areas));
    return { blocks, las };
  }
  las.forEach((l, k) => {
    const row = D0 + 1 + k;
    const codeCell = cellAddr(row, C + 2);
    const f = (col: number, formula: string | undefined, v: CellValue, nf: string) =>
      blocks.push(
        formula
          ? {
              address: cellAddr(row, col),
              formula,
              cached: [[v]],
              rows: 1,
              cols: 1,
              style: "output",
              numberFormat: nf,
            }
          : {
              address: cellAddr(row, col),
              values: [[v]],
              style: "output",
              numberFormat: nf,
            },
      );
    const withRefs = refs.lad && refs.hotspot;
    f(C + 1, withRefs ? `=COUNTIFS(${refs.lad},${codeCell},${refs.hotspot},1)` : undefined, l.hotspots, "#,##0");
    f(C + 3, withRefs ? `=COUNTIFS(${refs.lad},${codeCell},${refs.hotspot},">=0")` : undefined, l.areas, "#,##0");
    f(
      C + 4,
      `=IF(${cellAddr(row, C + 3)}>0,${cellAddr(row, C + 1)}/${cellAddr(row, C + 3)},"")`,
      // a group with no ranked area (the Isles of Scilly, excluded): the formula shows "", so does the cache
      l.areas > 0 ? l.share : null,
      "0.0%",
    );
  });
  return { blocks, las };
}

/** First column (0-based) of the native table of every group's hotspots (N). */
const ALL_GROUPS_COL = 13;

/**
 * Native top table: every group's hotspots, areas and share (N:R, COUNTIFS over the Score and Data
 * columns), and the top rows as one array, INDEX(SORTBY(…, hotspots, −1, share, −1, name, 1), …).
 */
function nativeTopTable(
  result: Pick<MeasureResult, "groups" | "hotspot">,
  sheet: string,
  nameOf: (code: string) => string,
  las: ChartsSheetPlan["tables"]["topLas"],
  refs: { lad: string; hotspot: string },
  w: ChartWords,
  D0: number,
  C: number,
  hot: Float64Array,
  areas: Float64Array,
): Block[] {
  const labels = result.groups.labels;
  const G = Math.max(labels.length, 1);
  const N0 = ALL_GROUPS_COL;
  const col = (j: number) => `$${colLetter(N0 + j)}$${D0 + 1}:$${colLetter(N0 + j)}$${D0 + G}`;
  const share = Float64Array.from(hot, (h, g) => (areas[g] ? h / areas[g] : 0));
  const n = las.length;
  return [
    {
      address: cellAddr(2, N0),
      values: [
        [
          `Every ${w.group.toLowerCase()}: hotspot ${w.areas}, ${w.areas}, share (sorted into the table at ${colLetter(C)})`,
        ],
      ],
      style: "note",
    },
    {
      address: cellAddr(D0, N0),
      values: [[w.group, `Hotspot ${w.areas}`, w.groupCode, w.areas, "Share in top 20%"]],
      style: "header",
    },
    { address: cellAddr(D0 + 1, N0), values: labels.map((c) => [nameOf(c)]), style: "plain" },
    { address: cellAddr(D0 + 1, N0 + 2), values: labels.map((c) => [c]), style: "plain" },
    ...groupCounts(result, sheet, refs, col(2), D0, hot, areas),
    {
      address: cellAddr(D0 + 1, N0 + 4),
      formula: `=IF(${col(3)}>0,${col(1)}/${col(3)},0)`,
      cached: Array.from(share, (x) => [x]),
      rows: G,
      cols: 1,
      style: "output",
      numberFormat: "0.0%",
    },
    {
      address: cellAddr(D0 + 1, C),
      formula: `=INDEX(SORTBY(${`$${colLetter(N0)}$${D0 + 1}:$${colLetter(N0 + 4)}$${D0 + G}`},${col(1)},-1,${col(4)},-1,${col(0)},1),SEQUENCE(${n}),{1,2,3,4,5})`,
      cached: las.map((l) => [l.name, l.hotspots, l.code, l.areas, l.share]),
      rows: n,
      cols: 5,
      style: "output",
    },
  ];
}

/**
 * Every group's hotspot areas and scored areas (columns O and Q of the all-groups table) as sums over
 * its block of the areas sorted by group (groupSumsNative; first/last rows in T:U, helpers from W):
 * a COUNTIFS array over the group list compares every area with every group.
 */
function groupCounts(
  result: Pick<MeasureResult, "groups" | "hotspot">,
  sheet: string,
  refs: { lad: string; hotspot: string },
  codes: string,
  D0: number,
  hot: Float64Array,
  areas: Float64Array,
): Block[] {
  const labels = result.groups.labels;
  const G = labels.length;
  const N0 = ALL_GROUPS_COL;
  const sg = sortedGroups(
    sheet,
    N0 + 9,
    refs.lad,
    Array.from(result.groups.codes, (k) => (k >= 0 ? labels[k] : "")),
    { codesRef: codes, codes: labels, col: N0 + 6, row: D0 + 1 },
  );
  const h = sg.sorted("hotspot (1 / 0), group order", refs.hotspot, result.hotspot, "0");
  const cells = (c: number, kind: "SUM" | "COUNT", v: Float64Array): Block => {
    const f = sg.sum(h, kind).cellFormulas;
    return {
      address: cellAddr(D0 + 1, N0 + c),
      formula: f[0],
      cellFormulas: f,
      cached: Array.from(v, (x) => [x]),
      rows: G,
      cols: 1,
      style: "output",
      numberFormat: "#,##0",
    };
  };
  return [
    { address: cellAddr(D0, N0 + 6), values: [["first row, group order", "last row"]], style: "header" },
    ...sg.blocks,
    cells(1, "SUM", hot),
    cells(3, "COUNT", areas),
  ];
}

/** The two charts: the score distribution (column) and the groups with most hotspots (bar). */
function chartSpecs(w: ChartWords, topN: number, D0: number, C: number, distEnd: number, laEnd: number): ChartSpec[] {
  return [
    {
      name: "HLN score distribution",
      type: "ColumnClustered",
      title: `Distribution of the overall ${w.measure} score (${w.areas} per band)`,
      source: `${cellAddr(D0, 0)}:${cellAddr(distEnd, 1)}`,
      seriesBy: "Columns",
      categoryAxisTitle: `${w.score} (0–100)`,
      valueAxisTitle: w.areas,
      topLeft: cellAddr(distEnd + 3, 0),
      bottomRight: cellAddr(distEnd + 23, 5),
      colour: "#3182BD",
      gapWidth: 10,
      numberFormat: "#,##0",
    },
    {
      name: "HLN LAs with most hotspots",
      type: "BarClustered",
      title: `The ${topN} ${w.groupsLong} with the most hotspot ${w.areas} (top 20% nationally)`,
      source: `${cellAddr(D0, C)}:${cellAddr(laEnd, C + 1)}`,
      seriesBy: "Columns",
      categoryAxisTitle: w.group,
      valueAxisTitle: `Hotspot ${w.areas}`,
      topLeft: cellAddr(distEnd + 3, C),
      bottomRight: cellAddr(distEnd + 33, C + 8),
      reverseCategories: true,
      colour: "#08519C",
      gapWidth: 40,
      numberFormat: "#,##0",
    },
  ];
}

/**
 * Plans the charts sheet from the core's result. `ladNames` maps LAD24 codes to names (e.g. from the
 * bundle's meta.lads); codes without a name are shown as codes.
 */
export function planChartsSheet(
  result: Pick<MeasureResult, "score" | "hotspot" | "groups" | "excluded">,
  ladNames: ReadonlyMap<string, string> | Record<string, string>,
  options: ChartsOptions = {},
): ChartsSheetPlan {
  const name = options.name ?? SHEET_NAMES.charts;
  const width = options.bandWidth ?? 5;
  const topN = options.topN ?? 20;
  const nameOf = (c: string) =>
    (ladNames instanceof Map ? ladNames.get(c) : (ladNames as Record<string, string>)[c]) ?? c;
  const refs = options.refs ?? {};
  const w: ChartWords = { ...HLN_CHART_WORDS, ...(options.words ?? {}) };

  const D0 = 3; // header row of the tables
  const C = 6; // column G
  const dist = distributionTable(result, width, refs, w, D0);
  const top = topLasTable(result, nameOf, topN, refs, w, D0, C, options.native, name);
  const blocks = [...dist.blocks, ...top.blocks];
  const bands = dist.bands;
  const las = top.las;
  const charts = chartSpecs(w, topN, D0, C, D0 + bands.length, D0 + las.length);
  const sheet: SheetPlan = {
    name,
    role: "charts",
    blocks,
    columnWidths: [12, 10, 9, 12, 3, 3, 30, 13, 11, 8, 16],
    freeze: { rows: D0, cols: 0 },
    tabColor: "2F5597",
  };
  return { sheet, charts, tables: { distribution: bands, topLas: las } };
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}
