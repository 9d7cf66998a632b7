// src/catalog/store/catalog-store.ts
//! The DuckDB-backed catalog. Writes run on the caller's connection (so they join its
//! transaction); reads go to in-memory snapshots (catalog-cache.ts). After each write the
//! connection's private snapshot is reloaded through that connection; afterCommit publishes it.

import { SqlState } from "../../common/errors.js";
import type { SqlRunner } from "../runner.js";
import { quoteLiteral, sqlValue } from "../sql-text.js";
import { CLUSTER_DATABASE, WellKnownOid } from "../well-known.js";
import { catalogSchemaOf } from "./bootstrap.js";
import { catalogError as fail } from "./catalog-cache.js";
import type { ColumnDef, DistStyle, SortKind } from "../reader.js";
import {
  constraintOid,
  deleteColumnAcl,
  deleteConstraint,
  replaceColumn,
  writeDistribution,
  writeSortKey,
} from "./alter-writes.js";
import { deleteFunction, type NewFunction, writeFunction } from "./functions.js";
import { GrantStore } from "./grant-store.js";
import { relationKey } from "./snapshot.js";
import { type NewUser, type UserChanges, writeAlterUser, writeCreateUser, writeDropUser } from "./users.js";
import {
  constraintDefinition,
  deleteRelationRows,
  insertColumns,
  insertConstraint,
  insertRelation,
  type NewColumn,
  type NewConstraint,
  type NewTable,
  type NewView,
  nextOid,
} from "./writes.js";

export type { CatalogSession } from "./catalog-cache.js";

export class CatalogStore extends GrantStore {
  /** Bootstraps (ensureCatalog) and loads each database; 'dev' is always included and first. */
  static async open(runner: SqlRunner, databases: readonly string[] = [CLUSTER_DATABASE]): Promise<CatalogStore> {
    const store = new CatalogStore();
    const all = [CLUSTER_DATABASE, ...databases.filter((d) => d !== CLUSTER_DATABASE)];
    for (const db of all) await store.attachDatabase(runner, db);
    return store;
  }

  // ---- writes: each runs on `runner` and joins its transaction ----

  async createSchema(runner: SqlRunner, def: { database: string; name: string; owner: string }): Promise<number> {
    const snap = this.snapshotFor(runner, def.database);
    if (snap.schemas.has(def.name) || def.name === "pg_catalog" || def.name === "information_schema") {
      throw fail(SqlState.DuplicateSchema, `schema "${def.name}" already exists`);
    }
    const oid = await nextOid(runner, def.database);
    await runner.run(
      `INSERT INTO ${catalogSchemaOf(def.database)}.schemas VALUES (${oid}, ${sqlValue(def.name)}, ` +
        `${sqlValue(def.owner)}, now()::TIMESTAMP)`,
    );
    await this.reload(runner, def.database);
    return oid;
  }

  /** Removes a schema's rows; with cascade also its relations' rows (returned), else 2BP01 when not empty. */
  async dropSchema(
    runner: SqlRunner,
    def: { database: string; name: string; cascade?: boolean },
  ): Promise<{ oid: number; droppedRelations: readonly number[] }> {
    const snap = this.snapshotFor(runner, def.database);
    const schema = this.requireSchema(snap, def.name);
    const rels = [...snap.relations.values()].filter((r) => r.schema === def.name).map((r) => r.oid);
    const fns = snap.functions.filter((f) => f.schema === def.name).map((f) => f.oid);
    if ((rels.length > 0 || fns.length > 0) && !def.cascade) {
      throw fail(
        SqlState.DependentObjectsStillExist,
        `cannot drop schema ${def.name} because other objects depend on it`,
      );
    }
    for (const oid of rels) await deleteRelationRows(runner, def.database, oid);
    for (const oid of fns) await deleteFunction(runner, def.database, oid);
    const cat = catalogSchemaOf(def.database);
    await runner.run(`DELETE FROM ${cat}.schemas WHERE oid = ${schema.oid}`);
    await runner.run(`DELETE FROM ${cat}.acl WHERE objkind = 'schema' AND objoid = ${schema.oid}`);
    await runner.run(`DELETE FROM ${cat}.comments WHERE objoid = ${schema.oid}`);
    await this.reload(runner, def.database);
    return { oid: schema.oid, droppedRelations: rels };
  }

