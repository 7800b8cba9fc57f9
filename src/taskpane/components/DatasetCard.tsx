import * as React from "react";
import {
  Badge,
  Caption1,
  Card,
  CardHeader,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import type { DatasetSummary } from "../model";
import { plural } from "../../workbook/plan/areas";
import { useStyles } from "./styles";

const fmt = (n: number) => n.toLocaleString("en-GB");

export function StatusBadges({ status }: { status: DatasetSummary["status"] }): React.JSX.Element {
  return (
    <span style={{ display: "inline-flex", gap: 4, flexWrap: "wrap" }}>
      {status.real > 0 && (
        <Badge appearance="tint" color="success" size="small" aria-label={`${status.real} real`}>
          {status.real} real
        </Badge>
      )}
      {status.proxy > 0 && (
        <Badge appearance="tint" color="informative" size="small" aria-label={`${status.proxy} proxy`}>
          {status.proxy} proxy
        </Badge>
      )}
      {status.synthetic > 0 && (
        <Badge appearance="tint" color="warning" size="small" aria-label={`${status.synthetic} synthetic`}>
          {status.synthetic} synthetic
        </Badge>
      )}
    </span>
  );
}

export function DatasetCard({ data }: { data: DatasetSummary }): React.JSX.Element {
  const s = useStyles();
  return (
    <Card className={s.card} aria-labelledby="dataset-title">
      <CardHeader
        header={
          <Text weight="semibold" id="dataset-title" as="h2" style={{ margin: 0 }}>
            Dataset
          </Text>
        }
        description={<Caption1 className={s.muted}>{data.title}</Caption1>}
      />
      <div className={s.stats}>
        <div className={s.stat}>
          <span className={s.statValue} data-testid="lsoa-count">
            {fmt(data.areas)}
          </span>
          <Caption1>{plural(data.noun)}</Caption1>
        </div>
        <div className={s.stat}>
          <span className={s.statValue}>{fmt(data.lads)}</span>
          <Caption1>districts</Caption1>
        </div>
        <div className={s.stat}>
          <span className={s.statValue}>{data.indicators}</span>
          <Caption1>indicators</Caption1>
        </div>
      </div>
      <div className={s.spread}>
        <Caption1>Indicator status</Caption1>
        <StatusBadges status={data.status} />
      </div>
      <Table size="extra-small" className={s.table} aria-label="Indicators by dimension">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Dimension</TableHeaderCell>
            <TableHeaderCell className={s.narrowCell}>No.</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.dimensions.map((d) => (
            <TableRow key={d.id}>
              <TableCell>
                <span className={s.cellText}>{d.label}</span>
              </TableCell>
              <TableCell className={s.num}>{d.indicators}</TableCell>
              <TableCell>
                <StatusBadges status={d.status} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {data.synthetic.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{data.synthetic.length} synthetic indicators</MessageBarTitle>
            Generated stand-ins, not data: {data.synthetic.join("; ")}. They have no open data, so they are left out of
            the scores (used weight 0; “no open data — add your own” on HLN Weights) unless you switch them on under
            Options. Proxies replace sources that are not open (see HLN Sources).
          </MessageBarBody>
        </MessageBar>
      )}
      {data.excluded.length > 0 && (
        <Caption1 className={s.muted}>
          Listed for exclusion: {data.excluded.map((e) => `${e.reason.split(":")[0]} (${e.code})`).join(", ")}, paper
          step 2
        </Caption1>
      )}
    </Card>
  );
}
