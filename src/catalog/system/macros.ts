// src/catalog/system/macros.ts
//! Catalog functions as DuckDB macros, as data. Macros cannot see session state, so the search
//! path comes from the connection's DuckDB variable ls_search_path (a VARCHAR[] the session
//! sets). A macro that must fail raises error('[<SQLSTATE>] <message>'); see raisedError().
//! DuckDB binds a macro when it is created, so PURE_MACROS come before the views and
//! CATALOG_MACROS after the views they read. Table aliases inside macro bodies start with _m: a
//! macro argument such as p.oid is substituted into the body, where an inner alias p would
//! capture it.

import { PgOid, T } from "../../sql/types.js";
import type { SystemMacroDef } from "./defs.js";

function macro(
  name: string,
  returns: SystemMacroDef["returns"],
  pgReturnOid: number,
  ...overloads: [string[], string][]
): SystemMacroDef {
  return { name, returns, pgReturnOid, overloads: overloads.map(([params, body]) => ({ params, body })) };
}

/** A call of the host's privilege check (security/has-privilege.ts) for this session and database. */
const PRIVILEGE_CALL = (kind: string, user: string, object: string, column: string, privilege: string) =>
  `{has_privilege}('${kind}', getvariable('ls_pid'), CAST(${user} AS VARCHAR), CAST(${object} AS VARCHAR), ` +
  `CAST(${column} AS VARCHAR), CAST(${privilege} AS VARCHAR), {dbname})`;

/** has_<kind>_privilege([user,] object, privilege). */
const PRIVILEGE_FN = (name: string, kind: string) =>
  macro(
    name,
    T.boolean,
    PgOid.bool,
    [["o", "p"], PRIVILEGE_CALL(kind, "NULL", "o", "NULL", "p")],
    [["u", "o", "p"], PRIVILEGE_CALL(kind, "u", "o", "NULL", "p")],
  );

/** Unquotes one identifier part: "A""b" -> A"b, Abc -> abc. */
const UNQUOTE = (x: string) =>
  `CASE WHEN ${x} IS NULL OR ${x} = '' THEN NULL WHEN starts_with(${x}, '"') ` +
  `THEN replace(${x}[2:-2], '""', '"') ELSE lower(${x}) END`;

/** schema.name, either part quoted or not. */
const QUALIFIED_NAME_RE = String.raw`'^\s*("(?:[^"]|"")+"|[^".]+)(?:\.("(?:[^"]|"")+"|[^".]+))?\s*$'`;

/** pg_get_indexdef(o): the CREATE INDEX statement of a key index. */
const INDEX_DEF = `(SELECT 'CREATE UNIQUE INDEX ' || {pg}.quote_ident(_mk.name) || ' ON ' || {pg}.quote_ident(_ms.name) || '.' ||
      {pg}.quote_ident(_mr.name) || ' USING btree (' ||
      string_agg({pg}.quote_ident(_mc.name), ', ' ORDER BY list_position(_mk.columns, _mc.ordinal)) || ')'
    FROM {cat}.constraints _mk JOIN {cat}.relations _mr ON _mr.oid = _mk.rel_oid
      JOIN {cat}.schemas _ms ON _ms.oid = _mr.schema_oid
      JOIN {cat}.columns _mc ON _mc.rel_oid = _mk.rel_oid AND list_contains(_mk.columns, _mc.ordinal)
    WHERE _mk.oid = o AND _mk.kind IN ('p', 'u') GROUP BY _mk.name, _ms.name, _mr.name)`;

