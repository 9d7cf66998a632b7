// src/lake: the data lake. store/ (one ObjectStore interface: the local lake folder and S3, plus
// the read cache DuckDB reads from), copy/ (COPY), unload/ (UNLOAD). May import engine, catalog,
// plan, sql and common; reads data through DuckDB over local files, never row by row in JavaScript.

export * from "./errors.js";
export { ReadCache } from "./store/cache.js";
export { LocalStore } from "./store/local.js";
export { S3Store } from "./store/s3.js";
export type { S3Credentials, S3StoreOptions } from "./store/s3.js";
export * from "./store/types.js";
export { parseS3Url, s3Url } from "./store/url.js";
