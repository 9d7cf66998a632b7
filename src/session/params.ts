// src/session/params.ts
//! Decoding Bind parameters: bytes in text (0) or binary (1) format, typed by the OID the client
//! gave in Parse or, failing that, by the type DuckDB inferred for the placeholder.

import { LakeshiftError, SqlState } from "../common/errors.js";
import { PgOid } from "../sql/types.js";

export type ParamValue = null | string | number | bigint | boolean;

const utf8 = new TextDecoder("utf-8", { fatal: true });

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

function text(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new LakeshiftError(SqlState.CharacterNotInRepertoire, 'invalid byte sequence for encoding "UTF8"');
  }
}

function badBinary(oid: number): LakeshiftError {
  return new LakeshiftError(
    SqlState.InvalidParameterValue,
    `incorrect binary data format in bind parameter (type oid ${oid})`,
  );
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
      default:
        return s;
    }
  }
  if (format !== 1) throw new LakeshiftError(SqlState.ProtocolViolation, `unsupported format code: ${format}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (oid) {
    case PgOid.bool:
      if (bytes.length !== 1) throw badBinary(oid);
      return bytes[0] !== 0;
    case PgOid.int2:
      if (bytes.length !== 2) throw badBinary(oid);
      return view.getInt16(0);
    case PgOid.int4:
      if (bytes.length !== 4) throw badBinary(oid);
      return view.getInt32(0);
    case PgOid.int8:
      if (bytes.length !== 8) throw badBinary(oid);
      return view.getBigInt64(0);
    case PgOid.float4:
      if (bytes.length !== 4) throw badBinary(oid);
      return view.getFloat32(0);
    case PgOid.float8:
      if (bytes.length !== 8) throw badBinary(oid);
      return view.getFloat64(0);
    case PgOid.text:
    case PgOid.varchar:
    case PgOid.bpchar:
    case PgOid.name:
    case PgOid.unknown:
      return text(bytes);
    case PgOid.date: {
      if (bytes.length !== 4) throw badBinary(oid);
      const days = view.getInt32(0);
      return new Date(Date.UTC(2000, 0, 1) + days * 86400000).toISOString().slice(0, 10);
    }
    case PgOid.timestamp:
    case PgOid.timestamptz: {
      if (bytes.length !== 8) throw badBinary(oid);
      const us = view.getBigInt64(0);
      const ms = Number(us / 1000n) + Date.UTC(2000, 0, 1);
      const frac = Number(((us % 1000000n) + 1000000n) % 1000000n);
      const iso = new Date(ms).toISOString().slice(0, 19).replace("T", " ");
      return `${iso}.${String(frac).padStart(6, "0")}${oid === PgOid.timestamptz ? "+00" : ""}`;
    }
    default:
      throw new LakeshiftError(
        SqlState.FeatureNotSupported,
        `binary format for parameter type oid ${oid} is not supported`,
      );
  }
}
