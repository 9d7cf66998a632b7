// src/catalog/system/views-redshift.ts
//! Redshift's own catalog views over the "_lakeshift" tables and the pg_catalog views: svv_tables,
//! svv_columns, svv_table_info, stv_slices, stv_tbl_perm, the (empty) svv_external_* views, and
//! the late-binding view columns behind pg_get_late_binding_view_cols(). Created after the
//! derived views (svv_columns reads information_schema.columns).
//! Lakeshift runs one node whose slices are DuckDB's worker threads (DESIGN.md).

import type { SystemViewDef } from "./defs.js";

function view(name: string, columns: SystemViewDef["columns"], body?: string): SystemViewDef {
  return { schema: "pg_catalog", name, relkind: "v", columns, ...(body !== undefined ? { body } : {}) };
}

/** One row per slice: slices are DuckDB's threads on the one node. */
const SLICES =
  "SELECT CAST(s.slice AS INTEGER) AS slice FROM range(CAST(current_setting('threads') AS BIGINT)) s(slice)";

/** User tables with their schema name, DuckDB row count and per-table column facts. */
const TABLES = `
  SELECT r.oid, r.name AS relname, s.name AS nspname, r.diststyle, r.sortkind, r.temporary, r.created,
    coalesce(t.estimated_size, 0) AS nrows, k.ncols, k.encoded, k.max_varchar, k.sortkey_num, k.sortkey1,
    k.sortkey1_enc, k.distkey, st.modified_rows, st.analyzed_rows
  FROM {cat}.relations r JOIN {cat}.schemas s ON s.oid = r.schema_oid
    LEFT JOIN {cat}.table_stats st ON st.rel_oid = r.oid
    LEFT JOIN duckdb_tables() t ON t.database_name = {dbname} AND t.schema_name = s.name AND t.table_name = r.name
    LEFT JOIN (SELECT rel_oid, count(*) AS ncols,
        bool_or(encoding NOT IN ('none', 'raw')) AS encoded,
        max(CASE WHEN pg_type_oid = 1043 THEN length END) AS max_varchar,
        count(*) FILTER (WHERE sortkey_ord <> 0) AS sortkey_num,
        min(name) FILTER (WHERE abs(sortkey_ord) = 1) AS sortkey1,
        min(encoding) FILTER (WHERE abs(sortkey_ord) = 1) AS sortkey1_enc,
        min(name) FILTER (WHERE distkey) AS distkey
      FROM {cat}.columns GROUP BY rel_oid) k ON k.rel_oid = r.oid
  WHERE r.kind = 'table'`;

const DISTSTYLE_CODE = "CASE diststyle WHEN 'even' THEN 0 WHEN 'key' THEN 1 WHEN 'all' THEN 8 ELSE 10 END";