  /** CREATE [OR REPLACE] FUNCTION: `replaceOid` keeps an existing overload's oid and grants. */
  async createFunction(runner: SqlRunner, def: NewFunction, replaceOid?: number): Promise<number> {
    const schema = this.requireSchema(this.snapshotFor(runner, def.database), def.schema);
    const oid = await writeFunction(runner, schema.oid, def, replaceOid);
    if (replaceOid === undefined) {
      await this.applyDefaultPrivileges(runner, def.database, { oid, ...def }, "functions");
    }
    await this.reload(runner, def.database);
    return oid;
  }

  async dropFunction(runner: SqlRunner, database: string, oid: number): Promise<void> {
    await deleteFunction(runner, database, oid);
    await this.reload(runner, database);
  }

  /** ALTER SCHEMA ... RENAME TO. */
  async renameSchema(runner: SqlRunner, database: string, name: string, newName: string): Promise<void> {
    const snap = this.snapshotFor(runner, database);
    const schema = this.requireSchema(snap, name);
    if (snap.schemas.has(newName)) throw fail(SqlState.DuplicateSchema, `schema "${newName}" already exists`);
    await runner.run(
      `UPDATE ${catalogSchemaOf(database)}.schemas SET name = ${sqlValue(newName)} WHERE oid = ${schema.oid}`,
    );
    await this.reload(runner, database);
  }

  /** ALTER SCHEMA ... OWNER TO. */
  async setSchemaOwner(runner: SqlRunner, database: string, name: string, owner: string): Promise<void> {
    const schema = this.requireSchema(this.snapshotFor(runner, database), name);
    await runner.run(
      `UPDATE ${catalogSchemaOf(database)}.schemas SET owner = ${sqlValue(owner)} WHERE oid = ${schema.oid}`,
    );
    await this.reload(runner, database);
  }

  /** DROP DATABASE: removes its row from dev's registry and forgets its snapshot (the engine detaches the file). */
  async dropDatabase(runner: SqlRunner, name: string): Promise<void> {
    if (name === CLUSTER_DATABASE) throw fail(SqlState.InvalidCatalogName, `cannot drop database "${name}"`);
    await runner.run(`DELETE FROM ${catalogSchemaOf(CLUSTER_DATABASE)}.databases WHERE name = ${sqlValue(name)}`);
    await this.reloadCluster(runner);
    this.detachDatabase(name);
  }

  async createTable(runner: SqlRunner, def: NewTable): Promise<number> {
    const snap = this.snapshotFor(runner, def.database);
    const schema = this.requireSchema(snap, def.schema);
    this.requireFreeName(snap, def.schema, def.name);
    const oid = await nextOid(runner, def.database);
    await insertRelation(runner, def.database, {
      oid,
      schemaOid: schema.oid,
      name: def.name,
      kind: "table",
      distStyle: def.distStyle ?? "auto",
      sortKind: def.sortKind ?? "none",
      owner: def.owner,
      ...(def.temporary ? { temporary: true } : {}),
    });
    await insertColumns(runner, def.database, oid, def.columns);
    await this.applyDefaultPrivileges(runner, def.database, { oid, ...def });
    for (const c of def.constraints ?? []) await this.writeConstraint(runner, snap, def, oid, c);
    await this.reload(runner, def.database);
    return oid;
  }

