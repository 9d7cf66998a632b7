// src/engine/chunk.ts
//! One DuckDB data chunk behind the EngineChunk contract. Cells are computed once per column and
//! form, so a chunk served in several slices pays for each column once.

import duckdb from "@duckdb/node-bindings";
import { type DuckDBDataChunk, JSDuckDBValueConverter } from "@duckdb/node-api";
import { binaryCells, TypeId } from "./cells-binary.js";
import { numericCells } from "./cells-numeric.js";
import { nativeTextCells } from "./cells-native-text.js";
import { stringCells } from "./cells-text.js";
import { type ByteSink, NativeKind, nativeKindOf, nativeRowPlan } from "./native-rows.js";
import type { CellVector, EngineChunk, EngineColumn } from "./types.js";

/** Column facts a chunk needs: DuckDB type ids and printed type names. */
export interface ColumnShape {
  readonly columns: readonly EngineColumn[];
  readonly typeIds: readonly number[];
}

const encoder = new TextEncoder();

function textOf(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object" && v !== null) return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? String(x) : x));
  return String(v);
}

export class DuckChunk implements EngineChunk {
  readonly rowCount: number;
  readonly columnCount: number;
  private readonly text: (CellVector | undefined)[];
  private readonly binary: (CellVector | undefined)[];

  constructor(
    private readonly chunk: DuckDBDataChunk,
    private readonly shape: ColumnShape,
  ) {
    this.rowCount = chunk.rowCount;
    this.columnCount = shape.columns.length;
    this.text = new Array(this.columnCount);
    this.binary = new Array(this.columnCount);
  }

  cells(column: number, form: "text" | "binary-be" = "text"): CellVector {
    const cache = form === "text" ? this.text : this.binary;
    let cv = cache[column];
    if (cv === undefined) {
      cv = this.compute(column, form);
      cache[column] = cv;
    }
    return cv;
  }

  /**
   * Writes rows [start, end) as Postgres DataRow messages with the native encoder: raw vectors
   * for the kinds it formats (text) or copies (strings), encoded cells for the rest. False, with
   * nothing written, when the native encoder is not available.
   */
  writeDataRows(start: number, end: number, formats: readonly number[], sink: ByteSink): boolean {
    const plan = nativeRowPlan(this.columnCount);
    if (plan === null) return false;
    plan.setChunk(this.chunk.chunk);
    for (let c = 0; c < this.columnCount; c++) {
      const binary = (formats.length === 1 ? formats[0] : formats[c]) === 1;
      const typeId = this.shape.typeIds[c]!;
      const [kind, scale] = nativeKindOf(typeId, this.shape.columns[c]!.type);
      if (kind === NativeKind.STRING || (!binary && kind !== NativeKind.CELLS)) {
        plan.setRaw(c, kind, scale);
      } else {
        plan.setCells(c, this.cells(c, binary ? "binary-be" : "text"));
      }
    }
    plan.encode(start, end, this.rowCount, sink);
    return true;
  }

  private compute(column: number, form: "text" | "binary-be"): CellVector {
    const typeId = this.shape.typeIds[column]!;
    const vector = duckdb.data_chunk_get_vector(this.chunk.chunk, column);
    if (typeId === TypeId.VARCHAR || typeId === TypeId.BLOB) return stringCells(vector, this.rowCount);
    if (form === "binary-be") {
      if (typeId === TypeId.DECIMAL) return numericCells(vector, this.rowCount);
      return binaryCells(vector, typeId, this.shape.columns[column]!.type, this.rowCount);
    }
    return nativeTextCells(vector, typeId, this.shape.columns[column]!.type, this.rowCount) ?? this.slowText(column);
  }

  /** Text for a column the caller did not cast to VARCHAR: one JS value per cell (small results only). */
  private slowText(column: number): CellVector {
    const values = this.values(column);
    const parts: (Uint8Array | null)[] = values.map((v) => (v === null ? null : encoder.encode(textOf(v))));
    const offsets = new Int32Array(parts.length + 1);
    let total = 0;
    let nulls: Uint8Array | null = null;
    for (let r = 0; r < parts.length; r++) {
      offsets[r] = total;
      const p = parts[r];
      if (p === null || p === undefined) {
        nulls ??= new Uint8Array(parts.length);
        nulls[r] = 1;
      } else total += p.length;
    }
    offsets[parts.length] = total;
    const bytes = new Uint8Array(total);
    parts.forEach((p, r) => {
      if (p) bytes.set(p, offsets[r]!);
    });
    return { bytes, offsets, nulls };
  }

  /** JS values as @duckdb/node-api's JS converter gives them: numbers, bigints, strings, Dates, arrays, objects, null. */
  values(column: number): readonly unknown[] {
    return this.chunk.convertColumnValues(column, JSDuckDBValueConverter);
  }
}
