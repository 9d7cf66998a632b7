// src/translate/duckdb/maintenance.ts
//! The DuckDB side of VACUUM and svv_table_info.unsorted. A table's storage order is DuckDB's
//! rowid order; its sort key is compound over the columns with a sort-key ordinal (interleaved
//! keys are taken in declared order). Rows compare as a STRUCT of the key columns, which orders
//! like ORDER BY k1, k2, ... (NULLs last), so a table VACUUM sorted has no row out of order.

import type { RelationDef } from "../../plan/bound/statement.js";
import { ident } from "./quote.js";

/** The sort key columns in key order; empty when the table has none (or SORTKEY AUTO). */
export function sortKeyColumns(rel: RelationDef): string[] {
  return rel.columns
    .filter((c) => c.sortKeyOrdinal !== 0)
    .sort((a, b) => Math.abs(a.sortKeyOrdinal) - Math.abs(b.sortKeyOrdinal))
    .map((c) => c.name);
}

function keyStruct(keys: readonly string[]): string {
  return `{${keys.map((k, i) => `'k${i + 1}': ${ident(k)}`).join(", ")}}`;
}

/**
 * One row (rows, sorted): the table's row count and the length of its longest prefix, in storage
 * order, whose rows are in sort-key order (the rows after it are the unsorted region).
 */
export function sortedPrefixSql(rel: RelationDef, keys: readonly string[]): string {
  const k = keyStruct(keys);
  return (
    `SELECT count(*), coalesce(min(_ls_n) FILTER (WHERE _ls_out), count(*)) FROM (` +
    `SELECT row_number() OVER (ORDER BY rowid) - 1 AS _ls_n, ${k} < lag(${k}) OVER (ORDER BY rowid) AS _ls_out ` +
    `FROM ${rel.engineName})`
  );
}

export function rowCountSql(rel: RelationDef): string {
  return `SELECT count(*) FROM ${rel.engineName}`;
}

/** One row when the table has any. */
export function anyRowSql(rel: RelationDef): string {
  return `SELECT 1 FROM ${rel.engineName} LIMIT 1`;
}

/** The highest rowid now in the table (NULL when empty). */
export function maxRowidSql(rel: RelationDef): string {
  return `SELECT max(rowid) FROM ${rel.engineName}`;
}

/**
 * Rewrites the table in sort-key order, inside the caller's transaction: the rows again, sorted,
 * then the old ones (rowid <= maxRowid; rows appended in this transaction have higher rowids).
 */
export function resortSql(rel: RelationDef, keys: readonly string[], maxRowid: bigint | number): string[] {
  return [
    `INSERT INTO ${rel.engineName} SELECT * FROM ${rel.engineName} ORDER BY ${keys.map(ident).join(", ")}`,
    `DELETE FROM ${rel.engineName} WHERE rowid <= ${String(maxRowid)}`,
  ];
}

/** DuckDB's own statistics for the table (distinct counts the optimizer reads). */
export function analyzeSql(rel: RelationDef): string {
  return `ANALYZE ${rel.engineName}`;
}
