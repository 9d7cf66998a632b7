// src/session/maintenance.ts
//! VACUUM, ANALYZE and the counters behind svv_table_info's unsorted and stats_off.
//! - Writes (INSERT, UPDATE, DELETE, COPY) add the rows they changed to table_stats.
//! - ANALYZE [t] runs DuckDB's ANALYZE and resets the changed rows, skipping tables changed by
//!   less than analyze_threshold_percent (Redshift's rule; 0 analyzes every table).
//! - VACUUM [FULL | SORT ONLY | REINDEX | RECLUSTER] [t] [TO n PERCENT] rewrites a table with a
//!   sort key in sort-key order when fewer than n% (default 95) of its rows are sorted, so DuckDB's
//!   zone maps prune; DELETE ONLY only reclaims space (a DuckDB checkpoint). BOOST changes nothing.
//! - Before svv_table_info is read, the unsorted share of each table with a sort key is measured
//!   (cached until the table's next write or VACUUM) and handed to the view in ls_unsorted.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_VACUUM_command.html
//! https://docs.aws.amazon.com/redshift/latest/dg/r_ANALYZE.html

import { readTableStats, recordAnalyze, recordVacuum, recordWrite } from "../catalog/index.js";
import type { RelationDef } from "../catalog/reader.js";
import { catalogSchemaOf } from "../catalog/store/bootstrap.js";
import { quoteIdent } from "../catalog/sql-text.js";
import { LakeshiftError, SqlState } from "../common/errors.js";
import type { BoundUtility } from "../plan/bound/statement.js";
import type { Analyze, Vacuum } from "../sql/ast/index.js";
import { analyzeSql, maxRowidSql, resortSql, sortedPrefixSql, sortKeyColumns } from "../translate/index.js";
import type { ClusterContext } from "./context.js";
import { mapEngineError } from "./engine-errors.js";
import type { ExecuteOutcome } from "./api.js";
import type { LakeshiftSession } from "./session.js";

/** Per cluster: "<database>.<oid>" -> the unsorted percent measured at a table generation. */
const measured = new WeakMap<ClusterContext, Map<string, { generation: number; unsorted: number }>>();

function tracked(rel: RelationDef): boolean {
  return rel.kind === "table" && !rel.temporary;
}

/** A write changed `rows` rows of `rel`; joins the session's transaction when it has one. */
export async function noteWrite(s: LakeshiftSession, rel: RelationDef, rows: number): Promise<void> {
  if (rows <= 0 || !tracked(rel)) return;
  try {
    await recordWrite(s.conn, rel.database, rel.oid, rows);
  } catch (e) {
    throw mapEngineError(e);
  }
}

/** Every user table of the session's database, as the binder resolves them. */
async function allTables(cluster: ClusterContext, s: LakeshiftSession): Promise<RelationDef[]> {
  const cat = catalogSchemaOf(s.database);
  const r = await s.conn.all(
    `SELECT sc.name, r.name FROM ${cat}.relations r JOIN ${cat}.schemas sc ON sc.oid = r.schema_oid ` +
      "WHERE r.kind = 'table' AND NOT coalesce(r.temporary, false) ORDER BY 1, 2",
  );
  const reader = cluster.readerFor(s);
  const out: RelationDef[] = [];
  for (const [schema, name] of r.rows) {
    const rel = reader.relation({ database: s.database, schema: String(schema), name: String(name) });
    if (rel && tracked(rel)) out.push(rel);
  }
  return out;
}

async function rowCount(s: LakeshiftSession, rel: RelationDef): Promise<number> {
  const r = await s.conn.all(`SELECT count(*) FROM ${rel.engineName}`);
  return Number(r.rows[0]?.[0] ?? 0);
}

/** Rows and the percent of them outside the sorted prefix (storage order). */
async function measure(s: LakeshiftSession, rel: RelationDef, keys: readonly string[]): Promise<number> {
  const r = await s.conn.all(sortedPrefixSql(rel, keys));
  const rows = Number(r.rows[0]?.[0] ?? 0);
  const sorted = Number(r.rows[0]?.[1] ?? 0);
  return rows === 0 ? 0 : Math.round(((rows - sorted) * 10000) / rows) / 100;
}

/** Measures the unsorted share of every table with a sort key (cached per table generation) for svv_table_info. */
export async function refreshUnsorted(cluster: ClusterContext, s: LakeshiftSession): Promise<void> {
  try {
    let cache = measured.get(cluster);
    if (!cache) {
      cache = new Map();
      measured.set(cluster, cache);
    }
    const stats = await readTableStats(s.conn, s.database);
    const entries: string[] = [];
    for (const rel of await allTables(cluster, s)) {
      const keys = sortKeyColumns(rel);
      if (keys.length === 0) continue;
      const key = `${rel.database}.${rel.oid}`;
      const generation = stats.get(rel.oid)?.generation ?? -1;
      let hit = cache.get(key);
      // Uncommitted writes of an open transaction are measured, not cached.
      if (!hit || hit.generation !== generation || s.inTransactionBlock) {
        hit = { generation, unsorted: await measure(s, rel, keys) };
        if (!s.inTransactionBlock) cache.set(key, hit);
      }
      entries.push(`${rel.oid}: CAST(${hit.unsorted.toFixed(2)} AS DECIMAL(5,2))`);
    }
    const map = entries.length === 0 ? "MAP([]::INTEGER[], []::DECIMAL(5,2)[])" : `MAP {${entries.join(", ")}}`;
    await s.conn.run(`SET VARIABLE ls_unsorted = ${map}`);
    // DuckDB folds a variable's value into plans it keeps: plan again.
    s.conn.resetPlans();
  } catch (e) {
    throw mapEngineError(e);
  }
}

/** VACUUM or ANALYZE, bound (the named table resolved) by plan/bind/maintenance.ts. */
export async function runMaintenance(
  cluster: ClusterContext,
  s: LakeshiftSession,
  bound: BoundUtility,
): Promise<ExecuteOutcome> {
  const stmt = bound.statement as Vacuum | Analyze;
  const tables = bound.relations ? [...bound.relations] : await allTables(cluster, s);
  try {
    if (stmt.kind === "Vacuum") {
      await vacuum(cluster, s, stmt, tables);
      return { kind: "command", tag: "VACUUM" };
    }
    await analyze(s, tables);
    return { kind: "command", tag: "ANALYZE" };
  } catch (e) {
    throw mapEngineError(e);
  }
}

async function analyze(s: LakeshiftSession, tables: readonly RelationDef[]): Promise<void> {
  const threshold = Number(s.settings.get("analyze_threshold_percent") ?? "10");
  const stats = await readTableStats(s.conn, s.database);
  for (const rel of tables) {
    const st = stats.get(rel.oid);
    const rows = await rowCount(s, rel);
    if (st?.analyzedRows !== undefined && threshold > 0) {
      const changed = (st.modifiedRows * 100) / Math.max(st.analyzedRows, 1);
      if (changed < threshold) continue;
    }
    await s.conn.run(analyzeSql(rel));
    await recordAnalyze(s.conn, rel.database, rel.oid, rows);
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
