// src/catalog/memory.ts
//! An in-memory CatalogReader: a second real implementation of the reader interface, used by
//! binder unit tests and anywhere a catalog without storage is enough. Tables are added with
//! `addTable`, which assigns oids and ordinals and builds the engine name as "db"."schema"."name".

import type { SqlType } from "../sql/types.js";
import { quoteIdent } from "../common/sql-quote.js";
import type {
  CatalogReader,
  FunctionDef,
  ColumnDef,
  DistStyle,
  RelationDef,
  RelationKind,
  SchemaDef,
  SortKind,
  SystemFunctionDef,
} from "./reader.js";

export interface MemoryColumnSpec {
  readonly name: string;
  readonly type: SqlType;
  readonly notNull?: boolean;
  readonly defaultSql?: string;
  readonly identity?: { readonly seed: number; readonly step: number };
  readonly encoding?: string;
  readonly distKey?: boolean;
  readonly sortKeyOrdinal?: number;
}

export interface MemoryRelationSpec {
  readonly schema?: string;
  readonly name: string;
  readonly kind?: RelationKind;
  readonly columns: readonly MemoryColumnSpec[];
  readonly distStyle?: DistStyle;
  readonly sortKind?: SortKind;
  readonly viewSql?: string;
  readonly lateBinding?: boolean;
  readonly owner?: string;
  /** Defaults to "db"."schema"."name". */
  readonly engineName?: string;
}

const quote = quoteIdent;

export class MemoryCatalog implements CatalogReader {
  readonly database: string;
  readonly searchPath: readonly string[];
  private nextOid = 100000;
  private readonly schemas = new Map<string, SchemaDef>();
  private readonly relations = new Map<string, RelationDef>();
  private readonly functions = new Map<string, SystemFunctionDef>();
  private readonly otherDatabases = new Set<string>();

  constructor(options: { database?: string; searchPath?: readonly string[] } = {}) {
    this.database = options.database ?? "dev";
    this.searchPath = options.searchPath ?? ["public"];
    this.addSchema("public");
    this.addSchema("pg_catalog");
    this.addSchema("information_schema");
  }

  addSchema(name: string, database = this.database): SchemaDef {
    const def: SchemaDef = { oid: this.nextOid++, database, name, owner: "rdsdb" };
    this.schemas.set(`${database}.${name}`, def);
    if (database !== this.database) this.otherDatabases.add(database);
    return def;
  }

  addTable(spec: MemoryRelationSpec, database = this.database): RelationDef {
    const schema = spec.schema ?? "public";
    if (!this.schemas.has(`${database}.${schema}`)) this.addSchema(schema, database);
    const columns: ColumnDef[] = spec.columns.map((c, i) => ({
      name: c.name,
      ordinal: i + 1,
      type: c.type,
      notNull: c.notNull ?? false,
      defaultSql: c.defaultSql,
      identity: c.identity,
      encoding: c.encoding ?? "none",
      distKey: c.distKey ?? false,
      sortKeyOrdinal: c.sortKeyOrdinal ?? 0,
    }));
    const def: RelationDef = {
      oid: this.nextOid++,
      database,
      schema,
      name: spec.name,
      kind: spec.kind ?? "table",
      columns,
      distStyle: spec.distStyle ?? "auto",
      sortKind: spec.sortKind ?? "none",
      viewSql: spec.viewSql,
      lateBinding: spec.lateBinding,
      owner: spec.owner ?? "admin",
      engineName: spec.engineName ?? `${quote(database)}.${quote(schema)}.${quote(spec.name)}`,
    };
    this.relations.set(`${database}.${schema}.${spec.name}`, def);
    return def;
  }

  addSystemFunction(def: SystemFunctionDef): void {
    this.functions.set(def.name, def);
  }

  databases(): readonly string[] {
    return [this.database, ...this.otherDatabases];
  }

  schema(database: string, name: string): SchemaDef | undefined {
    return this.schemas.get(`${database}.${name}`);
  }

  relation(name: { database?: string; schema?: string; name: string }): RelationDef | undefined {
    const db = name.database ?? this.database;
    if (name.schema !== undefined) return this.relations.get(`${db}.${name.schema}.${name.name}`);
    for (const s of [...this.searchPath, "pg_catalog"]) {
      const r = this.relations.get(`${db}.${s}.${name.name}`);
      if (r) return r;
    }
    return undefined;
  }

  systemFunction(name: string): SystemFunctionDef | undefined {
    return this.functions.get(name);
  }

  userFunctions(): readonly FunctionDef[] {
    return [];
  }
}
