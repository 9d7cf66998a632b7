// src/wlm/log-tables.ts
//! The DuckDB tables the statement and connection logs are written to, as data. They live in the
//! in-memory system database ("ls_sys"."lakeshift"), cluster-wide, as Redshift's STL tables do.
//! The catalog's system views (stl_query, stv_recents, sys_query_history, stl_connection_log...)
//! read them; src/catalog/system creates them with the same column lists (a unit test checks
//! that the two lists agree, since wlm may not import catalog).

export const LOG_SCHEMA = `"ls_sys"."lakeshift"`;

export interface LogTable {
  readonly name: string;
  /** Column list as in CREATE TABLE, in insert order. */
  readonly columns: string;
}

/** One row per statement, written when it starts (append only, like every log table here). */
export const QUERY_LOG_TABLE: LogTable = {
  name: "query_log",
  columns:
    "query BIGINT, pid INTEGER, userid INTEGER, username VARCHAR, database VARCHAR, label VARCHAR, xid BIGINT, " +
    "stmt_type VARCHAR, query_type VARCHAR, querytxt VARCHAR, starttime TIMESTAMP",
};

/** One row per finished statement: how it ended. A statement without one is still running. */
export const QUERY_END_TABLE: LogTable = {
  name: "query_end",
  columns: "query BIGINT, endtime TIMESTAMP, status VARCHAR, rows BIGINT, error VARCHAR",
};

/** One row per connection event (authenticated, authentication failure, disconnect). */
export const CONNECTION_LOG_TABLE: LogTable = {
  name: "connection_log",
  columns:
    "seq BIGINT, event VARCHAR, recordtime TIMESTAMP, remotehost VARCHAR, remoteport INTEGER, pid INTEGER, " +
    "dbname VARCHAR, username VARCHAR, authmethod VARCHAR, duration BIGINT, application_name VARCHAR, " +
    "driver_version VARCHAR, os_version VARCHAR",
};

export function qualified(t: LogTable): string {
  return `${LOG_SCHEMA}."${t.name}"`;
}

/** A DuckDB list literal of values; unnest() of lists inserts a batch far faster than VALUES rows. */
export function listLiteral(values: readonly (string | number | bigint | null | undefined)[]): string {
  return `[${values.map(literal).join(", ")}]`;
}

/** A SQL literal for the log's values (strings, numbers, null); NUL characters are dropped. */
export function literal(v: string | number | bigint | null | undefined): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number") return Number.isFinite(v) ? String(Math.trunc(v)) : "NULL";
  if (typeof v === "bigint") return v.toString();
  return `'${v.replaceAll("\u0000", "").replaceAll("'", "''")}'`;
}

/** Microseconds since the epoch, with sub-millisecond precision. */
export function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}
