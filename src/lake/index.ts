// src/lake: the data lake. store/ (one ObjectStore interface: the local lake folder and S3, plus
// the read cache DuckDB reads from), copy/ (COPY), unload/ (UNLOAD), service.ts (what the session
// holds). May import engine, catalog, plan, sql and common; reads data through DuckDB over local
// files, never row by row in JavaScript.

export { Lake, type LakeAccess, type LakeAuthorizer, type LakeRole, type LakeRoles } from "./access.js";
export { LOAD_LOG_TABLES, type LoadIdentity, LoadLog } from "./copy/load-log.js";
export { type CopyContext, type CopyResult, runCopy } from "./copy/run.js";
export * from "./errors.js";
export { LakeService, type LakeServiceOptions, s3OptionsFromEnv } from "./service.js";
export { ReadCache } from "./store/cache.js";
export { LocalStore } from "./store/local.js";
export type { S3Credentials, S3StoreOptions } from "./store/s3.js";
export { S3Store } from "./store/s3.js";
export * from "./store/types.js";
export { parseS3Url, s3Url } from "./store/url.js";
export { runUnload, type UnloadContext, type UnloadResult } from "./unload/run.js";
