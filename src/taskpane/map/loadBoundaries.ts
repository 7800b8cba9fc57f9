/** Browser: fetches the bundled boundaries (webpack copies assets/boundaries next to the task pane). */
import { parseTopology, prepareBoundaries, type MapBoundaries } from "../../map";
import { assetPath } from "../assetUrls";

export const DEFAULT_BOUNDARY_BASE_URL = "assets/boundaries/";

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  // the build names the default folder's files after their content hash
  const r = await fetch(assetPath(url));
  if (!r.ok) throw new Error(`could not load ${url}: HTTP ${r.status}`);
  return r.arrayBuffer();
}

/** The 296 LAD24 boundaries (0.15 MB). */
export async function fetchLadBoundaries(base = DEFAULT_BOUNDARY_BASE_URL): Promise<MapBoundaries> {
  return prepareBoundaries(parseTopology(await fetchBytes(base + "lad24_england_buc.topojson")));
}

/** The 33,755 LSOA21 boundaries (1.8 MB gzipped TopoJSON, decoded in the page with fflate). */
export async function fetchLsoaBoundaries(base = DEFAULT_BOUNDARY_BASE_URL): Promise<MapBoundaries> {
  return prepareBoundaries(parseTopology(await fetchBytes(base + "lsoa21_england_bsc.topojson.gz")));
}
