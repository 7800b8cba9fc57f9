/**
 * useBoundaries: the LA and LSOA boundaries, given as props or fetched from `base` (the LSOAs
 * only once an LSOA view needs them). A failed fetch is shown with setError.
 */
import * as React from "react";
import type { MapBoundaries } from "../../map";
import { fetchLadBoundaries, fetchLsoaBoundaries } from "./loadBoundaries";
import type { SetMapError } from "./mapViewTypes";

export function useBoundaries(
  preLad: MapBoundaries | undefined,
  preLsoa: MapBoundaries | undefined,
  base: string,
  needLsoa: boolean,
  setError: SetMapError,
): { lad?: MapBoundaries; lsoa?: MapBoundaries } {
  const [lad, setLad] = React.useState<MapBoundaries | undefined>(preLad);
  const [lsoa, setLsoa] = React.useState<MapBoundaries | undefined>(preLsoa);
  React.useEffect(() => {
    if (preLad) setLad(preLad);
    else if (!lad) fetchLadBoundaries(base).then(setLad, (e) => setError(String(e?.message ?? e)));
  }, [preLad, base]);
  React.useEffect(() => {
    if (preLsoa) setLsoa(preLsoa);
    else if (needLsoa && !lsoa) fetchLsoaBoundaries(base).then(setLsoa, (e) => setError(String(e?.message ?? e)));
  }, [preLsoa, needLsoa, base]);
  return { lad, lsoa };
}
