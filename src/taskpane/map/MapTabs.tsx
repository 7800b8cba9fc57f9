/** The map's view tabs: local authorities, hotspots, LSOAs. */
import * as React from "react";
import { Tab, TabList } from "@fluentui/react-components";
import type { MapViewKind } from "./mapViewTypes";

export interface MapTabsProps {
  view: MapViewKind;
  onView: (view: MapViewKind) => void;
}

export function MapTabs({ view, onView }: MapTabsProps): React.JSX.Element {
  return (
    <TabList
      size="small"
      selectedValue={view}
      onTabSelect={(_, d) => onView(d.value as MapViewKind)}
      aria-label="Map view"
    >
      <Tab value="la">Local authorities</Tab>
      <Tab value="hotspots">Hotspots</Tab>
      <Tab value="lsoa">LSOAs</Tab>
    </TabList>
  );
}
