export * from "./bundle";
export { encodePayload } from "./encode";
export { MAGIC, NA_INT, FORMAT_VERSION } from "./format";
export type { PayloadHeader } from "./format";
