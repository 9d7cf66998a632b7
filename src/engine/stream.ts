// src/engine/stream.ts
//! A streaming DuckDB result behind the EngineStream contract. While the caller works on one
//! chunk, the next is already being fetched on a libuv worker, so DuckDB and JavaScript overlap.
//!
//! DuckDB allows one live streaming result per connection. When the connection must run another
//! statement while a stream is unfinished (a suspended portal, then another query in the same
//! transaction), the stream is detached: its remaining chunks are read into memory, up to a limit,
//! and served from there.
//!
//! A DuckDB streaming result that fails midway (an interrupt, a conversion error in a late row)
//! ends exactly like an exhausted one: fetching returns an empty chunk, and @duckdb/node-bindings
//! does not expose duckdb_result_error. duckdb_result_return_type does read it (INVALID when the
//! result has an error), so the end of every stream is checked. The message is recovered by
//! running a SELECT again (no side effects); an interrupt is 57014.

import duckdb from "@duckdb/node-bindings";
import type { DuckDBDataChunk, DuckDBResult } from "@duckdb/node-api";
import { SqlState } from "../common/errors.js";
import { type ColumnShape, DuckChunk } from "./chunk.js";
import { EngineError, mapDuckError } from "./errors.js";
import type { EngineChunk, EngineColumn, EngineStream } from "./types.js";

/** Reads a result's column names, printed types and type ids. */
export function shapeOf(result: DuckDBResult): ColumnShape {
  const columns: EngineColumn[] = [];
  const typeIds: number[] = [];
  for (let i = 0; i < result.columnCount; i++) {
    columns.push({ name: result.columnName(i), type: result.columnType(i).toString() });
    typeIds.push(result.columnTypeId(i));
  }
  return { columns, typeIds };
}

/** duckdb_result_type: INVALID is what a result that failed reports. */
const RESULT_INVALID = 0;
const STATEMENT_SELECT = 1;

export class DuckStream implements EngineStream {
  readonly columns: readonly EngineColumn[];
  private readonly shape: ColumnShape;
  /** The chunk fetched ahead of the caller. */
  private pending: Promise<DuckDBDataChunk | null> | null = null;
  private readonly inFlight = new Set<Promise<DuckDBDataChunk | null>>();
  private done = false;
  /** Remaining chunks read into memory by detach(); null while streaming from DuckDB. */
  private buffered: DuckDBDataChunk[] | null = null;
  /** Whether DuckDB reported the result failed when its end was reached (detached streams). */
  private endFailed = false;
  /** Thrown by next() once the buffered chunks are served (a detach that went over its limit). */
  private detachError: EngineError | null = null;
  /** Set by the connection when it is interrupted while this stream is open. */
  interrupted = false;
  /** Read at the start: a failed result no longer reports its statement type. */
  private readonly isSelect: boolean;

  constructor(
    private readonly result: DuckDBResult,
    private readonly rerun: () => Promise<void>,
  ) {
    this.shape = shapeOf(result);
    this.isSelect = result.statementType === STATEMENT_SELECT;
    this.columns = this.shape.columns;
  }

  /** True once the stream has ended or was closed. */
  get finished(): boolean {
    return this.done;
  }

  /** True while a chunk fetch is in flight on a worker thread. */
  get fetching(): boolean {
    return this.inFlight.size > 0;
  }

  /** Fetches on a worker thread, keeping count of fetches in flight. */
  private fetch(): Promise<DuckDBDataChunk | null> {
    const p = this.result.fetchChunk();
    this.inFlight.add(p);
    const forget = () => {
      this.inFlight.delete(p);
    };
    p.then(forget, forget);
    return p;
  }

  /** The next raw chunk from DuckDB, or null at its end (endFailed then tells how it ended). */
  private async fetchNext(): Promise<DuckDBDataChunk | null> {
    const p = this.pending ?? this.fetch();
    this.pending = null;
    const chunk = await p;
    if (chunk === null || chunk.rowCount === 0) {
      const raw = (this.result as unknown as { result: duckdb.Result }).result;
      this.endFailed = duckdb.result_return_type(raw) === RESULT_INVALID;
      return null;
    }
    return chunk;
  }

  async next(): Promise<EngineChunk | null> {
    if (this.done) return null;
    let chunk: DuckDBDataChunk | null;
    if (this.buffered !== null) {
      chunk = this.buffered.shift() ?? null;
      if (chunk === null && this.detachError) {
        this.close();
        throw this.detachError;
      }
    } else {
      try {
        chunk = await this.fetchNext();
      } catch (e) {
        this.close();
        throw mapDuckError(e);
      }
      if (this.done) return null;
      if (chunk !== null) {
        // Fetch ahead; a failure surfaces on the next call to next().
        const ahead = this.fetch();
        ahead.catch(() => undefined);
        this.pending = ahead;
      }
    }
    if (chunk === null) {
      this.close();
      await this.explainEnd();
      return null;
    }
    return new DuckChunk(chunk, this.shape);
  }

  private async explainEnd(): Promise<void> {
    if (!this.endFailed) return;
    if (this.interrupted) {
      throw new EngineError(
        SqlState.QueryCanceled,
        "canceling statement due to user request",
        "INTERRUPT",
        "Interrupted!",
      );
    }
    if (this.isSelect) await this.rerun();
    throw new EngineError(
      SqlState.InternalError,
      "the query failed while its rows were being streamed",
      "",
      "streaming result ended with an error",
    );
  }

  /**
   * Reads the rest of the result into memory so that the connection can run another statement.
   * Past maxRows the rest is dropped and next() fails once the rows read so far are served.
   */
  async detach(maxRows: number): Promise<void> {
    if (this.done || this.buffered !== null) return;
    const chunks: DuckDBDataChunk[] = [];
    this.buffered = chunks;
    let rows = 0;
    try {
      for (let chunk = await this.fetchNext(); chunk !== null; chunk = await this.fetchNext()) {
        if (this.done) return;
        chunks.push(chunk);
        rows += chunk.rowCount;
        if (rows > maxRows) {
          this.detachError = new EngineError(
            SqlState.FeatureNotSupported,
            `another statement ran while more than ${maxRows} rows of this result were still unread`,
            "",
            "",
          );
          return;
        }
      }
    } catch (e) {
      this.detachError = e instanceof EngineError ? e : (mapDuckError(e) as EngineError);
    }
  }

  /** Settles when no fetch is in flight (the connection waits for this before its next statement). */
  async idle(): Promise<void> {
    await Promise.all([...this.inFlight].map((p) => p.catch(() => undefined)));
  }

  close(): void {
    this.done = true;
    this.buffered = null;
  }
}
