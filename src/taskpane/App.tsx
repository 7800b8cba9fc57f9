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
import { listIndicators, type MeasureSpec } from "../core/spec";
import { hlnSpec } from "../core/specs";
import type { Bundle } from "../data/bundle";
import { areaLabels, ALL_SHEET_NAMES } from "../workbook/plan";
import { plural } from "../workbook/plan/areas";
import type { WriteProgress, WriteReport } from "../workbook/officeWriter";
import type { WeightsProblem } from "../workbook/weightsCodec";
import { BuildCard, type Phase } from "./components/BuildCard";
import { DatasetCard } from "./components/DatasetCard";
import { OptionsCard } from "./components/OptionsCard";
import { ResultCard } from "./components/ResultCard";
import { TraceCard } from "./components/TraceCard";
import { type BuildChoice, type BuildOutcome, buildInWorkbook, workbookSettings } from "./controller";
import { excel, goTo, type WorkbookCheck } from "./excel";
import { MapView, mapDataFromResult } from "./map";
import { mapDataFromColumns } from "./map/workbookColumns";
import {
  type AreaMatch,
  editPaneOption,
  mapColumns,
  type PaneOptions,
  paneOptionsFromSpec,
  paneOptionsFromWorkbook,
  searchAreas,
  summariseDataset,
  traceArea,
  validatePaneOptions,
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

/** Lets React paint (progress, spinner) before a long synchronous step. */
const nextFrame = () => new Promise<void>((r) => setTimeout(r, 30));

export interface AppProps {
  /** Loads the bundled dataset (fetch in the page; injectable for tests). */
  loadBundle: () => Promise<Bundle>;
  /** The measure to build (default: the bundled HLN spec). */
  spec?: MeasureSpec;
}

export function App({ loadBundle, spec = hlnSpec }: AppProps): React.JSX.Element {
  const s = useStyles();
  const [bundle, setBundle] = React.useState<Bundle | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [options, setOptions] = React.useState<PaneOptions>(() => paneOptionsFromSpec(spec));
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
  const [area, setArea] = React.useState<AreaMatch | null>(null);
  const [indicatorId, setIndicatorId] = React.useState(listIndicators(spec)[0].indicator.id);
  const labels = areaLabels(spec);
  const noun = labels.noun;

  // the card shows the existing build's Weights sheet (fields typed in the pane keep their value)
  const refreshCheck = React.useCallback(async () => {
    try {
      const c = await excel.checkWorkbook(ALL_SHEET_NAMES);
      setCheck(c);
      const read = workbookSettings(c, spec);
      if (read) setOptions((o) => paneOptionsFromWorkbook(o, read.settings));
    } catch (e) {
      setCheck(null);
      setError(`Could not read the workbook: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, [spec]);

  React.useEffect(() => {
    loadBundle()
      .then(setBundle)
      .catch((e) => setLoadError(e instanceof Error ? e.message : String(e)));
    void refreshCheck();
  }, [loadBundle, refreshCheck]);

  const dataset = React.useMemo(() => (bundle ? summariseDataset(spec, bundle) : null), [bundle, spec]);
  const errors = validatePaneOptions(spec, options);
  const indicators = React.useMemo(
    () =>
      listIndicators(spec).map(({ indicator, dimension, subdimension }) => ({
        id: indicator.id,
        label: indicator.label,
        group: subdimension ? `${dimension.label} › ${subdimension.label}` : dimension.label,
      })),
    [spec],
  );

  const build = async () => {
    if (!bundle) return;
    cancelRef.current = false;
    setCancelling(false);
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
          bundle,
          pane: options,
          choice,
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
      const first = out.summary.top[0];
      if (!area && first) setArea({ index: first.index, code: first.code, name: first.name, la: first.la });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setPhase("error");
    } finally {
      setCancelling(false);
      void refreshCheck();
    }
  };

  const written = outcome?.status === "complete";
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
  const pickCode = (code: string) => {
    const i = bundle ? bundle.geography.lsoa21Code.indexOf(code) : -1;
    if (i >= 0) pick(i);
  };
  const pick = (index: number) => {
    if (!bundle) return;
    const g = bundle.geography;
    setArea({ index, code: g.lsoa21Code[index], name: g.lsoa21Name[index], la: g.ladName[index] });
    document.getElementById("trace-title")?.scrollIntoView({ behavior: "smooth", block: "start" });
  };

  return (
    <FluentProvider theme={webLightTheme}>
      <main className={s.root}>
        <header className={s.header}>
          <Title3 as="h1">{spec.label}</Title3>
          <Caption1>A small-area measure of need with OCSI&apos;s method, built in this workbook</Caption1>
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
            spec={spec}
            options={options}
            errors={errors}
            disabled={phase === "computing" || phase === "writing"}
            onEdit={(field, value) => setOptions((o) => editPaneOption(o, field, value))}
            onReset={() => setOptions(paneOptionsFromSpec(spec))}
            weightsSheet={check?.weights?.sheet}
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
            kept={outcome?.fromWorkbook ?? []}
            fromPane={outcome?.fromPane ?? []}
            problems={problems}
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
        {outcome && phase !== "computing" && phase !== "writing" && (
          <ResultCard summary={outcome.summary} onPick={pick} noun={noun} />
        )}
        {outcome && phase !== "computing" && phase !== "writing" && (
          <Card className={s.card} aria-labelledby="map-title">
            <CardHeader
              header={
                <Text weight="semibold" id="map-title" as="h2" style={{ margin: 0 }}>
                  Map
                </Text>
              }
              description={
                <Caption1>
                  Click an {labels.groupShort} to open its {plural(noun)}; click an {noun} to trace it
                </Caption1>
              }
            />
            <MapView
              data={mapData}
              onSelectLsoa={pickCode}
              selectedCode={area?.code}
              onRefresh={written ? refreshMap : undefined}
            />
          </Card>
        )}
        {outcome && phase !== "computing" && phase !== "writing" && (
          <TraceCard
            noun={noun}
            search={search}
            area={area}
            onArea={setArea}
            indicators={indicators}
            indicatorId={indicatorId}
            onIndicator={setIndicatorId}
            steps={steps}
            canGoTo={written}
            onGoTo={(sheet, address) => void goTo(sheet, address).catch((e) => setError(String(e)))}
          />
        )}
      </main>
    </FluentProvider>
  );
}
