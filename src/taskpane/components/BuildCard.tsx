import * as React from "react";
import {
  Button,
  Caption1,
  Card,
  CardHeader,
  Checkbox,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Spinner,
  Text,
} from "@fluentui/react-components";
import type { WorkbookCheck } from "../excel";
import type { BuildChoice } from "../controller";
import type { WriteProgress, WriteReport } from "../../workbook/officeWriter";
import type { WeightsProblem } from "../../workbook/weightsCodec";
import type { BuildAnswer, BuildQuestion } from "../controller";
import type { FormulaChoice } from "../model";
import { QuestionCard } from "./QuestionCard";
import { useStyles } from "./styles";

export type Phase = "idle" | "computing" | "writing" | "done" | "cancelled" | "error";
export type { BuildChoice };

interface Props {
  check: WorkbookCheck | null;
  choice: BuildChoice;
  onChoice: (c: BuildChoice) => void;
  phase: Phase;
  progress: WriteProgress | null;
  report: WriteReport | null;
  /** Settings taken from the workbook's Weights sheet on a rebuild (differing from the spec). */
  kept: string[];
  /** Pane fields that won over the workbook on a rebuild. */
  fromPane: string[];
  /** The Measure sheet the build's measure was read from (absent: the bundled spec). */
  measureSheet?: string;
  /** Weights cells the rebuild could not use. */
  problems: WeightsProblem[];
  error: string | null;
  canBuild: boolean;
  cancelling: boolean;
  onBuild: () => void;
  onCancel: () => void;
  /** The question the build waits on, if any. */
  question?: BuildQuestion | null;
  onAnswer?: (a: BuildAnswer) => void;
  /** Why the last build stopped before writing (a question answered "cancel"). */
  stopped?: string | null;
  /** The last rebuild was cancelled or failed: offer Finish / Restore. */
  interrupted?: boolean;
  onFinish?: () => void;
  /** Restore the previous build (only when its settings were saved). */
  onRestore?: () => void;
  /** The sheet the user's cells in HLN sheets were copied to. */
  copiedTo?: string;
  /** Add-in or native ("a workbook to share") formulas; no picker when absent. */
  formulas?: FormulaChoice;
  onFormulas?: (f: FormulaChoice) => void;
}

const fmt = (n: number) => n.toLocaleString("en-GB");
const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;

export function BuildCard(p: Props): React.JSX.Element {
  const s = useStyles();
  const busy = p.phase === "computing" || p.phase === "writing";
  const exists = (p.check?.existing.length ?? 0) > 0;
  const conflicts = p.check?.conflicts ?? [];
  const legacy = p.check?.legacy ?? null;
  const list = (xs: string[]) => `${xs.slice(0, 4).join(", ")}${xs.length > 4 ? ` and ${xs.length - 4} more` : ""}`;
  const pct = p.progress && p.progress.rowsTotal > 0 ? p.progress.rowsWritten / p.progress.rowsTotal : 0;
  const label = exists && p.choice === "rebuild" && conflicts.length === 0 && !legacy ? "Rebuild" : "Build";
  return (
    <Card className={s.card} aria-labelledby="build-title">
      <CardHeader
        header={
          <Text weight="semibold" id="build-title" as="h2" style={{ margin: 0 }}>
            Build the workbook
          </Text>
        }
        description={
          <Caption1 className={s.muted}>
            {p.formulas?.formulas === "native"
              ? "HLN sheets only · values, then Excel's own formulas: works without the add-in"
              : "HLN sheets only · values, then one spilled HLN.* formula per column"}
          </Caption1>
        }
      />
      {conflicts.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            Your own sheet{conflicts.length > 1 ? "s" : ""} {conflicts.map((c) => `“${c}”`).join(", ")}{" "}
            {conflicts.length > 1 ? "use" : "uses"} an HLN name. They stay untouched: the add-in builds a copy named “…{" "}
            {p.check?.copySuffix.trim()}”.
          </MessageBarBody>
        </MessageBar>
      )}
      {exists && legacy && conflicts.length === 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="legacy">
          <MessageBarBody>
            The HLN sheets here cannot be rebuilt safely: {legacy}. The add-in builds a new copy (“HLN …{" "}
            {p.check?.copySuffix.trim()}”) and leaves them as they are.
          </MessageBarBody>
        </MessageBar>
      )}
      {exists && !legacy && conflicts.length === 0 && (
        <RadioGroup
          value={p.choice}
          disabled={busy}
          onChange={(_, d) => p.onChoice(d.value as BuildChoice)}
          aria-label="The HLN sheets already exist"
        >
          <Radio value="rebuild" label="Rebuild (keep my weights)" />
          <Radio value="copy" label={`Build a new copy (“HLN … ${p.check?.copySuffix.trim() ?? ""}”)`} />
        </RadioGroup>
      )}
      {p.formulas && p.onFormulas && <FormulaModeField value={p.formulas} onChange={p.onFormulas} disabled={busy} />}
      {p.interrupted && !busy && <InterruptedBar check={p.check} onFinish={p.onFinish} onRestore={p.onRestore} />}
      <div className={s.actions}>
        <Button appearance="primary" onClick={p.onBuild} disabled={busy || !p.canBuild} aria-describedby="build-status">
          {label}
        </Button>
        <Button onClick={p.onCancel} disabled={!busy || p.cancelling}>
          {p.cancelling ? "Cancelling…" : "Cancel"}
        </Button>
      </div>
      <div id="build-status" aria-live="polite">
        {p.question && p.onAnswer && <QuestionCard question={p.question} onAnswer={p.onAnswer} />}
        {p.stopped && !busy && (
          <MessageBar intent="info" layout="multiline" data-testid="stopped">
            <MessageBarBody>
              <MessageBarTitle>Nothing was changed</MessageBarTitle>
              {p.stopped}
            </MessageBarBody>
          </MessageBar>
        )}
        {p.phase === "computing" && <Spinner size="tiny" label="Computing the measure…" labelPosition="after" />}
        {p.phase === "writing" && p.progress && (
          <Field
            label={p.progress.step}
            validationState="none"
            validationMessage={`${fmt(p.progress.rowsWritten)} of ${fmt(p.progress.rowsTotal)} rows · batch ${p.progress.batch} of ${p.progress.batches}`}
          >
            <ProgressBar value={pct} thickness="large" aria-valuetext={`${Math.round(pct * 100)}%`} />
          </Field>
        )}
        {p.phase === "done" && p.report && (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Workbook built</MessageBarTitle>
              {fmt(p.report.rowsWritten)} rows in {p.report.syncs} syncs (largest {mb(p.report.maxPayload)}).
              {p.measureSheet ? ` The measure is the one on ${p.measureSheet} (your edits there are kept).` : ""}
              {p.kept.length > 0 ? ` Kept your edited settings from HLN Weights (${list(p.kept)}).` : ""}
              {p.fromPane.length > 0 ? ` From the pane: ${list(p.fromPane)}.` : ""}
              {p.kept.length + p.fromPane.length > 0 ? " The summary below uses them." : ""}
              {p.copiedTo ? ` Your cells from the HLN sheets were copied to “${p.copiedTo}”.` : ""}
            </MessageBarBody>
          </MessageBar>
        )}
        {p.problems.length > 0 && (p.phase === "done" || p.phase === "cancelled") && (
          <MessageBar intent="warning" layout="multiline" data-testid="weights-problems">
            <MessageBarBody>
              <MessageBarTitle>Weights cells not used</MessageBarTitle>
              {p.problems.slice(0, 6).map((x) => (
                <div key={x.cell + x.why}>
                  {x.cell}: {x.why}
                </div>
              ))}
              {p.problems.length > 6 ? `… and ${p.problems.length - 6} more` : ""}
            </MessageBarBody>
          </MessageBar>
        )}
        {p.phase === "cancelled" && p.report && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Build cancelled</MessageBarTitle>
              Stopped at “{p.report.stoppedAt}”.{" "}
              {p.report.removed
                ? "The sheets it had added were removed: the workbook is as it was."
                : `${p.report.incomplete.length} HLN sheet${p.report.incomplete.length === 1 ? "" : "s"} carry a note in A1 and a red tab; the others still show the previous build. Finish the rebuild or restore the previous one.`}{" "}
              Your own sheets were not changed.
            </MessageBarBody>
          </MessageBar>
        )}
        {p.phase === "cancelled" && !p.report && (
          <MessageBar intent="info">
            <MessageBarBody>
              <MessageBarTitle>Build cancelled</MessageBarTitle>
              Nothing was written.
            </MessageBarBody>
          </MessageBar>
        )}
        {p.phase === "error" && p.error && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Build failed</MessageBarTitle>
              {p.error}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </Card>
  );
}

