// src/engine/cells-native-text.ts
//! Postgres TEXT output for integers, DECIMALs, DATE and BOOLEAN, written
//! straight from DuckDB's fixed-width vectors. Casting these to VARCHAR inside DuckDB costs ~0.3 s
//! of engine CPU per 1M TPC-H lineitem rows and yields string vectors that must be copied out
//! again; formatting the raw values here is cheaper. Output matches Postgres: integers in
//! decimal, numeric with exactly `scale` fraction digits, dates as YYYY-MM-DD (year at least
//! four digits, ' BC' before year 1, 'infinity' / '-infinity'), booleans as 't' / 'f'.
//! https://www.postgresql.org/docs/current/datatype-datetime.html#DATATYPE-DATETIME-OUTPUT

import duckdb from "@duckdb/node-bindings";
import { readNulls } from "./cells-text.js";
import { NativeKind, nativeKindOf, RAW_WIDTH } from "./native-rows.js";
import type { CellVector } from "./types.js";

const TWO32 = 4294967296;
/** DuckDB's DATE infinity is INT32_MAX, -infinity -INT32_MAX. */
const DATE_INF = 2147483647;
const INFINITY = new TextEncoder().encode("infinity");

const NO_NULLS = new Uint8Array(0);

const DECIMAL_TYPE = /^DECIMAL\((\d+),(\d+)\)$/;

/**
 * Whether text for a column of this DuckDB type can be written here (then the column is fetched
 * raw instead of cast to VARCHAR by DuckDB): integers of every width, DECIMAL, DATE, BOOLEAN.
 */
export function nativeTextType(duckType: string): boolean {
  switch (duckType) {
    case "BOOLEAN":
    case "TINYINT":
    case "SMALLINT":
    case "INTEGER":
    case "BIGINT":
    case "UTINYINT":
    case "USMALLINT":
    case "UINTEGER":
    case "UBIGINT":
    case "HUGEINT":
    case "UHUGEINT":
    case "DATE":
      return true;
    default:
      return DECIMAL_TYPE.test(duckType);
  }
}

/** Writes 0 <= v < 2^31 at o; returns the end. Integer division by a constant stays in int32. */
function writeU31(buf: Uint8Array, o: number, v: number): number {
  const n =
    v < 10
      ? 1
      : v < 100
        ? 2
        : v < 1000
          ? 3
          : v < 10000
            ? 4
            : v < 100000
              ? 5
              : v < 1000000
                ? 6
                : v < 10000000
                  ? 7
                  : v < 100000000
                    ? 8
                    : v < 1000000000
                      ? 9
                      : 10;
  let i = o + n;
  while (v >= 10) {
    const q = (v / 10) | 0;
    buf[--i] = 48 + v - q * 10;
    v = q;
  }
  buf[--i] = 48 + v;
  return o + n;
}

/** Writes 0 <= v < 2^31 as exactly `digits` digits, zero-padded on the left. */
function writePadded(buf: Uint8Array, o: number, v: number, digits: number): number {
  let i = o + digits;
  for (let k = 0; k < digits; k++) {
    const q = (v / 10) | 0;
    buf[--i] = 48 + v - q * 10;
    v = q;
  }
  return o + digits;
}

/** Writes a non-negative integer below 2^53 at o; returns the end. */
function writeUint(buf: Uint8Array, o: number, v: number): number {
  if (v < 2147483648) return writeU31(buf, o, v | 0);
  const hi = Math.floor(v / 1e9);
  o = writeUint(buf, o, hi);
  return writePadded(buf, o, v - hi * 1e9, 9);
}

function writeAscii(buf: Uint8Array, o: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[o++] = s.charCodeAt(i);
  return o;
}

/** Writes an integer below 2^53 in magnitude with a decimal point `scale` digits from the right (pow = 10^scale). */
function writeScaled(buf: Uint8Array, o: number, v: number, scale: number, pow: number): number {
  if (v < 0) {
    buf[o++] = 45;
    v = -v;
  }
  if (scale === 0) return writeUint(buf, o, v);
  let whole: number;
  let frac: number;
  if (v < 2147483648) {
    whole = ((v | 0) / pow) | 0;
    frac = (v | 0) - whole * pow;
  } else {
    whole = Math.floor(v / pow);
    frac = v - whole * pow;
    if (frac < 0) {
      // v / pow rounded up to the next integer
      whole--;
      frac += pow;
    }
  }
  o = writeUint(buf, o, whole);
  buf[o++] = 46;
  if (frac < 2147483648) return writePadded(buf, o, frac, scale);
  const hi = Math.floor(frac / 1e9);
  o = writePadded(buf, o, hi, scale - 9);
  return writePadded(buf, o, frac - hi * 1e9, 9);
}

function writeBigScaled(buf: Uint8Array, o: number, v: bigint, scale: number): number {
  let s = (v < 0n ? -v : v).toString();
  if (v < 0n) buf[o++] = 45;
  if (scale === 0) return writeAscii(buf, o, s);
  if (s.length <= scale) s = "0".repeat(scale - s.length + 1) + s;
  o = writeAscii(buf, o, s.slice(0, s.length - scale));
  buf[o++] = 46;
  return writeAscii(buf, o, s.slice(s.length - scale));
}

