// src/catalog/sql-text.ts
//! Quoting for the DuckDB SQL the catalog writes itself (catalog rows, system views, macros).

import { quoteLiteral } from "../common/sql-quote.js";

/** Always-quoted identifier ("a""b") and SQL string literal ('it''s'); both refuse NUL. */
export { quoteIdent, quoteLiteral } from "../common/sql-quote.js";

/** A JS value as a DuckDB SQL literal (null, number, boolean, string, arrays of those). */
export function sqlValue(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "NULL";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return `[${v.map(sqlValue).join(", ")}]`;
  return quoteLiteral(String(v));
}

/** Rows from the engine may hold bigint for BIGINT columns: normalize to number. */
export function num(v: unknown): number {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") return v;
  if (v === null || v === undefined) return 0;
  return Number(v);
}

export function optNum(v: unknown): number | undefined {
  return v === null || v === undefined ? undefined : num(v);
}

export function str(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}

export function optStr(v: unknown): string | undefined {
  return v === null || v === undefined ? undefined : String(v);
}
