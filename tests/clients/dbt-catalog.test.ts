// tests/clients/dbt-catalog.test.ts
//! The catalog queries dbt-redshift's macros run, sent with node-postgres as dbt's adapter would
//! (written from dbt-redshift's documented macros: connect, list relations, columns of a relation,
//! the docs catalog, table stats, comments, drops). Each must return the right rows.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Matrix } from "./matrix.js";

const LIST_RELATIONS = `
  select 'dev' as database, tablename as name, schemaname as schema, 'table' as type
  from pg_tables where schemaname ilike 'dbt_s'
  union all
  select 'dev' as database, viewname as name, schemaname as schema, 'view' as type
  from pg_views where schemaname ilike 'dbt_s'
  order by name`;

/** dbt-redshift's get_columns_in_relation: bound views, late-binding views and external tables. */
const COLUMNS_IN_RELATION = (table: string) => `
  with bound_views as (
    select ordinal_position, table_schema, column_name, data_type, character_maximum_length,
      numeric_precision, numeric_scale
    from information_schema."columns" where table_name = '${table}'
  ),
  unbound_views as (
    select ordinal_position, view_schema, col_name,
      case when col_type ilike 'character varying%' then 'character varying'
           when col_type ilike 'numeric%' then 'numeric' else col_type end as col_type,
      case when col_type like 'character%' then nullif(regexp_substr(col_type, '[0-9]+'), '')::int
           else null end as character_maximum_length,
      case when col_type like 'numeric%' then nullif(split_part(regexp_substr(col_type, '[0-9,]+'), ',', 1), '')::int
           else null end as numeric_precision,
      case when col_type like 'numeric%' then nullif(split_part(regexp_substr(col_type, '[0-9,]+'), ',', 2), '')::int
           else null end as numeric_scale
    from pg_get_late_binding_view_cols()
      cols(view_schema name, view_name name, col_name name, col_type varchar, ordinal_position int)
    where view_name = '${table}'
  ),
  external_views as (
    select columnnum, schemaname, columnname,
      case when external_type ilike 'character varying%' or external_type ilike 'varchar%' then 'character varying'
           when external_type ilike 'numeric%' then 'numeric' else external_type end as external_type,
      null::int as character_maximum_length, null::int as numeric_precision, null::int as numeric_scale
    from svv_external_columns where schemaname = 'dbt_s' and tablename = '${table}'
  ),
  unioned as (
    select * from bound_views union all select * from unbound_views union all select * from external_views
  )
  select column_name, data_type, character_maximum_length, numeric_precision, numeric_scale
  from unioned where table_schema = 'dbt_s' order by ordinal_position`;

const CATALOG = `
  with early_binding as (
    select sch.nspname as table_schema, tbl.relname as table_name,
      case when tbl.relkind = 'v' then 'VIEW' else 'BASE TABLE' end as table_type,
      tbl_desc.description as table_comment, col.attname as column_name, col.attnum as column_index,
      pg_catalog.format_type(col.atttypid, col.atttypmod) as column_type, col_desc.description as column_comment
    from pg_catalog.pg_namespace sch
      join pg_catalog.pg_class tbl on tbl.relnamespace = sch.oid
      join pg_catalog.pg_attribute col on col.attrelid = tbl.oid
      left outer join pg_catalog.pg_description tbl_desc on (tbl_desc.objoid = tbl.oid and tbl_desc.objsubid = 0)
      left outer join pg_catalog.pg_description col_desc on (col_desc.objoid = tbl.oid and col_desc.objsubid = col.attnum)
    where upper(sch.nspname) = upper('dbt_s') and tbl.relkind in ('r', 'v', 'f', 'p')
      and col.attnum > 0 and not col.attisdropped
  ),
  table_owners as (
    select schemaname as table_schema, tablename as table_name, tableowner as table_owner from pg_tables
    union all
    select schemaname as table_schema, viewname as table_name, viewowner as table_owner from pg_views
  )
  select 'dev' as table_database, e.table_schema, e.table_name, e.table_type, e.column_name, e.column_index,
    e.column_type, o.table_owner, e.table_comment, e.column_comment
  from early_binding e join table_owners o on o.table_schema = e.table_schema and o.table_name = e.table_name
  order by e.table_name, e.column_index`;

