import * as React from "react";
import {
  Caption1,
  Card,
  CardHeader,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import type { CompareSummary } from "../model";
import { plural } from "../../workbook/plan/areas";
import { useStyles } from "./styles";
import { TraceButton } from "./TraceButton";

const n = (x: number) => x.toLocaleString("en-GB");

/**
 * What the build's settings changed against the Compare sheet's baseline (issue 18): the mean absolute
 * rank shift, decile changes, the top 10% entered and left, and the areas that moved most.
 */
export function CompareCard({
  compare,
  compareSheet,
  onPick,
  noun = "LSOA",
}: {
  compare: CompareSummary;
  /** The Compare sheet's name (it updates live when a Weights cell is edited). */
  compareSheet: string;
  onPick?: (index: number) => void;
  noun?: string;
}): React.JSX.Element {
  const s = useStyles();
  const same = compare.movers.length === 0;
  return (
    <Card className={s.card} aria-labelledby="compare-title" data-testid="compare">
      <CardHeader
        header={
          <Text weight="semibold" id="compare-title" as="h2" style={{ margin: 0 }}>
            Compared with {compare.baseline}
          </Text>
        }
        description={
          <Caption1 className={s.muted}>
            {same
              ? `No ${noun} moved: the settings are the baseline's. Edit a weight on HLN Weights and '${compareSheet}' shows the shifts live, or change Options and rebuild.`
              : `Mean rank shift ${compare.meanAbsShift.toFixed(1)} · ${n(compare.decileChanged)} ${plural(noun)} changed decile · top 10%: ${n(compare.entered10)} entered, ${n(compare.left10)} left (every ${noun} on '${compareSheet}')`}
          </Caption1>
        }
      />
      {!same && (
        <Table size="extra-small" className={s.table} aria-label={`${plural(noun)} that moved most`}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{noun}</TableHeaderCell>
              <TableHeaderCell className={s.num}>Was</TableHeaderCell>
              <TableHeaderCell className={s.num}>Now</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {compare.movers.map((m) => (
              <TableRow key={m.code}>
                <TableCell>
                  <TraceButton index={m.index} label={`${m.name || m.code} (${m.code})`} onPick={onPick}>
                    <Text size={200} block truncate wrap={false}>
                      {m.name || m.code}
                    </Text>
                  </TraceButton>
                </TableCell>
                <TableCell className={s.num}>{n(m.baseRank)}</TableCell>
                <TableCell className={s.num}>{n(m.rank)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
