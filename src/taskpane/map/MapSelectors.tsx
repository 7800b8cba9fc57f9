/**
 * The map's selectors: the measure (overall or a dimension) and, for the LA view, the LA statistic
 * or, for the LSOA views, the area (all England, a region or an LA).
 */
import * as React from "react";
import { Caption1, Select } from "@fluentui/react-components";
import { regionsOf, LA_STATS, type LaStat, type MapData } from "../../map";
import { useMapStyles } from "./mapStyles";
import type { MapViewKind } from "./mapViewTypes";

export interface MapSelectorsProps {
  data: MapData | null;
  view: MapViewKind;
  measure: string;
  onMeasure: (measure: string) => void;
  stat: LaStat;
  onStat: (stat: LaStat) => void;
  area: string;
  onArea: (area: string) => void;
}

/** Regions and LAs (by name) of the data, for the area selector. */
function useAreaChoices(data: MapData | null) {
  const regions = React.useMemo(() => (data ? regionsOf(data) : []), [data]);
  const las = React.useMemo(
    () =>
      data
        ? data.la.codes
            .map((c, i) => ({
              code: c,
              name: data.la.names[i],
              region: data.la.regionCodes[i],
            }))
            .sort((a, b) => a.name.localeCompare(b.name))
        : [],
    [data],
  );
  return { regions, las };
}

export function MapSelectors(p: MapSelectorsProps): React.JSX.Element {
  const styles = useMapStyles();
  const { regions, las } = useAreaChoices(p.data);
  return (
    <div className={styles.controls}>
      <label className={styles.field}>
        <Caption1>Measure</Caption1>
        <Select size="small" value={p.measure} onChange={(_, d) => p.onMeasure(d.value)} aria-label="Measure">
          {(p.data?.measures ?? [{ id: "overall", label: "Overall" }]).map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </Select>
      </label>
      {p.view === "la" ? (
        <label className={styles.field}>
          <Caption1>LA statistic</Caption1>
          <Select
            size="small"
            value={p.stat}
            onChange={(_, d) => p.onStat(d.value as LaStat)}
            aria-label="LA statistic"
          >
            {(Object.keys(LA_STATS) as LaStat[]).map((s) => (
              <option key={s} value={s}>
                {LA_STATS[s]}
              </option>
            ))}
          </Select>
        </label>
      ) : (
        <label className={styles.field}>
          <Caption1>Area</Caption1>
          <Select size="small" value={p.area} onChange={(_, d) => p.onArea(d.value)} aria-label="Area">
            <option value="all">All England</option>
            <optgroup label="Regions">
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="Local authorities">
              {las.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.name}
                </option>
              ))}
            </optgroup>
          </Select>
        </label>
      )}
    </div>
  );
}
