// src/translate/duckdb/dml.ts
//! INSERT, UPDATE, DELETE. CHAR(n) values are right-padded to n on write (Redshift CHAR pads);
//! omitted columns and DEFAULT take DuckDB's column defaults (translated DEFAULT / IDENTITY).

import type { ColumnDef } from "../../plan/bound/statement.js";
import type { BoundExpr } from "../../plan/bound/expr.js";
import type { BoundQuery } from "../../plan/bound/query.js";
import type { BoundDelete, BoundInsert, BoundInsertValue, BoundUpdate } from "../../plan/bound/statement.js";
import type { SqlType } from "../../sql/types.js";
import { asBytes, exprSql } from "./expr.js";
import { isString } from "../../plan/bind/typing.js";
import { fromSql, querySql } from "./query.js";
import { ident, str } from "./quote.js";

/**
 * The value `x` (DuckDB SQL of a value for column c) as the column stores it. CHAR(n): padded to
 * n (longer values are left for the length check); every write path into a table pads (INSERT,
 * UPDATE, DEFAULT, CTAS here and in ddl.ts, COPY in copy.ts), since expr.ts compares a stored
 * CHAR(n) column with a constant padded to n. VARBYTE: a string is its UTF-8 bytes, as Redshift
 * casts it (DuckDB's own VARCHAR-to-BLOB cast would read \x escapes).
 */
export function padded(c: ColumnDef, x: string, bound?: BoundExpr, from?: SqlType): string {
  const source = bound?.type ?? from;
  const nullLiteral = bound?.kind === "literal" && bound.value === null;
  if (c.type.id === "varbyte" && !nullLiteral && source !== undefined && isString(source)) return asBytes(source, x);
  if (c.type.id !== "char" || nullLiteral) return x;
  const n = c.type.length ?? 1;
  if (bound?.kind === "literal" && typeof bound.value === "string") return str(bound.value.padEnd(n, " "));
  return `(CAST(${x} AS VARCHAR) || repeat(' ', ${n} - length(CAST(${x} AS VARCHAR))))`;
}

function valueSql(c: ColumnDef, v: BoundInsertValue): string {
  if (v.kind === "default") return "DEFAULT";
  return padded(c, exprSql(v), v);
}

export function insertSql(s: BoundInsert): string {
  const target = s.target.relation.engineName;
  if (s.source.kind === "default-values") return `INSERT INTO ${target} DEFAULT VALUES`;
  const cols = `(${s.columns.map((c) => ident(c.name)).join(", ")})`;
  if (s.source.kind === "values") {
    const rows = s.source.rows.map((r) => `(${r.map((v, i) => valueSql(s.columns[i] as ColumnDef, v)).join(", ")})`);
    return `INSERT INTO ${target} ${cols} VALUES ${rows.join(", ")}`;
  }
  return `INSERT INTO ${target} ${cols} ${paddedQuerySql(s.columns, s.source.query)}`;
}

/** A query's rows for the columns of a table, CHAR(n) values padded to n. */
export function paddedQuerySql(columns: readonly ColumnDef[], query: BoundQuery): string {
  const from = (i: number) => query.columns[i]?.type;
  const bytesFromText = (c: ColumnDef, i: number) => c.type.id === "varbyte" && isString(from(i) ?? c.type);
  if (!columns.some((c, i) => c.type.id === "char" || bytesFromText(c, i))) return querySql(query);
  const names = columns.map((_, i) => `c${i + 1}`);
  const select = columns
    .map((c, i) => padded(c, `${ident("src")}.${ident(names[i] as string)}`, undefined, from(i)))
    .join(", ");
  return `SELECT ${select} FROM (${querySql(query)}) AS ${ident("src")}(${names.map(ident).join(", ")})`;
}

export function updateSql(s: BoundUpdate): string {
  const sets = s.sets.map((a) => `${ident(a.column.name)} = ${valueSql(a.column, a.value)}`).join(", ");
  const from = s.from.length > 0 ? ` FROM ${s.from.map((f) => fromSql(f, false)).join(", ")}` : "";
  const where = s.where ? ` WHERE ${exprSql(s.where)}` : "";
  return `UPDATE ${s.target.relation.engineName} AS ${ident(s.target.alias)} SET ${sets}${from}${where}`;
}

export function deleteSql(s: BoundDelete): string {
  const using = s.using.length > 0 ? ` USING ${s.using.map((f) => fromSql(f, false)).join(", ")}` : "";
  const where = s.where ? ` WHERE ${exprSql(s.where)}` : "";
  return `DELETE FROM ${s.target.relation.engineName} AS ${ident(s.target.alias)}${using}${where}`;
}
