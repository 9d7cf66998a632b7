// src/catalog/store/bootstrap.ts
//! The catalog tables, as data, and their idempotent bootstrap. Each Redshift database is one
//! DuckDB file attached under its name; its catalog lives in the schema "_lakeshift" of that file,
//! so a DDL statement and its catalog rows commit in one DuckDB transaction. Cluster-wide rows
//! (users, databases) live in the 'dev' database.

import type { SqlRunner } from "../runner.js";
import { quoteIdent, quoteLiteral } from "../sql-text.js";
import { CATALOG_SCHEMA, CLUSTER_DATABASE, FIRST_USER_OID, WellKnownOid } from "../well-known.js";
import { ACL_CLUSTER_TABLES, ACL_DATABASE_TABLES } from "./grant-tables.js";

/** Bumped when the catalog tables change shape; stored in meta('format'). */
export const CATALOG_FORMAT = "1";

/** "<db>"."_lakeshift" */
export function catalogSchemaOf(database: string): string {
  return `${quoteIdent(database)}.${quoteIdent(CATALOG_SCHEMA)}`;
}

/** Per-database catalog tables: name -> column list. */
export const DATABASE_TABLES: Readonly<Record<string, string>> = {
  meta: "key VARCHAR, value VARCHAR",
  schemas: "oid INTEGER, name VARCHAR, owner VARCHAR, created TIMESTAMP",
  relations:
    "oid INTEGER, schema_oid INTEGER, name VARCHAR, kind VARCHAR, diststyle VARCHAR, sortkind VARCHAR, " +
    "view_sql VARCHAR, late_binding BOOLEAN, owner VARCHAR, temporary BOOLEAN, created TIMESTAMP",
  columns:
    "rel_oid INTEGER, ordinal INTEGER, name VARCHAR, type_id VARCHAR, length INTEGER, precision INTEGER, " +
    "scale INTEGER, pg_type_oid INTEGER, pg_typmod INTEGER, pg_typlen INTEGER, not_null BOOLEAN, " +
    "default_sql VARCHAR, identity_seed BIGINT, identity_step BIGINT, encoding VARCHAR, distkey BOOLEAN, " +
    "sortkey_ord INTEGER",
  constraints:
    "oid INTEGER, rel_oid INTEGER, name VARCHAR, kind VARCHAR, columns SMALLINT[], ref_rel_oid INTEGER, " +
    "ref_columns SMALLINT[], definition VARCHAR",
  // Scalar SQL UDFs: arg_types a JSON array of type names; body the SELECT's expression.
  functions:
    "oid INTEGER, schema_oid INTEGER, name VARCHAR, arg_types VARCHAR, return_type VARCHAR, volatility VARCHAR, " +
    "body VARCHAR, owner VARCHAR, created TIMESTAMP",
  comments: "objoid INTEGER, classoid INTEGER, objsubid INTEGER, description VARCHAR",
  // svv_table_info's stats_off and unsorted (store/table-stats.ts).
  table_stats: "rel_oid INTEGER, modified_rows BIGINT, analyzed_rows BIGINT, analyzed TIMESTAMP, generation BIGINT",
  ...ACL_DATABASE_TABLES,
};

/** Cluster-wide tables, only in the 'dev' database. */
export const CLUSTER_TABLES: Readonly<Record<string, string>> = {
  users:
    "usesysid INTEGER, name VARCHAR, superuser BOOLEAN, createdb BOOLEAN, md5 VARCHAR, scram VARCHAR, " +
    "sha256 VARCHAR, valid_until TIMESTAMPTZ, connection_limit INTEGER, created TIMESTAMP",
  databases: "oid INTEGER, name VARCHAR, owner VARCHAR, connection_limit INTEGER, created TIMESTAMP",
  ...ACL_CLUSTER_TABLES,
};

/**
 * Creates the catalog of `database` if missing (idempotent): the "_lakeshift" schema and tables,
 * the oid counter, the DuckDB schema "public" and its catalog row. For 'dev' also the cluster
 * tables and the internal superuser rdsdb; any other database is registered in dev's
 * `databases` table (so 'dev' must be attached and bootstrapped first). Run it outside an
 * explicit transaction: DuckDB lets one transaction write to one attached database only.
 */
