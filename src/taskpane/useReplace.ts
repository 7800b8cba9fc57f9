/**
 * useReplace: the Replace card's state — the replacement asked for (null: none), and what the reader
 * says of its table (read and checked when the indicator or the table changes, and again by every
 * build: src/taskpane/controller.ts replacementSource). Reads only; never writes a cell.
 */
import * as React from "react";
import type { MeasureSpec } from "../core/spec";
import type { Bundle } from "../data/bundle";
import { readAreaSource } from "./excel";
import { readReplacement, type ReplaceChoice, type ReplaceReport } from "./replaceSource";

export interface ReplaceState {
  choice: ReplaceChoice | null;
  select: (c: ReplaceChoice | null) => void;
  /** Start on the replacement the workbook's build made (ignored once the user has chosen). */
  preselect: (c: ReplaceChoice) => void;
  report: ReplaceReport | null;
  /** A build's own reading (its problems when it stopped, its counts when it built). */
  setReport: (r: ReplaceReport | null) => void;
  error: string | null;
}

export function useReplace(bundle: Bundle | null, spec: MeasureSpec): ReplaceState {
  const [choice, setChoice] = React.useState<ReplaceChoice | null>(null);
  const [report, setReport] = React.useState<ReplaceReport | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const touched = React.useRef(false);
  // the indicator and table read (the source text does not change what is read)
  const what = choice ? `${choice.id}|${choice.ref.kind}:${choice.ref.name}` : "";
  React.useEffect(() => {
    if (!choice || !bundle) return;
    let live = true;
    readAreaSource(choice.ref)
      .then((grid) => {
        if (!live) return;
        setReport(readReplacement(grid, bundle, spec, choice).report);
        setError(null);
      })
      .catch(
        (e: unknown) =>
          live && setError(`Could not read ${choice.ref.name}: ${e instanceof Error ? e.message : String(e)}`),
      );
    return () => {
      live = false;
    };
    // re-read when the indicator or the table changes (not when the source text does)
  }, [what, bundle, spec]);
  const select = (c: ReplaceChoice | null) => {
    touched.current = true;
    if (!c) setReport(null);
    setChoice(c);
  };
  const preselect = React.useCallback((c: ReplaceChoice) => {
    if (!touched.current) setChoice(c);
  }, []);
  return { choice, select, preselect, report, setReport, error };
}
