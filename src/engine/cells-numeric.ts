// src/engine/cells-numeric.ts
//! Postgres's binary NUMERIC (numeric_send / numeric_recv): int16 ndigits, int16 weight, uint16
//! sign (0x0000 +, 0x4000 -, 0xC000 NaN, 0xD000 +Infinity, 0xF000 -Infinity), uint16 dscale, then
//! ndigits base-10000 digits, most significant first; the value is sum(digit[i] * 10000^(weight-i)).
//! Leading and trailing zero digits are stripped (zero has no digits); dscale keeps the scale, so
//! 1.50 is {ndigits 2, weight 0, dscale 2, digits [1, 5000]}. DuckDB DECIMAL vectors (an unscaled
//! int16/int32/int64/int128 and the type's scale) are encoded exactly, without floating point.

import duckdb from "@duckdb/node-bindings";
import { readNulls } from "./cells-text.js";
import type { CellVector } from "./types.js";

const NUMERIC_POS = 0x0000;
const NUMERIC_NEG = 0x4000;
const NUMERIC_NAN = 0xc000;
const NUMERIC_PINF = 0xd000;
const NUMERIC_NINF = 0xf000;
/** Postgres's limit on dscale (NUMERIC_DSCALE_MASK). */
const MAX_DSCALE = 0x3fff;

/** The base-10000 digits and weight of |unscaled| / 10^scale, zero digits stripped at both ends. */
function digitsOf(absDigits: string, scale: number): { digits: number[]; weight: number } {
  const intLen = absDigits.length - scale;
  const intPart = intLen > 0 ? absDigits.slice(0, intLen) : "";
  const fracPart = intLen >= 0 ? absDigits.slice(intLen) : "0".repeat(-intLen) + absDigits;
  const digits: number[] = [];
  const lead = intPart.length % 4;
  if (lead > 0) digits.push(Number(intPart.slice(0, lead)));
  for (let i = lead; i < intPart.length; i += 4) digits.push(Number(intPart.slice(i, i + 4)));
  let weight = digits.length - 1;
  for (let i = 0; i < fracPart.length; i += 4) digits.push(Number(fracPart.slice(i, i + 4).padEnd(4, "0")));
  let start = 0;
  while (start < digits.length && digits[start] === 0) start++;
  let end = digits.length;
  while (end > start && digits[end - 1] === 0) end--;
  if (start === end) return { digits: [], weight: 0 };
  weight -= start;
  return { digits: digits.slice(start, end), weight };
}

/** Writes one value's send form at `at` in `out` (which must have room); returns the bytes written. */
function writeNumeric(out: DataView, at: number, negative: boolean, absDigits: string, scale: number): number {
  const { digits, weight } = digitsOf(absDigits, scale);
  out.setInt16(at, digits.length);
  out.setInt16(at + 2, weight);
  out.setUint16(at + 4, digits.length > 0 && negative ? NUMERIC_NEG : NUMERIC_POS);
  out.setUint16(at + 6, scale);
  for (let i = 0; i < digits.length; i++) out.setInt16(at + 8 + 2 * i, digits[i]!);
  return 8 + 2 * digits.length;
}

/** The send form of unscaled / 10^scale (scale is the dscale: trailing zeros it covers are kept in it). */
export function encodeNumeric(unscaled: bigint, scale: number): Uint8Array {
  const abs = unscaled < 0n ? -unscaled : unscaled;
  const s = abs.toString();
  const buf = new Uint8Array(8 + 2 * (Math.ceil(s.length / 4) + 2));
  const n = writeNumeric(new DataView(buf.buffer), 0, unscaled < 0n, s, scale);
  return buf.slice(0, n);
}

/** The send form of NaN. */
export function encodeNumericNaN(): Uint8Array {
  return new Uint8Array([0, 0, 0, 0, NUMERIC_NAN >> 8, 0, 0, 0]);
}

/**
 * A received NUMERIC as decimal text ('-12.340', 'NaN', 'Infinity', '-Infinity'), or undefined when
 * the bytes are not a well-formed numeric_send value.
 */
export function decodeNumeric(bytes: Uint8Array): string | undefined {
  if (bytes.length < 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ndigits = view.getInt16(0);
  const weight = view.getInt16(2);
  const sign = view.getUint16(4);
  const dscale = view.getUint16(6);
  if (ndigits < 0 || bytes.length !== 8 + 2 * ndigits || dscale > MAX_DSCALE) return undefined;
  if (sign === NUMERIC_NAN) return "NaN";
  if (sign === NUMERIC_PINF) return "Infinity";
  if (sign === NUMERIC_NINF) return "-Infinity";
  if (sign !== NUMERIC_POS && sign !== NUMERIC_NEG) return undefined;
  const digit = (k: number): number => (k >= 0 && k < ndigits ? view.getInt16(8 + 2 * k) : 0);
  for (let k = 0; k < ndigits; k++) {
    const d = digit(k);
    if (d < 0 || d > 9999) return undefined;
  }
  let intPart = "";
  for (let k = 0; k <= weight; k++) {
    const d = digit(k);
    intPart += intPart === "" ? (d === 0 ? "" : String(d)) : String(d).padStart(4, "0");
  }
  if (intPart === "") intPart = "0";
  let frac = "";
  for (let k = weight + 1; frac.length < dscale; k++) frac += String(digit(k)).padStart(4, "0");
  frac = frac.slice(0, dscale);
  const zero = /^0*$/.test(intPart + frac);
  const text = dscale > 0 ? `${intPart}.${frac}` : intPart;
  return sign === NUMERIC_NEG && !zero ? `-${text}` : text;
}

/** Bytes per unscaled value for a DECIMAL's internal type (duckdb_type ids). */
function internalWidth(typeId: number): number {
  switch (typeId) {
    case 3: // SMALLINT
      return 2;
    case 4: // INTEGER
      return 4;
    case 5: // BIGINT
      return 8;
    default: // HUGEINT
      return 16;
  }
}

/** The cells of a DuckDB DECIMAL vector in Postgres's binary NUMERIC form. */
export function numericCells(vector: duckdb.Vector, rowCount: number): CellVector {
  const type = duckdb.vector_get_column_type(vector);
  const scale = duckdb.decimal_scale(type);
  const width = internalWidth(duckdb.decimal_internal_type(type));
  const offsets = new Int32Array(rowCount + 1);
  if (rowCount === 0) return { bytes: new Uint8Array(0), offsets, nulls: null };
  const src = duckdb.vector_get_data(vector, rowCount * width);
  const view = new DataView(src.buffer, src.byteOffset, rowCount * width);
  const nulls = readNulls(vector, rowCount);
  // Width 38 has at most 10 integer and 10 fraction base-10000 digits.
  const out = new Uint8Array(rowCount * (8 + 2 * 22));
  const dst = new DataView(out.buffer);
  let at = 0;
  for (let r = 0; r < rowCount; r++) {
    offsets[r] = at;
    if (nulls?.[r] === 1) continue;
    const p = r * width;
    let v: number | bigint;
    if (width === 2) v = view.getInt16(p, true);
    else if (width === 4) v = view.getInt32(p, true);
    else if (width === 8) v = view.getBigInt64(p, true);
    else v = (view.getBigInt64(p + 8, true) << 64n) | view.getBigUint64(p, true);
    const negative = v < 0;
    const abs = negative ? -v : v;
    at += writeNumeric(dst, at, negative, abs.toString(), scale);
  }
  offsets[rowCount] = at;
  return { bytes: out.subarray(0, at), offsets, nulls };
}