describe("dbt-redshift catalog queries", () => {
  let m: Matrix;

  before(async () => {
    m = await Matrix.start();
    await m.query("create schema dbt_s");
    await m.query(
      "create table dbt_s.orders (id integer not null, status varchar(16), amount numeric(12,2)) diststyle key distkey(id) sortkey(id)",
    );
    await m.query("insert into dbt_s.orders values (1, 'open', 10.50), (2, 'done', 3.25)");
    await m.query("create view dbt_s.open_orders as select id, amount from dbt_s.orders where status = 'open'");
    await m.query("create view dbt_s.lb_orders as select id, status from dbt_s.orders with no schema binding");
  });
  after(async () => {
    await m?.stop();
  });

  test("select pg_backend_pid() at connect", async () => {
    const [[pid]] = await m.query<[number]>("select pg_backend_pid()");
    assert.ok(Number.isInteger(pid) && pid > 0);
  });

  test("relations from pg_tables and pg_views", async () => {
    assert.deepEqual(await m.query(LIST_RELATIONS), [
      ["dev", "lb_orders", "dbt_s", "view"],
      ["dev", "open_orders", "dbt_s", "view"],
      ["dev", "orders", "dbt_s", "table"],
    ]);
  });

  test("the docs catalog: pg_namespace, pg_class, pg_attribute, pg_description, format_type, owners", async () => {
    const rows = await m.query(CATALOG);
    assert.deepEqual(
      rows.filter((r) => r[2] !== "lb_orders"),
      [
        ["dev", "dbt_s", "open_orders", "VIEW", "id", 1, "integer", "admin", null, null],
        ["dev", "dbt_s", "open_orders", "VIEW", "amount", 2, "numeric(12,2)", "admin", null, null],
        ["dev", "dbt_s", "orders", "BASE TABLE", "id", 1, "integer", "admin", null, null],
        ["dev", "dbt_s", "orders", "BASE TABLE", "status", 2, "character varying(16)", "admin", null, null],
        ["dev", "dbt_s", "orders", "BASE TABLE", "amount", 3, "numeric(12,2)", "admin", null, null],
      ],
    );
  });

  test("svv_table_info guarded by has_table_privilege", async () => {
    const rows = await m.query(`
      select "database", "schema", "table", diststyle, sortkey1, tbl_rows::int, size > 0
      from svv_table_info
      where "schema" = 'dbt_s'
        and has_table_privilege(current_user, '"' || "schema" || '"."' || "table" || '"', 'SELECT')`);
    assert.deepEqual(rows, [["dev", "dbt_s", "orders", "KEY(id)", "id", 2, true]]);
  });

  test("DROP ... CASCADE of a missing backup relation is a notice, not an error", async () => {
    await m.query('drop table if exists "dev"."dbt_s"."orders__dbt_backup" cascade');
    await m.query('drop view if exists "dev"."dbt_s"."open_orders__dbt_tmp" cascade');
    assert.deepEqual(await m.query("select count(*)::int from pg_tables where schemaname = 'dbt_s'"), [[1]]);
  });

  test("get_columns_in_relation of a table: information_schema.columns, late-binding and external columns", async () => {
    assert.deepEqual(await m.query(COLUMNS_IN_RELATION("orders")), [
      ["id", "integer", null, 32, 0],
      ["status", "character varying", 16, null, null],
      ["amount", "numeric", null, 12, 2],
    ]);
  });

  test("get_columns_in_relation of a late-binding view", async () => {
    assert.deepEqual(await m.query(COLUMNS_IN_RELATION("lb_orders")), [
      ["id", "integer", null, null, null],
      ["status", "character varying", 16, null, null],
    ]);
  });

  test("persist_docs: comments quoted with $tag$ reach pg_description", async () => {
    await m.query(
      'comment on table "dev"."dbt_s"."orders" is $dbt_comment_literal_block$Orders, one row each$dbt_comment_literal_block$',
    );
    await m.query(
      'comment on column "dev"."dbt_s"."orders"."id" is $dbt_comment_literal_block$the key$dbt_comment_literal_block$',
    );
    const rows = await m.query(CATALOG);
    const id = rows.find((r) => r[2] === "orders" && r[4] === "id");
    assert.deepEqual(id?.slice(8), ["Orders, one row each", "the key"]);
  });
});
