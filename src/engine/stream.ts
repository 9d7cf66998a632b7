// src/engine/stream.ts
//! A streaming DuckDB result behind the EngineStream contract. While the caller works on one
//! chunk, the next is already being fetched on a libuv worker, so DuckDB and JavaScript overlap.

import type { DuckDBDataChunk, DuckDBResult } from "@duckdb/node-api";
import { type ColumnShape, DuckChunk } from "./chunk.js";
import { mapDuckError } from "./errors.js";
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

export class DuckStream implements EngineStream {
  readonly columns: readonly EngineColumn[];
  private readonly shape: ColumnShape;
  private pending: Promise<DuckDBDataChunk | null> | null = null;
  private done = false;

  constructor(
    private readonly result: DuckDBResult,
    private readonly onClose: () => void,
  ) {
    this.shape = shapeOf(result);
    this.columns = this.shape.columns;
  }

  async next(): Promise<EngineChunk | null> {
    if (this.done) return null;
    const p = this.pending ?? this.result.fetchChunk();
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
      return null;
    }
    const ahead = this.result.fetchChunk();
    ahead.catch(() => undefined); // surfaces on the next call to next()
    this.pending = ahead;
    return new DuckChunk(chunk, this.shape);
  }

  /** Settles when no fetch is in flight (the connection waits for this before its next statement). */
  async idle(): Promise<void> {
    if (this.pending) await this.pending.catch(() => undefined);
  }

  close(): void {
    if (this.done) return;
    this.done = true;
    this.onClose();
  }
}
