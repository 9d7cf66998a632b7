// src/catalog/system/defs.ts
//! System views and functions as data: each view is a (schema, name, columns, SQL) row and each
//! function a (name, overloads, SQL) row. install.ts turns the rows into DuckDB views and macros
//! inside the attached in-memory database "ls_sys"; the reader turns them into RelationDefs.
//!
//! DuckDB reserves the schema names pg_catalog and information_schema in every attached database,
//! so our versions live in "ls_sys"."<db>/pg_catalog" and "ls_sys"."<db>/information_schema"
//! (one pair per Redshift database: pg_class shows the current database only, as in Postgres).

import { quoteLiteral } from "../../common/sql-quote.js";
import { PgOid, type SqlType, T } from "../../sql/types.js";
import { quoteIdent } from "../sql-text.js";

/** The attached in-memory DuckDB database that holds the system views and macros. */
export const SYSTEM_DB = "ls_sys";
/** Shared data tables (pg_type rows, system relation and column rows) inside SYSTEM_DB. */
export const SYSTEM_DATA_SCHEMA = "lakeshift";

export type SystemSchema = "pg_catalog" | "information_schema";

/** Column types of system views: how DuckDB stores them, what clients are told, what pg_attribute says. */
export type SysType =
  | "oid"
  | "name"
  | "text"
  | "char"
  | "bool"
  | "int2"
  | "int4"
  | "int8"
  | "float4"
  | "float8"
  | "timestamp"
  | "timestamptz"
  | "numeric(5,2)"
  | "numeric(10,4)"
  | "numeric(19,2)"
  | "numeric(38,0)"
  | "oid[]"
  | "int2[]"
  | "int2vector"
  | "oidvector"
  | "text[]"
  | "char[]";

interface SysTypeInfo {
  readonly duck: string;
  /** What the binder and RowDescription see. oid is reported as integer and arrays as text for now. */
  readonly sql: SqlType;
  /** What pg_attribute.atttypid says. */
  readonly pgOid: number;
}

function numeric(precision: number, scale: number): SysTypeInfo {
  return {
    duck: `DECIMAL(${precision},${scale})`,
    sql: { id: "decimal", precision, scale },
    pgOid: PgOid.numeric,
  };
}

export const SYS_TYPES: Readonly<Record<SysType, SysTypeInfo>> = {
  oid: { duck: "INTEGER", sql: T.integer, pgOid: PgOid.oid },
  name: { duck: "VARCHAR", sql: T.text, pgOid: PgOid.name },
  text: { duck: "VARCHAR", sql: T.text, pgOid: PgOid.text },
  char: { duck: "VARCHAR", sql: { id: "char", length: 1 }, pgOid: PgOid.char },
  bool: { duck: "BOOLEAN", sql: T.boolean, pgOid: PgOid.bool },
  int2: { duck: "SMALLINT", sql: T.smallint, pgOid: PgOid.int2 },
  int4: { duck: "INTEGER", sql: T.integer, pgOid: PgOid.int4 },
  int8: { duck: "BIGINT", sql: T.bigint, pgOid: PgOid.int8 },
  float4: { duck: "FLOAT", sql: T.real, pgOid: PgOid.float4 },
  float8: { duck: "DOUBLE", sql: T.double, pgOid: PgOid.float8 },
  timestamp: { duck: "TIMESTAMP", sql: T.timestamp, pgOid: PgOid.timestamp },
  timestamptz: { duck: "TIMESTAMP WITH TIME ZONE", sql: T.timestamptz, pgOid: PgOid.timestamptz },
  "numeric(5,2)": numeric(5, 2),
  "numeric(10,4)": numeric(10, 4),
  "numeric(19,2)": numeric(19, 2),
  "numeric(38,0)": numeric(38, 0),
  "oid[]": { duck: "INTEGER[]", sql: T.text, pgOid: PgOid.oidArray },
  "int2[]": { duck: "SMALLINT[]", sql: T.text, pgOid: PgOid.int2Array },
  // Postgres's vectors: lists here (subscripted from 0 by the binder), printed space-separated.
  int2vector: { duck: "SMALLINT[]", sql: T.text, pgOid: PgOid.int2vector },
  oidvector: { duck: "INTEGER[]", sql: T.text, pgOid: PgOid.oidvector },
  "text[]": { duck: "VARCHAR[]", sql: T.text, pgOid: PgOid.textArray },
  "char[]": { duck: "VARCHAR[]", sql: T.text, pgOid: PgOid.charArray },
};