/**
 * The formula mode: the add-in's HLN.* functions (default) or Excel's own functions ("a workbook to
 * share": recalculates in Excel 365/2021 and LibreOffice with no add-in), with or without the audit columns.
 */
function FormulaModeField(p: {
  value: FormulaChoice;
  onChange: (f: FormulaChoice) => void;
  disabled: boolean;
}): React.JSX.Element {
  const native = p.value.formulas === "native";
  return (
    <Field label="Formulas" size="small">
      <RadioGroup
        value={p.value.formulas}
        disabled={p.disabled}
        onChange={(_, d) => p.onChange({ ...p.value, formulas: d.value === "native" ? "native" : "addin" })}
        aria-label="Formulas"
      >
        <Radio value="addin" label="Add-in functions (HLN.*): recalculate where the add-in is installed" />
        <Radio value="native" label="A workbook to share: Excel's own functions, no add-in needed (Excel 365 / 2021)" />
      </RadioGroup>
      {native && (
        <Checkbox
          label="Every step in its own column (for auditors; a larger file)"
          checked={p.value.auditColumns}
          disabled={p.disabled}
          onChange={(_, d) => p.onChange({ ...p.value, auditColumns: d.checked === true })}
        />
      )}
    </Field>
  );
}

/** After a cancelled or failed rebuild: what happened, and Finish the rebuild / Restore the previous build. */
function InterruptedBar(p: {
  check: WorkbookCheck | null;
  onFinish?: () => void;
  onRestore?: () => void;
}): React.JSX.Element {
  const n = p.check?.incomplete.length ?? 0;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="interrupted">
      <MessageBarBody>
        <MessageBarTitle>The last rebuild did not finish</MessageBarTitle>
        {p.check?.state.status === "failed" ? "It failed" : "It was cancelled"}
        {p.check?.state.stoppedAt ? ` at “${p.check.state.stoppedAt}”` : ""}. {n} HLN sheet{n === 1 ? " is" : "s are"}{" "}
        marked incomplete (red tab, note in A1). Its settings were saved first: nothing of yours was lost.
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" size="small" onClick={p.onFinish}>
          Finish the rebuild
        </Button>
        {p.onRestore && (
          <Button size="small" onClick={p.onRestore}>
            Restore the previous build
          </Button>
        )}
      </MessageBarActions>
    </MessageBar>
  );
}
