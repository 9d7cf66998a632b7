// src/session/params-binary.ts
//! Bind parameters in binary format (format code 1): each Postgres type's *_recv layout, decoded to
//! a value DuckDB casts to the placeholder's type (text for most, exact for NUMERIC and TIME).
//! https://www.postgresql.org/docs/current/protocol-message-formats.html (Bind)

import { LakeshiftError, SqlState } from "../common/errors.js";
import { decodeNumeric } from "../engine/index.js";
import { PgOid } from "../sql/types.js";

/** Types clients send in binary that PgOid (the types Lakeshift announces) does not name. */
const ClientOid = { uuid: 2950, jsonb: 3802 } as const;

/** The OIDs decodeBinaryParam accepts (for docs and tests). */
export const BINARY_PARAM_OIDS: readonly number[] = [
  PgOid.bool,
  PgOid.bytea,
  PgOid.char,
  PgOid.name,
  PgOid.int8,
  PgOid.int2,
  PgOid.int4,
  PgOid.text,
  PgOid.oid,
  PgOid.json,
  PgOid.float4,
  PgOid.float8,
  PgOid.unknown,
  PgOid.bpchar,
  PgOid.varchar,
  PgOid.date,
  PgOid.time,
  PgOid.timestamp,
  PgOid.timestamptz,
  PgOid.interval,
  PgOid.timetz,
  PgOid.numeric,
  ClientOid.uuid,
  ClientOid.jsonb,
];

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Bytes as UTF-8 text; 22021 when they are not UTF-8. */
export function text(bytes: Uint8Array): string {
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

function two(n: number): string {
  return String(n).padStart(2, "0");
}

/** Microseconds since midnight as HH:MM:SS.ffffff (24:00:00 allowed, as Postgres does). */
function timeOfDay(us: bigint, oid: number): string {
  if (us < 0n || us > 86400000000n) throw badBinary(oid);
  const secs = Number(us / 1000000n);
  const frac = String(us % 1000000n).padStart(6, "0");
  return `${two(Math.floor(secs / 3600))}:${two(Math.floor(secs / 60) % 60)}:${two(secs % 60)}.${frac}`;
}

/** Decodes one binary parameter of type `oid`; 0A000 for a type without a binary form here. */
export function decodeBinaryParam(bytes: Uint8Array, oid: number): string | number | bigint | boolean | Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (n: number): void => {
    if (bytes.length !== n) throw badBinary(oid);
  };
  switch (oid) {
    case PgOid.bool:
      need(1);
      return bytes[0] !== 0;
    case PgOid.int2:
      need(2);
      return view.getInt16(0);
    case PgOid.int4:
      need(4);
      return view.getInt32(0);
    case PgOid.oid:
      need(4);
      return view.getUint32(0);
    case PgOid.int8:
      need(8);
      return view.getBigInt64(0);
    case PgOid.float4:
      need(4);
      return view.getFloat32(0);
    case PgOid.float8:
      need(8);
      return view.getFloat64(0);
    case PgOid.text:
    case PgOid.varchar:
    case PgOid.bpchar:
    case PgOid.name:
    case PgOid.char:
    case PgOid.json:
    case PgOid.unknown:
      return text(bytes);
    case ClientOid.jsonb:
      // jsonb_recv: a version byte (1), then the JSON text.
      if (bytes.length < 1 || bytes[0] !== 1) throw badBinary(oid);
      return text(bytes.subarray(1));
    case PgOid.bytea:
      return bytes.slice();
    case ClientOid.uuid: {
      need(16);
      const h = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    case PgOid.numeric: {
      const v = decodeNumeric(bytes);
      if (v === undefined) throw badBinary(oid);
      return v;
    }
    case PgOid.date: {
      need(4);
      const days = view.getInt32(0);
      if (days === 2147483647) return "infinity";
      if (days === -2147483648) return "-infinity";
      return new Date(Date.UTC(2000, 0, 1) + days * 86400000).toISOString().slice(0, 10);
    }
    case PgOid.time:
      need(8);
      return timeOfDay(view.getBigInt64(0), oid);
    case PgOid.timetz: {
      // timetz_recv: int64 microseconds, then int32 zone in seconds *west* of UTC.
      need(12);
      const east = -view.getInt32(8);
      if (Math.abs(east) > 15 * 3600 + 59 * 60 + 59) throw badBinary(oid);
      const a = Math.abs(east);
      const zone = `${east < 0 ? "-" : "+"}${two(Math.floor(a / 3600))}:${two(Math.floor(a / 60) % 60)}:${two(a % 60)}`;
      return timeOfDay(view.getBigInt64(0), oid) + zone;
    }
    case PgOid.timestamp:
    case PgOid.timestamptz: {
      need(8);
      const us = view.getBigInt64(0);
      if (us === 9223372036854775807n) return "infinity";
      if (us === -9223372036854775808n) return "-infinity";
      const secs = us >= 0n ? us / 1000000n : -((-us + 999999n) / 1000000n);
      const frac = Number(us - secs * 1000000n);
      const iso = new Date(Number(secs) * 1000 + Date.UTC(2000, 0, 1)).toISOString().slice(0, 19).replace("T", " ");
      return `${iso}.${String(frac).padStart(6, "0")}${oid === PgOid.timestamptz ? "+00" : ""}`;
    }
    case PgOid.interval: {
      // interval_recv: int64 microseconds, int32 days, int32 months.
      need(16);
      return `${view.getInt32(12)} months ${view.getInt32(8)} days ${view.getBigInt64(0)} microseconds`;
    }
    default:
      throw new LakeshiftError(
        SqlState.FeatureNotSupported,
        `binary format for parameter type oid ${oid} is not supported`,
      );
  }
}
