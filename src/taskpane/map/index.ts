export { MapView } from "./MapView";
export type { MapViewProps, MapViewKind, MapRenderInfo } from "./MapView";
export { mapDataFromColumns } from "./workbookColumns";
export { fetchLadBoundaries, fetchLsoaBoundaries, DEFAULT_BOUNDARY_BASE_URL } from "./loadBoundaries";
export { mapDataFromResult } from "../../map";
export type { MapData } from "../../map";
