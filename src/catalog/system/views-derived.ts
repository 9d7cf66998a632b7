// src/catalog/system/views-derived.ts
//! Views over the core pg_catalog views: Postgres's pg_tables/pg_views, the information_schema
//! views, and the helper the visibility macros read. Created after CATALOG_MACROS.

import type { SystemViewDef } from "./defs.js";

/** Relations visible on the search path: the first schema on the effective path that has the name wins. */
export const HELPER_VIEWS: readonly SystemViewDef[] = [
  {
    schema: "pg_catalog",
    name: "ls_visible_relations",
    relkind: "v",
    internal: true,
    columns: [["oid", "oid"]],
    body: `SELECT oid FROM (
        SELECT c.oid, list_position(sp.p, n.nspname) AS pos,
          min(list_position(sp.p, n.nspname)) OVER (PARTITION BY c.relname) AS best
        FROM {pg}.pg_class c JOIN {pg}.pg_namespace n ON n.oid = c.relnamespace,
          (SELECT {pg}.ls_effective_path() AS p) sp
        WHERE list_position(sp.p, n.nspname) IS NOT NULL) WHERE pos = best`,
  },
];

const CLASS_NS = "{pg}.pg_class c JOIN {pg}.pg_namespace n ON n.oid = c.relnamespace";

