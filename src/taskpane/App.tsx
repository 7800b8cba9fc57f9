import * as React from "react";
import { listIndicators } from "../core/spec";
import { FluentProvider, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import { type MeasureSpec } from "../core/spec";
import { hlnSpec } from "../core/specs";
import type { Bundle } from "../data/bundle";
import { areaLabels } from "../workbook/plan";
import { BuildCard } from "./components/BuildCard";
import { DatasetCard } from "./components/DatasetCard";
import { OptionsCard } from "./components/OptionsCard";
import { CompareCard } from "./components/CompareCard";
import { ScenariosCard } from "./components/ScenariosCard";
import { UncertaintyCard } from "./components/UncertaintyCard";
import { useUncertainty } from "./useUncertainty";
import { useScenarios } from "./useScenarios";
import { SPEC_SCENARIO } from "../core/scenario";
import { ResultCard } from "./components/ResultCard";
import { TraceCard } from "./components/TraceCard";
import { type BuildOutcome, builtAreas, builtReplacement } from "./controller";
import { goTo, type WorkbookCheck } from "./excel";
import { DataCards } from "./DataCards";
import { LoadStatus } from "./LoadStatus";
import { MapCard } from "./MapCard";
import {
  type AreaMatch,
  editPaneOption,
  type PaneOptions,
  paneOptionsFromSpec,
  summariseDataset,
  validatePaneOptions,
} from "./model";
import { PaneHeader } from "./PaneHeader";
import { useAreas } from "./useAreas";
import { useBuild } from "./useBuild";
import { useReplace } from "./useReplace";
import { useSpecChoice } from "./useSpecChoice";
import { firstArea, useTrace } from "./useTrace";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    maxWidth: "640px",
    margin: "0 auto",
    boxSizing: "border-box",
  },
});

export interface AppProps {
  /** Loads the bundled dataset (fetch in the page; injectable for tests). */
  loadBundle: () => Promise<Bundle>;
  /** The measure to build (default: the bundled HLN spec). */
  spec?: MeasureSpec;
}

/** The Uncertainty card of a complete build (the analysis reads the data the build was made from). */
function Robustness({ outcome, noun }: { outcome: BuildOutcome; noun: string }) {
  const u = useUncertainty(outcome);
  return <UncertaintyCard u={u} noun={noun} />;
}

/** The result of a build: the top areas, and what the settings changed against the Compare sheet's baseline. */
function OutcomeCards({
  outcome,
  onPick,
  noun,
}: {
  outcome: BuildOutcome;
  onPick?: (index: number) => void;
  noun: string;
}): React.JSX.Element {
  return (
    <>
      <ResultCard summary={outcome.summary} onPick={onPick} noun={noun} />
      {outcome.comparison && (
        <CompareCard
          compare={outcome.comparison}
          compareSheet={outcome.plan.sheets.find((x) => x.role === "compare")?.name ?? "HLN Compare"}
          onPick={onPick}
          noun={noun}
        />
      )}
      {outcome.status === "complete" && <Robustness outcome={outcome} noun={noun} />}
    </>
  );
}

/** Build can start: the bundle loaded, no field errors, no problems in the chosen table, replacement or spec file. */
function buildable(
  loaded: boolean,
  errors: object,
  d: ReturnType<typeof useAreas>,
  r: ReturnType<typeof useReplace>,
  m: ReturnType<typeof useSpecChoice>,
): boolean {
  return (
    loaded &&
    Object.keys(errors).length === 0 &&
    !(d.selected && d.report?.problems.length) &&
    !(!d.selected && r.choice && r.report?.problems.length) &&
    !(m.source === "file" && !m.file?.spec)
  );
}

/** The Measure sheet a build read its measure from (undefined: the bundled spec). */
const builtMeasureSheet = (o: BuildOutcome | null) =>
  o && o.measureFrom !== "bundled" ? o.plan.sheets.find((x) => x.role === "measure")?.name : undefined;

/** The Scenarios card, once the workbook has a Scenarios sheet (a build). */
function SavedScenarios(p: {
  check: WorkbookCheck | null;
  spec: MeasureSpec;
  refreshCheck: () => Promise<void>;
  baseline: string;
  setBaseline: (name: string) => void;
  disabled: boolean;
}): React.JSX.Element | null {
  const sc = useScenarios(p.check, p.spec, p.refreshCheck, p.baseline, p.setBaseline);
  if (!sc.sheet) return null;
  return (
    <ScenariosCard
      sheet={sc.sheet}
      names={sc.names}
      problems={sc.problems}
      baseline={p.baseline}
      onBaseline={p.setBaseline}
      onSave={sc.save}
      disabled={p.disabled}
    />
  );
}