  /** One informational constraint of table `def` (oid `oid`), named as Postgres names it by default. */
  private async writeConstraint(
    runner: SqlRunner,
    snap: ReturnType<CatalogStore["snapshotFor"]>,
    def: {
      readonly database: string;
      readonly schema: string;
      readonly name: string;
      readonly columns: readonly NewColumn[];
    },
    oid: number,
    c: NewConstraint,
  ): Promise<void> {
    const ordinals = (names: readonly string[], cols: readonly NewColumn[]) =>
      names.map((n) => {
        const i = cols.findIndex((col) => col.name === n);
        if (i < 0) throw fail(SqlState.UndefinedColumn, `column "${n}" named in key does not exist`);
        return cols[i]?.ordinal ?? i + 1;
      });
    let refRelOid: number | undefined;
    let refColumns: number[] | undefined;
    if (c.kind === "f" && c.references) {
      const target = snap.relations.get(relationKey(c.references.schema, c.references.name));
      const self = c.references.schema === def.schema && c.references.name === def.name;
      if (!target && !self) throw fail(SqlState.UndefinedTable, `relation "${c.references.name}" does not exist`);
      refRelOid = target?.oid ?? oid;
      if (c.references.columns?.length) refColumns = ordinals(c.references.columns, target?.columns ?? def.columns);
    }
    const suffix = c.kind === "p" ? "pkey" : c.kind === "u" ? `${c.columns.join("_")}_key` : `${c.columns[0]}_fkey`;
    await insertConstraint(runner, def.database, {
      oid: await nextOid(runner, def.database),
      relOid: oid,
      name: c.name ?? `${def.name}_${suffix}`,
      kind: c.kind,
      columns: ordinals(c.columns, def.columns),
      ...(refRelOid !== undefined ? { refRelOid } : {}),
      ...(refColumns ? { refColumns } : {}),
      definition: constraintDefinition(c),
    });
  }

  /** ALTER TABLE ... ADD CONSTRAINT (informational, as in Redshift). */
  async addConstraint(runner: SqlRunner, database: string, relOid: number, c: NewConstraint): Promise<void> {
    const snap = this.snapshotFor(runner, database);
    const rel = snap.relationsByOid.get(relOid);
    if (!rel) throw fail(SqlState.UndefinedTable, `relation with OID ${relOid} does not exist`);
    await this.writeConstraint(runner, snap, rel, relOid, c);
    await this.reload(runner, database);
  }

  /** ALTER TABLE ... DROP CONSTRAINT name. */
  async dropConstraint(
    runner: SqlRunner,
    database: string,
    rel: { oid: number; name: string },
    name: string,
  ): Promise<void> {
    if (!(await deleteConstraint(runner, database, rel.oid, name))) {
      throw fail(SqlState.UndefinedObject, `constraint "${name}" of relation "${rel.name}" does not exist`);
    }
    await this.reload(runner, database);
  }

  /** The OID of a table's constraint, by name (COMMENT ON CONSTRAINT). */
  constraintOid(runner: SqlRunner, database: string, relOid: number, name: string): Promise<number | undefined> {
    return constraintOid(runner, database, relOid, name);
  }

  /** ALTER COLUMN ... TYPE / ENCODE: the column's new definition, same ordinal. */
  async replaceColumn(runner: SqlRunner, database: string, relOid: number, column: ColumnDef): Promise<void> {
    await replaceColumn(runner, database, relOid, column);
    await this.reload(runner, database);
  }

  async setDistribution(
    runner: SqlRunner,
    database: string,
    relOid: number,
    style: DistStyle,
    key?: string,
  ): Promise<void> {
    await writeDistribution(runner, database, relOid, style, key);
    await this.reload(runner, database);
  }

  async setSortKey(
    runner: SqlRunner,
    database: string,
    relOid: number,
    kind: SortKind,
    columns: readonly string[],
  ): Promise<void> {
    await writeSortKey(runner, database, relOid, kind, columns);
    await this.reload(runner, database);
  }

