/**
 * useBuild: the task pane's build state (workbook check, rebuild/copy choice, phase, progress,
 * report, problems, error, cancel) and the build() that runs buildInWorkbook against Excel.
 */
import * as React from "react";
import type { MeasureSpec } from "../core/spec";
import type { Bundle } from "../data/bundle";
import { ALL_SHEET_NAMES } from "../workbook/plan";
import type { WriteProgress, WriteReport } from "../workbook/officeWriter";
import type { WeightsProblem } from "../workbook/weightsCodec";
import type { Phase } from "./components/BuildCard";
import {
  type BuildAnswer,
  type BuildChoice,
  type BuildOutcome,
  type BuildQuestion,
  buildInWorkbook,
  BuildStopped,
  builtFormulas,
  builtSummaries,
  interrupted,
  type RebuildSource,
  workbookMeasure,
  workbookSettings,
} from "./controller";
import { type AreasRef, excel, type WorkbookCheck } from "./excel";
import type { MeasureProblem } from "../workbook/measureCodec";
import type { ReplaceChoice, ReplaceReport } from "./replaceSource";
import {
  DEFAULT_FORMULA_CHOICE,
  fitSettings,
  type FormulaChoice,
  type PaneOptions,
  paneOptionsFromWorkbook,
} from "./model";

/** Lets React paint (progress, spinner) before a long synchronous step. */
const nextFrame = () => new Promise<void>((r) => setTimeout(r, 30));

export interface UseBuildArgs {
  spec: MeasureSpec;
  /** "given": build `spec` as it is, never the Measure sheet's measure (default "workbook": see BuildRequest). */
  specFrom?: "workbook" | "given";
  bundle: Bundle | null;
  /** The options card's values (the build reads them and writes back the ones it used). */
  options: PaneOptions;
  setOptions: React.Dispatch<React.SetStateAction<PaneOptions>>;
  /** Called after a build finished (complete or cancelled), with its outcome. */
  onBuilt?: (outcome: BuildOutcome) => void;
  /** The Data card's table (null or omitted: the bundled indicators). */
  areas?: AreasRef | null;
  /** Called when a build stopped on the table's problems (the areas codec's, by cell). */
  onDataProblems?: (problems: MeasureProblem[]) => void;
  /** The Replace card's replacement (null or omitted: none). */
  replace?: ReplaceChoice | null;
  /** Called when a build stopped on the replacement's problems (by cell). */
  onReplaceProblems?: (report: ReplaceReport) => void;
  /** The Compare sheet's baseline: a saved scenario's name (default: the spec's settings). */
  baseline?: string;
}

export interface BuildState {
  check: WorkbookCheck | null;
  choice: BuildChoice;
  setChoice: (choice: BuildChoice) => void;
  phase: Phase;
  progress: WriteProgress | null;
  report: WriteReport | null;
  error: string | null;
  setError: (error: string | null) => void;
  cancelling: boolean;
  outcome: BuildOutcome | null;
  problems: WeightsProblem[];
  /** Area summary sheets besides the districts (prefilled from the existing build's index). */
  summaries: string[];
  setSummaries: (ids: string[]) => void;
  /** Add-in or native formulas (prefilled from the existing build's index). */
  formulas: FormulaChoice;
  setFormulas: (f: FormulaChoice) => void;
  /**
   * The workbook's measure (its Measure sheet, read cleanly), which the Options card shows; null:
   * the spec the pane was given (no Measure sheet, or one with problems — a rebuild asks about them).
   */
  measure: MeasureSpec | null;
  /** Re-reads the workbook (existing build, its Measure and Weights sheets into the card). */
  refreshCheck: () => Promise<void>;
  /** Builds; "previous" restores the build before an interrupted one. */
  build: (source?: RebuildSource) => Promise<void>;
  cancel: () => void;
  /** The question the build waits on (Weights problems, user cells, a renamed sheet, a stale lock). */
  question: BuildQuestion | null;
  answer: (a: BuildAnswer) => void;
  /** Why a build stopped before writing anything (the user said cancel to a question). */
  stopped: string | null;
  /** The last rebuild was cancelled or failed and left HLN sheets incomplete. */
  interrupted: boolean;
}

