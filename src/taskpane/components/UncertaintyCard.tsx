import * as React from "react";
import {
  Button,
  Caption1,
  Card,
  CardHeader,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Text,
} from "@fluentui/react-components";
import { FACTOR_GROUPS } from "../../core/uncertainty";
import type { useUncertainty } from "../useUncertainty";
import { useStyles } from "./styles";

const FACTOR_LABEL: Record<(typeof FACTOR_GROUPS)[number], string> = {
  weights: "Dimension weights (Dirichlet, CV 25%)",
  "indicator-weights": "Indicator and sub-dimension weights",
  constant: "Constant C (15–30)",
  offset: "Normal-score offset (vdw, blom, rankit, tukey)",
  scaling: "Rank scaling (N or N + 1)",
  shrinkage: "Shrinkage on / off",
};

const svgUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
const n = (x: number) => x.toLocaleString("en-GB");

/**
 * How robust is the ranking (issue 18): Monte Carlo draws over the chosen factor groups (and, with
 * Sobol N, sensitivity indices) in a Web Worker, with progress and Cancel; the results are written
 * to HLN Uncertainty / HLN Sensitivity and drawn as a rank-interval plot and an indices chart.
 */
export function UncertaintyCard({
  u,
  noun,
}: {
  u: ReturnType<typeof useUncertainty>;
  noun: string;
}): React.JSX.Element {
  const s = useStyles();
  const busy = u.phase === "running" || u.phase === "writing";
  const set = (k: "draws" | "seed" | "sobolN") => (_: unknown, d: { value: string }) =>
    u.setForm((f) => ({ ...f, [k]: d.value }));
  const pct = u.progress && u.progress.total > 0 ? u.progress.done / u.progress.total : 0;
  return (
    <Card className={s.card} aria-labelledby="uncertainty-title" data-testid="uncertainty">
      <CardHeader
        header={
          <Text weight="semibold" id="uncertainty-title" as="h2" style={{ margin: 0 }}>
            How robust is the ranking?
          </Text>
        }
        description={
          <Caption1 className={s.muted}>
            Redraws the chosen settings around the build&apos;s and ranks every {noun} again (same seed, same numbers as
            hln sensitivity).
          </Caption1>
        }
      />
      <Field label="Draws" size="small">
        <Input value={u.form.draws} onChange={set("draws")} disabled={busy} inputMode="numeric" aria-label="Draws" />
      </Field>
      <Field label="Seed" size="small">
        <Input value={u.form.seed} onChange={set("seed")} disabled={busy} inputMode="numeric" aria-label="Seed" />
      </Field>
      <Field label="Factors that vary" size="small">
        {FACTOR_GROUPS.map((f) => (
          <Checkbox
            key={f}
            label={FACTOR_LABEL[f]}
            checked={u.form.factors.includes(f)}
            disabled={busy}
            onChange={(_, d) =>
              u.setForm((x) => ({
                ...x,
                factors: FACTOR_GROUPS.filter((g) => (g === f ? d.checked === true : x.factors.includes(g))),
              }))
            }
          />
        ))}
      </Field>
      <Field label="Sobol N (sensitivity indices, N × (factors + 2) runs; blank: none)" size="small">
        <Input
          value={u.form.sobolN}
          onChange={set("sobolN")}
          disabled={busy}
          inputMode="numeric"
          aria-label="Sobol N"
        />
      </Field>
      <div className={s.actions}>
        <Button size="small" appearance="primary" disabled={busy} onClick={() => void u.run()}>
          Run
        </Button>
        {busy && (
          <Button size="small" onClick={u.cancel}>
            Cancel analysis
          </Button>
        )}
      </div>
      {busy && (
        <Field
          label={u.phase === "writing" && !u.progress ? "Writing the sheets" : (u.progress?.phase ?? "Starting")}
          validationState="none"
          validationMessage={u.progress ? `${n(u.progress.done)} of ${n(u.progress.total)}` : ""}
        >
          <ProgressBar
            value={pct}
            thickness="large"
            aria-valuetext={`${Math.round(pct * 100)}%`}
            data-testid="uncertainty-progress"
          />
        </Field>
      )}
      <div aria-live="polite">
        {u.error && (
          <MessageBar intent="error" layout="multiline" data-testid="uncertainty-error">
            <MessageBarBody>{u.error}</MessageBarBody>
          </MessageBar>
        )}
        {u.phase === "cancelled" && (
          <MessageBar intent="warning">
            <MessageBarBody>
              Analysis cancelled: nothing was written (the previous results, if any, are as they were).
            </MessageBarBody>
          </MessageBar>
        )}
        {u.phase === "done" && u.result && (
          <MessageBar intent="success" layout="multiline" data-testid="uncertainty-done">
            <MessageBarBody>
              {n(u.result.draws)} draws: mean absolute rank shift {u.result.meanRankShift.toFixed(1)}
              {u.result.sobolRuns ? `; Sobol indices from ${n(u.result.sobolRuns)} runs` : ""}. Written to{" "}
              {u.result.sheets.map((x) => `'${x}'`).join(" and ")}.
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      {u.phase === "done" && u.result && (
        <img
          src={svgUrl(u.result.intervalsSvg)}
          alt={`Rank intervals of the 50 ${noun}s in most need`}
          style={{ width: "100%" }}
          data-testid="intervals-chart"
        />
      )}
      {u.phase === "done" && u.result?.indicesSvg && (
        <img
          src={svgUrl(u.result.indicesSvg)}
          alt="First-order and total-effect Sobol indices per factor group"
          style={{ width: "100%" }}
          data-testid="indices-chart"
        />
      )}
    </Card>
  );
}
