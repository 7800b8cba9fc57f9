export * from "./bundle";
export { encodePayload } from "./encode";
export { MAGIC, NA_INT, FORMAT_VERSION } from "./format";
export type { PayloadHeader } from "./format";
export { areaGrouping, GROUPINGS, GROUPING_LABEL, isGroupingId } from "./groupings";
export type { AreaGrouping, GroupingId } from "./groupings";
