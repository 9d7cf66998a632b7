// src/engine/connection.ts
//! One DuckDB connection per client session, behind the EngineConnection contract.

import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBResult } from "@duckdb/node-api";
import { DuckChunk } from "./chunk.js";
import { mapDuckError } from "./errors.js";
import { bindParams } from "./params.js";
import { DuckStream, shapeOf } from "./stream.js";
import type { EngineColumn, EngineConnection, EnginePrepared, EngineStream } from "./types.js";

// The last transaction-control statement in a text decides whether a transaction is open after it.
const TX_STATEMENT = /(?:^|;)\s*(begin|start\s+transaction|commit|end|rollback|abort)\b/gi;

function lastTransactionWord(sql: string): string | null {
  let word: string | null = null;
  TX_STATEMENT.lastIndex = 0;
  for (let m = TX_STATEMENT.exec(sql); m; m = TX_STATEMENT.exec(sql)) word = (m[1] ?? "").toLowerCase();
  return word;
}

/** Rows an unfinished stream may keep in memory when another statement needs the connection. */
const MAX_DETACHED_ROWS = 1_000_000;

function typeName(read: () => { toString(): string }): string {
  try {
    return read().toString();
  } catch {
    return "UNKNOWN";
  }
}

export class DuckConnection implements EngineConnection {
  private open: DuckStream | null = null;
  private tx = false;
  private closed = false;
  /** Settles once the DuckDB connection is really disconnected (close() may have to wait for a fetch). */
  disconnected: Promise<void> = Promise.resolve();

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly onClose: (c: DuckConnection) => void,
  ) {}

  get inTransaction(): boolean {
    return this.tx;
  }

  /**
   * Frees the DuckDB connection for the next statement: an unfinished stream is detached (its
   * remaining rows read into memory, up to MAX_DETACHED_ROWS), a finished one forgotten.
   */
  private async settle(): Promise<void> {
    const s = this.open;
    if (!s) return;
    if (!s.finished) await s.detach(MAX_DETACHED_ROWS);
    await s.idle();
    if (this.open === s) this.open = null;
  }

  private track(sql: string, failed: boolean): void {
    const word = lastTransactionWord(sql);
    if (word === null) return;
    if (word === "begin" || word.startsWith("start")) this.tx = failed ? this.tx : true;
    else this.tx = false;
  }

  private async execute(
    sql: string,
    params: readonly unknown[] | undefined,
    streaming: boolean,
  ): Promise<DuckDBResult> {
    await this.settle();
    let prepared: DuckDBPreparedStatement | null = null;
    try {
      let result: DuckDBResult;
      if (params && params.length > 0) {
        prepared = await this.conn.prepare(sql);
        bindParams(prepared, params);
        result = streaming ? await prepared.stream() : await prepared.run();
      } else {
        result = streaming ? await this.conn.stream(sql) : await this.conn.run(sql);
      }
      this.track(sql, false);
      return result;
    } catch (e) {
      this.track(sql, true);
      throw mapDuckError(e);
    } finally {
      // A streaming result keeps what it needs of the statement; the handle itself can go.
      if (prepared && !streaming) prepared.destroySync();
    }
  }

  async run(sql: string, params?: readonly unknown[]): Promise<number> {
    const result = await this.execute(sql, params, false);
    return result.rowsChanged;
  }

  async all(sql: string, params?: readonly unknown[]): Promise<{ columns: EngineColumn[]; rows: unknown[][] }> {
    const result = await this.execute(sql, params, false);
    const shape = shapeOf(result);
    const rows: unknown[][] = [];
    try {
      for (let raw = await result.fetchChunk(); raw && raw.rowCount > 0; raw = await result.fetchChunk()) {
        const chunk = new DuckChunk(raw, shape);
        const cols = shape.columns.map((_c, i) => chunk.values(i));
        for (let r = 0; r < chunk.rowCount; r++) rows.push(cols.map((col) => col[r]));
      }
    } catch (e) {
      throw mapDuckError(e);
    }
    return { columns: [...shape.columns], rows };
  }

  async prepare(sql: string): Promise<EnginePrepared> {
    await this.settle();
    let p: DuckDBPreparedStatement;
    try {
      p = await this.conn.prepare(sql);
    } catch (e) {
      throw mapDuckError(e);
    }
    const columns: EngineColumn[] = [];
    for (let i = 0; i < p.columnCount; i++) {
      const type = typeName(() => p.columnType(i));
      columns.push({ name: p.columnName(i), type });
    }
    const parameterTypes: string[] = [];
    for (let i = 1; i <= p.parameterCount; i++) parameterTypes.push(typeName(() => p.parameterType(i)));
    let released = false;
    return {
      columns,
      parameterCount: p.parameterCount,
      parameterTypes,
      close: () => {
        if (released) return;
        released = true;
        p.destroySync();
      },
    };
  }

  async stream(sql: string, params?: readonly unknown[]): Promise<EngineStream> {
    const result = await this.execute(sql, params, true);
    // The stream stays registered until the next statement settles it (a fetch may be in flight).
    const s = new DuckStream(result, async () => {
      await this.execute(sql, params, false);
    });
    this.open = s;
    return s;
  }

  interrupt(): void {
    if (this.closed) return;
    if (this.open) this.open.interrupted = true;
    this.conn.interrupt();
  }

  /** Closes the connection; a stream still fetching is interrupted and disconnected once its fetch returns. */
  close(): void {
    if (this.closed) return;
    const s = this.open;
    this.open = null;
    if (s?.fetching) {
      this.conn.interrupt();
      s.close();
      this.disconnected = s.idle().then(() => this.conn.disconnectSync());
    } else {
      s?.close();
      this.conn.disconnectSync();
    }
    this.closed = true;
    this.onClose(this);
  }
}