export const DERIVED_VIEWS: readonly SystemViewDef[] = [
  {
    schema: "pg_catalog",
    name: "pg_tables",
    relkind: "v",
    columns: [
      ["schemaname", "name"],
      ["tablename", "name"],
      ["tableowner", "name"],
      ["tablespace", "name", "NULL"],
      ["hasindexes", "bool"],
      ["hasrules", "bool"],
      ["hastriggers", "bool"],
      ["rowsecurity", "bool"],
    ],
    body: `SELECT n.nspname AS schemaname, c.relname AS tablename, {pg}.pg_get_userbyid(c.relowner) AS tableowner,
        c.relhasindex AS hasindexes, c.relhasrules AS hasrules, c.relhastriggers AS hastriggers,
        c.relrowsecurity AS rowsecurity
      FROM ${CLASS_NS} WHERE c.relkind = 'r'`,
  },
  {
    schema: "pg_catalog",
    name: "pg_views",
    relkind: "v",
    columns: [
      ["schemaname", "name"],
      ["viewname", "name"],
      ["viewowner", "name"],
      ["definition", "text"],
    ],
    body: `SELECT n.nspname AS schemaname, c.relname AS viewname, {pg}.pg_get_userbyid(c.relowner) AS viewowner,
        {pg}.pg_get_viewdef(c.oid) AS definition
      FROM ${CLASS_NS} WHERE c.relkind = 'v'`,
  },
  {
    // Redshift: columns of the tables in schemas on the search path only.
    // https://docs.aws.amazon.com/redshift/latest/dg/r_PG_TABLE_DEF.html
    schema: "pg_catalog",
    name: "pg_table_def",
    relkind: "v",
    columns: [
      ["schemaname", "name"],
      ["tablename", "name"],
      ["column", "name"],
      ["type", "text"],
      ["encoding", "text"],
      ["distkey", "bool"],
      ["sortkey", "int4"],
      ["notnull", "bool"],
    ],
    body: `SELECT n.nspname AS schemaname, c.relname AS tablename, a.attname AS "column",
        {pg}.format_type(a.atttypid, a.atttypmod) AS type, k.encoding, a.attisdistkey AS distkey,
        a.attsortkeyord AS sortkey, a.attnotnull AS notnull
      FROM ${CLASS_NS} JOIN {pg}.pg_attribute a ON a.attrelid = c.oid
        JOIN {cat}.columns k ON k.rel_oid = a.attrelid AND k.ordinal = a.attnum
      WHERE c.relkind = 'r' AND list_contains({pg}.ls_search_path(), n.nspname)`,
  },
  {
    schema: "information_schema",
    name: "schemata",
    relkind: "v",
    columns: [
      ["catalog_name", "name", "{dbname}"],
      ["schema_name", "name"],
      ["schema_owner", "name"],
      ["default_character_set_catalog", "name", "NULL"],
      ["default_character_set_schema", "name", "NULL"],
      ["default_character_set_name", "name", "NULL"],
      ["sql_path", "text", "NULL"],
    ],
    body: `SELECT n.nspname AS schema_name, {pg}.pg_get_userbyid(n.nspowner) AS schema_owner
      FROM {pg}.pg_namespace n`,
  },
  {
    schema: "information_schema",
    name: "tables",
    relkind: "v",
    columns: [
      ["table_catalog", "name", "{dbname}"],
      ["table_schema", "name"],
      ["table_name", "name"],
      ["table_type", "text"],
      ["self_referencing_column_name", "name", "NULL"],
      ["reference_generation", "text", "NULL"],
      ["user_defined_type_catalog", "name", "NULL"],
      ["user_defined_type_schema", "name", "NULL"],
      ["user_defined_type_name", "name", "NULL"],
      ["is_insertable_into", "text", "CASE WHEN table_type = 'VIEW' THEN 'NO' ELSE 'YES' END"],
      ["is_typed", "text", "'NO'"],
      ["commit_action", "text", "NULL"],
    ],
    body: `SELECT n.nspname AS table_schema, c.relname AS table_name,
        CASE WHEN c.relkind = 'v' THEN 'VIEW' WHEN c.relpersistence = 't' THEN 'LOCAL TEMPORARY'
          ELSE 'BASE TABLE' END AS table_type
      FROM ${CLASS_NS} WHERE c.relkind IN ('r', 'v')`,
  },
  {
    schema: "information_schema",
    name: "columns",
    relkind: "v",
    columns: [
      ["table_catalog", "name", "{dbname}"],
      ["table_schema", "name"],
      ["table_name", "name"],
      ["column_name", "name"],
      ["ordinal_position", "int4"],
      ["column_default", "text"],
      ["is_nullable", "text"],
      ["data_type", "text"],
      ["character_maximum_length", "int4"],
      ["character_octet_length", "int4", "character_maximum_length"],
      ["numeric_precision", "int4"],
      ["numeric_precision_radix", "int4"],
      ["numeric_scale", "int4"],
      ["datetime_precision", "int4"],
      ["interval_type", "text", "NULL"],
      ["interval_precision", "int4", "NULL"],
      ["character_set_catalog", "name", "NULL"],
      ["character_set_schema", "name", "NULL"],
      ["character_set_name", "name", "NULL"],
      ["collation_catalog", "name", "NULL"],
      ["collation_schema", "name", "NULL"],
      ["collation_name", "name", "NULL"],
      ["domain_catalog", "name", "NULL"],
      ["domain_schema", "name", "NULL"],
      ["domain_name", "name", "NULL"],
      ["udt_catalog", "name", "{dbname}"],
      ["udt_schema", "name", "'pg_catalog'"],
      ["udt_name", "name"],
      ["scope_catalog", "name", "NULL"],
      ["scope_schema", "name", "NULL"],
      ["scope_name", "name", "NULL"],
      ["maximum_cardinality", "int4", "NULL"],
      ["dtd_identifier", "name", "CAST(ordinal_position AS VARCHAR)"],
      ["is_self_referencing", "text", "'NO'"],
      ["is_identity", "text", "'NO'"],
      ["identity_generation", "text", "NULL"],
      ["identity_start", "text", "NULL"],
      ["identity_increment", "text", "NULL"],
      ["identity_maximum", "text", "NULL"],
      ["identity_minimum", "text", "NULL"],
      ["identity_cycle", "text", "'NO'"],
      ["is_generated", "text", "'NEVER'"],
      ["generation_expression", "text", "NULL"],
      ["is_updatable", "text", "CASE WHEN relkind = 'r' THEN 'YES' ELSE 'NO' END"],
    ],
    body: `SELECT n.nspname AS table_schema, c.relname AS table_name, c.relkind, a.attname AS column_name,
        a.attnum AS ordinal_position, d.adsrc AS column_default,
        CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END AS is_nullable,
        coalesce(t.sql_name, 'USER-DEFINED') AS data_type, t.typname AS udt_name,
        CASE WHEN a.atttypid IN (1042, 1043) AND a.atttypmod > 4 THEN a.atttypmod - 4 END AS character_maximum_length,
        CASE a.atttypid WHEN 21 THEN 16 WHEN 23 THEN 32 WHEN 20 THEN 64 WHEN 700 THEN 24 WHEN 701 THEN 53
          WHEN 1700 THEN CASE WHEN a.atttypmod > 4 THEN (a.atttypmod - 4) >> 16 END END AS numeric_precision,
        CASE WHEN a.atttypid IN (21, 23, 20, 700, 701) THEN 2 WHEN a.atttypid = 1700 THEN 10 END
          AS numeric_precision_radix,
        CASE WHEN a.atttypid IN (21, 23, 20) THEN 0
          WHEN a.atttypid = 1700 AND a.atttypmod > 4 THEN (a.atttypmod - 4) & 65535 END AS numeric_scale,
        CASE WHEN a.atttypid = 1082 THEN 0 WHEN a.atttypid IN (1083, 1114, 1184, 1266) THEN 6 END
          AS datetime_precision
      FROM {pg}.pg_attribute a JOIN ${CLASS_NS} ON c.oid = a.attrelid
        LEFT JOIN {data}.pg_type_rows t ON t.oid = a.atttypid
        LEFT JOIN {pg}.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attnum > 0 AND NOT a.attisdropped`,
  },
  {
    schema: "information_schema",
    name: "views",
    relkind: "v",
    columns: [
      ["table_catalog", "name", "{dbname}"],
      ["table_schema", "name"],
      ["table_name", "name"],
      ["view_definition", "text"],
      ["check_option", "text", "'NONE'"],
      ["is_updatable", "text", "'NO'"],
      ["is_insertable_into", "text", "'NO'"],
      ["is_trigger_updatable", "text", "'NO'"],
      ["is_trigger_deletable", "text", "'NO'"],
      ["is_trigger_insertable_into", "text", "'NO'"],
    ],
    body: `SELECT n.nspname AS table_schema, c.relname AS table_name, {pg}.pg_get_viewdef(c.oid) AS view_definition
      FROM ${CLASS_NS} WHERE c.relkind = 'v'`,
  },
];