  async createView(runner: SqlRunner, def: NewView, options: { replace?: boolean } = {}): Promise<number> {
    const snap = this.snapshotFor(runner, def.database);
    const schema = this.requireSchema(snap, def.schema);
    const existing = snap.relations.get(relationKey(def.schema, def.name));
    if (existing && options.replace && existing.kind === "view") {
      await deleteRelationRows(runner, def.database, existing.oid);
    } else {
      this.requireFreeName(snap, def.schema, def.name);
    }
    const oid = existing && options.replace ? existing.oid : await nextOid(runner, def.database);
    await insertRelation(runner, def.database, {
      oid,
      schemaOid: schema.oid,
      name: def.name,
      kind: "view",
      distStyle: "auto",
      sortKind: "none",
      viewSql: def.viewSql,
      ...(def.lateBinding ? { lateBinding: true } : {}),
      owner: def.owner,
    });
    await insertColumns(runner, def.database, oid, def.columns);
    if (!existing) await this.applyDefaultPrivileges(runner, def.database, { oid, ...def });
    await this.reload(runner, def.database);
    return oid;
  }

  async dropRelation(runner: SqlRunner, database: string, oid: number): Promise<void> {
    await deleteRelationRows(runner, database, oid);
    await runner.run(`DELETE FROM ${catalogSchemaOf(database)}.acl WHERE objkind = 'table' AND objoid = ${oid}`);
    await this.reload(runner, database);
  }

  async renameRelation(runner: SqlRunner, database: string, oid: number, newName: string): Promise<void> {
    const snap = this.snapshotFor(runner, database);
    const rel = snap.relationsByOid.get(oid);
    if (!rel) throw fail(SqlState.UndefinedTable, `relation with OID ${oid} does not exist`);
    this.requireFreeName(snap, rel.schema, newName);
    await runner.run(
      `UPDATE ${catalogSchemaOf(database)}.relations SET name = ${sqlValue(newName)} WHERE oid = ${oid}`,
    );
    await this.reload(runner, database);
  }

  /** A view's body text, rewritten (a table it reads was renamed); columns, grants and comments stay. */
  async setViewSql(runner: SqlRunner, database: string, oid: number, viewSql: string): Promise<void> {
    await runner.run(
      `UPDATE ${catalogSchemaOf(database)}.relations SET view_sql = ${sqlValue(viewSql)} WHERE oid = ${oid}`,
    );
    await this.reload(runner, database);
  }

  /** ALTER TABLE ... ADD COLUMN: appended after the last column. */
  async addColumn(runner: SqlRunner, database: string, relOid: number, column: NewColumn): Promise<void> {
    const rel = this.snapshotFor(runner, database).relationsByOid.get(relOid);
    if (!rel) throw fail(SqlState.UndefinedTable, `relation with OID ${relOid} does not exist`);
    if (rel.columns.some((c) => c.name === column.name)) {
      throw fail(SqlState.DuplicateColumn, `column "${column.name}" of relation "${rel.name}" already exists`);
    }
    const ordinal = Math.max(0, ...rel.columns.map((c) => c.ordinal)) + 1;
    await insertColumns(runner, database, relOid, [{ ...column, ordinal }]);
    await this.reload(runner, database);
  }

  /** ALTER TABLE ... DROP COLUMN: later columns move up one ordinal, as they do in DuckDB. */
  async dropColumn(runner: SqlRunner, database: string, relOid: number, name: string): Promise<void> {
    const rel = this.snapshotFor(runner, database).relationsByOid.get(relOid);
    const col = rel?.columns.find((c) => c.name === name);
    if (!rel || !col) throw fail(SqlState.UndefinedColumn, `column "${name}" does not exist`);
    const cat = catalogSchemaOf(database);
    await runner.run(`DELETE FROM ${cat}.columns WHERE rel_oid = ${relOid} AND ordinal = ${col.ordinal}`);
    await runner.run(`DELETE FROM ${cat}.comments WHERE objoid = ${relOid} AND objsubid = ${col.ordinal}`);
    await deleteColumnAcl(runner, database, relOid, name);
    await runner.run(
      `UPDATE ${cat}.columns SET ordinal = ordinal - 1 WHERE rel_oid = ${relOid} AND ordinal > ${col.ordinal}`,
    );
    await this.reload(runner, database);
  }

