// src/catalog/store/snapshot.ts
//! An in-memory copy of one database's catalog, loaded with a few queries and then read without
//! I/O: the binder resolves names against it in microseconds.

import type { SqlType, TypeId } from "../../sql/types.js";
import type { ColumnDef, DistStyle, FunctionDef, RelationDef, SchemaDef, SortKind } from "../reader.js";
import type { SqlRunner } from "../runner.js";
import { num, optNum, optStr, str } from "../sql-text.js";
import { CLUSTER_DATABASE } from "../well-known.js";
import { catalogSchemaOf } from "./bootstrap.js";
import { type ClusterAcl, type DatabaseAcl, loadClusterAcl, loadDatabaseAcl } from "./grants.js";
import { quoteIdent } from "../../common/sql-quote.js";

export interface UserRecord {
  readonly usesysid: number;
  readonly name: string;
  readonly superuser: boolean;
  readonly createdb: boolean;
  /** 'md5' + md5hex(password + name), when known. */
  readonly md5Hash?: string;
  /** Postgres SCRAM-SHA-256 verifier, when known. */
  readonly scramVerifier?: string;
  /** Redshift 'sha256' form: '<hex digest>|<salt>', digest = sha256hex(password + salt). */
  readonly sha256?: string;
  readonly validUntil?: Date;
  /** -1 = unlimited. */
  readonly connectionLimit: number;
}

export interface DatabaseRecord {
  readonly oid: number;
  readonly name: string;
  readonly owner: string;
  readonly connectionLimit: number;
}

export interface DatabaseSnapshot {
  readonly database: string;
  readonly schemas: ReadonlyMap<string, SchemaDef>;
  readonly schemasByOid: ReadonlyMap<number, SchemaDef>;
  /** Keyed by relationKey(schema, name). */
  readonly relations: ReadonlyMap<string, RelationDef>;
  readonly relationsByOid: ReadonlyMap<number, RelationDef>;
  /** User-defined functions, by oid order. */
  readonly functions: readonly FunctionDef[];
  /** Object grants and default privileges (grants.ts). */
  readonly privileges: DatabaseAcl;
}

export interface ClusterSnapshot {
  readonly users: ReadonlyMap<string, UserRecord>;
  readonly databases: ReadonlyMap<string, DatabaseRecord>;
  /** Groups and roles (grants.ts). */
  readonly access: ClusterAcl;
}

export function relationKey(schema: string, name: string): string {
  return `${schema}\u0000${name}`;
}

/** `"<db>"."<schema>"."<name>"`, always quoted: what the translator emits for a user relation. */
export function engineNameOf(database: string, schema: string, name: string): string {
  return `${quoteIdent(database)}.${quoteIdent(schema)}.${quoteIdent(name)}`;
}

function typeOf(row: unknown[], at: number): SqlType {
  const id = str(row[at]) as TypeId;
  const length = optNum(row[at + 1]);
  const precision = optNum(row[at + 2]);
  const scale = optNum(row[at + 3]);
  return {
    id,
    ...(length !== undefined ? { length } : {}),
    ...(precision !== undefined ? { precision } : {}),
    ...(scale !== undefined ? { scale } : {}),
  };
}

