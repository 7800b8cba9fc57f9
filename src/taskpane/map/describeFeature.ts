/**
 * The tooltip's lines for feature i of the scene: an LA's average score and shares of LSOAs in
 * the top 20% / 10%, or an LSOA's score, rank and decile (with what a click does).
 */
import { formatNumber, type MapData } from "../../map";
import type { MapScene } from "./mapScene";
import type { MapViewKind } from "./mapViewTypes";

export interface DescribeContext {
  scene: MapScene | null;
  data: MapData | null;
  view: MapViewKind;
  measure: string;
  /** Row of each LSOA code in data.lsoa. */
  lsoaRow: Map<string, number>;
  /** A click on an LSOA opens its trace. */
  canSelect: boolean;
}

export function describeFeature(c: DescribeContext, i: number): string[] {
  const { scene, data, measure } = c;
  if (!scene || !data) return [];
  const f = scene.boundaries.features[i];
  if (c.view === "la") {
    const j = data.la.codes.indexOf(f.code);
    const s = j >= 0 ? data.la.stats[measure] : undefined;
    return [
      `${f.name} (${f.code})`,
      `Average score: ${s ? formatNumber(s.score[j]) : "–"}`,
      `LSOAs in top 20%: ${s && Number.isFinite(s.top20[j]) ? (100 * s.top20[j]).toFixed(1) + "%" : "–"}`,
      `LSOAs in top 10%: ${s && Number.isFinite(s.top10[j]) ? (100 * s.top10[j]).toFixed(1) + "%" : "–"}`,
      "Click: LSOA map of this LA",
    ];
  }
  const j = c.lsoaRow.get(f.code);
  const sc = j !== undefined ? data.lsoa.score[measure][j] : NaN;
  const rk = j !== undefined ? data.lsoa.rank[measure][j] : NaN;
  const dc = j !== undefined ? data.lsoa.decile[measure][j] : NaN;
  return [
    `${j !== undefined && data.lsoa.names ? data.lsoa.names[j] : f.name} (${f.code})`,
    `Score: ${formatNumber(sc)}`,
    `Rank: ${Number.isFinite(rk) ? rk.toLocaleString("en-GB") : "–"} of ${data.lsoa.codes.length.toLocaleString("en-GB")}`,
    `Decile: ${Number.isFinite(dc) ? dc : "– (excluded)"}`,
    c.canSelect ? "Click: open trace" : "",
  ].filter(Boolean);
}
