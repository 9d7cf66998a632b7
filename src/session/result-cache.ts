// src/session/result-cache.ts
//! Redshift's result cache: a small result of a query over tables whose data has not changed is
//! served again without running the query. Only results known to be small are kept (their text
//! cells copied out of the engine's chunks), keyed by the translated DuckDB statement (fully
//! qualified names and constants) and the rendering settings. Any committed write or DDL anywhere
//! changes the data version and so misses; statements with GETDATE()/RANDOM(), views, system
//! relations, temporary tables, or inside a transaction block never use it.
//! https://docs.aws.amazon.com/redshift/latest/dg/c_challenges_achieving_high_performance_queries.html#result-caching

import type { CellVector, EngineChunk, EngineColumn, EngineStream } from "../engine/types.js";

interface CachedResult {
  readonly version: string;
  readonly columns: readonly EngineColumn[];
  readonly chunks: readonly CachedChunk[];
  readonly bytes: number;
}

/** A chunk held as copies of its text cells. */
class CachedChunk implements EngineChunk {
  constructor(
    readonly rowCount: number,
    private readonly vectors: readonly CellVector[],
  ) {}

  get columnCount(): number {
    return this.vectors.length;
  }

  cells(column: number, form: "text" | "binary-be" = "text"): CellVector {
    if (form !== "text") throw new Error("a cached result holds text cells only");
    return this.vectors[column] as CellVector;
  }

  values(column: number): readonly unknown[] {
    const v = this.vectors[column] as CellVector;
    const dec = new TextDecoder();
    const out: (string | null)[] = [];
    for (let r = 0; r < this.rowCount; r++) {
      out.push(v.nulls?.[r] === 1 ? null : dec.decode(v.bytes.subarray(v.offsets[r], v.offsets[r + 1])));
    }
    return out;
  }
}

function copyCells(cv: CellVector, rows: number): CellVector {
  const start = cv.offsets[0] ?? 0;
  const end = cv.offsets[rows] ?? start;
  const offsets = new Int32Array(rows + 1);
  for (let r = 0; r <= rows; r++) offsets[r] = (cv.offsets[r] ?? end) - start;
  return {
    bytes: cv.bytes.slice(start, end),
    offsets,
    nulls: cv.nulls ? cv.nulls.slice(0, rows) : null,
  };
}

export class ResultCache {
  private readonly entries = new Map<string, CachedResult>();
  private bytes = 0;

  constructor(
    private readonly maxBytes = 64 << 20,
    private readonly maxRows = 10_000,
  ) {}

  /** A stream over the cached rows of `key`, when they are still valid for `version`. */
  lookup(key: string, version: string): EngineStream | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.version !== version) {
      this.drop(key, e);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, e);
    let i = 0;
    return {
      columns: e.columns,
      next: async () => e.chunks[i++] ?? null,
      close: () => {
        i = e.chunks.length;
      },
    };
  }

  /**
   * The stream as is, copying the text cells of its chunks as they pass; when it ends within the
   * size limits, the copy is kept under `key`.
   */
  capture(key: string, version: string, stream: EngineStream): EngineStream {
    const chunks: CachedChunk[] = [];
    let rows = 0;
    let bytes = 0;
    let keep = true;
    return {
      columns: stream.columns,
      next: async () => {
        const chunk = await stream.next();
        if (chunk === null) {
          if (keep) this.store(key, { version, columns: stream.columns, chunks, bytes });
          keep = false;
          return null;
        }
        if (keep) {
          rows += chunk.rowCount;
          if (rows > this.maxRows) keep = false;
          else {
            const vectors: CellVector[] = [];
            for (let c = 0; c < chunk.columnCount; c++) vectors.push(copyCells(chunk.cells(c, "text"), chunk.rowCount));
            for (const v of vectors) bytes += v.bytes.length + v.offsets.byteLength;
            chunks.push(new CachedChunk(chunk.rowCount, vectors));
          }
        }
        return chunk;
      },
      close: () => {
        keep = false;
        stream.close();
      },
    };
  }

  private store(key: string, e: CachedResult): void {
    if (e.bytes > this.maxBytes / 8) return;
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, e);
    this.bytes += e.bytes;
    while (this.bytes > this.maxBytes) {
      const [k, v] = this.entries.entries().next().value as [string, CachedResult];
      this.drop(k, v);
    }
  }

  private drop(key: string, e: CachedResult): void {
    this.entries.delete(key);
    this.bytes -= e.bytes;
  }
}
