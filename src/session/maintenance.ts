// src/session/maintenance.ts
//! VACUUM, ANALYZE and the counters behind svv_table_info's unsorted and stats_off.
//! - Writes (INSERT, UPDATE, DELETE, COPY) count the rows they changed in memory (a write in a
//!   transaction block counts at COMMIT, not after ROLLBACK); the counts reach table_stats when
//!   svv_table_info is read outside a transaction block, so a write costs no catalog statement.
//! - ANALYZE [t] runs DuckDB's ANALYZE and resets the changed rows, skipping tables changed by
//!   less than analyze_threshold_percent (Redshift's rule; 0 analyzes every table).
//! - VACUUM [FULL | SORT ONLY | REINDEX | RECLUSTER] [t] [TO n PERCENT] rewrites a table with a
//!   sort key in sort-key order when fewer than n% (default 95) of its rows are sorted, so DuckDB's
//!   zone maps prune; DELETE ONLY only reclaims space (a DuckDB checkpoint). BOOST changes nothing.
//! - Only a superuser, the table's owner or the database's owner may VACUUM or ANALYZE a table; a
//!   named table is otherwise skipped with a WARNING, as PostgreSQL does.
//! - Before svv_table_info is read, the unsorted share of each table with a sort key is measured
//!   (cached until the table's next write or VACUUM) and handed to the view in ls_unsorted.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_VACUUM_command.html
//! https://docs.aws.amazon.com/redshift/latest/dg/r_ANALYZE.html

import { readTableStats, recordAnalyze, recordVacuum, recordWrite, userTables } from "../catalog/index.js";
import type { RelationDef } from "../catalog/reader.js";
import { quoteIdent } from "../catalog/sql-text.js";
import { LakeshiftError, SqlState } from "../common/errors.js";
import type { BoundUtility } from "../plan/bound/statement.js";
import type { Analyze, Vacuum } from "../sql/ast/index.js";
import {
  analyzeSql,
  anyRowSql,
  maxRowidSql,
  resortSql,
  rowCountSql,
  sortedPrefixSql,
  sortKeyColumns,
} from "../translate/index.js";
import type { ClusterContext } from "./context.js";
import { mapEngineError } from "./engine-errors.js";
import type { ExecuteOutcome, Notice } from "./api.js";
import type { LakeshiftSession } from "./session.js";

/** Per cluster: "<database>.<oid>" -> the unsorted percent measured at a table generation. */
const measured = new WeakMap<ClusterContext, Map<string, { generation: string; unsorted: number }>>();

/** Rows changed and writes made, not yet in table_stats. */
interface Delta {
  modified: number;
  writes: number;
}

/** Committed counts per cluster, and a transaction block's counts per session; keyed by tableKey(). */
const committed = new WeakMap<ClusterContext, Map<string, Delta>>();
const pending = new WeakMap<LakeshiftSession, Map<string, Delta>>();

function tableKey(database: string, oid: number): string {
  return `${database}.${oid}`;
}

function mapOf<K extends object>(store: WeakMap<K, Map<string, Delta>>, owner: K): Map<string, Delta> {
  let m = store.get(owner);
  if (!m) {
    m = new Map();
    store.set(owner, m);
  }
  return m;
}

function add(m: Map<string, Delta>, key: string, modified: number, writes: number): void {
  const d = m.get(key);
  if (d) {
    d.modified += modified;
    d.writes += writes;
  } else m.set(key, { modified, writes });
}

function tracked(rel: RelationDef): boolean {
  return rel.kind === "table" && !rel.temporary;
}

/** A write changed `rows` rows of `rel` (counted at COMMIT inside a transaction block). */
export function noteWrite(cluster: ClusterContext, s: LakeshiftSession, rel: RelationDef, rows: number): void {
  if (rows <= 0 || !tracked(rel)) return;
  add(s.inTransactionBlock ? mapOf(pending, s) : mapOf(committed, cluster), tableKey(rel.database, rel.oid), rows, 1);
}

/** The session's transaction block ended: its writes count if it committed. */
export function transactionEnded(cluster: ClusterContext, s: LakeshiftSession, commit: boolean): void {
  const p = pending.get(s);
  if (!p) return;
  pending.delete(s);
  if (!commit) return;
  const c = mapOf(committed, cluster);
  for (const [key, d] of p) add(c, key, d.modified, d.writes);
}

/**
 * Moves the committed counts of the session's database into table_stats, in one transaction. The
 * counts are taken out of the shared map first (no other session writes them twice) and put back
 * if the write fails (say a write conflict with another session's flush): they are written later.
 */
