// src/sql/types.ts
//! Redshift's data types as data: the canonical names, their parameters and the Postgres type
//! OIDs clients see. Pure; shared by the parser (type names), catalog, binder and translator.
//! https://docs.aws.amazon.com/redshift/latest/dg/c_Supported_data_types.html

export type TypeId =
  | "smallint"
  | "integer"
  | "bigint"
  | "decimal"
  | "real"
  | "double precision"
  | "boolean"
  | "char"
  | "varchar"
  | "date"
  | "time"
  | "timetz"
  | "timestamp"
  | "timestamptz"
  | "interval"
  | "super"
  | "varbyte"
  | "text" // only as an expression type (string literals, functions); a column declared TEXT is varchar(256)
  | "unknown"; // untyped NULL or parameter

export interface SqlType {
  readonly id: TypeId;
  /** char/varchar/varbyte length in bytes; undefined = unspecified. 'max' is stored as 65535. */
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
}

/**
 * Redshift's DATE and TIMESTAMP range, 4713 BC to 294276 AD
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_Datetime_types.html): from 4714-11-24 BC
 * (Julian day 0, Postgres's first day, which Redshift's "4713 BC" is) to 294276-12-31, in days
 * since 1970-01-01 and as ISO text. Timestamps in microseconds since 1970: Redshift's start and
 * DuckDB's end (294247-01-10 04:00:54.775806, before Redshift's; a later one has no DuckDB value).
 * COPY loads nothing outside it (a load error, 1205 or 1206).
 */
export const DATETIME_RANGE = {
  minDay: -2_440_588,
  maxDay: 106_762_939,
  minDate: "4714-11-24 (BC)",
  maxDate: "294276-12-31",
  minMicros: -210_866_803_200_000_000n,
  maxMicros: 9_223_372_036_854_775_806n,
} as const;

export const T = {
  smallint: { id: "smallint" },
  integer: { id: "integer" },
  bigint: { id: "bigint" },
  real: { id: "real" },
  double: { id: "double precision" },
  boolean: { id: "boolean" },
  date: { id: "date" },
  time: { id: "time" },
  timetz: { id: "timetz" },
  timestamp: { id: "timestamp" },
  timestamptz: { id: "timestamptz" },
  interval: { id: "interval" },
  text: { id: "text" },
  super: { id: "super" },
  varbyte: { id: "varbyte" },
  unknown: { id: "unknown" },
} as const satisfies Record<string, SqlType>;

/** Postgres type OIDs, as clients decode them. */
export const PgOid = {
  bool: 16,
  bytea: 17,
  char: 18,
  name: 19,
  int8: 20,
  int2: 21,
  int2vector: 22,
  int4: 23,
  regproc: 24,
  text: 25,
  oid: 26,
  oidvector: 30,
  json: 114,
  float4: 700,
  float8: 701,
  unknown: 705,
  bpchar: 1042,
  varchar: 1043,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  timetz: 1266,
  numeric: 1700,
  regclass: 2205,
  regtype: 2206,
  /** Redshift's SUPER type OID. */
  super: 4000,
  /** Redshift's VARBYTE type OID. */
  varbyte: 6551,
  int2Array: 1005,
  int4Array: 1007,
  textArray: 1009,
  oidArray: 1028,
  charArray: 1002,
  varcharArray: 1015,
  float8Array: 1022,
} as const;

/** The Postgres OID a client sees for a Redshift type. */
export function pgOidOf(t: SqlType): number {
  switch (t.id) {
    case "smallint":
      return PgOid.int2;
    case "integer":
      return PgOid.int4;
    case "bigint":
      return PgOid.int8;
    case "decimal":
      return PgOid.numeric;
    case "real":
      return PgOid.float4;
    case "double precision":
      return PgOid.float8;
    case "boolean":
      return PgOid.bool;
    case "char":
      return PgOid.bpchar;
    case "varchar":
      return PgOid.varchar;
    case "date":
      return PgOid.date;
    case "time":
      return PgOid.time;
    case "timetz":
      return PgOid.timetz;
    case "timestamp":
      return PgOid.timestamp;
    case "timestamptz":
      return PgOid.timestamptz;
    case "interval":
      return PgOid.interval;
    case "super":
      return PgOid.super;
    case "varbyte":
      return PgOid.varbyte;
    case "text":
      return PgOid.text;
    case "unknown":
      return PgOid.text;
  }
}

/** pg_type.typlen for the type's OID (-1 for variable length). */
export function pgTypeSize(t: SqlType): number {
  switch (t.id) {
    case "smallint":
      return 2;
    case "integer":
    case "real":
    case "date":
      return 4;
    case "bigint":
    case "double precision":
    case "time":
    case "timestamp":
    case "timestamptz":
      return 8;
    case "timetz":
      return 12;
    case "interval":
      return 16;
    case "boolean":
      return 1;
    default:
      return -1;
  }
}

/** atttypmod as Postgres reports it: varchar(n)/char(n) -> n+4; numeric(p,s) -> ((p << 16) | s) + 4; else -1. */
export function pgTypeMod(t: SqlType): number {
  if ((t.id === "varchar" || t.id === "char") && t.length !== undefined) return t.length + 4;
  if (t.id === "decimal" && t.precision !== undefined) return ((t.precision << 16) | (t.scale ?? 0)) + 4;
  return -1;
}

/** Redshift's spelling of a type, as format_type() and SHOW TABLE print it. */
export function formatType(t: SqlType): string {
  switch (t.id) {
    case "char":
      return `character(${t.length ?? 1})`;
    case "varchar":
      return `character varying(${t.length ?? 256})`;
    case "decimal":
      return `numeric(${t.precision ?? 18},${t.scale ?? 0})`;
    case "timestamp":
      return "timestamp without time zone";
    case "timestamptz":
      return "timestamp with time zone";
    case "time":
      return "time without time zone";
    case "timetz":
      return "time with time zone";
    case "varbyte":
      return `varbyte(${t.length ?? 64000})`;
    default:
      return t.id;
  }
}
