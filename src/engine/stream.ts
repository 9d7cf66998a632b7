// src/engine/stream.ts
//! A streaming DuckDB result behind the EngineStream contract. While the caller works on one
//! chunk, the next is already being fetched on a libuv worker, so DuckDB and JavaScript overlap.

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

/** What a stream needs from its connection to explain a failure DuckDB reports only as an early end. */
export interface StreamFailure {
  /** True when interrupt() was called while this stream was open. */
  readonly interrupted: boolean;
  /** Runs the statement again, materialized, so that DuckDB throws its error with the message. */
  rerun(): Promise<void>;
}

/**
 * A DuckDB streaming result that fails midway (an interrupt, a conversion error in a late row)
 * ends exactly like an exhausted one: fetching returns an empty chunk, and @duckdb/node-bindings
 * does not expose duckdb_result_error. duckdb_result_return_type does read it (INVALID when the
 * result has an error), so the end of every stream is checked. The message is recovered by
 * running a SELECT again (no side effects); an interrupt is 57014.
 */
export class DuckStream implements EngineStream {
  readonly columns: readonly EngineColumn[];
  private readonly shape: ColumnShape;
  private pending: Promise<DuckDBDataChunk | null> | null = null;
  private readonly inFlight = new Set<Promise<DuckDBDataChunk | null>>();
  private done = false;

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

  async next(): Promise<EngineChunk | null> {
    if (this.done) return null;
    const p = this.pending ?? this.fetch();
    this.pending = null;
    let chunk: DuckDBDataChunk | null;
    try {
      chunk = await p;
    } catch (e) {
      this.close();
      throw mapDuckError(e);
    }
    if (this.done) return null;
    if (chunk === null || chunk.rowCount === 0) {
      this.close();
      await this.checkEnd();
      return null;
    }
    // Fetch ahead; a failure surfaces on the next call to next().
    const ahead = this.fetch();
    ahead.catch(() => undefined);
    this.pending = ahead;
    return new DuckChunk(chunk, this.shape);
  }

  private async checkEnd(): Promise<void> {
    const raw = (this.result as unknown as { result: duckdb.Result }).result;
    if (duckdb.result_return_type(raw) !== RESULT_INVALID) return;
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

  /** True while a chunk fetch is in flight on a worker thread. */
  get fetching(): boolean {
    return this.inFlight.size > 0;
  }

  /** Settles when no fetch is in flight (the connection waits for this before its next statement). */
  async idle(): Promise<void> {
    await Promise.all([...this.inFlight].map((p) => p.catch(() => undefined)));
  }

  close(): void {
    this.done = true;
  }
}
