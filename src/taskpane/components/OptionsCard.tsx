import * as React from "react";
import {
  Badge,
  Button,
  Caption1,
  Card,
  CardHeader,
  Checkbox,
  Field,
  SpinButton,
  Switch,
  Text,
} from "@fluentui/react-components";
import type { MeasureSpec } from "../../core/spec";
import { listedExclusions } from "../../core/settings";
import type { PaneField, PaneOptions } from "../model";
import { useStyles } from "./styles";

interface Props {
  spec: MeasureSpec;
  options: PaneOptions;
  errors: Record<string, string>;
  disabled: boolean;
  /** A field typed in the pane (it is marked "from the pane"). */
  onEdit: (field: PaneField, value: number | boolean) => void;
  onReset: () => void;
  /** The name of the Weights sheet the card was refreshed from, when it was. */
  weightsSheet?: string;
  /** Area summary sheets besides the districts (utla, region, msoa, ward), when the data offers them. */
  summaries?: string[];
  onSummaries?: (ids: string[]) => void;
  /** Labels of the indicators with no open data in the chosen data (none: no switch). */
  noOpenData?: string[];
}

const SUMMARY_CHOICES: [string, string][] = [
  ["utla", "Upper-tier LAs"],
  ["region", "Regions"],
  ["msoa", "MSOAs"],
  ["ward", "Wards"],
];

/** SpinButton value from either the spinner (value) or typed text (displayValue). */
function spinValue(data: { value?: number | null; displayValue?: string }): number {
  if (data.value !== undefined && data.value !== null) return data.value;
  return data.displayValue === undefined ? NaN : Number(data.displayValue);
}

function FromPane({ on }: { on: boolean }): React.JSX.Element | null {
  return on ? (
    <Badge size="small" appearance="tint" color="brand" data-testid="from-pane">
      from the pane
    </Badge>
  ) : null;
}

export function OptionsCard({
  spec,
  options,
  errors,
  disabled,
  onEdit,
  onReset,
  weightsSheet,
  summaries,
  onSummaries,
  noOpenData = [],
}: Props): React.JSX.Element {
  const s = useStyles();
  const st = options.settings;
  const sum = spec.dimensions.reduce((t, d) => t + (Number.isFinite(st.weights[d.id]) ? st.weights[d.id] : 0), 0);
  const marked = (f: PaneField) => options.origin === "workbook" && options.fromPane.includes(f);
  const listed = listedExclusions(spec);
  const origin =
    options.origin === "workbook"
      ? `From the workbook's '${weightsSheet ?? "HLN Weights"}' sheet. Rebuild uses that sheet; a field you change here is marked “from the pane” and wins.`
      : `Prefilled from the ${spec.short ?? spec.label} spec (paper step 9, Appendix C)`;
  return (
    <Card className={s.card} aria-labelledby="options-title">
      <CardHeader
        header={
          <Text weight="semibold" id="options-title" as="h2" style={{ margin: 0 }}>
            Options
          </Text>
        }
        description={
          <Caption1 className={s.muted} data-testid="options-origin">
            {origin}
          </Caption1>
        }
        action={
          <Button size="small" appearance="subtle" onClick={onReset} disabled={disabled}>
            Reset
          </Button>
        }
      />
      <div className={s.grid2} role="group" aria-label="Dimension weights">
        {spec.dimensions.map((d) => (
          <Field
            key={d.id}
            label={
              <>
                {d.short ?? d.label} <FromPane on={marked(`weight:${d.id}`)} />
              </>
            }
            size="small"
            validationState={errors[d.id] ? "error" : "none"}
            validationMessage={errors[d.id]}
          >
            <SpinButton
              size="small"
              value={st.weights[d.id]}
              min={0}
              max={1}
              step={0.005}
              precision={3}
              disabled={disabled}
              title={d.label}
              onChange={(_, data) => onEdit(`weight:${d.id}`, spinValue(data))}
            />
          </Field>
        ))}
        <Field
          label={
            <>
              Constant C <FromPane on={marked("constant")} />
            </>
          }
          size="small"
          validationState={errors.constant ? "error" : "none"}
          validationMessage={errors.constant}
        >
          <SpinButton
            size="small"
            value={st.constant}
            min={1}
            max={100}
            step={1}
            disabled={disabled}
            onChange={(_, data) => onEdit("constant", spinValue(data))}
          />
        </Field>
      </div>
      <Caption1 className={s.muted} aria-live="polite">
        Weights sum to {sum.toFixed(3)}
        {Math.abs(sum - 1) > 1e-9 ? " (scores are rank-based: the order is kept, the scale changes)" : ""}
        {errors.weights ? ` · ${errors.weights}` : ""}
      </Caption1>
      {listed.length > 0 && (
        <Switch
          checked={st.applyExclusions}
          disabled={disabled}
          label={
            <>
              Exclude {spec.exclusionLabel ?? `the ${listed.length} listed areas`}{" "}
              <FromPane on={marked("applyExclusions")} />
            </>
          }
          onChange={(_, data) => onEdit("applyExclusions", data.checked)}
        />
      )}
      {noOpenData.length > 0 && (
        <Switch
          checked={st.includeSynthetic}
          disabled={disabled}
          label={
            <>
              Include the {noOpenData.length} synthetic indicators (demonstration only){" "}
              <FromPane on={marked("includeSynthetic")} />
            </>
          }
          onChange={(_, data) => onEdit("includeSynthetic", data.checked)}
        />
      )}
      {summaries && onSummaries && (
        <Field label="Area summaries (IoD measures), besides districts" size="small">
          <div role="group" aria-label="Area summaries" className={s.grid2}>
            {SUMMARY_CHOICES.map(([id, label]) => (
              <Checkbox
                key={id}
                label={label}
                checked={summaries.includes(id)}
                disabled={disabled}
                onChange={(_, d) => onSummaries(d.checked ? [...summaries, id] : summaries.filter((x) => x !== id))}
              />
            ))}
          </div>
        </Field>
      )}
    </Card>
  );
}
