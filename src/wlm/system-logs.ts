// src/wlm/system-logs.ts
//! The cluster's logs behind one writer: what the session layer holds and calls.

import { ConnectionLog } from "./connection-log.js";
import { type LogConnection, LogWriter } from "./log-writer.js";
import { QueryLog } from "./query-log.js";

export class SystemLogs {
  readonly writer: LogWriter;
  readonly queries: QueryLog;
  readonly connections: ConnectionLog;

  constructor(opts: { readonly capacity?: number; readonly intervalMs?: number } = {}) {
    this.writer = new LogWriter(opts.intervalMs);
    this.queries = new QueryLog(this.writer, opts.capacity);
    this.connections = new ConnectionLog(this.writer, opts.capacity);
  }

  /** Starts writing to DuckDB through `conn` (a connection of its own; closed by close()). */
  attach(conn: LogConnection): void {
    this.writer.attach(conn);
  }

  /** Before running `sql`: if it reads the log views, waits until the logs are in DuckDB. */
  async beforeStatement(sql: string): Promise<void> {
    if (QueryLog.readsLog(sql)) await this.writer.sync();
  }

  sync(): Promise<void> {
    return this.writer.sync();
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}
