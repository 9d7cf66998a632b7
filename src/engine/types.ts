// src/engine/types.ts
//! The engine contract: DuckDB instances, connections, transactions and chunk streams.
//! Only src/engine imports @duckdb/node-api. The engine knows no SQL dialect: it runs the DuckDB
//! SQL it is given and streams columnar results. Callers above it (session, catalog) use these
//! interfaces only.

import type { HostFunction } from "./host-functions.js";
import type { ByteSink } from "./native-rows.js";

export type { ByteSink };

/** A DuckDB logical type as DuckDB prints it: 'INTEGER', 'DECIMAL(15,2)', 'VARCHAR', 'TIMESTAMP WITH TIME ZONE', ... */
export type DuckTypeName = string;

export interface EngineColumn {
  readonly name: string;
  readonly type: DuckTypeName;
}

/**
 * One column of one chunk, as bytes: cell r is bytes[offsets[r] .. offsets[r+1]) unless
 * nulls?.[r] === 1. Produced without creating a JavaScript value per cell.
 */
export interface CellVector {
  readonly bytes: Uint8Array;
  readonly offsets: Int32Array;
  readonly nulls: Uint8Array | null;
}

/**
 * A chunk of rows (up to DuckDB's vector size). For VARCHAR/BLOB columns `cells(c)` gives the raw
 * bytes; for fixed-width numeric columns `cells(c, 'binary-be')` gives each value in Postgres's
 * binary send format (big-endian). `values(c)` materializes JS values and is for small results
 * only (catalog reads, tests).
 */
export interface EngineChunk {
  readonly rowCount: number;
  readonly columnCount: number;
  cells(column: number, form?: "text" | "binary-be"): CellVector;
  values(column: number): readonly unknown[];
  /**
   * Writes rows [start, end) as Postgres DataRow messages (formats as in encodeDataRows) straight
   * into sink with the native encoder; false, with nothing written, when it is not available
   * (then the caller encodes chunk.cells itself). Optional: chunks held in memory lack it.
   */
  writeDataRows?(start: number, end: number, formats: readonly number[], sink: ByteSink): boolean;
}

export interface EngineStream {
  readonly columns: readonly EngineColumn[];
  /** The next chunk, or null at the end. */
  next(): Promise<EngineChunk | null>;
  /** Stops the stream early and releases it. Safe to call twice. */
  close(): void;
}

export interface EnginePrepared {
  readonly columns: readonly EngineColumn[];
  readonly parameterCount: number;
  /** Parameter types DuckDB inferred, 'UNKNOWN' where it could not. */
  readonly parameterTypes: readonly DuckTypeName[];
  close(): void;
}

export interface EngineConnection {
  /** Runs a statement (or several separated by ';') and returns the rows changed by the last, when known. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Runs a query and materializes all rows as JS values. For small internal results only. */
  all(sql: string, params?: readonly unknown[]): Promise<{ columns: EngineColumn[]; rows: unknown[][] }>;
  /** Describes a statement without running it: its result columns and parameters. */
  prepare(sql: string): Promise<EnginePrepared>;
  /**
   * Runs a query and streams its chunks. With `materialize`, the result is computed whole in one
   * engine call and then read without further round trips: for results known to be small.
   */
  stream(sql: string, params?: readonly unknown[], options?: { readonly materialize?: boolean }): Promise<EngineStream>;
  /** Drops plans kept for reuse: after a setting that planning folds into them (TimeZone, variables) changed. */
  resetPlans(): void;
  /** Interrupts whatever this connection is running (used by CancelRequest and timeouts). */
  interrupt(): void;
  /** True while the connection is inside an explicit transaction. */
  readonly inTransaction: boolean;
  close(): void;
}

export interface EngineOptions {
  /** Directory holding one DuckDB file per Redshift database: <dataDir>/<db>.duckdb. ':memory:' for tests. */
  readonly dataDir: string;
  /** DuckDB threads (defaults to the number of cores). */
  readonly threads?: number;
  readonly memoryLimit?: string;
  /** Scalar functions the host implements, registered before any database is attached. */
  readonly hostFunctions?: readonly HostFunction[];
}