/** Privileges on tables and views: the owner's (all of them, grantable) and the granted ones. */
export const PRIVILEGE_VIEWS: readonly SystemViewDef[] = [
  {
    schema: "information_schema",
    name: "table_privileges",
    relkind: "v",
    columns: [
      ["grantor", "name"],
      ["grantee", "name"],
      ["table_catalog", "name", "{dbname}"],
      ["table_schema", "name"],
      ["table_name", "name"],
      ["privilege_type", "text"],
      ["is_grantable", "text", "CASE WHEN grantable THEN 'YES' ELSE 'NO' END"],
      ["with_hierarchy", "text", "CASE WHEN privilege_type = 'SELECT' THEN 'YES' ELSE 'NO' END"],
    ],
    body: `SELECT r.owner AS grantor, r.owner AS grantee, s.name AS table_schema, r.name AS table_name,
        p.privilege_type, true AS grantable
      FROM {cat}.relations r JOIN {cat}.schemas s ON s.oid = r.schema_oid,
        (VALUES ('SELECT'), ('INSERT'), ('UPDATE'), ('DELETE'), ('REFERENCES'), ('TRIGGER'), ('TRUNCATE')) p(privilege_type)
      UNION ALL
      SELECT a.grantor, CASE WHEN a.grantee_kind = 'public' THEN 'PUBLIC' ELSE a.grantee END, s.name, r.name,
        upper(a.privilege), a.grantable
      FROM {cat}.acl a JOIN {cat}.relations r ON r.oid = a.objoid JOIN {cat}.schemas s ON s.oid = r.schema_oid
      WHERE a.objkind = 'table' AND a.column_name IS NULL`,
  },
];
