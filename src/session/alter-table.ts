// src/session/alter-table.ts
//! The catalog side of ALTER TABLE, in the statement's transaction: views that depend on what
//! changes (DROP COLUMN: 2BP01 without CASCADE, dropped with it; RENAME TO: the views follow the
//! table, their bodies rewritten; RENAME COLUMN under a view: refused), then the catalog rows once
//! DuckDB has made the change.

import type { RelationDef } from "../catalog/reader.js";
import type { CatalogStore } from "../catalog/store/catalog-store.js";
import { LakeshiftError, SqlState } from "../common/errors.js";
import type { BoundAlterTable } from "../plan/bound/index.js";
import type { CreateView, Query } from "../sql/index.js";
import { printStatement } from "../sql/index.js";
import { bodyAfterRename, dependentViews, readsRelation, viewsUsingColumn } from "./dependents.js";
import type { LakeshiftSession } from "./session.js";

/** A view whose body names a renamed relation: its new body, bound and stored once the rename is made. */
export interface ViewRewrite {
  readonly view: RelationDef;
  readonly body: Query;
}

/** Binds a view definition and returns the DuckDB statements that (re)create it. */
export type ViewBuilder = (stmt: CreateView) => readonly string[];

/**
 * Before DuckDB runs the change: dependent views. A table rename returns the new bodies of the
 * views that read it (they follow the table, as in Redshift), for followRename after the change.
 */
export async function prepareAlter(
  store: CatalogStore,
  session: LakeshiftSession,
  b: BoundAlterTable,
): Promise<ViewRewrite[]> {
  const rel = b.relation;
  const c = b.change;
  if (c.change !== "drop-column" && c.change !== "rename" && c.change !== "rename-column") return [];
  const reader = session.catalog();
  const all = store.relationsIn(session.conn, rel.database);
  const direct =
    c.change === "rename"
      ? all.filter((v) => v.oid !== rel.oid && readsRelation(v, rel, reader))
      : viewsUsingColumn(rel, c.column, all, reader);
  if (direct.length === 0) return [];
  const names = direct.map((v) => v.name).join(", ");
  if (c.change === "rename") {
    const rewrites: ViewRewrite[] = [];
    for (const view of direct) {
      const body = bodyAfterRename(view, rel, c.to, reader);
      if (!body) {
        throw new LakeshiftError(
          SqlState.FeatureNotSupported,
          `cannot rename ${rel.name}: view ${view.name} depends on it`,
          {
            hint: "Drop and recreate the view, or create it WITH NO SCHEMA BINDING.",
          },
        );
      }
      rewrites.push({ view, body });
    }
    return rewrites;
  }
  if (c.change === "rename-column") {
    throw new LakeshiftError(
      SqlState.FeatureNotSupported,
      `cannot rename column ${c.column} of table ${rel.name}: view ${names} depends on it`,
      { hint: "Drop and recreate the view, or create it WITH NO SCHEMA BINDING." },
    );
  }
  if (!c.cascade) {
    throw new LakeshiftError(
      SqlState.DependentObjectsStillExist,
      `cannot drop column ${c.column} of table ${rel.name} because other objects depend on it`,
      {
        detail: direct.map((v) => `view ${v.name} depends on column ${c.column} of table ${rel.name}`).join("\n"),
        hint: "Use DROP ... CASCADE to drop the dependent objects too.",
      },
    );
  }
  const doomed = [...dependentViews(direct, all, reader).filter((v) => !direct.includes(v)), ...direct.toReversed()];
  for (const v of doomed) await dropView(store, session, v);
  return [];
}

/**
 * After the rename is in DuckDB and the catalog: each dependent view is made again from its new
 * body (same columns, so the view keeps its OID, grants, comments and the views built on it).
 */
export async function followRename(
  store: CatalogStore,
  session: LakeshiftSession,
  rewrites: readonly ViewRewrite[],
  build: ViewBuilder,
): Promise<void> {
  for (const { view, body } of rewrites) {
    const create: CreateView = {
      kind: "CreateView",
      pos: 0,
      orReplace: true,
      temp: false,
      name: { kind: "ObjectName", pos: 0, database: view.database, schema: view.schema, name: view.name },
      columns: view.columns.map((c) => c.name),
      query: body,
      noSchemaBinding: false,
    };
    for (const sql of build(create)) await session.conn.run(sql);
    await store.setViewSql(session.conn, view.database, view.oid, printStatement(body));
  }
}

async function dropView(store: CatalogStore, session: LakeshiftSession, v: RelationDef): Promise<void> {
  await session.conn.run(`DROP VIEW IF EXISTS ${v.engineName}`);
  await store.dropRelation(session.conn, v.database, v.oid);
}

/** After DuckDB made the change: the catalog rows. */
export async function recordAlter(store: CatalogStore, session: LakeshiftSession, b: BoundAlterTable): Promise<void> {
  const conn = session.conn;
  const { database, oid } = b.relation;
  const c = b.change;
  switch (c.change) {
    case "rename":
      return store.renameRelation(conn, database, oid, c.to);
    case "rename-column":
      return store.renameColumn(conn, database, oid, c.column, c.to);
    case "add-column":
      return store.addColumn(conn, database, oid, c.column);
    case "drop-column":
      return store.dropColumn(conn, database, oid, c.column);
    case "columns":
      for (const col of c.columns) await store.replaceColumn(conn, database, oid, col);
      return;
    case "distribution":
      return store.setDistribution(conn, database, oid, c.style, c.distKey);
    case "sortkey":
      return store.setSortKey(conn, database, oid, c.sortKind, c.columns);
    case "add-constraint": {
      const k = c.constraint;
      const kind = k.kind === "primary key" ? "p" : k.kind === "unique" ? "u" : "f";
      return store.addConstraint(conn, database, oid, {
        kind,
        columns: k.columns,
        ...(c.name !== undefined ? { name: c.name } : {}),
        ...(k.references
          ? { references: { schema: k.references.schema, name: k.references.table, columns: k.references.columns } }
          : {}),
      });
    }
    case "drop-constraint":
      return store.dropConstraint(conn, database, b.relation, c.name);
    case "none":
      return;
  }
}
