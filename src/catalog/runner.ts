// src/catalog/runner.ts
//! The one thing the catalog needs from the engine: a way to run DuckDB SQL on a connection.
//! The engine's EngineConnection satisfies it structurally; src/catalog never imports src/engine.

export interface SqlRunner {
  /** Runs a statement (or several separated by ';'); resolves to the rows changed when known. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Runs a query and materializes its rows as JS values (small results only). */
  all(sql: string, params?: readonly unknown[]): Promise<{ columns: readonly unknown[]; rows: unknown[][] }>;
}
