/**
 * Quantile classes, palettes and the colour of every feature. Pure.
 * Class 0 = lowest values (lightest); class k−1 = highest need (darkest blue), like the paper's maps.
 */

/** Sequential, colour-blind-safe blues (ColorBrewer "Blues"; light = low need, dark blue = high need). */
export const BLUES: Record<number, readonly string[]> = {
  3: ["#deebf7", "#6baed6", "#08519c"],
  4: ["#eff3ff", "#9ecae1", "#3182bd", "#08519c"],
  5: ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
  6: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
  7: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"],
  8: ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"],
  9: ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"],
  10: ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b", "#041c40"],
};

/** Hotspot map colours: top 10% nationally (decile 1), top 10–20% (decile 2), other areas, no data. */
export const HOTSPOT_COLOURS = {
  top10: "#08306b",
  top20: "#4292c6",
  other: "#e3e3e3",
  missing: "#ffffff",
} as const;

/** Fill of features without a value (excluded, e.g. Isles of Scilly, or not in the data). */
export const MISSING_COLOUR = "#ffffff";

export interface Classes {
  k: number;
  /** Upper bound of each class (k values, ascending); class j covers (upper[j−1], upper[j]]. */
  upper: number[];
  /** Smallest finite value (lower bound of class 0). */
  min: number;
  /** Class per value (0..k−1), −1 where the value is missing. */
  classOf: Int16Array;
  /** Number of values per class. */
  counts: number[];
}

/**
 * Quantile classes of the finite values: with values sorted ascending (n of them), the upper bound
 * of class j is the value at position ⌊(j+1)·n/k⌋ (1-based), so for distinct values a value at
 * ascending position p (1-based) is in class ⌈k·p/n⌉ − 1. Ties stay in one class.
 */
export function classify(values: ArrayLike<number>, k = 5): Classes {
  if (!(k >= 1) || !Number.isInteger(k)) throw new Error(`classify: k must be a positive integer, got ${k}`);
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  const sorted = Float64Array.from(finite).sort();
  const n = sorted.length;
  const upper: number[] = [];
  for (let j = 0; j < k; j++) upper.push(n ? sorted[Math.max(0, Math.floor(((j + 1) * n) / k) - 1)] : NaN);
  const classOf = new Int16Array(values.length);
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < values.length; i++) {
    const c = classOfValue(values[i], upper);
    classOf[i] = c;
    if (c >= 0) counts[c]++;
  }
  return { k, upper, min: n ? sorted[0] : NaN, classOf, counts };
}

