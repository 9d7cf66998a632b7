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

/** `rows` rows of the table were inserted, updated or deleted. */
export async function recordWrite(runner: SqlRunner, database: string, relOid: number, rows: number): Promise<void> {
  await runner.run(ensureRow(database, relOid));
  await runner.run(
    `UPDATE ${catalogSchemaOf(database)}.table_stats SET modified_rows = modified_rows + ${num(rows)}, ` +
      `generation = generation + 1 WHERE rel_oid = ${num(relOid)}`,
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
