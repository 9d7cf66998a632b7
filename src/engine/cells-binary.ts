// src/engine/cells-binary.ts
//! Fixed-width vectors in Postgres's binary send format (big-endian), straight from the vector's
//! bytes. DATE becomes int32 days since 2000-01-01 and TIMESTAMP(TZ) int64 microseconds since
//! 2000-01-01 (DuckDB counts from 1970-01-01); DuckDB's ±infinity map to Postgres's. TIMETZ is
//! int64 microseconds + int32 zone in seconds west of UTC; INTERVAL int64 microseconds, int32 days,
//! int32 months.

import duckdb from "@duckdb/node-bindings";
import { UnsupportedError } from "../common/errors.js";
import { readNulls } from "./cells-text.js";
import type { CellVector } from "./types.js";

/** DuckDB type ids (duckdb_type) the engine's readers name (this module and native-rows.ts). */
export const TypeId = {
  BOOLEAN: 1,
  TINYINT: 2,
  SMALLINT: 3,
  INTEGER: 4,
  BIGINT: 5,
  UTINYINT: 6,
  USMALLINT: 7,
  UINTEGER: 8,
  UBIGINT: 9,
  FLOAT: 10,
  DOUBLE: 11,
  TIMESTAMP: 12,
  DATE: 13,
  TIME: 14,
  INTERVAL: 15,
  HUGEINT: 16,
  VARCHAR: 17,
  BLOB: 18,
  DECIMAL: 19,
  TIME_TZ: 30,
  TIMESTAMP_TZ: 31,
  UHUGEINT: 32,
} as const;

/** Days from 1970-01-01 to 2000-01-01. */
const EPOCH_DAYS = 10957;
/** Microseconds from 1970-01-01 to 2000-01-01, as two 32-bit halves. */
const EPOCH_US = 946684800000000;
const EPOCH_US_LO = EPOCH_US % 4294967296;
const EPOCH_US_HI = Math.floor(EPOCH_US / 4294967296);

const offsetCache = new Map<number, Int32Array>();

/** Offsets 0, w, 2w, ... shared between chunks of the same shape (never written after creation). */
function fixedOffsets(rowCount: number, width: number): Int32Array {
  const key = rowCount * 16 + width;
  let o = offsetCache.get(key);
  if (o === undefined) {
    o = new Int32Array(rowCount + 1);
    for (let r = 0; r <= rowCount; r++) o[r] = r * width;
    if (offsetCache.size > 256) offsetCache.clear();
    offsetCache.set(key, o);
  }
  return o;
}

/** Postgres binary width for a DuckDB type id, or 0 when there is no binary form here. */
export function binaryWidth(typeId: number): number {
  switch (typeId) {
    case TypeId.BOOLEAN:
      return 1;
    case TypeId.TINYINT:
    case TypeId.UTINYINT:
    case TypeId.SMALLINT:
      return 2;
    case TypeId.USMALLINT:
    case TypeId.INTEGER:
    case TypeId.FLOAT:
    case TypeId.DATE:
      return 4;
    case TypeId.UINTEGER:
    case TypeId.BIGINT:
    case TypeId.DOUBLE:
    case TypeId.TIMESTAMP:
    case TypeId.TIMESTAMP_TZ:
    case TypeId.TIME:
      return 8;
    case TypeId.TIME_TZ:
      return 12;
    case TypeId.INTERVAL:
      return 16;
    default:
      return 0;
  }
}

/** Bytes each value takes inside DuckDB's vector. */
function storageWidth(typeId: number): number {
  switch (typeId) {
    case TypeId.BOOLEAN:
    case TypeId.TINYINT:
    case TypeId.UTINYINT:
      return 1;
    case TypeId.SMALLINT:
    case TypeId.USMALLINT:
      return 2;
    case TypeId.INTEGER:
    case TypeId.UINTEGER:
    case TypeId.FLOAT:
    case TypeId.DATE:
      return 4;
    case TypeId.INTERVAL:
      return 16;
    default:
      return 8;
  }
}

function swap(src: Uint8Array, out: Uint8Array, n: number, w: number): void {
  for (let r = 0, s = 0; r < n; r++, s += w) {
    for (let i = 0; i < w; i++) out[s + i] = src[s + w - 1 - i]!;
  }
}

/** The cells of a fixed-width vector in Postgres binary form. */
export function binaryCells(vector: duckdb.Vector, typeId: number, typeName: string, rowCount: number): CellVector {
  const width = binaryWidth(typeId);
  if (width === 0) throw new UnsupportedError(`binary output for ${typeName}`);
  const offsets = fixedOffsets(rowCount, width);
  const out = new Uint8Array(rowCount * width);
  if (rowCount === 0) return { bytes: out, offsets, nulls: null };
  const src = duckdb.vector_get_data(vector, rowCount * storageWidth(typeId));
  const nulls = readNulls(vector, rowCount);
  switch (typeId) {
    case TypeId.BOOLEAN:
      for (let r = 0; r < rowCount; r++) out[r] = src[r] ? 1 : 0;
      break;
    case TypeId.TINYINT:
      for (let r = 0; r < rowCount; r++) {
        const v = src[r]!;
        out[2 * r] = v & 0x80 ? 0xff : 0;
        out[2 * r + 1] = v;
      }
      break;
    case TypeId.UTINYINT:
      for (let r = 0; r < rowCount; r++) out[2 * r + 1] = src[r]!;
      break;
    case TypeId.USMALLINT:
      for (let r = 0; r < rowCount; r++) {
        out[4 * r + 2] = src[2 * r + 1]!;
        out[4 * r + 3] = src[2 * r]!;
      }
      break;
    case TypeId.UINTEGER:
      for (let r = 0; r < rowCount; r++) {
        for (let i = 0; i < 4; i++) out[8 * r + 7 - i] = src[4 * r + i]!;
      }
      break;
    case TypeId.SMALLINT:
    case TypeId.INTEGER:
    case TypeId.BIGINT:
    case TypeId.FLOAT:
    case TypeId.DOUBLE:
    case TypeId.TIME:
      swap(src, out, rowCount, width);
      break;
    case TypeId.DATE:
      dates(src, out, rowCount);
      break;
    case TypeId.TIME_TZ:
      timesWithZone(src, out, rowCount);
      break;
    case TypeId.INTERVAL:
      intervals(src, out, rowCount);
      break;
    default:
      timestamps(src, out, rowCount);
  }
  return { bytes: out, offsets, nulls };
}