/** Reads one database's catalog through `runner` (so an open transaction sees its own changes). */
export async function loadDatabaseSnapshot(runner: SqlRunner, database: string): Promise<DatabaseSnapshot> {
  const cat = catalogSchemaOf(database);
  const schemaRows = (await runner.all(`SELECT oid, name, owner FROM ${cat}.schemas ORDER BY oid`)).rows;
  const relRows = (
    await runner.all(
      `SELECT oid, schema_oid, name, kind, diststyle, sortkind, view_sql, late_binding, owner, temporary ` +
        `FROM ${cat}.relations ORDER BY oid`,
    )
  ).rows;
  const colRows = (
    await runner.all(
      `SELECT rel_oid, ordinal, name, type_id, length, precision, scale, not_null, default_sql, ` +
        `identity_seed, identity_step, encoding, distkey, sortkey_ord FROM ${cat}.columns ORDER BY rel_oid, ordinal`,
    )
  ).rows;

  const schemas = new Map<string, SchemaDef>();
  const schemasByOid = new Map<number, SchemaDef>();
  for (const r of schemaRows) {
    const s: SchemaDef = { oid: num(r[0]), database, name: str(r[1]), owner: str(r[2]) };
    schemas.set(s.name, s);
    schemasByOid.set(s.oid, s);
  }
  const columnsOf = new Map<number, ColumnDef[]>();
  for (const r of colRows) {
    const rel = num(r[0]);
    const seed = optNum(r[9]);
    const def = optStr(r[8]);
    const col: ColumnDef = {
      name: str(r[2]),
      ordinal: num(r[1]),
      type: typeOf(r, 3),
      notNull: r[7] === true,
      ...(def !== undefined ? { defaultSql: def } : {}),
      ...(seed !== undefined ? { identity: { seed, step: num(r[10]) } } : {}),
      encoding: str(r[11]) || "none",
      distKey: r[12] === true,
      sortKeyOrdinal: num(r[13]),
    };
    let list = columnsOf.get(rel);
    if (!list) columnsOf.set(rel, (list = []));
    list.push(col);
  }
  const relations = new Map<string, RelationDef>();
  const relationsByOid = new Map<number, RelationDef>();
  for (const r of relRows) {
    const schema = schemasByOid.get(num(r[1]));
    if (!schema) continue;
    const oid = num(r[0]);
    const name = str(r[2]);
    const viewSql = optStr(r[6]);
    const rel: RelationDef = {
      oid,
      database,
      schema: schema.name,
      name,
      kind: str(r[3]) === "view" ? "view" : "table",
      columns: columnsOf.get(oid) ?? [],
      distStyle: (str(r[4]) || "auto") as DistStyle,
      sortKind: (str(r[5]) || "none") as SortKind,
      ...(viewSql !== undefined ? { viewSql } : {}),
      ...(r[7] === true ? { lateBinding: true } : {}),
      owner: str(r[8]),
      ...(r[9] === true ? { temporary: true } : {}),
      engineName: engineNameOf(database, schema.name, name),
    };
    relations.set(relationKey(schema.name, name), rel);
    relationsByOid.set(oid, rel);
  }
  const functions: FunctionDef[] = [];
  const fnRows = (
    await runner.all(
      `SELECT oid, schema_oid, name, arg_types, return_type, volatility, body, owner FROM ${cat}.functions ORDER BY oid`,
    )
  ).rows;
  for (const r of fnRows) {
    const schema = schemasByOid.get(num(r[1]));
    if (!schema) continue;
    functions.push({
      oid: num(r[0]),
      database,
      schema: schema.name,
      name: str(r[2]),
      argTypes: JSON.parse(str(r[3])) as string[],
      returns: str(r[4]),
      volatility: str(r[5]) as FunctionDef["volatility"],
      body: str(r[6]),
      owner: str(r[7]),
    });
  }
  const privileges = await loadDatabaseAcl(runner, database);
  return { database, schemas, schemasByOid, relations, relationsByOid, functions, privileges };
}

/** Reads the cluster-wide rows (users, databases) from the 'dev' database. */
export async function loadClusterSnapshot(runner: SqlRunner): Promise<ClusterSnapshot> {
  const cat = catalogSchemaOf(CLUSTER_DATABASE);
  const userRows = (
    await runner.all(
      `SELECT usesysid, name, superuser, createdb, md5, scram, sha256, epoch_ms(valid_until), connection_limit ` +
        `FROM ${cat}.users ORDER BY usesysid`,
    )
  ).rows;
  const dbRows = (await runner.all(`SELECT oid, name, owner, connection_limit FROM ${cat}.databases ORDER BY oid`))
    .rows;
  const users = new Map<string, UserRecord>();
  for (const r of userRows) {
    const md5Hash = optStr(r[4]);
    const scramVerifier = optStr(r[5]);
    const sha256 = optStr(r[6]);
    const until = optNum(r[7]);
    const u: UserRecord = {
      usesysid: num(r[0]),
      name: str(r[1]),
      superuser: r[2] === true,
      createdb: r[3] === true,
      ...(md5Hash !== undefined ? { md5Hash } : {}),
      ...(scramVerifier !== undefined ? { scramVerifier } : {}),
      ...(sha256 !== undefined ? { sha256 } : {}),
      ...(until !== undefined ? { validUntil: new Date(until) } : {}),
      connectionLimit: r[8] === null || r[8] === undefined ? -1 : num(r[8]),
    };
    users.set(u.name, u);
  }
  const databases = new Map<string, DatabaseRecord>();
  for (const r of dbRows) {
    const d: DatabaseRecord = { oid: num(r[0]), name: str(r[1]), owner: str(r[2]), connectionLimit: num(r[3]) };
    databases.set(d.name, d);
  }
  return { users, databases, access: await loadClusterAcl(runner) };
}