/**
 * A view column: name, type and optionally the SQL expression computing it from the body's
 * columns (for constants and derived columns, so bodies stay short).
 */
export type SysColumn = readonly [name: string, type: SysType, expr?: string];

export interface SystemViewDef {
  readonly schema: SystemSchema;
  readonly name: string;
  /** pg_class.oid: the well-known Postgres oid where clients rely on it (pg_class = 1259); else assigned by the registry. */
  readonly oid?: number;
  /** 'r' for the Postgres catalogs proper, 'v' for Postgres's views (pg_tables, pg_user...). */
  readonly relkind: "r" | "v";
  readonly columns: readonly SysColumn[];
  /**
   * The SQL body (a template, see expandTemplate) producing at least these columns by name;
   * install.ts wraps it as SELECT CAST(col AS type) ... so the types are exactly as declared.
   * Undefined: an empty view.
   */
  readonly body?: string;
  /** A helper the macros read: not listed in pg_class and not resolvable by name. */
  readonly internal?: boolean;
}

export interface SystemMacroDef {
  readonly name: string;
  /** One entry per overload: parameter names and the SQL body template. */
  readonly overloads: readonly { readonly params: readonly string[]; readonly body: string }[];
  readonly returns: SqlType;
  /** pg_proc.prorettype. */
  readonly pgReturnOid: number;
  /** A set-returning function (a DuckDB table macro), called in FROM with a column definition list. */
  readonly table?: boolean;
  /** An ls_ macro that statements may call (SHOW TABLE reads as ls_show_table()); not listed in pg_proc. */
  readonly callable?: boolean;
}

export interface TemplateContext {
  readonly database: string;
  /** The database holding cluster-wide rows (users, databases). */
  readonly clusterDatabase: string;
  /** The host registered ls_has_privilege (a cluster does; a bare DuckDB in tests does not). */
  readonly hostPrivileges?: boolean;
}

export function pgSchemaOf(database: string): string {
  return `${quoteIdent(SYSTEM_DB)}.${quoteIdent(`${database}/pg_catalog`)}`;
}

export function infoSchemaOf(database: string): string {
  return `${quoteIdent(SYSTEM_DB)}.${quoteIdent(`${database}/information_schema`)}`;
}

export function dataSchema(): string {
  return `${quoteIdent(SYSTEM_DB)}.${quoteIdent(SYSTEM_DATA_SCHEMA)}`;
}

/**
 * Template placeholders: {cat} the database's "_lakeshift" schema, {cluster} dev's "_lakeshift"
 * schema, {pg} and {is} our pg_catalog / information_schema of this database, {data} the shared
 * data schema, {dbname} the database name as a string literal, {has_privilege} the host's
 * privilege check (ls_has_privilege) or, without a host, a macro that refuses with 0A000.
 */
export function expandTemplate(sql: string, ctx: TemplateContext): string {
  const q = (s: string) => quoteIdent(s);
  return sql
    .replaceAll("{cat}", `${q(ctx.database)}.${q("_lakeshift")}`)
    .replaceAll("{cluster}", `${q(ctx.clusterDatabase)}.${q("_lakeshift")}`)
    .replaceAll("{pg}", pgSchemaOf(ctx.database))
    .replaceAll("{is}", infoSchemaOf(ctx.database))
    .replaceAll("{data}", dataSchema())
    .replaceAll(
      "{has_privilege}",
      ctx.hostPrivileges ? "ls_has_privilege" : `${pgSchemaOf(ctx.database)}.ls_no_privilege_host`,
    )
    .replaceAll("{dbname}", quoteLiteral(ctx.database));
}