export const REDSHIFT_VIEWS: readonly SystemViewDef[] = [
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLES.html
  view(
    "svv_tables",
    [
      ["table_catalog", "text", "{dbname}"],
      ["table_schema", "text"],
      ["table_name", "text"],
      ["table_type", "text"],
      ["remarks", "text"],
    ],
    `SELECT t.table_schema, t.table_name, t.table_type, {pg}.obj_description(c.oid, 'pg_class') AS remarks
      FROM {is}.tables t JOIN {pg}.pg_namespace n ON n.nspname = t.table_schema
        JOIN {pg}.pg_class c ON c.relnamespace = n.oid AND c.relname = t.table_name`,
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_COLUMNS.html
  view(
    "svv_columns",
    [
      ["table_catalog", "text", "{dbname}"],
      ["table_schema", "text"],
      ["table_name", "text"],
      ["column_name", "text"],
      ["ordinal_position", "int4"],
      ["column_default", "text"],
      ["is_nullable", "text"],
      ["data_type", "text"],
      ["character_maximum_length", "int4"],
      ["numeric_precision", "int4"],
      ["numeric_precision_radix", "int4"],
      ["numeric_scale", "int4"],
      ["datetime_precision", "int4"],
      ["interval_type", "text", "NULL"],
      ["interval_precision", "text", "NULL"],
      ["character_set_catalog", "text", "NULL"],
      ["character_set_schema", "text", "NULL"],
      ["character_set_name", "text", "NULL"],
      ["collation_catalog", "text", "NULL"],
      ["collation_schema", "text", "NULL"],
      ["collation_name", "text", "NULL"],
      ["domain_name", "text", "NULL"],
      ["remarks", "text"],
    ],
    `SELECT c.*, {pg}.col_description(k.oid, c.ordinal_position) AS remarks
      FROM {is}.columns c JOIN {pg}.pg_namespace n ON n.nspname = c.table_schema
        JOIN {pg}.pg_class k ON k.relnamespace = n.oid AND k.relname = c.table_name
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')`,
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLE_INFO.html: user tables with at
  // least one row. size counts 1 MB blocks: one per column (plus Redshift's 3 hidden columns) per
  // 122,880-row DuckDB row group. unsorted: the share of rows after the longest prefix (in storage
  // order) that is in sort-key order, computed by the session before the view is read (variable
  // ls_unsorted, oid -> percent; session/maintenance.ts); NULL without a sort key. stats_off: rows
  // changed since the last ANALYZE (table_stats, plus ls_modified: counts the session has not
  // written there yet) per 100 rows it saw, capped at 100; 100 if never analyzed. skew 1.
  view(
    "svv_table_info",
    [
      ["database", "text", "{dbname}"],
      ["schema", "text", "nspname"],
      ["table_id", "oid", "oid"],
      ["table", "text", "relname"],
      ["encoded", "text", "CASE WHEN encoded THEN 'Y' ELSE 'N' END"],
      [
        "diststyle",
        "text",
        "CASE diststyle WHEN 'even' THEN 'EVEN' WHEN 'all' THEN 'ALL' WHEN 'key' THEN 'KEY(' || distkey || ')' ELSE 'AUTO(ALL)' END",
      ],
      [
        "sortkey1",
        "text",
        "CASE WHEN sortkind = 'interleaved' THEN 'INTERLEAVED' WHEN sortkey1 IS NOT NULL THEN sortkey1 WHEN sortkind = 'auto' THEN 'AUTO(SORTKEY)' END",
      ],
      ["max_varchar", "int4"],
      ["sortkey1_enc", "text", "sortkey1_enc"],
      ["sortkey_num", "int4"],
      ["size", "int8", "(ncols + 3) * greatest(1, CAST(ceil(nrows / 122880.0) AS BIGINT))"],
      ["pct_used", "numeric(10,4)", "(ncols + 3) * greatest(1, ceil(nrows / 122880.0)) * 100.0 / 163840"],
      ["empty", "int8", "0"],
      [
        "unsorted",
        "numeric(5,2)",
        "CASE WHEN sortkey1 IS NULL THEN NULL ELSE coalesce(getvariable('ls_unsorted')[oid], 0) END",
      ],
      [
        "stats_off",
        "numeric(5,2)",
        "CASE WHEN analyzed_rows IS NULL THEN 100 ELSE least(100, round(100.0 * (modified_rows + coalesce(getvariable('ls_modified')[oid], 0)) / greatest(analyzed_rows, 1), 2)) END",
      ],
      ["tbl_rows", "numeric(38,0)", "nrows"],
      ["skew_sortkey1", "numeric(19,2)", "CASE WHEN sortkey1 IS NULL THEN NULL ELSE 1 END"],
      ["skew_rows", "numeric(19,2)", "CASE WHEN diststyle = 'all' THEN NULL ELSE 1 END"],
      ["estimated_visible_rows", "numeric(38,0)", "nrows"],
      ["risk_event", "text", "NULL"],
      ["create_time", "timestamp", "created"],
    ],
    `SELECT * FROM (${TABLES}) WHERE nrows > 0`,
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_STV_SLICES.html
  view(
    "stv_slices",
    [
      ["node", "int4", "0"],
      ["slice", "int4"],
      ["localslice", "int4", "slice"],
      ["type", "text", "'D'"],
    ],
    SLICES,
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_STV_TBL_PERM.html: a table's rows spread
  // evenly over the slices (DISTSTYLE ALL: all on the node's first slice).
  view(
    "stv_tbl_perm",
    [
      ["slice", "int4"],
      ["id", "int4", "oid"],
      ["name", "text", "relname"],
      ["rows", "int8"],
      ["sorted_rows", "int8", "CASE WHEN sortkey1 IS NULL THEN 0 ELSE rows END"],
      ["temp", "int4", "CASE WHEN temporary THEN 1 ELSE 0 END"],
      ["db_id", "int4", "(SELECT d.oid FROM {pg}.pg_database d WHERE d.datname = {dbname})"],
      ["insert_pristine", "int4", "0"],
      ["delete_pristine", "int4", "0"],
      ["backup", "int4", "1"],
      ["dist_style", "int4", DISTSTYLE_CODE],
      ["block_count", "int4", "CASE WHEN rows > 0 THEN ncols + 3 ELSE 0 END"],
    ],
    `SELECT t.*, s.slice, CASE WHEN t.diststyle = 'all' THEN CASE WHEN s.slice = 0 THEN t.nrows ELSE 0 END
        ELSE t.nrows // n.n + CASE WHEN s.slice < t.nrows % n.n THEN 1 ELSE 0 END END AS rows
      FROM (${TABLES}) t, (${SLICES}) s, (SELECT CAST(current_setting('threads') AS BIGINT) AS n) n`,
  ),
  // The SVV_ALL_* views (what SHOW SCHEMAS / TABLES / COLUMNS list): local objects of the current
  // database (external and shared ones to come).
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ALL_SCHEMAS.html
  view(
    "svv_all_schemas",
    [
      ["database_name", "text", "{dbname}"],
      ["schema_name", "text", "nspname"],
      ["schema_owner", "int4", "nspowner"],
      ["schema_type", "text", "'local'"],
      ["schema_acl", "text", "NULL"],
      ["source_database", "text", "NULL"],
      ["schema_option", "text", "NULL"],
    ],
    "SELECT * FROM {pg}.pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema')",
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ALL_TABLES.html
  view(
    "svv_all_tables",
    [
      ["database_name", "text", "{dbname}"],
      ["schema_name", "text", "table_schema"],
      ["table_name", "text"],
      ["table_type", "text", "CASE table_type WHEN 'BASE TABLE' THEN 'TABLE' ELSE table_type END"],
      ["table_acl", "text", "NULL"],
      ["remarks", "text"],
    ],
    "SELECT * FROM {pg}.svv_tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ALL_COLUMNS.html
  view(
    "svv_all_columns",
    [
      ["database_name", "text", "{dbname}"],
      ["schema_name", "text", "table_schema"],
      ["table_name", "text"],
      ["column_name", "text"],
      ["ordinal_position", "int4"],
      ["column_default", "text"],
      ["is_nullable", "text"],
      ["data_type", "text"],
      ["character_maximum_length", "int4"],
      ["numeric_precision", "int4"],
      ["numeric_scale", "int4"],
      ["remarks", "text"],
    ],
    "SELECT * FROM {pg}.svv_columns",
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_REDSHIFT_DATABASES.html (SHOW DATABASES)
  view(
    "svv_redshift_databases",
    [
      ["database_name", "text", "datname"],
      ["database_owner", "int4", "datdba"],
      ["database_type", "text", "'local'"],
      ["database_acl", "text", "NULL"],
      ["database_options", "text", "NULL"],
      ["database_isolation_level", "text", "'Serializable'"],
    ],
    "SELECT * FROM {pg}.pg_database",
  ),
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_EXTERNAL_SCHEMAS.html (no external schemas yet)
  view("svv_external_schemas", [
    ["esoid", "oid"],
    ["eskind", "int2"],
    ["schemaname", "name"],
    ["esowner", "int4"],
    ["databasename", "text"],
    ["esoptions", "text"],
  ]),
  view("svv_external_tables", [
    ["redshift_database_name", "text"],
    ["schemaname", "text"],
    ["tablename", "text"],
    ["tabletype", "text"],
    ["location", "text"],
    ["input_format", "text"],
    ["output_format", "text"],
    ["serialization_lib", "text"],
    ["serde_parameters", "text"],
    ["compressed", "int4"],
    ["parameters", "text"],
  ]),
  view("svv_external_columns", [
    ["redshift_database_name", "text"],
    ["schemaname", "text"],
    ["tablename", "text"],
    ["columnname", "text"],
    ["external_type", "text"],
    ["columnnum", "int4"],
    ["part_key", "int4"],
    ["is_nullable", "text"],
  ]),
];

/** The rows of pg_get_late_binding_view_cols(): installed with the base views (the macro reads it). */
export const LATE_BINDING_HELPERS: readonly SystemViewDef[] = [
  // The rows of pg_get_late_binding_view_cols(): columns of views created WITH NO SCHEMA BINDING.
  // https://docs.aws.amazon.com/redshift/latest/dg/PG_GET_LATE_BINDING_VIEW_COLS.html
  {
    ...view(
      "ls_late_binding_view_cols",
      [
        ["view_schema", "name"],
        ["view_name", "name"],
        ["col_name", "name"],
        ["col_type", "text"],
        ["col_num", "int4"],
      ],
      `SELECT s.name AS view_schema, r.name AS view_name, c.name AS col_name,
          {pg}.format_type(c.pg_type_oid, c.pg_typmod) AS col_type, c.ordinal AS col_num
        FROM {cat}.relations r JOIN {cat}.schemas s ON s.oid = r.schema_oid JOIN {cat}.columns c ON c.rel_oid = r.oid
        WHERE r.kind = 'view' AND r.late_binding`,
    ),
    internal: true,
  },
];
