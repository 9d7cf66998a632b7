// bench/systems/types.ts
//! What the runner needs from a benchmarked system.

import type { PgTarget } from "./pg-client.js";

export interface TableFile {
  readonly table: string;
  readonly file: string;
  readonly rows: number;
}

export interface LoadReport {
  /** Seconds per table, in load order. */
  readonly tables: Record<string, number>;
  /** Seconds for steps after the data (primary keys, ANALYZE, CHECKPOINT). */
  readonly extra: Record<string, number>;
  readonly total_s: number;
  /** How the data went in (e.g. "COPY", "multi-row INSERT"). */
  readonly method: string;
}

export interface QueryOutcome {
  /** Every cell as text (null stays null). */
  readonly rows: (string | null)[][];
  readonly timedOut: boolean;
}

export interface BenchSystem {
  readonly name: string;
  /** Starts the system (server processes, databases); returns its version string. */
  start(): Promise<string>;
  load(files: readonly TableFile[]): Promise<LoadReport>;
  run(sql: string, timeoutS: number): Promise<QueryOutcome>;
  stop(): Promise<void>;
  /** Where a Postgres-protocol client reaches the system (absent for in-process DuckDB). */
  pgTarget?(): PgTarget;
  /** In-process systems: read a whole result as JS values; returns the row count. */
  readAll?(sql: string): Promise<number>;
}

export function elapsed(t0: number): number {
  return (performance.now() - t0) / 1000;
}
