import * as React from "react";
import {
  Caption1,
  Card,
  CardHeader,
  Text,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Title3,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import type { MeasureResult } from "../core/buildMeasure";
import { listIndicators, type MeasureSpec } from "../core/spec";
import { hlnSpec } from "../core/specs";
import type { Bundle } from "../data/bundle";
import { SHEET_NAMES } from "../workbook/plan";
import type { WorkbookPlan } from "../workbook/planTypes";
import type { WriteProgress, WriteReport } from "../workbook/officeWriter";
import { BuildCard, type BuildChoice, type Phase } from "./components/BuildCard";
import { DatasetCard } from "./components/DatasetCard";
import { OptionsCard } from "./components/OptionsCard";
import { ResultCard } from "./components/ResultCard";
import { TraceCard } from "./components/TraceCard";
import { checkWorkbook, goTo, readSheetValues, readWeights, writePlan, type WorkbookCheck } from "./excel";
import { MapView, mapDataFromResult, mapDataFromScoreSheet } from "./map";
import {
  type AreaMatch,
  defaultOptions,
  keptSettings,
  makePlan,
  type ResultSummary,
  runMeasure,
  searchAreas,
  summariseDataset,
  summariseResult,
  traceArea,
  type UiOptions,
  validateUiOptions,
} from "./model";

const useStyles = makeStyles({
  card: { width: "100%", boxSizing: "border-box" },
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    maxWidth: "640px",
    margin: "0 auto",
    boxSizing: "border-box",
  },
  header: {
    display: "flex",
    flexDirection: "column",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: tokens.spacingVerticalS,
  },
});

const BASE_NAMES = Object.values(SHEET_NAMES);
const spec = hlnSpec;

/** Lets React paint (progress, spinner) before a long synchronous step. */
const nextFrame = () => new Promise<void>((r) => setTimeout(r, 30));

export interface AppProps {
  /** Loads the bundled dataset (fetch in the page; injectable for tests). */
  loadBundle: () => Promise<Bundle>;
}

