/** The "Map" card: <MapView> of the build, a click on an LSOA opens its trace. */
import * as React from "react";
import { Caption1, Card, CardHeader, Text, makeStyles } from "@fluentui/react-components";
import { plural } from "../workbook/plan/areas";
import { MapView, type MapData } from "./map";

const useStyles = makeStyles({
  card: { width: "100%", boxSizing: "border-box" },
});

export interface MapCardProps {
  data: MapData | null;
  /** The spec's word for an area ("LSOA") and for its group ("LA"). */
  noun: string;
  groupShort: string;
  onSelectLsoa: (code: string) => void;
  selectedCode?: string;
  onRefresh?: () => Promise<MapData>;
}

export function MapCard(p: MapCardProps): React.JSX.Element {
  const s = useStyles();
  return (
    <Card className={s.card} aria-labelledby="map-title">
      <CardHeader
        header={
          <Text weight="semibold" id="map-title" as="h2" style={{ margin: 0 }}>
            Map
          </Text>
        }
        description={
          <Caption1>
            Click an {p.groupShort} to open its {plural(p.noun)}; click an {p.noun} to trace it
          </Caption1>
        }
      />
      <MapView data={p.data} onSelectLsoa={p.onSelectLsoa} selectedCode={p.selectedCode} onRefresh={p.onRefresh} />
    </Card>
  );
}
