// src/wlm/log-writer.ts
//! Writes log batches to DuckDB through one engine connection of its own, one batch at a time.
//! Logging itself is a push onto an in-memory list; the list reaches DuckDB when a statement that
//! reads the log views is about to run (sync), and otherwise every few seconds in one batch, never
//! on a statement's path (a batch of a few hundred rows costs DuckDB milliseconds).

import type { EngineConnection } from "../engine/types.js";

/** What the writer needs of its engine connection. */
export type LogConnection = Pick<EngineConnection, "run" | "close">;

/** Something that can turn its pending rows into SQL (or nothing when it has none). */
export interface LogSource {
  /** The statements that write the pending rows, taking them off the pending list; "" when none. */
  takeBatch(): string;
  /** The rows of a batch that failed to write go back to the pending list. */
  restoreBatch(): void;
}

export class LogWriter {
  private conn: LogConnection | undefined;
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly sources: LogSource[] = [];
  /** The last error writing a batch (tests and diagnostics). */
  lastError: unknown;

  constructor(private readonly intervalMs = 5000) {}

  /** Starts writing through `conn` (owned by the writer from now on; closed by close()). */
  attach(conn: LogConnection): void {
    this.conn = conn;
  }

  add(source: LogSource): void {
    this.sources.push(source);
  }

  /** Called by the logs when they have new rows: schedules a write soon. */
  changed(): void {
    if (this.timer || this.closed || !this.conn) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.sync();
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Resolves once every row logged before the call is in DuckDB. */
  sync(): Promise<void> {
    this.chain = this.chain.then(() => this.write());
    return this.chain;
  }

  private async write(): Promise<void> {
    const conn = this.conn;
    if (!conn || this.closed) return;
    for (const source of this.sources) {
      const sql = source.takeBatch();
      if (sql === "") continue;
      try {
        await conn.run(`BEGIN TRANSACTION; ${sql}; COMMIT`);
      } catch (e) {
        this.lastError = e;
        try {
          await conn.run("ROLLBACK");
        } catch {
          // no transaction left open
        }
        if (!this.closed) source.restoreBatch();
      }
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.chain.catch(() => {});
    this.closed = true;
    this.conn?.close();
    this.conn = undefined;
  }
}
