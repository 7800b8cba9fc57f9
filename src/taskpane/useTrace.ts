/**
 * useTrace: what the result cards show after a build — the traced area and indicator, the trace
 * steps, area search, the map's data and its "Refresh map" reader, and picking an area from the
 * top list or the map (which scrolls to the trace).
 */
import * as React from "react";
import { listIndicators, type MeasureSpec } from "../core/spec";
import type { Bundle } from "../data/bundle";
import type { BuildOutcome } from "./controller";
import { excel } from "./excel";
import { mapDataFromResult, type MapData } from "./map";
import { mapDataFromColumns } from "./map/workbookColumns";
import { type AreaMatch, mapColumns, searchAreas, traceArea } from "./model";
import type { TraceStep } from "./trace";

export interface IndicatorOption {
  id: string;
  label: string;
  group: string;
}

export interface UseTraceArgs {
  spec: MeasureSpec;
  bundle: Bundle | null;
  outcome: BuildOutcome | null;
  area: AreaMatch | null;
  setArea: (area: AreaMatch | null) => void;
}

export interface TraceState {
  indicators: IndicatorOption[];
  indicatorId: string;
  setIndicatorId: (id: string) => void;
  steps: TraceStep[];
  search: (q: string) => AreaMatch[];
  mapData: MapData | null;
  refreshMap: () => Promise<MapData>;
  /** Trace the area at this row of the bundle's geography. */
  pick: (index: number) => void;
  /** Trace the area with this code (a click on the map). */
  pickCode: (code: string) => void;
}

/** The first area of the build's top list, to trace before the user picks one. */
export function firstArea(outcome: BuildOutcome): AreaMatch | null {
  const first = outcome.summary.top[0];
  return first ? { index: first.index, code: first.code, name: first.name, la: first.la } : null;
}

export function useTrace({ spec, bundle, outcome, area, setArea }: UseTraceArgs): TraceState {
  const [picked, setIndicatorId] = React.useState(listIndicators(spec)[0].indicator.id);
  const indicators = React.useMemo(
    () =>
      listIndicators(spec).map(({ indicator, dimension, subdimension }) => ({
        id: indicator.id,
        label: indicator.label,
        group: subdimension ? `${dimension.label} › ${subdimension.label}` : dimension.label,
      })),
    [spec],
  );
  // an indicator the measure no longer has (a rebuild from an edited Measure sheet): its first one
  const indicatorId = indicators.some((x) => x.id === picked) ? picked : (indicators[0]?.id ?? picked);
  const search = React.useCallback((q: string) => (bundle ? searchAreas(bundle, q) : []), [bundle]);
  const steps = React.useMemo(
    () => (outcome && area ? traceArea(outcome.spec, outcome.plan.index, outcome.result, area.index, indicatorId) : []),
    [outcome, area, indicatorId],
  );
  const mapData = React.useMemo(
    () => (bundle && outcome ? mapDataFromResult(bundle, outcome.result) : null),
    [bundle, outcome],
  );
  const refreshMap = React.useCallback(async () => {
    if (!bundle || !outcome) throw new Error("build first");
    const { codes, columns } = mapColumns(outcome.spec, outcome.plan.index);
    const refs = [
      codes,
      ...columns.flatMap((c) => [c.score, ...(c.rank ? [c.rank] : []), ...(c.decile ? [c.decile] : [])]),
    ];
    const values = await excel.readRanges(refs);
    return mapDataFromColumns(bundle.geography, bundle.columns.pop_total, columns, values);
  }, [bundle, outcome]);
  const pick = (index: number) => {
    if (!bundle) return;
    const g = bundle.geography;
    setArea({ index, code: g.lsoa21Code[index], name: g.lsoa21Name[index], la: g.ladName[index] });
    document.getElementById("trace-title")?.scrollIntoView({ behavior: "smooth", block: "start" });
  };
  const pickCode = (code: string) => {
    const i = bundle ? bundle.geography.lsoa21Code.indexOf(code) : -1;
    if (i >= 0) pick(i);
  };
  return { indicators, indicatorId, setIndicatorId, steps, search, mapData, refreshMap, pick, pickCode };
}