export async function ensureCatalog(runner: SqlRunner, database: string, owner = "rdsdb"): Promise<void> {
  const db = quoteIdent(database);
  const cat = catalogSchemaOf(database);
  const stmts: string[] = [
    `CREATE SCHEMA IF NOT EXISTS ${cat}`,
    `CREATE SEQUENCE IF NOT EXISTS ${cat}.oid_seq START ${FIRST_USER_OID}`,
  ];
  const tables = database === CLUSTER_DATABASE ? { ...DATABASE_TABLES, ...CLUSTER_TABLES } : DATABASE_TABLES;
  for (const [name, cols] of Object.entries(tables)) {
    stmts.push(`CREATE TABLE IF NOT EXISTS ${cat}.${quoteIdent(name)} (${cols})`);
  }
  for (const s of stmts) await runner.run(s);
  // First bootstrap only: a dropped 'public' stays dropped across restarts, as in Postgres.
  const done = await runner.all(`SELECT count(*) FROM ${cat}.meta WHERE key = 'format'`);
  if (Number(done.rows[0]?.[0] ?? 0) === 0) {
    const first: string[] = [
      `CREATE SCHEMA IF NOT EXISTS ${db}."public"`,
      `INSERT INTO ${cat}.schemas SELECT ${WellKnownOid.public}, 'public', 'rdsdb', now()::TIMESTAMP ` +
        `WHERE NOT EXISTS (SELECT 1 FROM ${cat}.schemas WHERE name = 'public')`,
    ];
    if (database === CLUSTER_DATABASE) {
      first.push(
        `INSERT INTO ${cat}.users (usesysid, name, superuser, createdb, connection_limit, created) ` +
          `SELECT ${WellKnownOid.rdsdb}, 'rdsdb', true, true, -1, now()::TIMESTAMP ` +
          `WHERE NOT EXISTS (SELECT 1 FROM ${cat}.users WHERE usesysid = ${WellKnownOid.rdsdb})`,
        `INSERT INTO ${cat}.databases SELECT ${WellKnownOid.devDatabase}, 'dev', ${quoteLiteral(owner)}, -1, ` +
          `now()::TIMESTAMP WHERE NOT EXISTS (SELECT 1 FROM ${cat}.databases WHERE name = 'dev')`,
      );
    }
    first.push(`INSERT INTO ${cat}.meta VALUES ('format', ${quoteLiteral(CATALOG_FORMAT)})`);
    for (const s of first) await runner.run(s);
  }
  await grantPublicTemp(runner, database, owner);
  if (database !== CLUSTER_DATABASE) {
    const dev = catalogSchemaOf(CLUSTER_DATABASE);
    await runner.run(
      `INSERT INTO ${dev}.databases SELECT nextval('${CLUSTER_DATABASE}.${CATALOG_SCHEMA}.oid_seq')::INTEGER, ` +
        `${quoteLiteral(database)}, ${quoteLiteral(owner)}, -1, now()::TIMESTAMP ` +
        `WHERE NOT EXISTS (SELECT 1 FROM ${dev}.databases WHERE name = ${quoteLiteral(database)})`,
    );
  }
}

/**
 * PUBLIC holds TEMP on every database by default, as in Redshift and Postgres; it is an ordinary
 * grant (in dev's acl, with the other database grants), so REVOKE TEMP ON DATABASE ... FROM PUBLIC
 * removes it. Done once per database (meta 'public-temp'), also for catalogs made before it.
 */
async function grantPublicTemp(runner: SqlRunner, database: string, owner: string): Promise<void> {
  const cat = catalogSchemaOf(database);
  const done = await runner.all(`SELECT count(*) FROM ${cat}.meta WHERE key = 'public-temp'`);
  if (Number(done.rows[0]?.[0] ?? 0) > 0) return;
  const dev = catalogSchemaOf(CLUSTER_DATABASE);
  await runner.run(
    `INSERT INTO ${dev}.acl VALUES ('database', 0, ${quoteLiteral(database)}, 'public', '', 'temp', NULL, false, ` +
      `${quoteLiteral(owner)})`,
  );
  await runner.run(`INSERT INTO ${cat}.meta VALUES ('public-temp', 'done')`);
}
