// src/lake/copy/errors.ts
//! Redshift's load error codes and reasons, and the type names stl_load_errors shows.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html

import type { ColumnDef } from "../../catalog/reader.js";

export const LOAD_ERROR_REASONS: Readonly<Record<number, string>> = {
  1202: "Extra column(s) found",
  1204: "String length exceeds DDL length",
  1205: "Invalid Date Format - length must be 10 or more",
  1206: "Invalid timestamp format or value",
  1207: "Invalid digit, Value '{v}', Pos 0, Type: {t}",
  1208: "FLOAT data conversion error",
  1209: "Invalid boolean value '{v}'",
  1213: "Missing data for not-null field",
  1214: "Delimiter not found",
  1216: "Invalid input value '{v}'",
  1220: "String contains invalid or unsupported UTF8 codepoints",
};

export function loadErrorReason(code: number, value: string | null, type: string): string {
  const text = LOAD_ERROR_REASONS[code] ?? "Invalid input";
  return text.replace("{v}", (value ?? "").slice(0, 40)).replace("{t}", type);
}

/** The type name stl_load_errors.type shows (Postgres internal names). */
export function loadTypeName(c: ColumnDef): string {
  switch (c.type.id) {
    case "smallint":
      return "int2";
    case "integer":
      return "int4";
    case "bigint":
      return "int8";
    case "decimal":
      return "numeric";
    case "real":
      return "float4";
    case "double precision":
      return "float8";
    case "boolean":
      return "bool";
    case "char":
      return "bpchar";
    case "timestamptz":
      return "timestamptz";
    default:
      return c.type.id;
  }
}

export function loadColLength(c: ColumnDef): string {
  if (c.type.length !== undefined) return String(c.type.length);
  if (c.type.id === "decimal") return `${c.type.precision ?? 18},${c.type.scale ?? 0}`;
  return "0";
}
