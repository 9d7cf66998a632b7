// src/engine: DuckDB instances, connections, transactions, chunk streams.
export { BINARY_FORMS, hasBinaryForm } from "./cells-binary.js";
export { decodeNumeric, encodeNumeric } from "./cells-numeric.js";
export { nativeTextType } from "./cells-native-text.js";
export {
  nativeEncoderStatus,
  nativePlainNumbers,
  nativeTextScan,
  type PlainNumbersResult,
  type PlainStreamHandle,
  type TextScanResult,
} from "./native-rows.js";
export type { CopyCasts } from "./copy-casts.js";
export * from "./engine.js";
export * from "./errors.js";
export type * from "./types.js";
export type { HostFunction, HostType, HostValue } from "./host-functions.js";
