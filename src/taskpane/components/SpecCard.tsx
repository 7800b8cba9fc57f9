import * as React from "react";
import {
  Button,
  Caption1,
  Card,
  CardHeader,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Text,
} from "@fluentui/react-components";
import type { SpecChoiceState, SpecSource } from "../useSpecChoice";
import { useStyles } from "./styles";

interface Props {
  /** The bundled measure's name ("HLN"). */
  bundledLabel: string;
  /** The workbook's Measure sheet, when it has one. */
  measureSheet?: string;
  shown: Exclude<SpecSource, "auto">;
  file: SpecChoiceState["file"];
  onSelect: (s: Exclude<SpecSource, "auto">) => void;
  /** A spec file was picked: its name and text. */
  onFile: (name: string, text: string) => void;
  disabled?: boolean;
}

/** Which measure a build uses: the bundled one, the workbook's Measure sheet, or a spec file (JSON). */
export function SpecCard(p: Props): React.JSX.Element {
  const s = useStyles();
  const input = React.useRef<HTMLInputElement>(null);
  const pick = (e: React.ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = "";
    if (f) void f.text().then((t) => p.onFile(f.name, t));
  };
  return (
    <Card className={s.card} aria-labelledby="spec-title">
      <CardHeader
        header={
          <Text weight="semibold" id="spec-title" as="h2" style={{ margin: 0 }}>
            Measure
          </Text>
        }
      />
      <RadioGroup
        value={p.shown}
        disabled={p.disabled}
        onChange={(_, d) =>
          d.value === "file" && !p.file ? input.current?.click() : p.onSelect(d.value as Props["shown"])
        }
        aria-label="Measure"
      >
        <Radio value="bundled" label={`The bundled ${p.bundledLabel} measure`} />
        {p.measureSheet && <Radio value="sheet" label={`This workbook's ${p.measureSheet} sheet`} />}
        <Radio value="file" label="A spec file (JSON)" />
      </RadioGroup>
      <input ref={input} type="file" accept=".json,application/json" hidden onChange={pick} data-testid="spec-file" />
      <div className={s.actions}>
        <Button size="small" disabled={p.disabled} onClick={() => input.current?.click()}>
          {p.file ? "Choose another spec file…" : "Choose a spec file…"}
        </Button>
      </div>
      {p.file?.spec && (
        <Caption1 data-testid="spec-file-read">
          {`${p.file.name}: ${p.file.spec.label} (${p.file.spec.dimensions.length} dimensions). Its columns must be in the data: usually a table of yours (Data).`}
        </Caption1>
      )}
      {p.file?.error && (
        <MessageBar intent="error" layout="multiline" data-testid="spec-file-error">
          <MessageBarBody>{p.file.error}</MessageBarBody>
        </MessageBar>
      )}
    </Card>
  );
}
