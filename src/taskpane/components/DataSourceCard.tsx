import * as React from "react";
import {
  Button,
  Caption1,
  Card,
  CardHeader,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Text,
} from "@fluentui/react-components";
import type { MeasureProblem } from "../../workbook/measureCodec";
import type { AreasChoice, AreasRef } from "../excel";
import { CellList } from "./CellList";
import { useStyles } from "./styles";

/** What the areas codec said of the chosen table (its problems stop a build; its warnings do not). */
export interface AreasReport {
  problems: MeasureProblem[];
  warnings: MeasureProblem[];
  /** Areas read (no problems). */
  areas?: number;
}

interface Props {
  /** The workbook's tables and sheets (null: not listed yet). */
  sources: AreasChoice[] | null;
  /** The table chosen; null: the bundled LSOA indicators. */
  selected: AreasRef | null;
  onSelect: (ref: AreasRef | null) => void;
  onRefresh: () => void;
  report: AreasReport | null;
  disabled?: boolean;
}

const key = (r: AreasRef) => `${r.kind}:${r.name}`;
const label = (c: AreasChoice) =>
  c.kind === "table" ? `Table ${c.name} (${c.sheet}!${c.address})` : `Sheet ${c.name} (${c.address})`;

/** Where the build's areas come from: the bundled indicators, or a table in this workbook (read only). */
export function DataSourceCard(p: Props): React.JSX.Element {
  const s = useStyles();
  const sources = p.sources ?? [];
  const pick = (k: string) => p.onSelect(sources.find((c) => key(c) === k) ?? null);
  const firstChoice = sources[0];
  return (
    <Card className={s.card} aria-labelledby="data-source-title">
      <CardHeader
        header={
          <Text weight="semibold" id="data-source-title" as="h2" style={{ margin: 0 }}>
            Data
          </Text>
        }
      />
      <RadioGroup
        value={p.selected ? "table" : "bundled"}
        disabled={p.disabled}
        onChange={(_, d) => p.onSelect(d.value === "table" ? (p.selected ?? firstChoice ?? null) : null)}
        aria-label="Data source"
      >
        <Radio value="bundled" label="The bundled LSOA indicators" />
        <Radio value="table" label="A table in this workbook" disabled={sources.length === 0} />
      </RadioGroup>
      {sources.length === 0 && p.sources !== null && (
        <Caption1 className={s.muted}>No table or filled sheet of yours in this workbook.</Caption1>
      )}
      {p.selected && (
        <Field label="Table or sheet">
          <Select value={key(p.selected)} disabled={p.disabled} onChange={(_, d) => pick(d.value)}>
            {sources.map((c) => (
              <option key={key(c)} value={key(c)}>
                {label(c)}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <div className={s.actions}>
        <Button size="small" disabled={p.disabled} onClick={p.onRefresh}>
          Refresh list
        </Button>
      </div>
      {p.selected && (
        <Caption1 className={s.muted}>
          One row per area: an area code and a group code column, optional name and population, and a column for each
          column the measure reads. The table is only read: the pane never changes it.
        </Caption1>
      )}
      {p.selected && p.report && p.report.problems.length > 0 && (
        <MessageBar intent="error" layout="multiline" data-testid="data-problems">
          <MessageBarBody>
            <MessageBarTitle>
              {p.report.problems.length} problem{p.report.problems.length === 1 ? "" : "s"}: nothing is built until they
              are fixed
            </MessageBarTitle>
            <CellList items={p.report.problems} testId="data-problem-list" />
          </MessageBarBody>
        </MessageBar>
      )}
      {p.selected && p.report && p.report.problems.length === 0 && (
        <Caption1 data-testid="data-areas">{(p.report.areas ?? 0).toLocaleString("en-GB")} areas read.</Caption1>
      )}
      {p.selected && p.report && p.report.warnings.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="data-warnings">
          <MessageBarBody>
            <MessageBarTitle>Built with these cells as noted</MessageBarTitle>
            <CellList items={p.report.warnings} testId="data-warning-list" />
          </MessageBarBody>
        </MessageBar>
      )}
    </Card>
  );
}
