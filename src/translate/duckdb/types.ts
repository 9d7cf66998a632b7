// src/translate/duckdb/types.ts
//! The type map: Redshift SqlType -> DuckDB type name, and back for result columns the binder
//! could not type. https://docs.aws.amazon.com/redshift/latest/dg/c_Supported_data_types.html

import type { SqlType } from "../../sql/types.js";
import { T } from "../../sql/types.js";

/** Redshift's default NUMERIC precision and scale. */
export const DEFAULT_PRECISION = 18;
export const DEFAULT_SCALE = 0;

export function duckType(t: SqlType): string {
  switch (t.id) {
    case "smallint":
      return "SMALLINT";
    case "integer":
      return "INTEGER";
    case "bigint":
      return "BIGINT";
    case "decimal":
      return `DECIMAL(${t.precision ?? DEFAULT_PRECISION},${t.scale ?? DEFAULT_SCALE})`;
    case "real":
      return "REAL";
    case "double precision":
      return "DOUBLE";
    case "boolean":
      return "BOOLEAN";
    case "char":
    case "varchar":
    case "text":
    case "unknown":
      return "VARCHAR";
    case "date":
      return "DATE";
    case "time":
      return "TIME";
    case "timetz":
      return "TIMETZ";
    case "timestamp":
      return "TIMESTAMP";
    case "timestamptz":
      return "TIMESTAMPTZ";
    case "interval":
      return "INTERVAL";
    case "super":
      return "JSON";
    case "varbyte":
      return "BLOB";
  }
}

/** `col` (a DuckDB expression) cast to the DuckDB type of `t`. */
export function castExpr(col: string, t: SqlType): string {
  return `CAST(${col} AS ${duckType(t)})`;
}

/** The SqlType a client should see for a DuckDB result column type. */
export function sqlTypeFromDuck(duck: string): SqlType {
  const t = duck.trim().toUpperCase();
  const dec = /^(?:DECIMAL|NUMERIC)\((\d+),\s*(\d+)\)$/.exec(t);
  if (dec) return { id: "decimal", precision: Number(dec[1]), scale: Number(dec[2]) };
  if (t.endsWith("[]") || t.startsWith("STRUCT") || t.startsWith("MAP") || t.startsWith("UNION")) return T.text;
  switch (t) {
    case "TINYINT":
    case "UTINYINT":
    case "SMALLINT":
    case "INT2":
      return T.smallint;
    case "USMALLINT":
    case "INTEGER":
    case "INT":
    case "INT4":
      return T.integer;
    case "UINTEGER":
    case "BIGINT":
    case "INT8":
      return T.bigint;
    case "UBIGINT":
    case "HUGEINT":
    case "UHUGEINT":
      return { id: "decimal", precision: 38, scale: 0 };
    case "DECIMAL":
    case "NUMERIC":
      return { id: "decimal", precision: DEFAULT_PRECISION, scale: DEFAULT_SCALE };
    case "FLOAT":
    case "REAL":
    case "FLOAT4":
      return T.real;
    case "DOUBLE":
    case "FLOAT8":
      return T.double;
    case "BOOLEAN":
    case "BOOL":
      return T.boolean;
    case "DATE":
      return T.date;
    case "TIME":
      return T.time;
    case "TIME WITH TIME ZONE":
    case "TIMETZ":
      return T.timetz;
    case "TIMESTAMP":
    case "TIMESTAMP_S":
    case "TIMESTAMP_MS":
    case "TIMESTAMP_NS":
    case "DATETIME":
      return T.timestamp;
    case "TIMESTAMP WITH TIME ZONE":
    case "TIMESTAMPTZ":
      return T.timestamptz;
    case "INTERVAL":
      return T.interval;
    case "JSON":
      return T.super;
    case "BLOB":
    case "BYTEA":
      return { id: "varbyte" };
    case "VARCHAR":
      return { id: "varchar" };
    default:
      return T.text;
  }
}
