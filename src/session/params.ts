// src/session/params.ts
//! Decoding Bind parameters: bytes in text (0) or binary (1) format, typed by the OID the client
//! gave in Parse or, failing that, by the type DuckDB inferred for the placeholder.

import { LakeshiftError, SqlState } from "../common/errors.js";
import { PgOid } from "../sql/types.js";
import { decodeBinaryParam, text } from "./params-binary.js";

export type ParamValue = null | string | number | bigint | boolean | Uint8Array;

/** The Postgres OID to announce for a DuckDB parameter type (ParameterDescription). */
export function oidForDuckParam(duckType: string): number {
  const t = duckType.toUpperCase();
  if (t === "BOOLEAN") return PgOid.bool;
  if (t === "SMALLINT" || t === "TINYINT") return PgOid.int2;
  if (t === "INTEGER" || t === "USMALLINT" || t === "UTINYINT") return PgOid.int4;
  if (t === "BIGINT" || t === "UINTEGER" || t === "HUGEINT" || t === "UBIGINT") return PgOid.int8;
  if (t === "FLOAT" || t === "REAL") return PgOid.float4;
  if (t === "DOUBLE") return PgOid.float8;
  if (t.startsWith("DECIMAL")) return PgOid.numeric;
  if (t === "DATE") return PgOid.date;
  if (t === "TIMESTAMP") return PgOid.timestamp;
  if (t === "TIMESTAMP WITH TIME ZONE") return PgOid.timestamptz;
  if (t === "TIME") return PgOid.time;
  if (t === "INTERVAL") return PgOid.interval;
  if (t === "BLOB") return PgOid.bytea;
  if (t === "VARCHAR") return PgOid.varchar;
  return PgOid.text;
}

/** Decodes one parameter. `oid` is the effective type OID (client's, else inferred). */
export function decodeParam(bytes: Uint8Array | null, format: number, oid: number): ParamValue {
  if (bytes === null) return null;
  if (format === 0) {
    const s = text(bytes);
    switch (oid) {
      case PgOid.bool: {
        const v = s.trim().toLowerCase();
        if (["t", "true", "y", "yes", "on", "1"].includes(v)) return true;
        if (["f", "false", "n", "no", "off", "0"].includes(v)) return false;
        throw new LakeshiftError(SqlState.InvalidTextRepresentation, `invalid input syntax for type boolean: "${s}"`);
      }
      case PgOid.int2:
      case PgOid.int4: {
        const v = s.trim();
        if (!/^[+-]?\d+$/.test(v)) {
          throw new LakeshiftError(SqlState.InvalidTextRepresentation, `invalid input syntax for type integer: "${s}"`);
        }
        return Number(v);
      }
      case PgOid.int8: {
        const v = s.trim();
        if (!/^[+-]?\d+$/.test(v)) {
          throw new LakeshiftError(SqlState.InvalidTextRepresentation, `invalid input syntax for type bigint: "${s}"`);
        }
        return BigInt(v);
      }
      case PgOid.float4:
      case PgOid.float8: {
        const v = s.trim().toLowerCase();
        if (v === "nan") return Number.NaN;
        if (v === "infinity" || v === "+infinity" || v === "inf") return Number.POSITIVE_INFINITY;
        if (v === "-infinity" || v === "-inf") return Number.NEGATIVE_INFINITY;
        const n = Number(v);
        if (v === "" || Number.isNaN(n)) {
          throw new LakeshiftError(
            SqlState.InvalidTextRepresentation,
            `invalid input syntax for type double precision: "${s}"`,
          );
        }
        return n;
      }
      case PgOid.bytea:
        return decodeByteaText(s);
      default:
        return s;
    }
  }
  if (format !== 1) throw new LakeshiftError(SqlState.ProtocolViolation, `unsupported format code: ${format}`);
  return decodeBinaryParam(bytes, oid);
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

const isOctal = (c: number | undefined): boolean => c !== undefined && c >= 48 && c <= 55;

/**
 * bytea's text input as Postgres's byteain reads it: `\x` then hex digit pairs (whitespace
 * between pairs ignored; an odd count or a non-hex digit is 22023), or the escape form: bytes as
 * they are, `\\` for a backslash, `\nnn` (octal, 000-377) for any byte; another backslash is 22P02.
 */
export function decodeByteaText(s: string): Uint8Array {
  const src = new TextEncoder().encode(s);
  if (src[0] === 92 && src[1] === 120) {
    const out = new Uint8Array((src.length - 2) >> 1);
    let n = 0;
    for (let i = 2; i < src.length; ) {
      const c = src[i]!;
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        i++;
        continue;
      }
      const hi = hexDigit(c);
      if (hi < 0) throw badHexDigit(s, i);
      if (i + 1 >= src.length) {
        throw new LakeshiftError(SqlState.InvalidParameterValue, "invalid hexadecimal data: odd number of digits");
      }
      const lo = hexDigit(src[i + 1]!);
      if (lo < 0) throw badHexDigit(s, i + 1);
      out[n++] = (hi << 4) | lo;
      i += 2;
    }
    return out.subarray(0, n);
  }
  const out = new Uint8Array(src.length);
  let n = 0;
  for (let i = 0; i < src.length; ) {
    const c = src[i]!;
    if (c !== 92) {
      out[n++] = c;
      i++;
    } else if (src[i + 1] === 92) {
      out[n++] = 92;
      i += 2;
    } else if (src[i + 1]! >= 48 && src[i + 1]! <= 51 && isOctal(src[i + 2]) && isOctal(src[i + 3])) {
      out[n++] = ((src[i + 1]! - 48) << 6) | ((src[i + 2]! - 48) << 3) | (src[i + 3]! - 48);
      i += 4;
    } else {
      throw new LakeshiftError(SqlState.InvalidTextRepresentation, "invalid input syntax for type bytea");
    }
  }
  return out.subarray(0, n);
}

function badHexDigit(s: string, byteIndex: number): LakeshiftError {
  const ch = new TextDecoder().decode(new TextEncoder().encode(s).subarray(byteIndex)).slice(0, 1);
  return new LakeshiftError(SqlState.InvalidParameterValue, `invalid hexadecimal digit: "${ch}"`);
}
