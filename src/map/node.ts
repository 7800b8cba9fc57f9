/** Node only: reads the bundled boundary files from disk. */
import { readFileSync } from "fs";
import { join, resolve } from "path";
import { parseTopology, prepareBoundaries, type MapBoundaries } from "./boundaries";

export const DEFAULT_BOUNDARY_DIR = resolve(__dirname, "..", "..", "assets", "boundaries");
export const LAD_FILE = "lad24_england_buc.topojson";
export const LSOA_FILE = "lsoa21_england_bsc.topojson.gz";

/** LAD24 (296) planar boundaries. */
export function loadLadBoundaries(dir: string = DEFAULT_BOUNDARY_DIR): MapBoundaries {
  return prepareBoundaries(parseTopology(readFileSync(join(dir, LAD_FILE), "utf8")));
}

/** LSOA21 (33,755) planar boundaries, from the gzipped TopoJSON. */
export function loadLsoaBoundaries(dir: string = DEFAULT_BOUNDARY_DIR): MapBoundaries {
  const gz = readFileSync(join(dir, LSOA_FILE));
  return prepareBoundaries(parseTopology(new Uint8Array(gz.buffer, gz.byteOffset, gz.byteLength)));
}