/** Class (0..k−1) of one value given class upper bounds; −1 if missing. */
export function classOfValue(x: number, upper: readonly number[]): number {
  if (!Number.isFinite(x)) return -1;
  // binary search: first j with x <= upper[j]
  let lo = 0;
  let hi = upper.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= upper[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The palette for k classes (k in 3..10). */
export function palette(k: number): readonly string[] {
  const p = BLUES[k];
  if (!p) throw new Error(`no palette for ${k} classes (3–10)`);
  return p;
}

export interface LegendItem {
  colour: string;
  label: string;
  /** Features in this class. */
  count: number;
}

export interface Colouring {
  /** Fill per feature (index-aligned with the boundaries' features). */
  colours: string[];
  /** Class per feature: 0..k−1 for choropleths; hotspots: 2 = top 10%, 1 = top 10–20%, 0 = other; −1 = no data. */
  classes: Int16Array;
  legend: LegendItem[];
  /** Legend title. */
  title: string;
}

export interface ChoroplethOptions {
  k?: number;
  title?: string;
  /** Formats class bounds in the legend. */
  format?: (x: number) => string;
  /** Value shown as a percentage (0–1 → 0–100%). */
  percent?: boolean;
}

/** Aligns values given by code to the features' order (NaN where a feature has no value). */
export function alignToFeatures(
  featureCodes: readonly string[],
  codes: readonly string[],
  values: ArrayLike<number>,
): Float64Array {
  const at = new Map<string, number>();
  for (let i = 0; i < codes.length; i++) at.set(codes[i], i);
  const out = new Float64Array(featureCodes.length);
  for (let i = 0; i < featureCodes.length; i++) {
    const j = at.get(featureCodes[i]);
    out[i] = j === undefined ? NaN : values[j];
  }
  return out;
}

/** Quantile choropleth colours for feature-aligned values. */
export function choroplethColours(values: ArrayLike<number>, options: ChoroplethOptions = {}): Colouring {
  const k = options.k ?? 5;
  const pal = palette(k);
  const cls = classify(values, k);
  const fmt =
    options.format ?? (options.percent ? (x: number) => `${(100 * x).toFixed(1)}%` : (x: number) => formatNumber(x));
  const colours = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) colours[i] = cls.classOf[i] >= 0 ? pal[cls.classOf[i]] : MISSING_COLOUR;
  const legend: LegendItem[] = [];
  for (let j = k - 1; j >= 0; j--) {
    const lo = j === 0 ? cls.min : cls.upper[j - 1];
    legend.push({
      colour: pal[j],
      label: `${j === 0 ? "" : ">"}${fmt(lo)} – ${fmt(cls.upper[j])}${j === k - 1 ? " (most need)" : ""}`,
      count: cls.counts[j],
    });
  }
  const missing = values.length - cls.counts.reduce((a, b) => a + b, 0);
  if (missing > 0) legend.push({ colour: MISSING_COLOUR, label: "No data", count: missing });
  return { colours, classes: cls.classOf, legend, title: options.title ?? "" };
}

/**
 * Hotspot colours from feature-aligned deciles (1 = most need nationally): decile 1 = top 10%,
 * decile 2 = top 10–20%, others light grey; missing (excluded) white.
 */
export function hotspotColours(deciles: ArrayLike<number>, title = "Hotspots (most-needy 20% nationally)"): Colouring {
  const colours = new Array<string>(deciles.length);
  const classes = new Int16Array(deciles.length);
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < deciles.length; i++) {
    const d = deciles[i];
    const c = !Number.isFinite(d) ? -1 : d <= 1 ? 2 : d <= 2 ? 1 : 0;
    classes[i] = c;
    counts[c + 1]++;
    colours[i] =
      c === 2
        ? HOTSPOT_COLOURS.top10
        : c === 1
          ? HOTSPOT_COLOURS.top20
          : c === 0
            ? HOTSPOT_COLOURS.other
            : HOTSPOT_COLOURS.missing;
  }
  const legend: LegendItem[] = [
    {
      colour: HOTSPOT_COLOURS.top10,
      label: "Top 10% nationally (decile 1)",
      count: counts[3],
    },
    {
      colour: HOTSPOT_COLOURS.top20,
      label: "Top 10–20% (decile 2)",
      count: counts[2],
    },
    { colour: HOTSPOT_COLOURS.other, label: "Other areas", count: counts[1] },
  ];
  if (counts[0] > 0)
    legend.push({
      colour: HOTSPOT_COLOURS.missing,
      label: "No data / excluded",
      count: counts[0],
    });
  return { colours, classes, legend, title };
}

/**
 * LSOA colours: aligns the data (by LSOA code) to the features and colours either quantile classes
 * of `score` or the hotspot classes from `decile`.
 */
export function lsoaColours(
  featureCodes: readonly string[],
  data: {
    codes: readonly string[];
    score?: ArrayLike<number>;
    decile?: ArrayLike<number>;
  },
  mode: "score" | "hotspots" = "score",
  options: ChoroplethOptions = {},
): Colouring {
  if (mode === "hotspots") {
    if (!data.decile) throw new Error("lsoaColours: hotspots need deciles");
    return hotspotColours(alignToFeatures(featureCodes, data.codes, data.decile), options.title);
  }
  if (!data.score) throw new Error("lsoaColours: score mode needs scores");
  return choroplethColours(alignToFeatures(featureCodes, data.codes, data.score), options);
}

export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const a = Math.abs(x);
  return a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : a >= 1 ? x.toFixed(2) : x.toFixed(3);
}

/** LSOA colours by national decile (1 = most need → darkest of 10 blues); missing white. */
export function decileColours(deciles: ArrayLike<number>, title = "National decile (1 = most need)"): Colouring {
  const pal = palette(10);
  const colours = new Array<string>(deciles.length);
  const classes = new Int16Array(deciles.length);
  const counts = new Array<number>(11).fill(0);
  for (let i = 0; i < deciles.length; i++) {
    const d = deciles[i];
    const c = Number.isFinite(d) && d >= 1 && d <= 10 ? 10 - Math.round(d) : -1;
    classes[i] = c;
    counts[c + 1]++;
    colours[i] = c >= 0 ? pal[c] : MISSING_COLOUR;
  }
  const legend: LegendItem[] = [];
  for (let d = 1; d <= 10; d++) {
    legend.push({
      colour: pal[10 - d],
      label: d === 1 ? "Decile 1 (most need)" : d === 10 ? "Decile 10 (least need)" : `Decile ${d}`,
      count: counts[10 - d + 1],
    });
  }
  if (counts[0] > 0)
    legend.push({
      colour: MISSING_COLOUR,
      label: "No data / excluded",
      count: counts[0],
    });
  return { colours, classes, legend, title };
}