export const PURE_MACROS: readonly SystemMacroDef[] = [
  macro("ls_search_path", T.text, PgOid.textArray, [
    [],
    "coalesce(getvariable('ls_search_path'), ['public']::VARCHAR[])",
  ]),
  macro("ls_effective_path", T.text, PgOid.textArray, [
    [],
    "CASE WHEN list_contains({pg}.ls_search_path(), 'pg_catalog') THEN {pg}.ls_search_path() " +
      "ELSE list_prepend('pg_catalog', {pg}.ls_search_path()) END",
  ]),
  macro("ls_unquote", T.text, PgOid.text, [["x"], UNQUOTE("x")]),
  macro("quote_ident", T.text, PgOid.text, [
    ["s"],
    `CASE WHEN regexp_full_match(s, '[a-z_][a-z0-9_$]*') THEN s ELSE '"' || replace(s, '"', '""') || '"' END`,
  ]),
  macro("format_type", T.text, PgOid.text, [
    ["t", "m"],
    `CASE WHEN t IS NULL THEN NULL
      WHEN t = 1043 THEN 'character varying' || CASE WHEN m > 4 THEN '(' || CAST(m - 4 AS VARCHAR) || ')' ELSE '' END
      WHEN t = 1042 THEN CASE WHEN m > 4 THEN 'character(' || CAST(m - 4 AS VARCHAR) || ')' ELSE 'character' END
      WHEN t = 1700 THEN 'numeric' || CASE WHEN m > 4 THEN '(' || CAST((m - 4) >> 16 AS VARCHAR) || ',' ||
        CAST((m - 4) & 65535 AS VARCHAR) || ')' ELSE '' END
      WHEN t = 6551 THEN 'varbyte' || CASE WHEN m > 4 THEN '(' || CAST(m - 4 AS VARCHAR) || ')' ELSE '' END
      ELSE coalesce((SELECT _mp.format_name FROM {data}.pg_type_rows _mp WHERE _mp.oid = t), '???') END`,
  ]),
  // Redshift: the name of a pg_attribute.attencodingtype code (sqlalchemy-redshift reads it).
  macro("format_encoding", T.text, PgOid.text, [
    ["e"],
    `CASE e WHEN 0 THEN 'none' WHEN 1 THEN 'bytedict' WHEN 2 THEN 'delta' WHEN 3 THEN 'delta32k' WHEN 4 THEN 'lzo'
      WHEN 5 THEN 'mostly8' WHEN 6 THEN 'mostly16' WHEN 7 THEN 'mostly32' WHEN 8 THEN 'runlength'
      WHEN 9 THEN 'text255' WHEN 10 THEN 'text32k' WHEN 11 THEN 'zstd' WHEN 12 THEN 'az64' END`,
  ]),
  macro("pg_encoding_to_char", T.text, PgOid.name, [
    ["e"],
    "CASE e WHEN 6 THEN 'UTF8' WHEN 0 THEN 'SQL_ASCII' ELSE '' END",
  ]),
  macro("pg_get_expr", T.text, PgOid.text, [["e", "r"], "e"], [["e", "r", "p"], "e"]),
  macro("ls_no_privilege_host", T.boolean, PgOid.bool, [
    ["k", "pid", "u", "o", "c", "p", "d"],
    "CAST(error('[0A000] ' || k || ' privilege functions need a Lakeshift session') AS BOOLEAN)",
  ]),
  PRIVILEGE_FN("has_table_privilege", "table"),
  PRIVILEGE_FN("has_schema_privilege", "schema"),
  PRIVILEGE_FN("has_database_privilege", "database"),
  PRIVILEGE_FN("has_function_privilege", "function"),
  macro(
    "has_column_privilege",
    T.boolean,
    PgOid.bool,
    [["t", "c", "p"], PRIVILEGE_CALL("column", "NULL", "t", "c", "p")],
    [["u", "t", "c", "p"], PRIVILEGE_CALL("column", "u", "t", "c", "p")],
  ),
  // 'N bytes' below 10 kB, then kB, MB, GB, TB rounded half up, as Postgres prints sizes.
  macro("pg_size_pretty", T.text, PgOid.text, [
    ["b"],
    `CASE WHEN b IS NULL THEN NULL WHEN abs(b) < 10240 THEN CAST(b AS VARCHAR) || ' bytes'
      WHEN abs(b) < 10485760 THEN CAST(round(b / 1024.0) AS BIGINT) || ' kB'
      WHEN abs(b) < 10737418240 THEN CAST(round(b / 1048576.0) AS BIGINT) || ' MB'
      WHEN abs(b) < 10995116277760 THEN CAST(round(b / 1073741824.0) AS BIGINT) || ' GB'
      ELSE CAST(round(b / 1099511627776.0) AS BIGINT) || ' TB' END`,
  ]),
  macro(
    "array_to_string",
    T.text,
    PgOid.text,
    [["a", "s"], "array_to_string(a, s)"],
    [["a", "s", "n"], "array_to_string(list_transform(a, lambda x: coalesce(CAST(x AS VARCHAR), n)), s)"],
  ),
  macro("array_upper", T.integer, PgOid.int4, [["a", "d"], "CASE WHEN len(a) > 0 AND d = 1 THEN len(a) END"]),
  macro("pg_relation_is_publishable", T.boolean, PgOid.bool, [["o"], "false"]),
  macro("pg_get_statisticsobjdef_columns", T.text, PgOid.text, [["o"], "CAST(NULL AS VARCHAR)"]),
  macro("shobj_description", T.text, PgOid.text, [["o", "c"], "CAST(NULL AS VARCHAR)"]),
  macro("regtype_in", T.integer, PgOid.regtype, [
    ["t"],
    `CASE WHEN t IS NULL THEN NULL
      WHEN regexp_full_match(trim(t), '[0-9]+') THEN CAST(trim(t) AS INTEGER)
      ELSE coalesce(
        (SELECT CASE WHEN ends_with(_mk.n, '[]') THEN _mp.typarray ELSE _mp.oid END
          FROM (SELECT regexp_replace(regexp_replace(lower(trim(t)), '^pg_catalog\\.', ''), '\\s*\\([^)]*\\)', '') AS n) _mk,
            {data}.type_names _mtn JOIN {data}.pg_type_rows _mp ON _mp.oid = _mtn.oid
          WHERE _mtn.name = CASE WHEN ends_with(_mk.n, '[]') THEN _mk.n[1:-3] ELSE _mk.n END ORDER BY _mtn.prio LIMIT 1),
        CAST(error('[42704] type "' || t || '" does not exist') AS INTEGER)) END`,
  ]),
  macro("regtype_out", T.text, PgOid.text, [
    ["o"],
    "CASE WHEN o IS NULL THEN NULL WHEN {pg}.format_type(o, NULL) = '???' THEN CAST(o AS VARCHAR) ELSE {pg}.format_type(o, NULL) END",
  ]),
];

