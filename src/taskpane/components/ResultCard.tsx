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
import type { ResultSummary } from "../model";
import { plural } from "../../workbook/plan/areas";
import { useStyles } from "./styles";
import { TraceButton } from "./TraceButton";

export function ResultCard({
  summary,
  onPick,
  noun = "LSOA",
}: {
  summary: ResultSummary;
  /** Trace an area (omitted: the rows are not links, as for a build from a workbook table). */
  onPick?: (index: number) => void;
  /** The spec's word for an area. */
  noun?: string;
}): React.JSX.Element {
  const s = useStyles();
  return (
    <Card className={s.card} aria-labelledby="result-title">
      <CardHeader
        header={
          <Text weight="semibold" id="result-title" as="h2" style={{ margin: 0 }}>
            Result
          </Text>
        }
        description={
          <Caption1 className={s.muted}>
            {summary.n.toLocaleString("en-GB")} {plural(noun)} scored · {summary.hotspots.toLocaleString("en-GB")}{" "}
            hotspots (most-needy 20%)
          </Caption1>
        }
      />
      <Text weight="semibold" size={200} as="h3" style={{ margin: 0 }}>
        Top 20 {plural(noun)}
      </Text>
      <Table size="extra-small" className={s.table} aria-label={`Top 20 ${plural(noun)} by score`} data-testid="top20">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={s.narrowCell}>#</TableHeaderCell>
            <TableHeaderCell>{noun}</TableHeaderCell>
            <TableHeaderCell className={s.num} style={{ width: "3.5em" }}>
              Score
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {summary.top.map((r) => (
            <TableRow key={r.code}>
              <TableCell className={s.num}>{r.rank}</TableCell>
              <TableCell>
                <TraceButton index={r.index} label={`${r.name || r.code} (${r.code})`} onPick={onPick}>
                  <Text size={200} weight="semibold" block truncate wrap={false}>
                    {r.name || r.code}
                  </Text>
                  <Caption1 className={s.muted}>
                    {r.code} · {r.la}
                  </Caption1>
                </TraceButton>
              </TableCell>
              <TableCell className={s.num}>{r.score.toFixed(2)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Text weight="semibold" size={200} as="h3" style={{ margin: 0 }}>
        Hotspots by region
      </Text>
      <Table size="extra-small" className={s.table} aria-label="Hotspots by region" data-testid="hotspots">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Region</TableHeaderCell>
            <TableHeaderCell className={s.num}>Hotspots</TableHeaderCell>
            <TableHeaderCell className={s.num}>Share</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {summary.hotspotsByRegion.map((r) => (
            <TableRow key={r.region}>
              <TableCell>{r.region}</TableCell>
              <TableCell className={s.num}>{r.hotspots.toLocaleString("en-GB")}</TableCell>
              <TableCell className={s.num}>{((100 * r.hotspots) / Math.max(1, r.areas)).toFixed(0)}%</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