export function App({ loadBundle, spec = hlnSpec }: AppProps): React.JSX.Element {
  const s = useStyles();
  const [bundle, setBundle] = React.useState<Bundle | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [options, setOptions] = React.useState<PaneOptions>(() => paneOptionsFromSpec(spec));
  const [area, setArea] = React.useState<AreaMatch | null>(null);
  const [measure, setMeasure] = React.useState<MeasureSpec | null>(null);
  // the measure built: the bundled spec, a spec file's, or (specFrom "workbook") the Measure sheet's
  const m = useSpecChoice(spec);
  const d = useAreas(measure ?? m.spec);
  const r = useReplace(bundle, measure ?? m.spec);
  const [baseline, setBaseline] = React.useState(SPEC_SCENARIO);
  // after a build, trace the top area unless one is open (a bundle build: the trace and map are the bundle's)
  const b = useBuild({
    spec: m.spec,
    specFrom: m.specFrom,
    bundle,
    options,
    setOptions,
    areas: d.selected,
    onDataProblems: (problems) => d.setReport({ problems, warnings: [] }),
    // a replacement applies to the bundled data only
    replace: d.selected ? null : r.choice,
    onReplaceProblems: r.setReport,
    baseline,
    onBuilt: (out) => {
      if (out.replaced) r.setReport(out.replaced);
      if (out.areasFrom) d.setReport({ problems: [], warnings: out.dataWarnings, areas: out.areasFrom.areas });
      else setArea((a) => a ?? firstArea(out));
    },
  });
  React.useEffect(() => setMeasure(b.measure), [b.measure]);
  // a workbook built from one of its tables: the Data card starts on that table (so Rebuild reads it again)
  const { preselect } = d;
  const { preselect: preselectReplace } = r;
  React.useEffect(() => {
    const from = b.check ? builtAreas(b.check) : null;
    if (from) preselect(from);
    const replaced = b.check ? builtReplacement(b.check) : null;
    if (replaced) preselectReplace(replaced);
  }, [b.check, preselect, preselectReplace]);
  // the Options card shows the workbook's measure (its Measure sheet) when it has one; the trace, the built one
  const shown = b.measure ?? m.spec;
  const t = useTrace({ spec: b.outcome?.spec ?? shown, bundle, outcome: b.outcome, area, setArea });
  const { refreshCheck } = b;
  const { refresh: refreshSources } = d;
  const labels = areaLabels(spec);
  const noun = labels.noun;

  React.useEffect(() => {
    loadBundle()
      .then(setBundle)
      .catch((e) => setLoadError(e instanceof Error ? e.message : String(e)));
  }, [loadBundle]);
  // again when the measure chosen changes (the Options card follows it)
  React.useEffect(() => void refreshCheck().then(refreshSources), [refreshCheck, refreshSources]);

  // an indicator replaced with the user's data has data: not among those the Options switch includes
  const replacedLabel = r.choice
    ? listIndicators(shown).find((x) => x.indicator.id === r.choice!.id)?.indicator.label
    : undefined;
  const dataset = React.useMemo(() => (bundle ? summariseDataset(spec, bundle) : null), [bundle, spec]);
  const errors = validatePaneOptions(shown, options);
  const busy = b.phase === "computing" || b.phase === "writing";
  const outcome = busy ? null : b.outcome;
  const written = b.outcome?.status === "complete";
  // the map and the trace are the bundle's areas: not shown for a build from a workbook table
  const bundled = !outcome?.areasFrom;

  return (
    <FluentProvider theme={webLightTheme}>
      <main className={s.root}>
        <PaneHeader title={spec.label} />
        <LoadStatus loaded={!!dataset} loadError={loadError} />
        {dataset && <DatasetCard data={dataset} />}
        {dataset && bundle && (
          <DataCards spec={shown} bundle={bundle} areas={d} replace={r} measure={m} check={b.check} disabled={busy} />
        )}
        {dataset && (
          <OptionsCard
            spec={shown}
            options={options}
            errors={errors}
            disabled={busy}
            onEdit={(field, value) => setOptions((o) => editPaneOption(o, field, value))}
            onReset={() => setOptions(paneOptionsFromSpec(shown))}
            weightsSheet={b.check?.weights?.sheet}
            summaries={bundle?.geography.ward24Code && !d.selected ? b.summaries : undefined}
            onSummaries={b.setSummaries}
            noOpenData={d.selected ? [] : dataset.synthetic.filter((l) => l !== replacedLabel)}
          />
        )}
        {dataset && (
          <BuildCard
            check={b.check}
            choice={b.choice}
            onChoice={b.setChoice}
            phase={b.phase}
            progress={b.progress}
            report={b.report}
            kept={b.outcome?.fromWorkbook ?? []}
            fromPane={b.outcome?.fromPane ?? []}
            measureSheet={builtMeasureSheet(b.outcome)}
            problems={b.problems}
            error={b.error ?? d.error ?? r.error}
            canBuild={buildable(!!bundle, errors, d, r, m)}
            cancelling={b.cancelling}
            onBuild={() => void b.build()}
            onCancel={b.cancel}
            question={b.question}
            onAnswer={b.answer}
            stopped={b.stopped}
            interrupted={b.interrupted}
            onFinish={() => void b.build("workbook")}
            onRestore={b.check?.state.previous ? () => void b.build("previous") : undefined}
            copiedTo={b.outcome?.copiedTo}
            formulas={b.formulas}
            onFormulas={b.setFormulas}
          />
        )}
        {dataset && (
          <SavedScenarios
            check={b.check}
            spec={shown}
            refreshCheck={b.refreshCheck}
            baseline={baseline}
            setBaseline={setBaseline}
            disabled={busy}
          />
        )}
        {outcome && <OutcomeCards outcome={outcome} onPick={bundled ? t.pick : undefined} noun={noun} />}
        {outcome && bundled && (
          <MapCard
            data={t.mapData}
            noun={noun}
            groupShort={labels.groupShort}
            onSelectLsoa={t.pickCode}
            selectedCode={area?.code}
            onRefresh={written ? t.refreshMap : undefined}
          />
        )}
        {outcome && bundled && (
          <TraceCard
            noun={noun}
            search={t.search}
            area={area}
            onArea={setArea}
            indicators={t.indicators}
            indicatorId={t.indicatorId}
            onIndicator={t.setIndicatorId}
            steps={t.steps}
            canGoTo={written}
            onGoTo={(sheet, address) => void goTo(sheet, address).catch((e) => b.setError(String(e)))}
          />
        )}
      </main>
    </FluentProvider>
  );
}
