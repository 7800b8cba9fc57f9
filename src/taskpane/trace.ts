/**
 * The trace of one area through every step, and the map's columns: each value with the sheet and
 * cell where the workbook holds it, found only through the plan index (src/workbook/plan/planIndex.ts).
 */
import type { MeasureResult } from "../core/buildMeasure";
import type { MeasureSpec } from "../core/spec";
import type { PlanIndex } from "../workbook/plan";

export interface TraceStep {
  /** Paper step, e.g. "Raw", "4 Shrunk". */
  step: string;
  label: string;
  value: number | null;
  sheet?: string;
  address?: string;
  format: "proportion" | "score" | "rank" | "value";
}

/**
 * One area through every step of the measure for one indicator: raw → shrunk → directed → normal
 * → sub-dimension (sum, score) → dimension (sum, score) → overall (sum, score, rank), each with the
 * value the core computed and its cell in the workbook.
 */
export function traceArea(
  spec: MeasureSpec,
  index: PlanIndex,
  result: MeasureResult,
  i: number,
  indicatorId: string,
): TraceStep[] {
  const ind = result.indicators.find((r) => r.id === indicatorId);
  if (!ind) return [];
  const at = (...keys: string[]) => {
    for (const k of keys) {
      const c = index.cell(k, i);
      if (c) return c;
    }
    return {};
  };
  const v = (x: number) => (Number.isFinite(x) ? x : null);
  const s = ind.spec;
  const count = s.kind === "count";
  const rawKey = `data:${count ? s.numerator![0] : s.value!}`;
  const steps: TraceStep[] = [
    {
      step: "Raw",
      label: count ? `${s.label}: numerator ÷ ${s.denominator}` : s.label,
      value: v(ind.raw[i]),
      ...at(rawKey),
      format: count ? "proportion" : "value",
    },
    {
      step: s.shrink ? "4 Shrunk" : "4 Not shrunk",
      label: s.shrink ? "Shrunk towards the district (Appendix B)" : "Not shrunk (paper step 4)",
      value: v(ind.shrunk[i]),
      ...at(`indicator:${s.id}:shrunk`, `indicator:${s.id}:proportion`, rawKey),
      format: count ? "proportion" : "value",
    },
    {
      step: "5 Directed",
      label: `× polarity ${s.polarity} (higher = more need)`,
      value: v(ind.directed[i]),
      ...at(`indicator:${s.id}:directed`),
      format: "value",
    },
    {
      step: "6 Normal",
      label: "Normal score",
      value: v(ind.normal[i]),
      ...at(`indicator:${s.id}:normal`),
      format: "score",
    },
  ];
  if (ind.subdimension) {
    const sub = result.subdimensions.find((x) => x.id === ind.subdimension)!;
    steps.push(
      {
        step: "7 Sub-dimension",
        label: `${sub.id}: weighted sum`,
        value: v(sub.raw[i]),
        ...at(`subdimension:${sub.id}:sum`),
        format: "score",
      },
      {
        step: "8 Sub-dimension",
        label: `${sub.id}: exponential score`,
        value: v(sub.transformed[i]),
        ...at(`subdimension:${sub.id}:score`),
        format: "score",
      },
    );
  }
  const dim = result.dimensions.find((x) => x.id === ind.dimension)!;
  const dimLabel = spec.dimensions.find((d) => d.id === dim.id)?.label ?? dim.id;
  steps.push(
    {
      step: "7 Dimension",
      label: `${dimLabel}: weighted sum`,
      value: v(dim.raw[i]),
      ...at(`dimension:${dim.id}:sum`),
      format: "score",
    },
    {
      step: "8 Dimension",
      label: `${dimLabel}: exponential score`,
      value: v(dim.transformed[i]),
      ...at(`dimension:${dim.id}:score`),
      format: "score",
    },
    {
      step: "9 Overall",
      label: "Weighted sum of dimension scores",
      value: v(result.overall[i]),
      ...at("overall:sum"),
      format: "score",
    },
    {
      step: `9 ${spec.short ? `${spec.short} score` : "Score"}`,
      label: "Published scale (0–100)",
      value: v(result.score[i]),
      ...at("overall:score"),
      format: "score",
    },
    { step: "Rank", label: "1 = most need", value: v(result.rank[i]), ...at("overall:rank"), format: "rank" },
  );
  return steps;
}

export function formatValue(x: number | null, format: TraceStep["format"]): string {
  if (x === null) return "—";
  if (format === "rank") return Math.round(x).toLocaleString("en-GB");
  if (format === "proportion") return x.toFixed(4);
  if (Math.abs(x) >= 1000) return x.toLocaleString("en-GB", { maximumFractionDigits: 1 });
  return x.toFixed(3);
}

/** A column the map reads back from the workbook ("Refresh map"), by index key. */
export interface MapColumnRef {
  id: string;
  label: string;
  score: { sheet: string; range: string };
  rank?: { sheet: string; range: string };
  decile?: { sheet: string; range: string };
}

/** The overall score (with rank and decile) and every dimension score, where the index says they are. */
export function mapColumns(
  spec: MeasureSpec,
  index: PlanIndex,
): { codes: { sheet: string; range: string }; columns: MapColumnRef[] } {
  const loc = (key: string) => {
    const e = index.require(key);
    return { sheet: e.sheet, range: e.range };
  };
  return {
    codes: loc("area:code"),
    columns: [
      {
        id: "overall",
        label: `${spec.label} (overall)`,
        score: loc("overall:score"),
        rank: loc("overall:rank"),
        decile: loc("overall:decile"),
      },
      ...spec.dimensions.map((d) => ({ id: d.id, label: d.label, score: loc(`dimension:${d.id}:score`) })),
    ],
  };
}
