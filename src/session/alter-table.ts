// src/session/alter-table.ts
//! The catalog side of ALTER TABLE, in the statement's transaction: views that depend on what
//! changes (DROP COLUMN: 2BP01 without CASCADE, dropped with it; a rename the stored view text
//! could not follow: refused), then the catalog rows once DuckDB has made the change.

import type { RelationDef } from "../catalog/reader.js";
import type { CatalogStore } from "../catalog/store/catalog-store.js";
import { LakeshiftError, SqlState } from "../common/errors.js";
import type { BoundAlterTable } from "../plan/bound/index.js";
import { dependentViews, viewsUsingColumn } from "./dependents.js";
import type { LakeshiftSession } from "./session.js";

/** Before DuckDB runs the change: dependent views. */
export async function prepareAlter(store: CatalogStore, session: LakeshiftSession, b: BoundAlterTable): Promise<void> {
  const rel = b.relation;
  const c = b.change;
  if (c.change !== "drop-column" && c.change !== "rename" && c.change !== "rename-column") return;
  const reader = session.catalog();
  const all = store.relationsIn(session.conn, rel.database);
  const direct =
    c.change === "rename"
      ? dependentViews([rel], all, reader).filter((v) => v.oid !== rel.oid)
      : viewsUsingColumn(rel, c.column, all, reader);
  if (direct.length === 0) return;
  const names = direct.map((v) => v.name).join(", ");
  if (c.change !== "drop-column") {
    throw new LakeshiftError(
      SqlState.FeatureNotSupported,
      `cannot rename ${c.change === "rename" ? `table ${rel.name}` : `column ${c.column} of table ${rel.name}`}: view ${names} depends on it`,
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
