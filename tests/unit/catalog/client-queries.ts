// tests/unit/catalog/client-queries.ts
//! The catalog queries real clients send (psql 15's \dn, \dt, \d t, \d+ t, \l; postgres.js's type
//! fetch; pgjdbc's getTables/getSchemas), captured from a PostgreSQL 15 server log, rewritten in
//! the DuckDB form the translator produces: pg_catalog names -> our views and macros,
//! `x ~ 'p'` -> regexp_matches, `::regclass` -> regclass_in/regclass_out, `= any(a)` ->
//! list_contains, `array(select ...)` -> (select list(...)), `'16384'` oid literals -> numbers.

const PG = `"ls_sys"."dev/pg_catalog"`;

export const PSQL_DN = `SELECT n.nspname AS "Name", ${PG}.pg_get_userbyid(n.nspowner) AS "Owner"
FROM ${PG}.pg_namespace n
WHERE NOT regexp_matches(n.nspname, '^pg_') AND n.nspname <> 'information_schema'
ORDER BY 1`;

const LIST_RELATIONS = (kinds: string) => `SELECT n.nspname as "Schema",
  c.relname as "Name",
  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index'
    WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table'
    WHEN 'I' THEN 'partitioned index' END as "Type",
  ${PG}.pg_get_userbyid(c.relowner) as "Owner"
FROM ${PG}.pg_class c
     LEFT JOIN ${PG}.pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN ${PG}.pg_am am ON am.oid = c.relam
WHERE c.relkind IN (${kinds})
      AND n.nspname <> 'pg_catalog'
      AND NOT regexp_matches(n.nspname, '^pg_toast')
      AND n.nspname <> 'information_schema'
  AND ${PG}.pg_table_is_visible(c.oid)
ORDER BY 1,2`;

export const PSQL_DT = LIST_RELATIONS(`'r','p',''`);
export const PSQL_DV = LIST_RELATIONS(`'v',''`);

