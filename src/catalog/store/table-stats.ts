// src/catalog/store/table-stats.ts
//! Per-table maintenance counters in "_lakeshift".table_stats, read by svv_table_info: rows
//! changed since the last ANALYZE (stats_off), the rows the last ANALYZE saw, and a generation
//! bumped by every write and VACUUM (it keys the session's cache of the sorted share). The rows
//! join the caller's transaction, so a rolled-back write counts for nothing.

import type { SqlRunner } from "../runner.js";
import { num } from "../sql-text.js";
import { catalogSchemaOf } from "./bootstrap.js";

export interface TableStats {
  readonly modifiedRows: number;
  /** Rows the last ANALYZE saw; undefined when never analyzed. */
  readonly analyzedRows?: number;
  readonly generation: number;
}

/** Makes sure the row of `relOid` exists (tables written before table_stats existed have none). */
function ensureRow(database: string, relOid: number): string {
  const t = `${catalogSchemaOf(database)}.table_stats`;
  return (
    `INSERT INTO ${t} (rel_oid, modified_rows, analyzed_rows, analyzed, generation) ` +
    `SELECT ${num(relOid)}, 0, NULL, NULL, 0 WHERE NOT EXISTS (SELECT 1 FROM ${t} WHERE rel_oid = ${num(relOid)})`
  );
}

/** `writes` statements changed `rows` rows of the table. One statement once the row exists. */
export async function recordWrite(
  runner: SqlRunner,
  database: string,
  relOid: number,
  rows: number,
  writes = 1,
): Promise<void> {
  const t = `${catalogSchemaOf(database)}.table_stats`;
  const changed = await runner.run(
    `UPDATE ${t} SET modified_rows = modified_rows + ${num(rows)}, generation = generation + ${num(writes)} ` +
      `WHERE rel_oid = ${num(relOid)}`,
  );
  if (changed > 0) return;
  await runner.run(
    `INSERT INTO ${t} (rel_oid, modified_rows, analyzed_rows, analyzed, generation) ` +
      `VALUES (${num(relOid)}, ${num(rows)}, NULL, NULL, ${num(writes)})`,
  );
}

/** ANALYZE saw `rows` rows: the statistics are current. */
export async function recordAnalyze(runner: SqlRunner, database: string, relOid: number, rows: number): Promise<void> {
  await runner.run(ensureRow(database, relOid));
  await runner.run(
    `UPDATE ${catalogSchemaOf(database)}.table_stats SET modified_rows = 0, analyzed_rows = ${num(rows)}, ` +
      `analyzed = now()::TIMESTAMP WHERE rel_oid = ${num(relOid)}`,
  );
}

/** VACUUM rewrote the table (same rows, new order). */
export async function recordVacuum(runner: SqlRunner, database: string, relOid: number): Promise<void> {
  await runner.run(ensureRow(database, relOid));
  await runner.run(
    `UPDATE ${catalogSchemaOf(database)}.table_stats SET generation = generation + 1 WHERE rel_oid = ${num(relOid)}`,
  );
}

export async function readTableStats(runner: SqlRunner, database: string): Promise<Map<number, TableStats>> {
  const r = await runner.all(
    `SELECT rel_oid, modified_rows, analyzed_rows, generation FROM ${catalogSchemaOf(database)}.table_stats`,
  );
  const out = new Map<number, TableStats>();
  for (const [oid, modified, analyzed, generation] of r.rows) {
    out.set(Number(oid), {
      modifiedRows: Number(modified),
      analyzedRows: analyzed === null ? undefined : Number(analyzed),
      generation: Number(generation),
    });
  }
  return out;
}

/** Schema and name of every permanent user table of `database`, in name order. */
export async function userTables(runner: SqlRunner, database: string): Promise<{ schema: string; name: string }[]> {
  const cat = catalogSchemaOf(database);
  const r = await runner.all(
    `SELECT sc.name, r.name FROM ${cat}.relations r JOIN ${cat}.schemas sc ON sc.oid = r.schema_oid ` +
      "WHERE r.kind = 'table' AND NOT coalesce(r.temporary, false) ORDER BY 1, 2",
  );
  return r.rows.map(([schema, name]) => ({ schema: String(schema), name: String(name) }));
}