async function flush(cluster: ClusterContext, s: LakeshiftSession): Promise<void> {
  const c = committed.get(cluster);
  const prefix = `${s.database}.`;
  const mine = [...(c?.entries() ?? [])].filter(([k]) => k.startsWith(prefix));
  if (!c || mine.length === 0) return;
  for (const [k] of mine) c.delete(k);
  try {
    await s.conn.run("BEGIN TRANSACTION");
    for (const [k, d] of mine)
      await recordWrite(s.conn, s.database, Number(k.slice(prefix.length)), d.modified, d.writes);
    await s.conn.run("COMMIT");
  } catch {
    await s.conn.run("ROLLBACK").catch(() => undefined);
    for (const [k, d] of mine) add(c, k, d.modified, d.writes);
  }
}

/** Every user table of the session's database, as the binder resolves them. */
async function allTables(cluster: ClusterContext, s: LakeshiftSession): Promise<RelationDef[]> {
  const reader = cluster.readerFor(s);
  const out: RelationDef[] = [];
  for (const t of await userTables(s.conn, s.database)) {
    const rel = reader.relation({ database: s.database, schema: t.schema, name: t.name });
    if (rel && tracked(rel)) out.push(rel);
  }
  return out;
}

async function rowCount(s: LakeshiftSession, rel: RelationDef): Promise<number> {
  const r = await s.conn.all(rowCountSql(rel));
  return Number(r.rows[0]?.[0] ?? 0);
}

/** Rows and the percent of them outside the sorted prefix (storage order). */
async function measure(s: LakeshiftSession, rel: RelationDef, keys: readonly string[]): Promise<number> {
  const r = await s.conn.all(sortedPrefixSql(rel, keys));
  const rows = Number(r.rows[0]?.[0] ?? 0);
  const sorted = Number(r.rows[0]?.[1] ?? 0);
  return rows === 0 ? 0 : Math.round(((rows - sorted) * 10000) / rows) / 100;
}

/**
 * Before svv_table_info is read: the write counts reach table_stats (outside a transaction block),
 * the counts not there yet go to the view in ls_modified, and the unsorted share of every table
 * with a sort key is measured (cached per table generation) into ls_unsorted.
 */
export async function refreshTableInfo(cluster: ClusterContext, s: LakeshiftSession): Promise<void> {
  try {
    if (!s.inTransactionBlock) await flush(cluster, s);
    const cache = measured.get(cluster) ?? new Map<string, { generation: string; unsorted: number }>();
    measured.set(cluster, cache);
    const stats = await readTableStats(s.conn, s.database);
    const unflushed = new Map<string, Delta>();
    for (const m of [committed.get(cluster), pending.get(s)]) {
      for (const [k, d] of m ?? []) add(unflushed, k, d.modified, d.writes);
    }
    const unsorted: string[] = [];
    const modified: string[] = [];
    for (const rel of await allTables(cluster, s)) {
      const key = tableKey(rel.database, rel.oid);
      const extra = unflushed.get(key);
      if (extra) modified.push(`${rel.oid}: ${extra.modified}`);
      const keys = sortKeyColumns(rel);
      if (keys.length === 0) continue;
      // ALTER TABLE ... ALTER SORTKEY changes the keys without a write: they are part of the key.
      const generation = `${stats.get(rel.oid)?.generation ?? -1}+${extra?.writes ?? 0}:${keys.join(",")}`;
      let hit = cache.get(key);
      // A transaction block's own writes are measured, not cached.
      if (!hit || hit.generation !== generation || pending.get(s)?.has(key)) {
        hit = { generation, unsorted: await measure(s, rel, keys) };
        if (!pending.get(s)?.has(key)) cache.set(key, hit);
      }
      unsorted.push(`${rel.oid}: CAST(${hit.unsorted.toFixed(2)} AS DECIMAL(5,2))`);
    }
    await s.conn.run(`SET VARIABLE ls_unsorted = ${mapLiteral(unsorted, "DECIMAL(5,2)")}`);
    await s.conn.run(`SET VARIABLE ls_modified = ${mapLiteral(modified, "BIGINT")}`);
    // DuckDB folds a variable's value into plans it keeps: plan again.
    s.conn.resetPlans();
  } catch (e) {
    throw mapEngineError(e);
  }
}

function mapLiteral(entries: readonly string[], valueType: string): string {
  return entries.length === 0 ? `MAP([]::INTEGER[], []::${valueType}[])` : `MAP {${entries.join(", ")}}`;
}

/** True when the table has no rows (COPY updates statistics by default only then). */
export async function isEmptyTable(s: LakeshiftSession, rel: RelationDef): Promise<boolean> {
  if (!tracked(rel)) return false;
  return (await s.conn.all(anyRowSql(rel))).rows.length === 0;
}

/**
 * The table's statistics are current without an ANALYZE run: Redshift analyzes a table filled by
 * CREATE TABLE AS, and one a COPY loaded while it was empty (or with STATUPDATE ON). DuckDB keeps
 * a table's statistics as rows are appended, so recording it is what is left to do. `rows`: the
 * table's rows, counted when not given. Joins the session's transaction, like the write.
 */
