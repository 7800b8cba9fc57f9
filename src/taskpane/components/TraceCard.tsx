import * as React from "react";
import {
  Button,
  Caption1,
  Card,
  CardHeader,
  Combobox,
  Dropdown,
  Field,
  Option,
  OptionGroup,
  Text,
} from "@fluentui/react-components";
import type { AreaMatch, TraceStep } from "../model";
import { formatValue } from "../model";
import { useStyles } from "./styles";

interface Props {
  search: (q: string) => AreaMatch[];
  area: AreaMatch | null;
  onArea: (a: AreaMatch | null) => void;
  indicators: { id: string; label: string; group: string }[];
  indicatorId: string;
  onIndicator: (id: string) => void;
  steps: TraceStep[];
  canGoTo: boolean;
  onGoTo: (sheet: string, address: string) => void;
  /** The spec's word for an area ("LSOA"). */
  noun?: string;
}

export function TraceCard(p: Props): React.JSX.Element {
  const s = useStyles();
  const [query, setQuery] = React.useState(p.area ? `${p.area.name} (${p.area.code})` : "");
  React.useEffect(() => {
    if (p.area) setQuery(`${p.area.name} (${p.area.code})`);
  }, [p.area]);
  const matches = React.useMemo(() => p.search(query), [p.search, query]);
  const groups = React.useMemo(() => {
    const m = new Map<string, { id: string; label: string }[]>();
    for (const i of p.indicators) m.set(i.group, [...(m.get(i.group) ?? []), i]);
    return [...m.entries()];
  }, [p.indicators]);
  const current = p.indicators.find((i) => i.id === p.indicatorId);
  return (
    <Card className={s.card} aria-labelledby="trace-title">
      <CardHeader
        header={
          <Text weight="semibold" id="trace-title" as="h2" style={{ margin: 0 }}>
            Trace an {p.noun ?? "LSOA"}
          </Text>
        }
        description={<Caption1 className={s.muted}>Its value at every step, and the cell that holds it</Caption1>}
      />
      <Field label={`${p.noun ?? "LSOA"} code or name`} size="small">
        <Combobox
          size="small"
          freeform
          placeholder="e.g. E01000001 or Blackpool 010A"
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          onOptionSelect={(_, d) => {
            const m = matches.find((x) => x.code === d.optionValue);
            if (m) p.onArea(m);
          }}
          data-testid="trace-search"
        >
          {matches.map((m) => (
            <Option key={m.code} value={m.code} text={`${m.name} (${m.code})`}>
              <div>
                <Text size={200} weight="semibold" block>
                  {m.name}
                </Text>
                <Caption1 className={s.muted}>
                  {m.code} · {m.la}
                </Caption1>
              </div>
            </Option>
          ))}
        </Combobox>
      </Field>
      <Field label="Indicator" size="small">
        <Dropdown
          size="small"
          value={current?.label ?? ""}
          selectedOptions={[p.indicatorId]}
          onOptionSelect={(_, d) => d.optionValue && p.onIndicator(d.optionValue)}
          data-testid="trace-indicator"
        >
          {groups.map(([g, list]) => (
            <OptionGroup key={g} label={g}>
              {list.map((i) => (
                <Option key={i.id} value={i.id}>
                  {i.label}
                </Option>
              ))}
            </OptionGroup>
          ))}
        </Dropdown>
      </Field>
      {p.area && p.steps.length > 0 && (
        <ol className={s.traceList} aria-label={`Steps for ${p.area.code}`} data-testid="trace-steps">
          {p.steps.map((st, k) => (
            <li key={k} className={s.traceItem}>
              <div>
                <Text size={200} weight="semibold" block>
                  {st.step}
                </Text>
                <Caption1 className={s.muted}>{st.label}</Caption1>
              </div>
              <span className={s.traceValue}>{formatValue(st.value, st.format)}</span>
              <div className={s.traceMeta}>
                <span className={s.mono}>{st.sheet && st.address ? `${st.sheet}!${st.address}` : "—"}</span>
                {st.sheet && st.address && (
                  <Button
                    size="small"
                    appearance="transparent"
                    disabled={!p.canGoTo}
                    onClick={() => p.onGoTo(st.sheet!, st.address!)}
                    aria-label={`Go to ${st.sheet} ${st.address}`}
                  >
                    Go to
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
