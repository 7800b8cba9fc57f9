export { MapView } from "./MapView";
export type { MapViewProps, MapViewKind, MapRenderInfo } from "./MapView";
export { mapDataFromScoreSheet, scoreSheetColumns } from "./scoreSheet";
export type { SheetCell, ScoreSheetColumns, ScoreSheetOptions } from "./scoreSheet";
export { fetchLadBoundaries, fetchLsoaBoundaries, DEFAULT_BOUNDARY_BASE_URL } from "./loadBoundaries";
export { mapDataFromResult } from "../../map";
export type { MapData } from "../../map";
