/** The map's view tabs: local authorities, hotspots, LSOAs and (with a second index) dual disadvantage. */
import * as React from "react";
import { Tab, TabList } from "@fluentui/react-components";
import type { MapViewKind } from "./mapViewTypes";

export interface MapTabsProps {
  view: MapViewKind;
  onView: (view: MapViewKind) => void;
  /** The data has dual-disadvantage flags: show the Dual tab. */
  dual?: boolean;
}

export function MapTabs({ view, onView, dual }: MapTabsProps): React.JSX.Element {
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
      {dual && <Tab value="dual">Dual (× IMD)</Tab>}
    </TabList>
  );
}
