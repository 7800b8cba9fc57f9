import * as React from "react";
import { Button, Caption1, Card, CardHeader, Field, SpinButton, Switch, Text } from "@fluentui/react-components";
import type { DatasetSummary, UiOptions } from "../model";
import { useStyles } from "./styles";

interface Props {
  dimensions: DatasetSummary["dimensions"];
  options: UiOptions;
  errors: Record<string, string>;
  disabled: boolean;
  onChange: (o: UiOptions) => void;
  onReset: () => void;
}

const SHORT: Record<string, string> = {
  growth: "Economic growth",
  energy: "Clean energy",
  crime: "Safer streets",
  opportunity: "Opportunity",
  nhs: "NHS / health",
};

/** SpinButton value from either the spinner (value) or typed text (displayValue). */
function spinValue(data: { value?: number | null; displayValue?: string }): number {
  if (data.value !== undefined && data.value !== null) return data.value;
  return data.displayValue === undefined ? NaN : Number(data.displayValue);
}

export function OptionsCard({ dimensions, options, errors, disabled, onChange, onReset }: Props): React.JSX.Element {
  const s = useStyles();
  const sum = Object.values(options.weights).reduce((t, w) => t + (Number.isFinite(w) ? w : 0), 0);
  return (
    <Card className={s.card} aria-labelledby="options-title">
      <CardHeader
        header={
          <Text weight="semibold" id="options-title" as="h2" style={{ margin: 0 }}>
            Options
          </Text>
        }
        description={<Caption1 className={s.muted}>Prefilled from the HLN spec (paper step 9, Appendix C)</Caption1>}
        action={
          <Button size="small" appearance="subtle" onClick={onReset} disabled={disabled}>
            Reset
          </Button>
        }
      />
      <div className={s.grid2} role="group" aria-label="Dimension weights">
        {dimensions.map((d) => (
          <Field
            key={d.id}
            label={SHORT[d.id] ?? d.label}
            size="small"
            validationState={errors[d.id] ? "error" : "none"}
            validationMessage={errors[d.id]}
          >
            <SpinButton
              size="small"
              value={options.weights[d.id]}
              min={0}
              max={1}
              step={0.005}
              precision={3}
              disabled={disabled}
              title={d.label}
              onChange={(_, data) =>
                onChange({
                  ...options,
                  weights: { ...options.weights, [d.id]: spinValue(data) },
                })
              }
            />
          </Field>
        ))}
        <Field
          label="Constant C"
          size="small"
          validationState={errors.constant ? "error" : "none"}
          validationMessage={errors.constant}
        >
          <SpinButton
            size="small"
            value={options.constant}
            min={1}
            max={100}
            step={1}
            disabled={disabled}
            onChange={(_, data) => onChange({ ...options, constant: spinValue(data) })}
          />
        </Field>
      </div>
      <Caption1 className={s.muted} aria-live="polite">
        Weights sum to {sum.toFixed(3)}
        {Math.abs(sum - 1) > 1e-9 ? " (scores are rank-based: the order is kept, the scale changes)" : ""}
        {errors.weights ? ` · ${errors.weights}` : ""}
      </Caption1>
      <Switch
        checked={options.excludeScilly}
        disabled={disabled}
        label="Exclude the Isles of Scilly"
        onChange={(_, data) => onChange({ ...options, excludeScilly: data.checked })}
      />
    </Card>
  );
}
