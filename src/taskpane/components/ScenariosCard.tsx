import * as React from "react";
import {
  Button,
  Caption1,
  Card,
  CardHeader,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
} from "@fluentui/react-components";
import type { ScenarioProblem } from "../../workbook/scenariosCodec";
import { CellList } from "./CellList";
import { useStyles } from "./styles";

interface Props {
  /** The Scenarios sheet's name. */
  sheet: string;
  /** The scenarios that can be compared with: the spec's settings first, then the saved ones. */
  names: string[];
  /** Cells of the sheet that cannot be used (their columns are not offered). */
  problems: ScenarioProblem[];
  /** The Compare sheet's baseline of the next build. */
  baseline: string;
  onBaseline: (name: string) => void;
  /** Saves the Weights sheet's settings under this name; resolves to what was saved, rejects with why not. */
  onSave: (name: string) => Promise<string>;
  disabled?: boolean;
}

/**
 * Saved scenarios (issue 18): save the Weights sheet's current settings as a column of the
 * Scenarios sheet, and choose which one the Compare sheet's next build compares with.
 */
export function ScenariosCard(p: Props): React.JSX.Element {
  const s = useStyles();
  const [name, setName] = React.useState("");
  const [said, setSaid] = React.useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = React.useState(false);
  const save = async () => {
    setSaving(true);
    setSaid(null);
    try {
      setSaid({ ok: true, text: await p.onSave(name) });
      setName("");
    } catch (e) {
      setSaid({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card className={s.card} aria-labelledby="scenarios-title" data-testid="scenarios">
      <CardHeader
        header={
          <Text weight="semibold" id="scenarios-title" as="h2" style={{ margin: 0 }}>
            Scenarios
          </Text>
        }
        description={
          <Caption1 className={s.muted}>
            {p.names.length - 1} saved on &apos;{p.sheet}&apos; (one column each; rebuilds keep the sheet as it is)
          </Caption1>
        }
      />
      <Field label="Save the current Weights as" size="small">
        <Input
          value={name}
          placeholder="e.g. more growth"
          disabled={p.disabled || saving}
          onChange={(_, d) => setName(d.value)}
          aria-label="Scenario name"
        />
      </Field>
      <div className={s.actions}>
        <Button size="small" disabled={p.disabled || saving || name.trim() === ""} onClick={() => void save()}>
          Save scenario
        </Button>
      </div>
      {said && (
        <MessageBar intent={said.ok ? "success" : "error"} layout="multiline" data-testid="scenario-saved">
          <MessageBarBody>{said.text}</MessageBarBody>
        </MessageBar>
      )}
      <Field label="Compare with (the Compare sheet's baseline, at the next build)" size="small">
        <Select value={p.baseline} disabled={p.disabled} onChange={(_, d) => p.onBaseline(d.value)}>
          {p.names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </Select>
      </Field>
      {p.problems.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="scenario-problems">
          <MessageBarBody>
            {p.problems.length} cell{p.problems.length === 1 ? "" : "s"} on &apos;{p.sheet}&apos; cannot be used (those
            scenarios are not offered):
            <CellList items={p.problems} testId="scenario-problem-list" />
          </MessageBarBody>
        </MessageBar>
      )}
    </Card>
  );
}
