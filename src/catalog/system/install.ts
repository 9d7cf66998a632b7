// src/catalog/system/install.ts
//! Turns the system view and macro rows into DuckDB objects inside the attached in-memory
//! database "ls_sys": shared data tables in "ls_sys"."lakeshift", and per Redshift database the
//! schemas "ls_sys"."<db>/pg_catalog" and "ls_sys"."<db>/information_schema".

import type { SqlRunner } from "../runner.js";
import { quoteIdent, sqlValue } from "../sql-text.js";
import { CLUSTER_DATABASE } from "../well-known.js";
import {
  dataSchema,
  expandTemplate,
  infoSchemaOf,
  pgSchemaOf,
  SYS_TYPES,
  SYSTEM_DB,
  type SystemMacroDef,
  type SystemViewDef,
  type TemplateContext,
} from "./defs.js";
import { BASE_VIEWS, CATALOG_MACROS, LATE_VIEWS, PURE_MACROS, systemDataTables } from "./registry.js";

/** The DuckDB statement creating one system view: the body wrapped so each column has its declared type. */
export function viewSql(v: SystemViewDef, ctx: TemplateContext): string {
  const schema = v.schema === "pg_catalog" ? pgSchemaOf(ctx.database) : infoSchemaOf(ctx.database);
  const cols = v.columns.map(([name, type, expr]) => {
    const src = expr !== undefined ? expandTemplate(expr, ctx) : v.body !== undefined ? quoteIdent(name) : "NULL";
    return `CAST(${src} AS ${SYS_TYPES[type].duck}) AS ${quoteIdent(name)}`;
  });
  const from = v.body !== undefined ? ` FROM (${expandTemplate(v.body, ctx)}) AS _b` : " WHERE false";
  return `CREATE OR REPLACE VIEW ${schema}.${quoteIdent(v.name)} AS SELECT ${cols.join(", ")}${from}`;
}

export function macroSql(m: SystemMacroDef, ctx: TemplateContext): string {
  const as = m.table ? "AS TABLE" : "AS";
  const overloads = m.overloads.map((o) => `(${o.params.join(", ")}) ${as} ${expandTemplate(o.body, ctx)}`);
  return `CREATE OR REPLACE MACRO ${pgSchemaOf(ctx.database)}.${quoteIdent(m.name)}${overloads.join(", ")}`;
}

/** The shared data tables: filled once per engine (ls_sys is in memory), so a later install for another database leaves them alone. */
async function installData(runner: SqlRunner): Promise<void> {
  await runner.run(`CREATE SCHEMA IF NOT EXISTS ${dataSchema()}`);
  for (const [name, t] of Object.entries(systemDataTables())) {
    const table = `${dataSchema()}.${quoteIdent(name)}`;
    await runner.run(`CREATE TABLE IF NOT EXISTS ${table} (${t.columns})`);
    const filled = await runner.all(`SELECT count(*) FROM ${table}`);
    if (t.rows.length > 0 && Number(filled.rows[0]?.[0] ?? 0) === 0) {
      await runner.run(
        `INSERT INTO ${table} VALUES ${t.rows.map((r) => `(${r.map(sqlValue).join(", ")})`).join(", ")}`,
      );
    }
  }
}

/** Runs `sql`, naming the object in the error when DuckDB refuses it (a broken row, not a user error). */
async function create(runner: SqlRunner, what: string, sql: string): Promise<void> {
  try {
    await runner.run(sql);
  } catch (e) {
    throw new Error(`installing system ${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Creates (or replaces) the system views and macros for each of `databases`, attaching the
 * in-memory "ls_sys" database first if needed. Run once per engine after the Redshift databases
 * are attached and bootstrapped (ensureCatalog), and again for a database attached later. Runs
 * in autocommit mode (DuckDB lets one transaction write to one attached database only).
 */
export async function installSystemViews(
  runner: SqlRunner,
  databases: readonly string[],
  options: { readonly clusterDatabase?: string; readonly hostPrivileges?: boolean } = {},
): Promise<void> {
  const attached = await runner.all(
    `SELECT count(*) FROM duckdb_databases() WHERE database_name = ${sqlValue(SYSTEM_DB)}`,
  );
  if (Number(attached.rows[0]?.[0] ?? 0) === 0) await runner.run(`ATTACH ':memory:' AS ${quoteIdent(SYSTEM_DB)}`);
  await installData(runner);
  for (const database of databases) {
    const ctx: TemplateContext = {
      database,
      clusterDatabase: options.clusterDatabase ?? CLUSTER_DATABASE,
      hostPrivileges: options.hostPrivileges === true,
    };
    await runner.run(`CREATE SCHEMA IF NOT EXISTS ${pgSchemaOf(database)}`);
    await runner.run(`CREATE SCHEMA IF NOT EXISTS ${infoSchemaOf(database)}`);
    for (const m of PURE_MACROS) await create(runner, `function ${m.name}`, macroSql(m, ctx));
    for (const v of BASE_VIEWS) await create(runner, `view ${v.name}`, viewSql(v, ctx));
    for (const m of CATALOG_MACROS) await create(runner, `function ${m.name}`, macroSql(m, ctx));
    for (const v of LATE_VIEWS) await create(runner, `view ${v.name}`, viewSql(v, ctx));
  }
}

/**
 * The statement a session runs on its DuckDB connection whenever its search path is set
 * (at connect, and after SET search_path): the macros read it with getvariable('ls_search_path').
 * `path` is resolved: '$user' expanded, in order; schemas that do not exist may stay.
 */
export function searchPathSql(path: readonly string[]): string {
  return `SET VARIABLE ls_search_path = ${path.length ? sqlValue(path) : "[]::VARCHAR[]"}`;
}

/**
 * The statement a session runs on its DuckDB connection at connect (and after SET SESSION
 * AUTHORIZATION): the log views show a regular user only their own statements, as Redshift does
 * (https://docs.aws.amazon.com/redshift/latest/dg/cm_chap_system-tables.html#c_visibility-of-data),
 * and pg_last_query_id() finds the session's statements by its process id. Without it every row
 * is visible (internal connections, tests).
 */
export function sessionUserSql(user: {
  readonly usesysid: number;
  readonly superuser: boolean;
  readonly pid?: number;
}): string {
  const pid = user.pid !== undefined ? `; SET VARIABLE ls_pid = ${Math.trunc(user.pid)}` : "";
  return `SET VARIABLE ls_usesysid = ${Math.trunc(user.usesysid)}; SET VARIABLE ls_superuser = ${user.superuser}${pid}`;
}
