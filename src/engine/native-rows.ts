// src/engine/native-rows.ts
//! The native DataRow encoder (native/datarow.cc, built by `npm install`): writes whole chunks of
//! Postgres DataRow messages from DuckDB's column vectors in C++, where JavaScript spent ~2 s of
//! CPU per 1M lineitem rows formatting, copying and encoding cells. Columns of the kinds it knows
//! (integers of every width, DECIMAL, DATE, BOOLEAN, VARCHAR/BLOB) are read raw; every other
//! column goes in as cells JavaScript already encoded. When the addon did not build, or
//! LAKESHIFT_NATIVE=off, nativeEncoder() is null and callers use the JavaScript path.

import { createRequire } from "node:module";
import duckdb from "@duckdb/node-bindings";
import { TypeId } from "./cells-binary.js";
import type { CellVector } from "./types.js";

interface NativeAddon {
  encode(
    desc: Int32Array,
    data: readonly unknown[],
    masks: readonly unknown[],
    offsets: readonly unknown[],
    end: number,
    out: Uint8Array,
    io: Int32Array,
  ): void;
}

/** Column kinds as native/datarow.cc numbers them. */
export const NativeKind = {
  CELLS: 0,
  BOOLEAN: 1,
  I8: 2,
  I16: 3,
  I32: 4,
  I64: 5,
  U8: 6,
  U16: 7,
  U32: 8,
  U64: 9,
  I128: 10,
  U128: 11,
  DATE: 12,
  STRING: 13,
} as const;

/** DuckDB type ids beyond those cells-binary names. */
const UBIGINT = 9;
const HUGEINT = 16;
const UHUGEINT = 32;

/** Where DataRows are written (the wire layer's BufferWriter): room for n bytes at pos after ensure(n). */
export interface ByteSink {
  readonly buf: Uint8Array;
  pos: number;
  ensure(n: number): void;
}

const ADDON = "../../../native/build/Release/lakeshift_native.node";

let addon: NativeAddon | null = null;
let loadError: string | null = null;
if (process.env.LAKESHIFT_NATIVE === "off") {
  loadError = "disabled by LAKESHIFT_NATIVE=off";
} else {
  try {
    addon = createRequire(import.meta.url)(ADDON) as NativeAddon;
  } catch (e) {
    loadError = e instanceof Error ? e.message.split("\n")[0]! : String(e);
  }
}

/** Whether the native encoder loaded, and why not. */
export function nativeEncoderStatus(): { readonly loaded: boolean; readonly reason: string | null } {
  return { loaded: addon !== null, reason: loadError };
}

/** The raw kind and scale of a column of this DuckDB type id / printed type, or CELLS. */
export function nativeKindOf(typeId: number, typeName: string): [kind: number, scale: number] {
  switch (typeId) {
    case TypeId.BOOLEAN:
      return [NativeKind.BOOLEAN, 0];
    case TypeId.TINYINT:
      return [NativeKind.I8, 0];
    case TypeId.SMALLINT:
      return [NativeKind.I16, 0];
    case TypeId.INTEGER:
      return [NativeKind.I32, 0];
    case TypeId.BIGINT:
      return [NativeKind.I64, 0];
    case TypeId.UTINYINT:
      return [NativeKind.U8, 0];
    case TypeId.USMALLINT:
      return [NativeKind.U16, 0];
    case TypeId.UINTEGER:
      return [NativeKind.U32, 0];
    case UBIGINT:
      return [NativeKind.U64, 0];
    case HUGEINT:
      return [NativeKind.I128, 0];
    case UHUGEINT:
      return [NativeKind.U128, 0];
    case TypeId.DATE:
      return [NativeKind.DATE, 0];
    case TypeId.VARCHAR:
    case TypeId.BLOB:
      return [NativeKind.STRING, 0];
    case TypeId.DECIMAL: {
      const m = /^DECIMAL\((\d+),(\d+)\)$/.exec(typeName);
      if (m === null) return [NativeKind.CELLS, 0];
      const p = Number(m[1]);
      const kind = p <= 4 ? NativeKind.I16 : p <= 9 ? NativeKind.I32 : p <= 18 ? NativeKind.I64 : NativeKind.I128;
      return [kind, Number(m[2])];
    }
    default:
      return [NativeKind.CELLS, 0];
  }
}

/** Bytes per value of a raw kind inside DuckDB's vector. */
export const RAW_WIDTH = [0, 1, 1, 2, 4, 8, 1, 2, 4, 8, 16, 16, 4, 16];

/** Per-column inputs for one encode call; reused across chunks of one shape. */
export class NativeRowPlan {
  readonly desc: Int32Array;
  readonly data: unknown[];
  readonly masks: unknown[];
  readonly offsets: unknown[];
  private readonly io = new Int32Array(2);
  /** Bytes per row seen so far, to size the buffer before a chunk (starts at a guess). */
  private rowBytes = 256;

  constructor(readonly columnCount: number) {
    this.desc = new Int32Array(2 * columnCount);
    this.data = new Array(columnCount).fill(null);
    this.masks = new Array(columnCount).fill(null);
    this.offsets = new Array(columnCount).fill(null);
  }

  /** Column c is read raw from a DuckDB vector of `kind` (text format). */
  setRaw(c: number, kind: number, scale: number, vector: duckdb.Vector, rowCount: number): void {
    this.desc[2 * c] = kind;
    this.desc[2 * c + 1] = scale;
    this.data[c] = rowCount === 0 ? null : duckdb.vector_get_data(vector, rowCount * RAW_WIDTH[kind]!);
    this.masks[c] = rowCount === 0 ? null : (duckdb.vector_get_validity(vector, Math.ceil(rowCount / 64) * 8) ?? null);
    this.offsets[c] = null;
  }

  /** Column c is given as cells already encoded. */
  setCells(c: number, cv: CellVector): void {
    this.desc[2 * c] = NativeKind.CELLS;
    this.desc[2 * c + 1] = 0;
    this.data[c] = cv.bytes;
    this.masks[c] = cv.nulls;
    this.offsets[c] = cv.offsets;
  }

  /** Writes DataRows for rows [start, end) into sink. Needs the addon (nativeEncoder() non-null). */
  encode(start: number, end: number, sink: ByteSink): void {
    const io = this.io;
    const native = addon as NativeAddon;
    sink.ensure((end - start) * this.rowBytes + 1024);
    let written = 0;
    io[0] = sink.pos;
    io[1] = start;
    for (;;) {
      native.encode(this.desc, this.data, this.masks, this.offsets, end, sink.buf, io);
      written += io[0]! - sink.pos;
      sink.pos = io[0]!;
      if (io[1]! >= end) break;
      // A row did not fit: grow (a new slab keeps the bytes written so far) and go on.
      sink.ensure(2 * (sink.buf.length - sink.pos) + 65536);
      io[0] = sink.pos;
    }
    this.data.fill(null);
    this.masks.fill(null);
    this.offsets.fill(null);
    if (end > start) this.rowBytes = Math.ceil((written / (end - start)) * 1.1);
  }
}

let lastPlan: NativeRowPlan | null = null;

/** A plan for chunks of `columnCount` columns (one is kept: encoding is synchronous), or null without the addon. */
export function nativeRowPlan(columnCount: number): NativeRowPlan | null {
  if (addon === null) return null;
  if (lastPlan === null || lastPlan.columnCount !== columnCount) lastPlan = new NativeRowPlan(columnCount);
  return lastPlan;
}
