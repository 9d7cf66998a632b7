// src/wlm/query-log.ts
//! The statement log behind stl_query, stl_querytext, svl_qlog, svl_statementtext, stv_recents,
//! stv_inflight, sys_query_history and sys_query_detail: every statement a session runs, with
//! query id, pid, user, database, text, start and end, rows and status. Bounded (the oldest
//! entries go first) and kept in memory; start() and finish() only touch a Map and a list, and
//! the rows reach DuckDB in batches through a LogWriter (see log-writer.ts): append-only inserts
//! of starts (query_log) and ends (query_end), each batch one INSERT ... SELECT unnest([...]).

import { listLiteral, nowMicros, QUERY_END_TABLE, QUERY_LOG_TABLE, qualified } from "./log-tables.js";
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
  /\b(?:pg_last_query_id|stl_query|stl_querytext|svl_qlog|svl_statementtext|stv_recents|stv_inflight|sys_query_history|sys_query_detail|stl_connection_log|stl_ddltext|stl_utilitytext|stv_sessions)\b/i;

export class QueryLog implements LogSource {
  private readonly entries = new Map<number, QueryLogEntry>();
  /** Started and finished since the last batch, in order. */
  private started: QueryLogEntry[] = [];
  private ended: QueryLogEntry[] = [];
  private lastBatch: { started: QueryLogEntry[]; ended: QueryLogEntry[] } = { started: [], ended: [] };
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
    const entry: QueryLogEntry = {
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
    };
    this.entries.set(id, entry);
    this.started.push(entry);
    if (this.started.length > 2 * this.capacity) this.started = this.started.filter(this.kept);
    this.writer?.changed();
    if (this.entries.size > this.capacity) {
      // Ids are handed out in order and every one is kept, so the oldest is known without
      // iterating the map (whose first live key sits behind a run of deleted slots).
      const oldest = id - this.capacity;
      this.entries.delete(oldest);
      this.trimBelow = oldest + 1;
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
    this.ended.push(e);
    if (this.ended.length > 2 * this.capacity) this.ended = this.ended.filter(this.kept);
    this.writer?.changed();
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

  /**
   * Whether an entry is still kept. Entries waiting for the next batch are filtered with it as
   * they pile up: at thousands of statements a second, the lists would otherwise hold every
   * entry of the last few seconds that the map has already let go.
   */
  private readonly kept = (e: QueryLogEntry): boolean => this.entries.has(e.id);

  takeBatch(): string {
    const started = this.started.filter(this.kept);
    const ended = this.ended.filter(this.kept);
    this.started = [];
    this.ended = [];
    this.lastBatch = { started, ended };
    const stmts: string[] = [];
    if (this.trimBelow > 0) {
      stmts.push(`DELETE FROM ${qualified(QUERY_LOG_TABLE)} WHERE query < ${this.trimBelow}`);
      stmts.push(`DELETE FROM ${qualified(QUERY_END_TABLE)} WHERE query < ${this.trimBelow}`);
      this.trimBelow = 0;
    }
    if (started.length > 0) {
      const col = (f: (e: QueryLogEntry) => string | number) => `unnest(${listLiteral(started.map(f))})`;
      stmts.push(
        `INSERT INTO ${qualified(QUERY_LOG_TABLE)} SELECT ${col((e) => e.id)}, ${col((e) => e.pid)}, ` +
          `${col((e) => e.userId)}, ${col((e) => e.user)}, ${col((e) => e.database)}, ${col((e) => e.label)}, ` +
          `${col((e) => e.xid)}, ${col((e) => e.type)}, ${col((e) => e.queryType)}, ${col((e) => e.text)}, ` +
          `make_timestamp(${col((e) => e.startUs)}::BIGINT)`,
      );
    }
    if (ended.length > 0) {
      const col = (f: (e: QueryLogEntry) => string | number | undefined) => `unnest(${listLiteral(ended.map(f))})`;
      stmts.push(
        `INSERT INTO ${qualified(QUERY_END_TABLE)} SELECT ${col((e) => e.id)}, ` +
          `make_timestamp(${col((e) => e.endUs)}::BIGINT), ${col((e) => e.status)}, ${col((e) => e.rows)}, ` +
          `${col((e) => e.error)}::VARCHAR`,
      );
    }
    return stmts.join("; ");
  }

  restoreBatch(): void {
    this.started = [...this.lastBatch.started, ...this.started];
    this.ended = [...this.lastBatch.ended, ...this.ended];
    this.lastBatch = { started: [], ended: [] };
  }
}
