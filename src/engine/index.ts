// src/engine: DuckDB instances, connections, transactions, chunk streams.
export * from "./engine.js";
export * from "./errors.js";
export type * from "./types.js";