export function App({ loadBundle }: AppProps): React.JSX.Element {
  const s = useStyles();
  const [bundle, setBundle] = React.useState<Bundle | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [options, setOptions] = React.useState<UiOptions>(() => defaultOptions(spec));
  const [check, setCheck] = React.useState<WorkbookCheck | null>(null);
  const [choice, setChoice] = React.useState<BuildChoice>("rebuild");
  const [phase, setPhase] = React.useState<Phase>("idle");
  const [progress, setProgress] = React.useState<WriteProgress | null>(null);
  const [report, setReport] = React.useState<WriteReport | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [cancelling, setCancelling] = React.useState(false);
  const cancelRef = React.useRef(false);
  const [kept, setKept] = React.useState<string[]>([]);
  const [built, setBuilt] = React.useState<{
    spec: MeasureSpec;
    result: MeasureResult;
    plan: WorkbookPlan;
    summary: ResultSummary;
    written: boolean;
  } | null>(null);
  const [area, setArea] = React.useState<AreaMatch | null>(null);
  const [indicatorId, setIndicatorId] = React.useState(listIndicators(spec)[0].indicator.id);

  const refreshCheck = React.useCallback(async () => {
    try {
      setCheck(await checkWorkbook(BASE_NAMES));
    } catch (e) {
      setCheck(null);
      setError(`Could not read the workbook: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, []);

  React.useEffect(() => {
    loadBundle()
      .then(setBundle)
      .catch((e) => setLoadError(e instanceof Error ? e.message : String(e)));
    void refreshCheck();
  }, [loadBundle, refreshCheck]);

  const dataset = React.useMemo(() => (bundle ? summariseDataset(spec, bundle) : null), [bundle]);
  const errors = validateUiOptions(options);
  const indicators = React.useMemo(
    () =>
      listIndicators(spec).map(({ indicator, dimension, subdimension }) => ({
        id: indicator.id,
        label: indicator.label,
        group: subdimension ? `${dimension.label} › ${subdimension.label}` : dimension.label,
      })),
    [],
  );

  const build = async () => {
    if (!bundle) return;
    cancelRef.current = false;
    setCancelling(false);
    setError(null);
    setReport(null);
    setProgress(null);
    setPhase("computing");
    await nextFrame();
    try {
      const state = await checkWorkbook(BASE_NAMES);
      setCheck(state);
      const exists = state.existing.length > 0;
      const rebuild = exists && choice === "rebuild" && state.conflicts.length === 0;
      const suffix = rebuild || (!exists && state.conflicts.length === 0) ? "" : state.copySuffix;
      // Rebuild (keep my weights): compute with the workbook's weights, so the sheets' stored
      // values and this summary agree with what the recalculated workbook shows
      let useSpec = spec;
      let ui = options;
      let extra = {};
      let keptNote: string[] = [];
      if (rebuild && state.existing.includes(SHEET_NAMES.weights)) {
        const kept = keptSettings(spec, await readWeights(SHEET_NAMES.weights), options);
        useSpec = kept.spec;
        ui = kept.ui;
        extra = kept.build;
        keptNote = kept.changed;
        setOptions(kept.ui);
      }
      setKept(keptNote);
      await nextFrame();
      const result = runMeasure(useSpec, bundle, ui, extra);
      const plan = makePlan(useSpec, bundle, result, suffix);
      const summary = summariseResult(result, bundle);
      setBuilt({ spec: useSpec, result, plan, summary, written: false });
      if (cancelRef.current) {
        setPhase("cancelled");
        return;
      }
      setPhase("writing");
      const r = await writePlan(plan, {
        mode: rebuild ? "rebuild" : "create",
        keepWeights: true,
        onProgress: setProgress,
        isCancelled: () => cancelRef.current,
      });
      setReport(r);
      setBuilt({
        spec: useSpec,
        result,
        plan,
        summary,
        written: r.status === "complete",
      });
      setPhase(r.status === "complete" ? "done" : "cancelled");
      if (!area && summary.top[0])
        setArea({
          index: summary.top[0].index,
          code: summary.top[0].code,
          name: summary.top[0].name,
          la: summary.top[0].la,
        });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setPhase("error");
    } finally {
      setCancelling(false);
      void refreshCheck();
    }
  };

  const search = React.useCallback((q: string) => (bundle ? searchAreas(bundle, q) : []), [bundle]);
  const steps = React.useMemo(
    () => (built && area ? traceArea(built.spec, built.plan, built.result, area.index, indicatorId) : []),
    [built, area, indicatorId],
  );
  const mapData = React.useMemo(
    () => (bundle && built ? mapDataFromResult(bundle, built.result) : null),
    [bundle, built],
  );
  const refreshMap = React.useCallback(async () => {
    if (!bundle || !built) throw new Error("build first");
    const score = built.plan.sheets.find((x) => x.role === "score")!.name;
    return mapDataFromScoreSheet(await readSheetValues(score), bundle.geography, bundle.columns.pop_total, {
      dimensions: built.spec.dimensions.map((d) => ({ id: d.id, label: d.label })),
    });
  }, [bundle, built]);
  const pickCode = (code: string) => {
    const i = bundle ? bundle.geography.lsoa21Code.indexOf(code) : -1;
    if (i >= 0) pick(i);
  };
  const pick = (index: number) => {
    if (!bundle) return;
    const g = bundle.geography;
    setArea({
      index,
      code: g.lsoa21Code[index],
      name: g.lsoa21Name[index],
      la: g.ladName[index],
    });
    document.getElementById("trace-title")?.scrollIntoView({ behavior: "smooth", block: "start" });
  };

  return (
    <FluentProvider theme={webLightTheme}>
      <main className={s.root}>
        <header className={s.header}>
          <Title3 as="h1">Hyper-local Need</Title3>
          <Caption1>OCSI&apos;s small-area measure of need for England, built in this workbook</Caption1>
        </header>
        {loadError && (
          <MessageBar intent="error">
            <MessageBarBody>Could not load the bundled dataset: {loadError}</MessageBarBody>
          </MessageBar>
        )}
        {!dataset && !loadError && <Spinner size="small" label="Loading the dataset…" />}
        {dataset && <DatasetCard data={dataset} />}
        {dataset && (
          <OptionsCard
            dimensions={dataset.dimensions}
            options={options}
            errors={errors}
            disabled={phase === "computing" || phase === "writing"}
            onChange={setOptions}
            onReset={() => setOptions(defaultOptions(spec))}
          />
        )}
        {dataset && (
          <BuildCard
            check={check}
            choice={choice}
            onChoice={setChoice}
            phase={phase}
            progress={progress}
            report={report}
            kept={kept}
            error={error}
            canBuild={!!bundle && Object.keys(errors).length === 0}
            cancelling={cancelling}
            onBuild={() => void build()}
            onCancel={() => {
              cancelRef.current = true;
              setCancelling(true);
            }}
          />
        )}
        {built && phase !== "computing" && phase !== "writing" && <ResultCard summary={built.summary} onPick={pick} />}
        {built && phase !== "computing" && phase !== "writing" && (
          <Card className={s.card} aria-labelledby="map-title">
            <CardHeader
              header={
                <Text weight="semibold" id="map-title" as="h2" style={{ margin: 0 }}>
                  Map
                </Text>
              }
              description={<Caption1>Click an LA to open its LSOAs; click an LSOA to trace it</Caption1>}
            />
            <MapView
              data={mapData}
              onSelectLsoa={pickCode}
              selectedCode={area?.code}
              onRefresh={built.written ? refreshMap : undefined}
            />
          </Card>
        )}
        {built && phase !== "computing" && phase !== "writing" && (
          <TraceCard
            search={search}
            area={area}
            onArea={setArea}
            indicators={indicators}
            indicatorId={indicatorId}
            onIndicator={setIndicatorId}
            steps={steps}
            canGoTo={built.written}
            onGoTo={(sheet, address) => void goTo(sheet, address).catch((e) => setError(String(e)))}
          />
        )}
      </main>
    </FluentProvider>
  );
}
