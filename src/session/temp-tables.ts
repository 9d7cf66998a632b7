// src/session/temp-tables.ts
//! A session's temporary tables: Redshift keeps them in a per-session schema that is searched
//! before the search path and dropped when the session ends. The tables themselves live in
//! DuckDB's per-connection "temp" catalog; their definitions live here, with the session, and
//! are laid over the shared catalog for this session's statements only.

import type { CatalogReader, RelationDef, SchemaDef, SystemFunctionDef } from "../catalog/reader.js";
import { TEMP_SCHEMA } from "../plan/index.js";
import type { NewTableDef } from "../plan/index.js";

/** Oids for temporary tables: a range of their own, never stored. */
let nextTempOid = 1_900_000_000;

function isTempSchema(schema: string | undefined): boolean {
  return schema === TEMP_SCHEMA || (schema !== undefined && /^pg_temp_\d+$/.test(schema));
}

export class TempTables {
  private tables = new Map<string, RelationDef>();
  /** The tables as they were when the open transaction block began (restored on rollback). */
  private atBegin: Map<string, RelationDef> | null = null;
  /** Bumped whenever the set of tables may change: plans naming a shadowed table are stale. */
  generation = 0;

  constructor(private readonly owner: string) {}

  get size(): number {
    return this.tables.size;
  }

  add(def: NewTableDef): void {
    this.generation++;
    this.tables.set(def.name, {
      oid: nextTempOid++,
      database: def.database,
      schema: TEMP_SCHEMA,
      name: def.name,
      kind: "table",
      columns: def.columns,
      distStyle: def.distStyle,
      sortKind: def.sortKind,
      owner: this.owner,
      temporary: true,
      engineName: def.engineName,
    });
  }

  remove(name: string): void {
    this.generation++;
    this.tables.delete(name);
  }

  begin(): void {
    this.atBegin = new Map(this.tables);
  }

  commit(): void {
    this.atBegin = null;
  }

  rollback(): void {
    this.generation++;
    if (this.atBegin) this.tables = this.atBegin;
    this.atBegin = null;
  }

  /** The shared catalog with this session's temporary tables in front of it. */
  over(base: CatalogReader): CatalogReader {
    if (this.tables.size === 0) return withTempSchema(base);
    const tables = this.tables;
    return {
      database: base.database,
      searchPath: base.searchPath,
      databases: () => base.databases(),
      schema: (database, name) => (isTempSchema(name) ? tempSchema(database, this.owner) : base.schema(database, name)),
      relation: (n) => {
        if (n.database === undefined || n.database === base.database) {
          if (n.schema === undefined || isTempSchema(n.schema)) {
            const t = tables.get(n.name);
            if (t) return t;
            if (n.schema !== undefined) return undefined;
          }
        }
        return base.relation(n);
      },
      systemFunction: (name): SystemFunctionDef | undefined => base.systemFunction(name),
      userFunctions: (n) => base.userFunctions(n),
    };
  }
}

function tempSchema(database: string, owner: string): SchemaDef {
  return { oid: 0, database, name: TEMP_SCHEMA, owner };
}

/** Even without temporary tables, pg_temp is a schema a CREATE TEMP TABLE can go to. */
function withTempSchema(base: CatalogReader): CatalogReader {
  return {
    database: base.database,
    searchPath: base.searchPath,
    databases: () => base.databases(),
    schema: (database, name) => (isTempSchema(name) ? tempSchema(database, "") : base.schema(database, name)),
    relation: (n) => (isTempSchema(n.schema) ? undefined : base.relation(n)),
    systemFunction: (name) => base.systemFunction(name),
    userFunctions: (n) => base.userFunctions(n),
  };
}
