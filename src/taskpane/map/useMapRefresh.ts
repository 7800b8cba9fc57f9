/**
 * useMapRefresh: the data <MapView> draws — the `data` prop, or what "Refresh map" last read from
 * the workbook (a new `data` prop, e.g. a new build, replaces an earlier refresh).
 */
import * as React from "react";
import type { MapData } from "../../map";
import type { SetMapError } from "./mapViewTypes";

export interface MapRefresh {
  data: MapData | null;
  refreshing: boolean;
  /** Reads new MapData with `onRefresh`; a failure is shown with setError. */
  refresh: () => Promise<void>;
}

export function useMapRefresh(
  propsData: MapData | null,
  onRefresh: (() => Promise<MapData>) | undefined,
  setError: SetMapError,
): MapRefresh {
  const [refreshed, setRefreshed] = React.useState<MapData | null>(null);
  const [refreshing, setRefreshing] = React.useState(false);

  // a new data prop (e.g. a new build) replaces an earlier refresh
  React.useEffect(() => setRefreshed(null), [propsData]);
  const data = refreshed ?? propsData;

  const refresh = async () => {
    if (!onRefresh) return;
    setRefreshing(true);
    setError(undefined);
    try {
      setRefreshed(await onRefresh());
    } catch (e) {
      setError(`Refresh failed: ${(e as Error).message ?? e}`);
    } finally {
      setRefreshing(false);
    }
  };
  return { data, refreshing, refresh };
}