export async function statisticsUpdated(
  cluster: ClusterContext,
  s: LakeshiftSession,
  rel: RelationDef,
  rows?: number,
): Promise<void> {
  if (!tracked(rel)) return;
  try {
    await recordAnalyze(s.conn, rel.database, rel.oid, rows ?? (await rowCount(s, rel)));
  } catch (e) {
    throw mapEngineError(e);
  }
  const key = tableKey(rel.database, rel.oid);
  committed.get(cluster)?.delete(key);
  pending.get(s)?.delete(key);
}

/** VACUUM or ANALYZE, bound (the named table resolved) by plan/bind/maintenance.ts. */
export async function runMaintenance(
  cluster: ClusterContext,
  s: LakeshiftSession,
  bound: BoundUtility,
): Promise<ExecuteOutcome> {
  const stmt = bound.statement as Vacuum | Analyze;
  const verb = stmt.kind === "Vacuum" ? "vacuum" : "analyze";
  const notices: Notice[] = [];
  const tables: RelationDef[] = [];
  // Superusers, the table's owner and the database's owner may; others are skipped, with a
  // warning for a table named in the statement (a database-wide run passes over them quietly).
  const dbOwner = cluster.store.databaseOwner(s.conn, s.database);
  for (const rel of bound.relations ?? (await allTables(cluster, s))) {
    if (s.user.superuser || rel.owner === s.user.name || dbOwner === s.user.name) tables.push(rel);
    else if (bound.relations) {
      notices.push({
        severity: "WARNING",
        sqlstate: SqlState.InsufficientPrivilege,
        message: `skipping "${rel.name}" --- only table or database owner can ${verb} it`,
      });
    }
  }
  const done = (tag: string): ExecuteOutcome =>
    notices.length > 0 ? { kind: "command", tag, notices } : { kind: "command", tag };
  try {
    if (!s.inTransactionBlock) await flush(cluster, s);
    if (stmt.kind === "Vacuum") {
      await vacuum(cluster, s, stmt, tables);
      return done("VACUUM");
    }
    await analyze(cluster, s, tables);
    return done("ANALYZE");
  } catch (e) {
    throw mapEngineError(e);
  }
}

async function analyze(cluster: ClusterContext, s: LakeshiftSession, tables: readonly RelationDef[]): Promise<void> {
  const threshold = Number(s.settings.get("analyze_threshold_percent") ?? "10");
  const stats = await readTableStats(s.conn, s.database);
  for (const rel of tables) {
    const st = stats.get(rel.oid);
    const key = tableKey(rel.database, rel.oid);
    const unflushed = (committed.get(cluster)?.get(key)?.modified ?? 0) + (pending.get(s)?.get(key)?.modified ?? 0);
    const rows = await rowCount(s, rel);
    if (st?.analyzedRows !== undefined && threshold > 0) {
      const changed = ((st.modifiedRows + unflushed) * 100) / Math.max(st.analyzedRows, 1);
      if (changed < threshold) continue;
    }
    await s.conn.run(analyzeSql(rel));
    await recordAnalyze(s.conn, rel.database, rel.oid, rows);
    committed.get(cluster)?.delete(key);
    pending.get(s)?.delete(key);
  }
}

async function vacuum(
  cluster: ClusterContext,
  s: LakeshiftSession,
  stmt: Vacuum,
  tables: readonly RelationDef[],
): Promise<void> {
  if (s.inTransactionBlock) {
    throw new LakeshiftError(SqlState.ActiveSqlTransaction, "VACUUM cannot run inside a transaction block");
  }
  const threshold = stmt.threshold ?? 95;
  let rewrote = false;
  if (stmt.mode !== "delete only") {
    for (const rel of tables) {
      const keys = sortKeyColumns(rel);
      if (keys.length === 0) continue;
      const unsorted = await measure(s, rel, keys);
      if (unsorted === 0 || 100 - unsorted >= threshold) continue;
      // Rows in storage first, so the checkpoint after the rewrite drops the old ones.
      if (!rewrote) await checkpoint(s);
      await s.conn.run("BEGIN TRANSACTION");
      try {
        const max = await s.conn.all(maxRowidSql(rel));
        for (const sql of resortSql(rel, keys, max.rows[0]?.[0] as bigint)) await s.conn.run(sql);
        await recordVacuum(s.conn, rel.database, rel.oid);
        await s.conn.run("COMMIT");
      } catch (e) {
        await s.conn.run("ROLLBACK").catch(() => undefined);
        throw e;
      }
      rewrote = true;
      cluster.dataChanged();
    }
  }
  if (rewrote || stmt.mode === "full" || stmt.mode === "delete only") await checkpoint(s);
}

/**
 * Reclaims deleted rows' space (DuckDB's checkpoint). DuckDB refuses while another connection
 * writes; then its own automatic checkpoint does it later, as Redshift's background vacuum would.
 */
async function checkpoint(s: LakeshiftSession): Promise<void> {
  await s.conn.run(`CHECKPOINT ${quoteIdent(s.database)}`).catch(() => undefined);
}
