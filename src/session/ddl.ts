// src/session/ddl.ts
//! DDL: the DuckDB statements and the catalog rows that describe them commit in one DuckDB
//! transaction (the session's own block, or one opened here), so a failed DDL leaves nothing.

import { recordAnalyze } from "../catalog/index.js";
import type { RelationDef } from "../catalog/reader.js";
import type { CatalogStore } from "../catalog/store/catalog-store.js";
import { LakeshiftError, SqlState } from "../common/errors.js";
import type { NewConstraint, NewTable } from "../catalog/store/writes.js";
import type { BoundStatement, NewTableDef } from "../plan/bound/index.js";
import type { ExecuteOutcome, Notice } from "./api.js";
import type { ClusterContext } from "./context.js";
import { catalogWrite } from "./catalog-write.js";
import { followRename, prepareAlter, recordAlter, type ViewBuilder } from "./alter-table.js";
import { dependentViews } from "./dependents.js";
import type { LakeshiftSession } from "./session.js";

type DdlStatement = Exclude<
  BoundStatement,
  { kind: "query" | "insert" | "update" | "delete" | "utility" | "copy" | "unload" }
>;

export async function runDdl(
  cluster: ClusterContext,
  session: LakeshiftSession,
  bound: DdlStatement,
  sqls: readonly string[],
  params: readonly unknown[],
  buildView: ViewBuilder,
): Promise<ExecuteOutcome> {
  const conn = session.conn;
  const owner = session.user.name;
  const store = cluster.store;
  const { value: count, own } = await catalogWrite(cluster, session, async () => {
    let n = 0;
    // Drops check dependents in the catalog first (2BP01), then remove the objects; creates make
    // the objects first (DuckDB reports clashes), then record them.
    if (bound.kind === "drop" || bound.kind === "drop-schema") await recordDrop(store, session, bound);
    const rewrites = bound.kind === "alter-table" ? await prepareAlter(store, session, bound) : [];
    for (const sql of sqls) n = await conn.run(sql, params.length > 0 ? params : undefined);
    switch (bound.kind) {
      case "create-table":
        if (bound.exists) break;
        if (bound.table.temporary) session.temps.add(bound.table);
        else await store.createTable(conn, newTable(bound.table, owner));
        break;
      case "create-table-as":
        if (bound.table.temporary) session.temps.add(bound.table);
        else {
          // Redshift analyzes a table made by CREATE TABLE AS; DuckDB kept its statistics as the
          // rows went in, so it only needs recording.
          const oid = await store.createTable(conn, newTable(bound.table, owner));
          await recordAnalyze(conn, bound.table.database, oid, n);
        }
        break;
      case "create-view":
        await store.createView(conn, { ...bound.view, owner }, { replace: bound.orReplace });
        break;
      case "alter-table":
        await recordAlter(store, session, bound);
        await followRename(store, session, rewrites, buildView);
        break;
      case "create-schema":
        if (!bound.exists) {
          await store.createSchema(conn, {
            database: bound.database,
            name: bound.name,
            owner: bound.authorization ?? owner,
          });
        }
        break;
      default:
        break;
    }
    return n;
  });
  // TRUNCATE commits the transaction it runs in (Redshift: "TRUNCATE commits the transaction in
  // which it is run"), so a later ROLLBACK cannot undo it or what came before it.
  // https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html
  if (!own && bound.kind === "truncate") await session.commit();
  const notices = skippedNotices(bound);
  return notices.length > 0
    ? { kind: "command", tag: tagOf(bound, count), notices }
    : { kind: "command", tag: tagOf(bound, count) };
}

async function recordDrop(
  store: CatalogStore,
  session: LakeshiftSession,
  bound: Extract<DdlStatement, { kind: "drop" | "drop-schema" }>,
): Promise<void> {
  const conn = session.conn;
  if (bound.kind === "drop") {
    await dropDependents(store, session, bound);
    for (const rel of bound.relations) {
      if (rel.temporary) session.temps.remove(rel.name);
      else await store.dropRelation(conn, rel.database, rel.oid);
    }
    return;
  }
  for (const s of bound.names)
    await store.dropSchema(conn, { database: bound.database, name: s.name, cascade: bound.cascade });
}

