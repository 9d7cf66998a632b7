// src/catalog/store/snapshot-reader.ts
//! The CatalogReader over in-memory snapshots: user relations from the database snapshot, system
//! relations (pg_catalog, information_schema) and functions from the system registry. Resolution
//! follows Postgres: an unqualified name is looked up in pg_catalog first (unless the search path
//! names pg_catalog explicitly), then along the search path.

import type { CatalogReader, ColumnDef, FunctionDef, RelationDef, SchemaDef, SystemFunctionDef } from "../reader.js";
import { quoteIdent } from "../sql-text.js";
import { infoSchemaOf, pgSchemaOf, SYS_TYPES } from "../system/defs.js";
import { isSystemSchema, SYSTEM_NAMESPACES, type SystemView, systemMacro, systemView } from "../system/registry.js";
import type { DatabaseSnapshot } from "./snapshot.js";
import { relationKey } from "./snapshot.js";

/** Where a reader gets snapshots from (the store, honouring a session's uncommitted DDL). */
export interface SnapshotSource {
  snapshot(database: string): DatabaseSnapshot | undefined;
  databaseNames(): readonly string[];
}

const systemRelations = new Map<string, RelationDef>();

/** The RelationDef of a system view in `database` (memoized: these never change). */
export function systemRelationDef(database: string, view: SystemView): RelationDef {
  const key = `${database}\u0000${view.schema}\u0000${view.name}`;
  let def = systemRelations.get(key);
  if (!def) {
    const columns: ColumnDef[] = view.columns.map(([name, type], i) => ({
      name,
      ordinal: i + 1,
      type: SYS_TYPES[type].sql,
      notNull: false,
      encoding: "none",
      distKey: false,
      sortKeyOrdinal: 0,
    }));
    const schemaSql = view.schema === "pg_catalog" ? pgSchemaOf(database) : infoSchemaOf(database);
    def = {
      oid: view.oid,
      database,
      schema: view.schema,
      name: view.name,
      kind: "system",
      columns,
      distStyle: "all",
      sortKind: "none",
      owner: "rdsdb",
      engineName: `${schemaSql}.${quoteIdent(view.name)}`,
      ...(view.relkind === "r" ? { catalogTable: true } : {}),
    };
    systemRelations.set(key, def);
  }
  return def;
}

export class SnapshotReader implements CatalogReader {
  /** pg_catalog first unless the search path places it. */
  private readonly effectivePath: readonly string[];

  constructor(
    readonly database: string,
    readonly searchPath: readonly string[],
    private readonly source: SnapshotSource,
  ) {
    this.effectivePath = searchPath.includes("pg_catalog") ? searchPath : ["pg_catalog", ...searchPath];
  }

  databases(): readonly string[] {
    return this.source.databaseNames();
  }

  schema(database: string, name: string): SchemaDef | undefined {
    if (isSystemSchema(name)) {
      const snap = this.source.snapshot(database);
      if (!snap) return undefined;
      const oid = SYSTEM_NAMESPACES.find(([, n]) => n === name)?.[0] ?? 0;
      return { oid, database, name, owner: "rdsdb" };
    }
    return this.source.snapshot(database)?.schemas.get(name);
  }

  relation(name: { database?: string; schema?: string; name: string }): RelationDef | undefined {
    const database = name.database ?? this.database;
    if (name.schema !== undefined) return this.inSchema(database, name.schema, name.name);
    for (const schema of this.effectivePath) {
      const found = this.inSchema(database, schema, name.name);
      if (found) return found;
    }
    return undefined;
  }

  systemFunction(name: string): SystemFunctionDef | undefined {
    const m = systemMacro(name);
    if (!m) return undefined;
    return {
      name,
      engineName: `${pgSchemaOf(this.database)}.${quoteIdent(name)}`,
      returns: m.returns,
      pgReturnOid: m.pgReturnOid,
    };
  }

  userFunctions(name: { database?: string; schema?: string; name: string }): readonly FunctionDef[] {
    const snap = this.source.snapshot(name.database ?? this.database);
    if (!snap || snap.functions.length === 0) return [];
    for (const schema of name.schema !== undefined ? [name.schema] : this.searchPath) {
      const found = snap.functions.filter((f) => f.schema === schema && f.name === name.name);
      if (found.length > 0) return found;
    }
    return [];
  }

  private inSchema(database: string, schema: string, name: string): RelationDef | undefined {
    const snap = this.source.snapshot(database);
    if (!snap) return undefined;
    if (isSystemSchema(schema)) {
      const view = systemView(schema, name);
      return view ? systemRelationDef(database, view) : undefined;
    }
    return snap.relations.get(relationKey(schema, name));
  }
}
