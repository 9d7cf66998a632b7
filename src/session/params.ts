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
      default:
        return s;
    }
  }
  if (format !== 1) throw new LakeshiftError(SqlState.ProtocolViolation, `unsupported format code: ${format}`);
  return decodeBinaryParam(bytes, oid);
}