  async renameColumn(runner: SqlRunner, database: string, relOid: number, from: string, to: string): Promise<void> {
    const rel = this.snapshotFor(runner, database).relationsByOid.get(relOid);
    if (!rel?.columns.some((c) => c.name === from))
      throw fail(SqlState.UndefinedColumn, `column "${from}" does not exist`);
    if (rel.columns.some((c) => c.name === to)) {
      throw fail(SqlState.DuplicateColumn, `column "${to}" of relation "${rel.name}" already exists`);
    }
    await runner.run(
      `UPDATE ${catalogSchemaOf(database)}.columns SET name = ${sqlValue(to)} ` +
        `WHERE rel_oid = ${relOid} AND name = ${sqlValue(from)}`,
    );
    await this.reload(runner, database);
  }

  async setRelationOwner(runner: SqlRunner, database: string, relOid: number, owner: string): Promise<void> {
    await runner.run(
      `UPDATE ${catalogSchemaOf(database)}.relations SET owner = ${sqlValue(owner)} WHERE oid = ${relOid}`,
    );
    await this.reload(runner, database);
  }

  /** COMMENT ON TABLE/VIEW/COLUMN/SCHEMA/DATABASE; text null removes the comment. */
  async setComment(
    runner: SqlRunner,
    database: string,
    target: {
      readonly kind: "relation" | "schema" | "column" | "database" | "constraint";
      readonly oid: number;
      readonly column?: number;
    },
    text: string | null,
  ): Promise<void> {
    const classoid =
      target.kind === "schema"
        ? WellKnownOid.pgNamespace
        : target.kind === "database"
          ? WellKnownOid.pgDatabase
          : target.kind === "constraint"
            ? WellKnownOid.pgConstraint
            : WellKnownOid.pgClass;
    const subid = target.kind === "column" ? (target.column ?? 0) : 0;
    const cat = catalogSchemaOf(database);
    await runner.run(
      `DELETE FROM ${cat}.comments WHERE objoid = ${target.oid} AND classoid = ${classoid} AND objsubid = ${subid}`,
    );
    if (text !== null && text !== "") {
      await runner.run(
        `INSERT INTO ${cat}.comments VALUES (${target.oid}, ${classoid}, ${subid}, ${quoteLiteral(text)})`,
      );
    }
    await this.reload(runner, database);
  }

  async createUser(runner: SqlRunner, user: NewUser): Promise<number> {
    if (this.clusterFor(runner).users.has(user.name)) {
      throw fail(SqlState.DuplicateObject, `user "${user.name}" already exists`);
    }
    const id = await writeCreateUser(runner, user);
    await this.reloadCluster(runner);
    return id;
  }

  async alterUser(runner: SqlRunner, name: string, changes: UserChanges): Promise<void> {
    const users = this.clusterFor(runner).users;
    if (!users.has(name)) throw fail(SqlState.UndefinedObject, `user "${name}" does not exist`);
    if (changes.renameTo !== undefined && users.has(changes.renameTo)) {
      throw fail(SqlState.DuplicateObject, `user "${changes.renameTo}" already exists`);
    }
    await writeAlterUser(runner, name, changes);
    await this.reloadCluster(runner);
  }

  async dropUser(runner: SqlRunner, name: string, options: { ifExists?: boolean } = {}): Promise<boolean> {
    if (!this.clusterFor(runner).users.has(name)) {
      if (options.ifExists) return false;
      throw fail(SqlState.UndefinedObject, `user "${name}" does not exist`);
    }
    await writeDropUser(runner, name);
    await this.reloadCluster(runner);
    return true;
  }
}