export function useBuild({
  spec,
  specFrom = "workbook",
  bundle,
  options,
  setOptions,
  onBuilt,
  areas,
  onDataProblems,
  replace,
  onReplaceProblems,
  baseline,
}: UseBuildArgs): BuildState {
  const [check, setCheck] = React.useState<WorkbookCheck | null>(null);
  const [choice, setChoice] = React.useState<BuildChoice>("rebuild");
  const [phase, setPhase] = React.useState<Phase>("idle");
  const [progress, setProgress] = React.useState<WriteProgress | null>(null);
  const [report, setReport] = React.useState<WriteReport | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [cancelling, setCancelling] = React.useState(false);
  const cancelRef = React.useRef(false);
  const [outcome, setOutcome] = React.useState<BuildOutcome | null>(null);
  const [problems, setProblems] = React.useState<WeightsProblem[]>([]);
  const [summaries, setSummaries] = React.useState<string[]>([]);
  const [formulas, setFormulas] = React.useState<FormulaChoice>(DEFAULT_FORMULA_CHOICE);
  const [question, setQuestion] = React.useState<{ q: BuildQuestion; resolve: (a: BuildAnswer) => void } | null>(null);
  const [stopped, setStopped] = React.useState<string | null>(null);
  const [measure, setMeasure] = React.useState<MeasureSpec | null>(null);
  const ask = (q: BuildQuestion) => new Promise<BuildAnswer>((resolve) => setQuestion({ q, resolve }));
  const answer = (a: BuildAnswer) => {
    question?.resolve(a);
    setQuestion(null);
  };

  // the card shows the existing build's measure and Weights sheet (fields typed in the pane keep their value)
  const refreshCheck = React.useCallback(async () => {
    try {
      const c = await excel.checkWorkbook(ALL_SHEET_NAMES);
      setCheck(c);
      const m = specFrom === "given" ? null : workbookMeasure(c, spec);
      setMeasure(m?.spec && m.from !== "bundled" ? m.spec : null);
      const shown = m?.spec ?? spec;
      const read = workbookSettings(c, shown);
      setOptions((o) =>
        read ? paneOptionsFromWorkbook(o, read.settings) : { ...o, settings: fitSettings(shown, o.settings) },
      );
      if (c.index) setSummaries(builtSummaries(c));
      const mode = builtFormulas(c);
      if (mode) setFormulas(mode);
    } catch (e) {
      setCheck(null);
      setError(`Could not read the workbook: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, [spec, specFrom, setOptions]);

  const build = async (source?: RebuildSource) => {
    if (!bundle) return;
    cancelRef.current = false;
    setCancelling(false);
    setStopped(null);
    setError(null);
    setReport(null);
    setProgress(null);
    setProblems([]);
    setPhase("computing");
    await nextFrame();
    try {
      const out = await buildInWorkbook(
        {
          spec,
          specFrom,
          bundle,
          // the Data card's choice, always explicit (null: the bundled indicators)
          areas: areas ?? null,
          // the Replace card's choice, always explicit too (null: none)
          replace: replace ?? null,
          ...(baseline !== undefined ? { baseline } : {}),
          pane: options,
          choice: source ? "rebuild" : choice,
          // Finish / Restore rebuild the summaries the interrupted build saved
          summaries: source ? undefined : summaries,
          // …and in the existing build's formula mode
          formulas: source ? undefined : formulas,
          source,
          ask,
          isCancelled: () => cancelRef.current,
          onProgress: setProgress,
          onComputed: async () => {
            setPhase("writing");
            await nextFrame();
          },
        },
        excel,
      );
      setOutcome(out);
      setOptions(out.pane);
      setProblems(out.problems);
      setReport(out.report ?? null);
      setPhase(out.status === "complete" ? "done" : "cancelled");
      onBuilt?.(out);
    } catch (e) {
      if (e instanceof BuildStopped) {
        setStopped(e.message);
        if (e.reason === "data-problems") onDataProblems?.(e.problems);
        else if (e.reason === "replace-problems") {
          if (e.replaced) onReplaceProblems?.(e.replaced);
        } else setProblems(e.problems);
        setPhase("idle");
      } else {
        setError(e instanceof Error ? e.message : String(e));
        setPhase("error");
      }
    } finally {
      setQuestion(null);
      setCancelling(false);
      void refreshCheck();
    }
  };

  const cancel = () => {
    cancelRef.current = true;
    setCancelling(true);
    if (question) answer("cancel");
  };

  return {
    check,
    measure,
    choice,
    setChoice,
    phase,
    progress,
    report,
    error,
    setError,
    cancelling,
    outcome,
    problems,
    summaries,
    setSummaries,
    formulas,
    setFormulas,
    refreshCheck,
    build,
    cancel,
    question: question?.q ?? null,
    answer,
    stopped,
    interrupted: check ? interrupted(check) : false,
  };
}
