// src/plan/bind/names.ts
//! The names Postgres/Redshift give unnamed result columns (FigureColname): the column for a
//! reference, the function for a call, the type for a cast, `?column?` otherwise.

import type { Expr } from "../../sql/ast/index.js";
import type { SqlType } from "../../sql/types.js";

const TYPNAME: Partial<Record<SqlType["id"], string>> = {
  smallint: "int2",
  integer: "int4",
  bigint: "int8",
  decimal: "numeric",
  real: "float4",
  "double precision": "float8",
  boolean: "bool",
  char: "bpchar",
};

export function outputName(e: Expr): string {
  switch (e.kind) {
    case "ColumnRef":
      return e.parts[e.parts.length - 1] ?? "?column?";
    case "FunctionCall":
      return e.name === "nvl" ? "coalesce" : e.name;
    case "Cast":
      return castName(e.expr, e.type.sql?.id, e.type.name);
    case "TypedLiteral":
      return e.type.sql ? (TYPNAME[e.type.sql.id] ?? e.type.name) : e.type.name;
    case "IntervalLiteral":
      return "interval";
    case "AtTimeZone":
      return "timezone";
    case "Case":
      return "case";
    case "Extract":
      return "date_part";
    case "Position":
      return "position";
    case "Substring":
      return "substring";
    case "Trim":
      return e.side === "both" ? "btrim" : e.side === "leading" ? "ltrim" : "rtrim";
    case "Exists":
      return "exists";
    case "ArrayLiteral":
      return "array";
    case "Collate":
      return outputName(e.expr);
    case "Subquery": {
      const q = e.query;
      if (q.kind === "Select" && q.items.length === 1 && q.items[0]) {
        const item = q.items[0];
        return item.alias ?? (item.expr.kind === "Star" ? "?column?" : outputName(item.expr));
      }
      return "?column?";
    }
    default:
      return "?column?";
  }
}

function castName(inner: Expr, id: SqlType["id"] | undefined, name: string): string {
  if (
    name === "regclass" ||
    name === "regtype" ||
    name === "regnamespace" ||
    name === "oid" ||
    name === "name" ||
    name === "text"
  ) {
    return inner.kind === "ColumnRef" || inner.kind === "FunctionCall" ? outputName(inner) : name;
  }
  if (inner.kind === "ColumnRef" || inner.kind === "FunctionCall") return outputName(inner);
  return id ? (TYPNAME[id] ?? id) : name;
}
