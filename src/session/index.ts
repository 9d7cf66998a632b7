// src/session: the statement pipeline used by wire and api: parse -> bind -> translate ->
// execute; transaction state, prepared statements and portals. May import every layer below it.
export type * from "./api.js";
export type * from "./result.js";
export { BUILD, LakeshiftCluster, type OpenClusterOptions, openCluster } from "./cluster.js";
export { type DelimitedFile, delimitedToParquet } from "./delimited-to-parquet.js";
export { nativeEncoderStatus } from "../engine/index.js";