/** IF [NOT] EXISTS that found nothing to do says so, as Postgres and Redshift do. */
function skippedNotices(bound: DdlStatement): Notice[] {
  const notice = (message: string, sqlstate = "00000"): Notice => ({ severity: "NOTICE", sqlstate, message });
  switch (bound.kind) {
    case "drop":
      return bound.missing.map((n) => notice(`${bound.objectKind} "${n}" does not exist, skipping`));
    case "drop-schema":
      return bound.missing.map((n) => notice(`schema "${n}" does not exist, skipping`));
    case "create-table":
      return bound.exists ? [notice(`relation "${bound.table.name}" already exists, skipping`, "42P07")] : [];
    case "create-schema":
      return bound.exists ? [notice(`schema "${bound.name}" already exists, skipping`, "42P06")] : [];
    default:
      return [];
  }
}

/**
 * Views reading a dropped relation: without CASCADE the drop fails (2BP01, as in Redshift); with
 * it they are dropped first.
 */
async function dropDependents(
  store: CatalogStore,
  session: LakeshiftSession,
  bound: Extract<DdlStatement, { kind: "drop" }>,
): Promise<void> {
  const targets = bound.relations.filter((r) => !r.temporary);
  if (targets.length === 0) return;
  const reader = session.catalog();
  const databases = [...new Set(targets.map((t) => t.database))];
  const all = databases.flatMap((db) => store.relationsIn(session.conn, db));
  const dependents = dependentViews(targets, all, reader).filter((v) => !targets.some((t) => t.oid === v.oid));
  if (dependents.length === 0) return;
  const first = targets[0] as RelationDef;
  if (!bound.cascade) {
    const kind = first.kind === "view" ? "view" : "table";
    throw new LakeshiftError(
      SqlState.DependentObjectsStillExist,
      `cannot drop ${kind} ${first.name} because other objects depend on it`,
      {
        detail: dependents.map((v) => `view ${v.name} depends on ${kind} ${first.name}`).join("\n"),
        hint: "Use DROP ... CASCADE to drop the dependent objects too.",
      },
    );
  }
  for (const v of dependents) {
    await session.conn.run(`DROP VIEW IF EXISTS ${v.engineName}`);
    await store.dropRelation(session.conn, v.database, v.oid);
  }
}

function tagOf(bound: DdlStatement, count: number): string {
  switch (bound.kind) {
    case "create-table":
      return "CREATE TABLE";
    case "create-table-as":
      return `SELECT ${count}`;
    case "create-view":
      return "CREATE VIEW";
    case "drop":
      return bound.objectKind === "view" ? "DROP VIEW" : "DROP TABLE";
    case "create-schema":
      return "CREATE SCHEMA";
    case "drop-schema":
      return "DROP SCHEMA";
    case "truncate":
      return "TRUNCATE TABLE";
    case "alter-table":
      return "ALTER TABLE";
  }
}

function newTable(def: NewTableDef, owner: string): NewTable {
  const constraints: NewConstraint[] = def.constraints.map((c) => ({
    kind: c.kind === "primary key" ? "p" : c.kind === "unique" ? "u" : "f",
    columns: c.columns,
    ...(c.name !== undefined ? { name: c.name } : {}),
    ...(c.references
      ? { references: { schema: c.references.schema, name: c.references.table, columns: c.references.columns } }
      : {}),
  }));
  return {
    database: def.database,
    schema: def.schema,
    name: def.name,
    columns: def.columns,
    distStyle: def.distStyle,
    sortKind: def.sortKind,
    owner,
    temporary: def.temporary,
    constraints,
  };
}
