// src/engine/materialized-stream.ts
//! A result computed whole by one engine call (DuckDB's materialized result), read chunk by chunk
//! without further round trips. For results known to be small (a SELECT without FROM, a small
//! LIMIT): a streaming result costs a worker-thread round trip per chunk and one more to find
//! its end, which for a one-row answer is most of the statement's latency.

import type { DuckDBMaterializedResult } from "@duckdb/node-api";
import { type ColumnShape, DuckChunk } from "./chunk.js";
import { shapeOf } from "./stream.js";
import type { EngineChunk, EngineColumn, EngineStream } from "./types.js";

export class MaterializedStream implements EngineStream {
  readonly columns: readonly EngineColumn[];
  private readonly shape: ColumnShape;
  private index = 0;
  private closed = false;

  constructor(private readonly result: DuckDBMaterializedResult) {
    this.shape = shapeOf(result);
    this.columns = this.shape.columns;
  }

  async next(): Promise<EngineChunk | null> {
    while (!this.closed && this.index < this.result.chunkCount) {
      const chunk = this.result.getChunk(this.index++);
      if (chunk.rowCount > 0) return new DuckChunk(chunk, this.shape);
    }
    this.closed = true;
    return null;
  }

  close(): void {
    this.closed = true;
  }
}
