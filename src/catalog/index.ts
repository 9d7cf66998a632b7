// src/catalog/index.ts
//! src/catalog: metadata model and its DuckDB-backed store; CatalogReader; system views as data.
//! May import: sql, common. Never engine: the store runs SQL through the structural SqlRunner,
//! which the engine's connection satisfies.
export * from "./memory.js";
export * from "./reader.js";
export * from "./runner.js";
export * from "./store/bootstrap.js";
export * from "./store/catalog-store.js";
export * from "./store/table-stats.js";
export type { NewUser, StoredPassword, UserChanges } from "./store/users.js";
export type { NewColumn, NewConstraint, NewTable, NewView } from "./store/writes.js";
export type { ClusterSnapshot, DatabaseRecord, DatabaseSnapshot, UserRecord } from "./store/snapshot.js";
export { SYSTEM_DB } from "./system/defs.js";
export { installSystemViews, searchPathSql } from "./system/install.js";
export { raisedError } from "./system/macros.js";
export { WellKnownOid } from "./well-known.js";