/** Civil date from days since 1970-01-01 (proleptic Gregorian), written as Postgres prints it. */
function writeDate(buf: Uint8Array, o: number, days: number): number {
  if (days === DATE_INF || days === -DATE_INF) {
    if (days < 0) buf[o++] = 45;
    buf.set(INFINITY, o);
    return o + INFINITY.length;
  }
  // Days since 0000-03-01; eras of 400 years. Everything below the era split is int32 and non-negative.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = (z - era * 146097) | 0;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36524) | 0) - ((doe / 146096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  const d = doy - (((153 * mp + 2) / 5) | 0) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  let y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const bc = y <= 0;
  if (bc) y = 1 - y;
  o = y > 9999 ? writeUint(buf, o, y) : writePadded(buf, o, y, 4);
  buf[o++] = 45;
  o = writePadded(buf, o, m, 2);
  buf[o++] = 45;
  o = writePadded(buf, o, d, 2);
  if (bc) {
    buf[o++] = 32;
    buf[o++] = 66;
    buf[o++] = 67;
  }
  return o;
}

/** Widest text of a value of each raw kind (sign, digits, decimal point, a leading 0). */
const TEXT_WIDTH = [0, 1, 6, 8, 13, 22, 5, 7, 12, 22, 42, 42, 16, 0];

/**
 * The text cells of an integer, DECIMAL, DATE or BOOLEAN vector (the types nativeTextType
 * accepts), or null for any other type.
 */
export function nativeTextCells(
  vector: duckdb.Vector,
  typeId: number,
  typeName: string,
  rowCount: number,
): CellVector | null {
  const [kind, scale] = nativeKindOf(typeId, typeName);
  if (kind === NativeKind.CELLS || kind === NativeKind.STRING) return null;
  const width = TEXT_WIDTH[kind]!;
  const storage = RAW_WIDTH[kind]!;
  const offsets = new Int32Array(rowCount + 1);
  const bytes = new Uint8Array(rowCount * width);
  if (rowCount === 0) return { bytes, offsets, nulls: null };
  let src = duckdb.vector_get_data(vector, rowCount * storage);
  if (src.byteOffset % Math.min(storage, 8) !== 0) src = src.slice();
  const nulls = readNulls(vector, rowCount);
  const pow = 10 ** scale;
  const skip = nulls ?? NO_NULLS;
  const checkNulls = nulls !== null;
  const buffer = src.buffer;
  const at = src.byteOffset;
  let o = 0;
  // One loop per storage kind keeps each loop monomorphic.
  switch (kind) {
    case NativeKind.BOOLEAN:
      for (let r = 0; r < rowCount; r++) {
        offsets[r] = o;
        if (checkNulls && skip[r] === 1) continue;
        bytes[o++] = src[r] ? 116 : 102;
      }
      break;
    case NativeKind.DATE: {
      const i32 = new Int32Array(buffer, at, rowCount);
      for (let r = 0; r < rowCount; r++) {
        offsets[r] = o;
        if (checkNulls && skip[r] === 1) continue;
        o = writeDate(bytes, o, i32[r]!);
      }
      break;
    }
    case NativeKind.I8:
    case NativeKind.I16:
    case NativeKind.I32:
    case NativeKind.U8:
    case NativeKind.U16:
    case NativeKind.U32: {
      const view = smallView(kind, buffer, at, rowCount);
      for (let r = 0; r < rowCount; r++) {
        offsets[r] = o;
        if (checkNulls && skip[r] === 1) continue;
        o = writeScaled(bytes, o, view[r]!, scale, pow);
      }
      break;
    }
    case NativeKind.I64:
    case NativeKind.U64: {
      const i32 = new Int32Array(buffer, at, rowCount * 2);
      const signed = kind === NativeKind.I64;
      for (let r = 0; r < rowCount; r++) {
        offsets[r] = o;
        if (checkNulls && skip[r] === 1) continue;
        const hi = signed ? i32[2 * r + 1]! : i32[2 * r + 1]! >>> 0;
        const lo = i32[2 * r]! >>> 0;
        if (hi >= -2097152 && hi < 2097152) o = writeScaled(bytes, o, hi * TWO32 + lo, scale, pow);
        else o = writeBigScaled(bytes, o, (BigInt(hi) << 32n) + BigInt(lo), scale);
      }
      break;
    }
    default: {
      // HUGEINT, UHUGEINT, DECIMAL(19..38): 16 bytes, uint64 lower then (u)int64 upper.
      const lo64 = new BigUint64Array(buffer, at, rowCount * 2);
      const hi64 = kind === NativeKind.I128 ? new BigInt64Array(buffer, at, rowCount * 2) : lo64;
      for (let r = 0; r < rowCount; r++) {
        offsets[r] = o;
        if (checkNulls && skip[r] === 1) continue;
        o = writeBigScaled(bytes, o, (hi64[2 * r + 1]! << 64n) + lo64[2 * r]!, scale);
      }
    }
  }
  offsets[rowCount] = o;
  return { bytes: bytes.subarray(0, o), offsets, nulls };
}

function smallView(kind: number, buffer: ArrayBufferLike, at: number, n: number): ArrayLike<number> {
  switch (kind) {
    case NativeKind.I8:
      return new Int8Array(buffer, at, n);
    case NativeKind.I16:
      return new Int16Array(buffer, at, n);
    case NativeKind.I32:
      return new Int32Array(buffer, at, n);
    case NativeKind.U8:
      return new Uint8Array(buffer, at, n);
    case NativeKind.U16:
      return new Uint16Array(buffer, at, n);
    default:
      return new Uint32Array(buffer, at, n);
  }
}
