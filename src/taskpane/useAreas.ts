/**
 * useAreas: the Data card's state — the workbook's tables and sheets, the one chosen (null: the
 * bundled indicators) and what the areas codec says of it (read and checked when chosen, and again
 * by every build: src/taskpane/controller.ts tableSource). Reads only; never writes a cell.
 */
import * as React from "react";
import type { MeasureSpec } from "../core/spec";
import type { AreasReport } from "./components/DataSourceCard";
import { BuildStopped, tableSource } from "./controller";
import { type AreasChoice, type AreasRef, listAreaSources, readAreaSource } from "./excel";

export interface AreasState {
  sources: AreasChoice[] | null;
  selected: AreasRef | null;
  select: (ref: AreasRef | null) => void;
  /** Start on the table the workbook's build read (ignored once the user has chosen). */
  preselect: (ref: AreasRef) => void;
  refresh: () => Promise<void>;
  report: AreasReport | null;
  /** A build's own reading of the table (its problems when it stopped, its warnings when it built). */
  setReport: (r: AreasReport | null) => void;
  error: string | null;
}

export function useAreas(spec: MeasureSpec): AreasState {
  const [sources, setSources] = React.useState<AreasChoice[] | null>(null);
  const [selected, setSelected] = React.useState<AreasRef | null>(null);
  const [report, setReport] = React.useState<AreasReport | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const chosen = React.useRef<AreasRef | null>(null);
  // the measure the table is checked against (the workbook's Measure sheet's once read): a ref, so
  // that refresh stays the same function (the pane's first effect calls it once)
  const measure = React.useRef(spec);
  measure.current = spec;
  const why = (e: unknown) => (e instanceof Error ? e.message : String(e));

  const check = React.useCallback(async (ref: AreasRef) => {
    try {
      const t = tableSource(await readAreaSource(ref), measure.current);
      setReport({ problems: [], warnings: t.warnings, areas: t.data.areaCodes.length });
      setError(null);
    } catch (e) {
      if (e instanceof BuildStopped) setReport({ problems: e.problems, warnings: [] });
      else setError(`Could not read ${ref.name}: ${why(e)}`);
    }
  }, []);

  // the list again, and the chosen table checked again (the user may have fixed its cells)
  const refresh = React.useCallback(async () => {
    try {
      setSources(await listAreaSources());
      setError(null);
    } catch (e) {
      setError(`Could not list the workbook's tables: ${why(e)}`);
      return;
    }
    if (chosen.current) await check(chosen.current);
  }, [check]);

  const touched = React.useRef(false);
  const choose = React.useCallback(
    (ref: AreasRef | null) => {
      chosen.current = ref;
      setSelected(ref);
      setReport(null);
      if (ref) void check(ref);
    },
    [check],
  );
  const select = (ref: AreasRef | null) => {
    touched.current = true;
    choose(ref);
  };
  // the table the existing build read (its plan index), unless the user has chosen already
  const preselect = React.useCallback(
    (ref: AreasRef) => {
      if (!touched.current) choose(ref);
    },
    [choose],
  );

  return { sources, selected, select, preselect, refresh, report, setReport, error };
}