export const CATALOG_MACROS: readonly SystemMacroDef[] = [
  macro("pg_get_userbyid", T.text, PgOid.name, [
    ["o"],
    "coalesce((SELECT _mu.usename FROM {pg}.pg_user _mu WHERE _mu.usesysid = o), 'unknown (OID=' || CAST(o AS VARCHAR) || ')')",
  ]),
  macro("pg_table_is_visible", T.boolean, PgOid.bool, [
    ["o"],
    "o IN (SELECT _mv.oid FROM {pg}.ls_visible_relations _mv)",
  ]),
  macro("current_schemas", T.text, PgOid.textArray, [
    ["b"],
    `CASE WHEN b THEN {pg}.ls_effective_path() ELSE coalesce((SELECT list(_ms.n ORDER BY _ms.i) FROM
      (SELECT unnest({pg}.ls_search_path()) AS n, generate_subscripts({pg}.ls_search_path(), 1) AS i) _ms
      WHERE _ms.n IN (SELECT nspname FROM {pg}.pg_namespace)), []::VARCHAR[]) END`,
  ]),
  macro(
    "obj_description",
    T.text,
    PgOid.text,
    [["o"], "(SELECT _md.description FROM {pg}.pg_description _md WHERE _md.objoid = o AND _md.objsubid = 0 LIMIT 1)"],
    [
      ["o", "c"],
      `(SELECT _md.description FROM {pg}.pg_description _md WHERE _md.objoid = o AND _md.objsubid = 0
        AND _md.classoid = CASE c WHEN 'pg_class' THEN 1259 WHEN 'pg_namespace' THEN 2615
          WHEN 'pg_database' THEN 1262 WHEN 'pg_constraint' THEN 2606 ELSE -1 END LIMIT 1)`,
    ],
  ),
  macro("col_description", T.text, PgOid.text, [
    ["o", "n"],
    "(SELECT _md.description FROM {pg}.pg_description _md WHERE _md.objoid = o AND _md.objsubid = n AND _md.classoid = 1259 LIMIT 1)",
  ]),
  macro(
    "pg_get_constraintdef",
    T.text,
    PgOid.text,
    [["o"], "(SELECT _mk.consrc FROM {pg}.pg_constraint _mk WHERE _mk.oid = o)"],
    [["o", "p"], "(SELECT _mk.consrc FROM {pg}.pg_constraint _mk WHERE _mk.oid = o)"],
  ),
  macro(
    "pg_get_viewdef",
    T.text,
    PgOid.text,
    [["o"], "(SELECT _mr.view_sql FROM {cat}.relations _mr WHERE _mr.oid = o)"],
    [["o", "p"], "(SELECT _mr.view_sql FROM {cat}.relations _mr WHERE _mr.oid = o)"],
  ),
  // psql's \df: every function here is a built-in in pg_catalog (always on the path).
  macro("pg_function_is_visible", T.boolean, PgOid.bool, [["o"], "o IN (SELECT _mp.oid FROM {pg}.pg_proc _mp)"]),
  // SQLAlchemy reflects domains with it: every type is a built-in in pg_catalog.
  macro("pg_type_is_visible", T.boolean, PgOid.bool, [["o"], "o IN (SELECT _mt.oid FROM {pg}.pg_type _mt)"]),
  macro("pg_get_function_result", T.text, PgOid.text, [
    ["o"],
    "(SELECT {pg}.format_type(_mp.prorettype, NULL) FROM {pg}.pg_proc _mp WHERE _mp.oid = o)",
  ]),
  macro("pg_get_function_arguments", T.text, PgOid.text, [
    ["o"],
    // Built-in functions list no argument types ("any"); SQL UDFs name theirs.
    `(SELECT CASE WHEN _mp.proargtypes IS NULL
        THEN array_to_string(list_transform(range(_mp.pronargs), lambda i: '"any"'), ', ')
        ELSE coalesce((SELECT string_agg({pg}.format_type(_mp.proargtypes[_r.i], NULL), ', ' ORDER BY _r.i)
          FROM range(1, CAST(len(_mp.proargtypes) AS BIGINT) + 1) _r(i)), '') END
      FROM {pg}.pg_proc _mp WHERE _mp.oid = o)`,
  ]),
  // The primary key and unique constraints are the only indexes (see views-keys.ts).
  macro(
    "pg_get_indexdef",
    T.text,
    PgOid.text,
    [["o"], INDEX_DEF],
    [
      ["o", "c", "p"],
      `CASE WHEN c = 0 THEN ${INDEX_DEF} ELSE (SELECT {pg}.quote_ident(_mc.name) FROM {cat}.constraints _mk
        JOIN {cat}.columns _mc ON _mc.rel_oid = _mk.rel_oid AND _mc.ordinal = _mk.columns[c] WHERE _mk.oid = o) END`,
    ],
  ),
  // psql's \dt+ / \d+ size column: the bytes svv_table_info.size counts (1 MB blocks), 0 for an
  // empty table or a view. https://www.postgresql.org/docs/current/functions-admin.html
  ...["pg_table_size", "pg_relation_size", "pg_total_relation_size"].map((name) =>
    macro(name, T.bigint, PgOid.int8, [
      ["o"],
      `coalesce((SELECT CAST((SELECT count(*) FROM {cat}.columns _mc WHERE _mc.rel_oid = o) + 3 AS BIGINT)
          * CAST(greatest(1, ceil(_mt.estimated_size / 122880.0)) AS BIGINT) * 1048576
        FROM {cat}.relations _mr JOIN {cat}.schemas _ms ON _ms.oid = _mr.schema_oid
          JOIN duckdb_tables() _mt ON _mt.database_name = {dbname} AND _mt.schema_name = _ms.name
            AND _mt.table_name = _mr.name
        WHERE _mr.oid = o AND _mt.estimated_size > 0), 0)`,
    ]),
  ),
  // Redshift: the id of the session's most recently completed query (-1 when none yet).
  // https://docs.aws.amazon.com/redshift/latest/dg/PG_LAST_QUERY_ID.html
  macro("pg_last_query_id", T.integer, PgOid.int4, [
    [],
    `coalesce((SELECT CAST(max(_me.query) AS INTEGER) FROM {data}.query_end _me
      JOIN {data}.query_log _ml ON _ml.query = _me.query
      WHERE _ml.pid = getvariable('ls_pid') AND _ml.stmt_type = 'QUERY'), -1)`,
  ]),
  macro("ls_regclass_lookup", T.integer, PgOid.oid, [
    ["sch", "nm"],
    `(SELECT _mc.oid FROM {pg}.pg_class _mc JOIN {pg}.pg_namespace _mn ON _mn.oid = _mc.relnamespace,
        (SELECT {pg}.ls_effective_path() AS p) _msp
      WHERE _mc.relname = nm AND CASE WHEN sch IS NULL THEN list_position(_msp.p, _mn.nspname) IS NOT NULL
        ELSE _mn.nspname = sch END
      ORDER BY list_position(_msp.p, _mn.nspname) NULLS LAST LIMIT 1)`,
  ]),
  macro("ls_regclass_parts", T.integer, PgOid.oid, [
    ["parts"],
    "CASE WHEN parts.b = '' THEN {pg}.ls_regclass_lookup(NULL, {pg}.ls_unquote(parts.a)) " +
      "ELSE {pg}.ls_regclass_lookup({pg}.ls_unquote(parts.a), {pg}.ls_unquote(parts.b)) END",
  ]),
  macro("regclass_in", T.integer, PgOid.regclass, [
    ["t"],
    `CASE WHEN t IS NULL THEN NULL
      WHEN regexp_full_match(trim(t), '[0-9]+') THEN CAST(trim(t) AS INTEGER)
      ELSE coalesce({pg}.ls_regclass_parts(regexp_extract(t, ${QUALIFIED_NAME_RE}, ['a', 'b'])),
        CAST(error('[42P01] relation "' || t || '" does not exist') AS INTEGER)) END`,
  ]),
  macro("regclass_out", T.text, PgOid.text, [
    ["o"],
    `CASE WHEN o IS NULL THEN NULL ELSE coalesce((SELECT CASE WHEN {pg}.pg_table_is_visible(_mc.oid)
        THEN {pg}.quote_ident(_mc.relname) ELSE {pg}.quote_ident(_mn.nspname) || '.' || {pg}.quote_ident(_mc.relname) END
      FROM {pg}.pg_class _mc JOIN {pg}.pg_namespace _mn ON _mn.oid = _mc.relnamespace WHERE _mc.oid = o), CAST(o AS VARCHAR)) END`,
  ]),
  // 'pg_catalog.array_in'::regproc: the function's name as regproc prints it (unqualified: every
  // function here is in pg_catalog), after checking pg_proc and the type I/O functions of pg_type.
  macro("regproc_in", T.text, PgOid.regproc, [
    ["t"],
    `CASE WHEN t IS NULL THEN NULL WHEN trim(t) = '-' THEN '-' ELSE (SELECT coalesce(
        (SELECT _mk.n WHERE _mk.n IN (SELECT proname FROM {pg}.pg_proc)
          OR _mk.n IN (SELECT typinput FROM {pg}.pg_type) OR _mk.n IN (SELECT typoutput FROM {pg}.pg_type)),
        CAST(error('[42883] function "' || t || '" does not exist') AS VARCHAR))
      FROM (SELECT {pg}.ls_unquote(regexp_replace(regexp_replace(trim(t), '\\s*\\(.*\\)$', ''),
        '^(pg_catalog|"pg_catalog")\\.', '')) AS n) _mk) END`,
  ]),
  macro("regnamespace_in", T.integer, PgOid.oid, [
    ["t"],
    `CASE WHEN t IS NULL THEN NULL WHEN regexp_full_match(trim(t), '[0-9]+') THEN CAST(trim(t) AS INTEGER)
      ELSE coalesce((SELECT _mn.oid FROM {pg}.pg_namespace _mn WHERE _mn.nspname = {pg}.ls_unquote(trim(t))),
        CAST(error('[3F000] schema "' || t || '" does not exist') AS INTEGER)) END`,
  ]),
  // Redshift: SELECT * FROM pg_get_late_binding_view_cols() cols(view_schema name, view_name name,
  // col_name name, col_type varchar, col_num int).
  {
    ...macro("pg_get_late_binding_view_cols", T.text, 2249, [
      [],
      "SELECT view_schema, view_name, col_name, col_type, col_num FROM {pg}.ls_late_binding_view_cols",
    ]),
    table: true,
  },
  macro("regnamespace_out", T.text, PgOid.text, [
    ["o"],
    "CASE WHEN o IS NULL THEN NULL ELSE coalesce((SELECT {pg}.quote_ident(_mn.nspname) FROM {pg}.pg_namespace _mn WHERE _mn.oid = o), CAST(o AS VARCHAR)) END",
  ]),
];

/** The SQLSTATE and message a system macro raised with error('[<SQLSTATE>] <message>'), if it is one. */
export function raisedError(engineMessage: string): { sqlstate: string; message: string } | undefined {
  const m = /\[([0-9A-Z]{5})\] ([^\n]*)/.exec(engineMessage);
  return m ? { sqlstate: m[1] ?? "XX000", message: m[2] ?? "" } : undefined;
}