/** \d <name>: the 9 queries (plus the lookup) for a table with oid `oid`. */
export function psqlDescribe(name: string, oid: number, verbose = false): Record<string, string> {
  return {
    lookup: `SELECT c.oid, n.nspname, c.relname
FROM ${PG}.pg_class c LEFT JOIN ${PG}.pg_namespace n ON n.oid = c.relnamespace
WHERE regexp_matches(c.relname, '^(${name})$') AND ${PG}.pg_table_is_visible(c.oid)
ORDER BY 2, 3`,
    tableInfo: `SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity,
  c.relforcerowsecurity, false AS relhasoids, c.relispartition,
  ${verbose ? `${PG}.array_to_string(list_concat(c.reloptions, (SELECT list('toast.' || x) FROM (SELECT unnest(tc.reloptions) AS x))), ', ')` : "''"},
  c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE ${PG}.regtype_out(c.reloftype) END, c.relpersistence,
  c.relreplident, am.amname
FROM ${PG}.pg_class c
 LEFT JOIN ${PG}.pg_class tc ON (c.reltoastrelid = tc.oid)
LEFT JOIN ${PG}.pg_am am ON (c.relam = am.oid)
WHERE c.oid = ${oid}`,
    columns: `SELECT a.attname,
  ${PG}.format_type(a.atttypid, a.atttypmod),
  (SELECT ${PG}.pg_get_expr(d.adbin, d.adrelid, true)
   FROM ${PG}.pg_attrdef d
   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
  a.attnotnull,
  (SELECT c.collname FROM ${PG}.pg_collation c, ${PG}.pg_type t
   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
  a.attidentity,
  a.attgenerated${
    verbose
      ? `,
  a.attstorage,
  a.attcompression AS attcompression,
  CASE WHEN a.attstattarget=-1 THEN NULL ELSE a.attstattarget END AS attstattarget,
  ${PG}.col_description(a.attrelid, a.attnum)`
      : ""
  }
FROM ${PG}.pg_attribute a
WHERE a.attrelid = ${oid} AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`,
    indexes: `SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid,
  ${PG}.pg_get_indexdef(i.indexrelid, 0, true),
  ${PG}.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, i.indisreplident, c2.reltablespace
FROM ${PG}.pg_class c, ${PG}.pg_class c2, ${PG}.pg_index i
  LEFT JOIN ${PG}.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))
WHERE c.oid = ${oid} AND c.oid = i.indrelid AND i.indexrelid = c2.oid
ORDER BY i.indisprimary DESC, c2.relname`,
    policies: `SELECT pol.polname, pol.polpermissive,
  CASE WHEN pol.polroles = [0] THEN NULL ELSE ${PG}.array_to_string((SELECT list(rolname ORDER BY rolname)
    FROM ${PG}.pg_roles WHERE list_contains(pol.polroles, oid)), ',') END,
  ${PG}.pg_get_expr(pol.polqual, pol.polrelid),
  ${PG}.pg_get_expr(pol.polwithcheck, pol.polrelid),
  CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' END AS cmd
FROM ${PG}.pg_policy pol
WHERE pol.polrelid = ${oid} ORDER BY 1`,
    statistics: `SELECT oid, ${PG}.regclass_out(stxrelid), ${PG}.regnamespace_out(stxnamespace) AS nsp, stxname,
  ${PG}.pg_get_statisticsobjdef_columns(oid) AS columns,
  list_contains(stxkind, 'd') AS ndist_enabled,
  list_contains(stxkind, 'f') AS deps_enabled,
  list_contains(stxkind, 'm') AS mcv_enabled,
  stxstattarget
FROM ${PG}.pg_statistic_ext
WHERE stxrelid = ${oid}
ORDER BY nsp, stxname`,
    publications: `SELECT pubname, NULL, NULL
FROM ${PG}.pg_publication p
     JOIN ${PG}.pg_publication_namespace pn ON p.oid = pn.pnpubid
     JOIN ${PG}.pg_class pc ON pc.relnamespace = pn.pnnspid
WHERE pc.oid = ${oid} and ${PG}.pg_relation_is_publishable(${oid})
UNION
SELECT pubname, ${PG}.pg_get_expr(pr.prqual, c.oid),
  (CASE WHEN pr.prattrs IS NOT NULL THEN
    (SELECT string_agg(attname, ', ')
      FROM generate_series(0, ${PG}.array_upper(pr.prattrs, 1)) s(s), ${PG}.pg_attribute
      WHERE attrelid = pr.prrelid AND attnum = pr.prattrs[s.s])
   ELSE NULL END)
FROM ${PG}.pg_publication p
     JOIN ${PG}.pg_publication_rel pr ON p.oid = pr.prpubid
     JOIN ${PG}.pg_class c ON c.oid = pr.prrelid
WHERE pr.prrelid = ${oid}
UNION
SELECT pubname, NULL, NULL
FROM ${PG}.pg_publication p
WHERE p.puballtables AND ${PG}.pg_relation_is_publishable(${oid})
ORDER BY 1`,
    parents: `SELECT ${PG}.regclass_out(c.oid)
FROM ${PG}.pg_class c, ${PG}.pg_inherits i
WHERE c.oid = i.inhparent AND i.inhrelid = ${oid}
  AND c.relkind != 'p' AND c.relkind != 'I'
ORDER BY inhseqno`,
    children: `SELECT ${PG}.regclass_out(c.oid), c.relkind, inhdetachpending, ${PG}.pg_get_expr(c.relpartbound, c.oid)
FROM ${PG}.pg_class c, ${PG}.pg_inherits i
WHERE c.oid = i.inhrelid AND i.inhparent = ${oid}
ORDER BY ${PG}.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', ${PG}.regclass_out(c.oid)`,
  };
}

export const PSQL_L = `SELECT d.datname as "Name",
       ${PG}.pg_get_userbyid(d.datdba) as "Owner",
       ${PG}.pg_encoding_to_char(d.encoding) as "Encoding",
       d.datcollate as "Collate",
       d.datctype as "Ctype",
       d.daticulocale as "ICU Locale",
       CASE d.datlocprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END AS "Locale Provider",
       ${PG}.array_to_string(d.datacl, chr(10)) AS "Access privileges"
FROM ${PG}.pg_database d
ORDER BY 1`;

