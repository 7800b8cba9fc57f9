import * as React from "react";
import {
  Caption1,
  Card,
  CardHeader,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Switch,
  Text,
} from "@fluentui/react-components";
import { listIndicators, type MeasureSpec } from "../../core/spec";
import type { Bundle } from "../../data/bundle";
import type { AreasChoice, AreasRef } from "../excel";
import { replaceColumns, type ReplaceChoice, type ReplaceReport } from "../replaceSource";
import { CellList } from "./CellList";
import { useStyles } from "./styles";

interface Props {
  spec: MeasureSpec;
  /** The bundled data (each indicator's status in the list). */
  bundle: Bundle;
  /** The workbook's tables and sheets (null: not listed yet). */
  sources: AreasChoice[] | null;
  /** The replacement asked for; null: none. */
  choice: ReplaceChoice | null;
  onChoice: (c: ReplaceChoice | null) => void;
  /** What was read of the chosen table (null: not read yet). */
  report: ReplaceReport | null;
  disabled?: boolean;
}

const key = (r: AreasRef) => `${r.kind}:${r.name}`;
const label = (c: AreasChoice) =>
  c.kind === "table" ? `Table ${c.name} (${c.sheet}!${c.address})` : `Sheet ${c.name} (${c.address})`;
const n = (x: number) => x.toLocaleString("en-GB");

/** The first indicator the bundle has no real data for (synthetic, then proxy), else the first. */
function firstToReplace(spec: MeasureSpec, bundle: Bundle): string {
  const ids = listIndicators(spec).map((x) => x.indicator.id);
  const status = (id: string) => bundle.meta.indicators.find((m) => m.id === id)?.status;
  return ids.find((id) => status(id) === "synthetic") ?? ids.find((id) => status(id) === "proxy") ?? ids[0];
}

/** Areas matched, missing and codes not in the data, or the cells that stop the build. */
function ReplaceSummary({ report }: { report: ReplaceReport }): React.JSX.Element {
  const p = report.problems;
  if (p.length > 0)
    return (
      <MessageBar intent="error" layout="multiline" data-testid="replace-problems">
        <MessageBarBody>
          <MessageBarTitle>
            {p.length} problem{p.length === 1 ? "" : "s"}: nothing is built until they are fixed
          </MessageBarTitle>
          <CellList items={p} testId="replace-problem-list" />
        </MessageBarBody>
      </MessageBar>
    );
  return <Caption1 data-testid="replace-report">{summaryText(report)}</Caption1>;
}

/** "280 of 300 areas have a value (jobs_density), 20 without (…); 2 codes not in the data (first: …)." */
export function summaryText(r: ReplaceReport): string {
  const first = (xs: string[]) => (xs.length ? `; first: ${xs.join(", ")}` : "");
  return (
    `${n(r.matched)} of ${n(r.areas)} areas have a value (${r.columns.join(", ")})` +
    (r.missing > 0 ? `, ${n(r.missing)} without (missing in that indicator${first(r.firstMissing)})` : "") +
    (r.unmatched > 0
      ? `; ${n(r.unmatched)} code${r.unmatched === 1 ? "" : "s"} not in the data (first: ${r.firstUnmatched.join(", ")})`
      : "") +
    "."
  );
}

/** Replace one indicator of the bundled data with a column of the user's, keyed by area code (read only). */
export function ReplaceCard(p: Props): React.JSX.Element {
  const s = useStyles();
  const sources = p.sources ?? [];
  const c = p.choice;
  const indicators = listIndicators(p.spec).map((x) => x.indicator);
  const status = (id: string) => p.bundle.meta.indicators.find((m) => m.id === id)?.status ?? "user";
  const cols = c ? (replaceColumns(p.spec, c.id) ?? []) : [];
  const turnOn = (on: boolean) =>
    p.onChoice(on && sources[0] ? { id: firstToReplace(p.spec, p.bundle), ref: sources[0], source: "" } : null);
  return (
    <Card className={s.card} aria-labelledby="replace-title">
      <CardHeader
        header={
          <Text weight="semibold" id="replace-title" as="h2" style={{ margin: 0 }}>
            Replace one indicator
          </Text>
        }
      />
      <Switch
        checked={!!c}
        disabled={p.disabled || sources.length === 0}
        onChange={(_, d) => turnOn(d.checked)}
        label="Use my data for one indicator"
      />
      {sources.length === 0 && p.sources !== null && (
        <Caption1 className={s.muted}>No table or filled sheet of yours in this workbook.</Caption1>
      )}
      {c && (
        <>
          <Field label="Indicator">
            <Select value={c.id} disabled={p.disabled} onChange={(_, d) => p.onChoice({ ...c, id: d.value })}>
              {indicators.map((x) => (
                <option key={x.id} value={x.id}>
                  {`${x.label} (${status(x.id)})`}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Values: a table or sheet with area codes">
            <Select
              value={key(c.ref)}
              disabled={p.disabled}
              onChange={(_, d) => {
                const ref = sources.find((x) => key(x) === d.value);
                if (ref) p.onChoice({ ...c, ref: { kind: ref.kind, name: ref.name } });
              }}
            >
              {sources.map((x) => (
                <option key={key(x)} value={key(x)}>
                  {label(x)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Source (shown on About and Sources)">
            <Input
              value={c.source}
              disabled={p.disabled}
              placeholder="e.g. ONS BRES 2023"
              onChange={(_, d) => p.onChoice({ ...c, source: d.value })}
            />
          </Field>
          <Caption1 className={s.muted}>
            A header row with an area code column (area_code, code, lsoa21cd, …) and the indicator&apos;s column
            {cols.length > 1 ? "s, by name, any of: " : ", named "}
            {cols.join(", ")}. Its status becomes &quot;user&quot;. The table is only read.
          </Caption1>
          {p.report && p.report.id === c.id && <ReplaceSummary report={p.report} />}
        </>
      )}
    </Card>
  );
}