function dates(src: Uint8Array, out: Uint8Array, n: number): void {
  const view = new DataView(src.buffer, src.byteOffset, n * 4);
  const dst = new DataView(out.buffer, out.byteOffset, n * 4);
  for (let r = 0; r < n; r++) {
    const d = view.getInt32(4 * r, true);
    // DuckDB's infinity is ±(2^31 - 1); Postgres's DATEVAL_NOEND / NOBEGIN are INT32_MAX / INT32_MIN.
    const v = d === 2147483647 ? d : d === -2147483647 ? -2147483648 : d - EPOCH_DAYS;
    dst.setInt32(4 * r, v, false);
  }
}

/** DuckDB's TIME_TZ: uint64 microseconds << 24 | (MAX_OFFSET - offset seconds east of UTC). */
const TZ_MAX_OFFSET = 16 * 60 * 60 - 1;

function timesWithZone(src: Uint8Array, out: Uint8Array, n: number): void {
  const view = new DataView(src.buffer, src.byteOffset, n * 8);
  const dst = new DataView(out.buffer, out.byteOffset, n * 12);
  for (let r = 0; r < n; r++) {
    const bits = view.getBigUint64(8 * r, true);
    const east = TZ_MAX_OFFSET - Number(bits & 0xffffffn);
    dst.setBigInt64(12 * r, bits >> 24n, false);
    dst.setInt32(12 * r + 8, -east, false);
  }
}

/** DuckDB's interval (int32 months, int32 days, int64 micros) in Postgres's order (micros, days, months). */
function intervals(src: Uint8Array, out: Uint8Array, n: number): void {
  const view = new DataView(src.buffer, src.byteOffset, n * 16);
  const dst = new DataView(out.buffer, out.byteOffset, n * 16);
  for (let r = 0; r < n; r++) {
    dst.setBigInt64(16 * r, view.getBigInt64(16 * r + 8, true), false);
    dst.setInt32(16 * r + 8, view.getInt32(16 * r + 4, true), false);
    dst.setInt32(16 * r + 12, view.getInt32(16 * r, true), false);
  }
}

function timestamps(src: Uint8Array, out: Uint8Array, n: number): void {
  const view = new DataView(src.buffer, src.byteOffset, n * 8);
  const dst = new DataView(out.buffer, out.byteOffset, n * 8);
  for (let r = 0; r < n; r++) {
    const lo = view.getUint32(8 * r, true);
    const hi = view.getInt32(8 * r + 4, true);
    if (hi === 0x7fffffff && lo === 0xffffffff) {
      dst.setUint32(8 * r, 0x7fffffff, false);
      dst.setUint32(8 * r + 4, 0xffffffff, false);
    } else if (hi === -2147483648 && lo === 1) {
      // DuckDB's -infinity is -(2^63 - 1); Postgres's DT_NOBEGIN is INT64_MIN.
      dst.setUint32(8 * r, 0x80000000, false);
      dst.setUint32(8 * r + 4, 0, false);
    } else {
      let nlo = lo - EPOCH_US_LO;
      let nhi = hi - EPOCH_US_HI;
      if (nlo < 0) {
        nlo += 4294967296;
        nhi -= 1;
      }
      dst.setInt32(8 * r, nhi, false);
      dst.setUint32(8 * r + 4, nlo, false);
    }
  }
}

/**
 * DuckDB types cells(c, 'binary-be') can serve, with the Postgres type whose send format it
 * produces (the unsigned ones widen: UTINYINT int2, USMALLINT int4, UINTEGER int8).
 * VARCHAR and BLOB are their raw bytes in either form (text / bytea binary).
 */
export const BINARY_FORMS: Readonly<Record<string, string>> = {
  BOOLEAN: "bool",
  TINYINT: "int2",
  UTINYINT: "int2",
  SMALLINT: "int2",
  USMALLINT: "int4",
  INTEGER: "int4",
  UINTEGER: "int8",
  BIGINT: "int8",
  FLOAT: "float4",
  DOUBLE: "float8",
  DATE: "date",
  TIME: "time",
  "TIME WITH TIME ZONE": "timetz",
  INTERVAL: "interval",
  TIMESTAMP: "timestamp",
  "TIMESTAMP WITH TIME ZONE": "timestamptz",
  VARCHAR: "text",
  BLOB: "bytea",
};

/** True when cells(c, 'binary-be') works for a column of this DuckDB type (DECIMAL(p,s) as numeric). */
export function hasBinaryForm(type: string): boolean {
  return Object.hasOwn(BINARY_FORMS, type) || /^DECIMAL\(\d+,\d+\)$/.test(type);
}