export const POSTGRES_JS_TYPES = `select b.oid, b.typarray
from ${PG}.pg_type a left join ${PG}.pg_type b on b.oid = a.typelem
where a.typcategory = 'A'
group by b.oid, b.typarray
order by b.oid`;

export const PGJDBC_GET_TABLES = `SELECT NULL AS TABLE_CAT, n.nspname AS TABLE_SCHEM, c.relname AS TABLE_NAME,
  CASE regexp_matches(n.nspname, '^pg_') OR n.nspname = 'information_schema'
    WHEN true THEN CASE WHEN n.nspname = 'pg_catalog' OR n.nspname = 'information_schema' THEN
      CASE c.relkind WHEN 'r' THEN 'SYSTEM TABLE' WHEN 'v' THEN 'SYSTEM VIEW' WHEN 'i' THEN 'SYSTEM INDEX' ELSE NULL END
    ELSE NULL END
    ELSE CASE c.relkind WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'PARTITIONED TABLE' WHEN 'v' THEN 'VIEW' ELSE NULL END
  END AS TABLE_TYPE,
  d.description AS REMARKS, '' as TYPE_CAT, '' as TYPE_SCHEM, '' as TYPE_NAME, '' AS SELF_REFERENCING_COL_NAME,
  '' AS REF_GENERATION
FROM ${PG}.pg_namespace n, ${PG}.pg_class c
  LEFT JOIN ${PG}.pg_description d ON (c.oid = d.objoid AND d.objsubid = 0 and d.classoid = ${PG}.regclass_in('pg_class'))
WHERE c.relnamespace = n.oid AND n.nspname LIKE 'public' AND c.relname LIKE '%'
  AND (false OR ( c.relkind = 'r' AND NOT regexp_matches(n.nspname, '^pg_') AND n.nspname <> 'information_schema' ) )
ORDER BY TABLE_TYPE,TABLE_SCHEM,TABLE_NAME`;

export const PGJDBC_GET_SCHEMAS = `SELECT nspname AS TABLE_SCHEM, NULL AS TABLE_CATALOG
FROM ${PG}.pg_namespace
WHERE nspname <> 'pg_toast' AND (NOT regexp_matches(nspname, '^pg_temp_') OR nspname = (${PG}.current_schemas(true))[1])
  AND (NOT regexp_matches(nspname, '^pg_toast_temp_')
    OR nspname = replace((${PG}.current_schemas(true))[1], 'pg_temp_', 'pg_toast_temp_'))
ORDER BY TABLE_SCHEM`;

/** pgjdbc 42.x DatabaseMetaData.getColumns(null, "public", "t", "%"). */
export const PGJDBC_GET_COLUMNS = `SELECT * FROM (SELECT n.nspname, c.relname, a.attname, a.atttypid,
  a.attnotnull OR (t.typtype = 'd' AND t.typnotnull) AS attnotnull, a.atttypmod, a.attlen, t.typtypmod,
  row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) AS attnum, nullif(a.attidentity, '') as attidentity,
  nullif(a.attgenerated, '') as attgenerated, ${PG}.pg_get_expr(def.adbin, def.adrelid) AS adsrc, dsc.description,
  t.typbasetype, t.typtype
FROM ${PG}.pg_namespace n
  JOIN ${PG}.pg_class c ON (c.relnamespace = n.oid)
  JOIN ${PG}.pg_attribute a ON (a.attrelid=c.oid)
  JOIN ${PG}.pg_type t ON (a.atttypid = t.oid)
  LEFT JOIN ${PG}.pg_attrdef def ON (a.attrelid=def.adrelid AND a.attnum = def.adnum)
  LEFT JOIN ${PG}.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)
  LEFT JOIN ${PG}.pg_class dc ON (dc.oid=dsc.classoid AND dc.relname='pg_class')
  LEFT JOIN ${PG}.pg_namespace dn ON (dc.relnamespace=dn.oid AND dn.nspname='pg_catalog')
WHERE c.relkind in ('r','p','v','f','m') and a.attnum > 0 AND NOT a.attisdropped
  AND n.nspname LIKE 'public' AND c.relname LIKE 't') c
WHERE true ORDER BY nspname, c.relname, attnum`;
