// src/wlm/query-log.ts
//! The statement log behind stl_query, stl_querytext, svl_qlog, svl_statementtext, stv_recents,
//! stv_inflight, sys_query_history and sys_query_detail: every statement a session runs, with
//! query id, pid, user, database, text, start and end, rows and status. Bounded (the oldest
//! entries go first) and kept in memory; start() and finish() only touch a Map, and the rows
//! reach DuckDB in batches through a LogWriter (see log-writer.ts).

import { literal, nowMicros, QUERY_LOG_TABLE, qualified, timestampLiteral } from "./log-tables.js";
import type { LogSource, LogWriter } from "./log-writer.js";
import { type StatementType, statementKind } from "./statement-kind.js";

export type QueryStatus = "running" | "success" | "failed" | "cancelled";

export interface QueryStartInfo {
  readonly pid: number;
  readonly user: string;
  /** pg_user.usesysid of the user (stl_query.userid). */
  readonly userId?: number;
  readonly database: string;
  readonly text: string;
  /** SET query_group, else 'default' (stl_query.label). */
  readonly label?: string;
  /** Transaction id; defaults to the query id (a statement outside a transaction block). */
  readonly xid?: number;
}

export interface QueryFinishInfo {
  readonly status: Exclude<QueryStatus, "running">;
  /** Rows returned or changed. */
  readonly rows?: number;
  readonly error?: string;
}

export interface QueryLogEntry {
  readonly id: number;
  readonly pid: number;
  readonly user: string;
  readonly userId: number;
  readonly database: string;
  readonly label: string;
  readonly xid: number;
  readonly type: StatementType;
  readonly queryType: string;
  readonly text: string;
  /** Microseconds since the epoch. */
  readonly startUs: number;
  endUs?: number;
  status: QueryStatus;
  rows: number;
  error?: string;
}

/** System-view names whose rows come from this log (a statement naming one syncs the log first). */
const READS_LOG =
  /\b(?:stl_query|stl_querytext|svl_qlog|svl_statementtext|stv_recents|stv_inflight|sys_query_history|sys_query_detail|stl_connection_log)\b/i;

export class QueryLog implements LogSource {
  private readonly entries = new Map<number, QueryLogEntry>();
  private dirty = new Set<number>();
  private lastBatch: number[] = [];
  private nextId: number;
  /** The smallest id written to DuckDB that has since been dropped from memory. */
  private trimBelow = 0;

  constructor(
    private readonly writer?: LogWriter,
    /** Entries kept (memory and DuckDB); older ones are dropped. */
    readonly capacity = 10_000,
    firstId = 1,
  ) {
    this.nextId = firstId;
    writer?.add(this);
  }

  /** Records a statement as running and returns its query id. */
  start(info: QueryStartInfo): number {
    const id = this.nextId++;
    const kind = statementKind(info.text);
    this.entries.set(id, {
      id,
      pid: info.pid,
      user: info.user,
      userId: info.userId ?? 0,
      database: info.database,
      label: info.label ?? "default",
      xid: info.xid ?? id,
      type: kind.type,
      queryType: kind.queryType,
      text: info.text,
      startUs: nowMicros(),
      status: "running",
      rows: 0,
    });
    this.touch(id);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) {
        this.entries.delete(oldest);
        this.dirty.delete(oldest);
        this.trimBelow = oldest + 1;
      }
    }
    return id;
  }

  /** Records the end of a statement (ignored for an id no longer kept, or already finished). */
  finish(id: number, info: QueryFinishInfo): void {
    const e = this.entries.get(id);
    if (e?.status !== "running") return;
    e.endUs = nowMicros();
    e.status = info.status;
    e.rows = info.rows ?? 0;
    if (info.error !== undefined) e.error = info.error;
    this.touch(id);
  }

  get(id: number): QueryLogEntry | undefined {
    return this.entries.get(id);
  }

  /** Entries in query-id order (oldest first). */
  list(): QueryLogEntry[] {
    return [...this.entries.values()];
  }

  /** The statement `pid` is running, if any. */
  runningFor(pid: number): QueryLogEntry | undefined {
    let found: QueryLogEntry | undefined;
    for (const e of this.entries.values()) if (e.pid === pid && e.status === "running") found = e;
    return found;
  }

  /** The id of the last statement `pid` started (pg_last_query_id()). */
  lastIdFor(pid: number): number | undefined {
    let found: number | undefined;
    for (const e of this.entries.values()) if (e.pid === pid) found = e.id;
    return found;
  }

  /** True when `sql` names a view over the log, so the log must be synced before it runs. */
  static readsLog(sql: string): boolean {
    return READS_LOG.test(sql);
  }

  private touch(id: number): void {
    this.dirty.add(id);
    this.writer?.changed();
  }

  takeBatch(): string {
    if (this.dirty.size === 0 && this.trimBelow === 0) return "";
    const ids = [...this.dirty].filter((id) => this.entries.has(id));
    this.lastBatch = ids;
    this.dirty = new Set();
    const table = qualified(QUERY_LOG_TABLE);
    const stmts: string[] = [];
    const conds: string[] = [];
    if (ids.length > 0) conds.push(`query IN (${ids.join(", ")})`);
    if (this.trimBelow > 0) conds.push(`query < ${this.trimBelow}`);
    this.trimBelow = 0;
    if (conds.length === 0) return "";
    stmts.push(`DELETE FROM ${table} WHERE ${conds.join(" OR ")}`);
    if (ids.length > 0) {
      const rows = ids.map((id) => {
        const e = this.entries.get(id) as QueryLogEntry;
        return `(${[
          literal(e.id),
          literal(e.pid),
          literal(e.userId),
          literal(e.user),
          literal(e.database),
          literal(e.label),
          literal(e.xid),
          literal(e.type),
          literal(e.queryType),
          literal(e.text),
          timestampLiteral(e.startUs),
          timestampLiteral(e.endUs),
          literal(e.status),
          literal(e.rows),
          literal(e.error),
        ].join(", ")})`;
      });
      stmts.push(`INSERT INTO ${table} VALUES ${rows.join(", ")}`);
    }
    return stmts.join("; ");
  }

  restoreBatch(): void {
    for (const id of this.lastBatch) this.dirty.add(id);
    this.lastBatch = [];
  }
}
