/** The line under the map: data source, areas drawn (draw timings as its title), OS attribution. */
import * as React from "react";
import { Caption1 } from "@fluentui/react-components";
import type { MapData } from "../../map";
import type { MapRenderInfo } from "./mapViewTypes";

export interface MapStatusProps {
  data: MapData | null;
  lastInfo?: MapRenderInfo;
}

export function MapStatus({ data, lastInfo }: MapStatusProps): React.JSX.Element {
  return (
    <Caption1
      data-testid="hln-map-status"
      title={
        lastInfo ? `drawn in ${lastInfo.drawMs.toFixed(0)} ms (paths ${lastInfo.prepareMs.toFixed(0)} ms)` : undefined
      }
    >
      {data ? `Data: ${data.source}` : ""}
      {lastInfo ? ` · ${lastInfo.features.toLocaleString("en-GB")} areas` : ""}
      {" · Contains OS data © Crown copyright 2024"}
    </Caption1>
  );
}
