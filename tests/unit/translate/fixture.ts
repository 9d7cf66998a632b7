// tests/unit/translate/fixture.ts
//! A test catalog (TICKIT-like tables, a kitchen-sink table of every type, TPC-H), a bind context,
//! and a real in-memory DuckDB with the same tables, for translator tests that execute what they
//! generate.

import { DuckDBInstance } from "@duckdb/node-api";
import type { DuckDBConnection } from "@duckdb/node-api";
import { MemoryCatalog } from "../../../src/catalog/memory.js";
import type { MemoryColumnSpec } from "../../../src/catalog/memory.js";
import type { BindContext, BoundStatement } from "../../../src/plan/index.js";
import { bindStatement } from "../../../src/plan/index.js";
import { parseStatement } from "../../../src/sql/index.js";
import type { SqlType } from "../../../src/sql/types.js";
import { T } from "../../../src/sql/types.js";
import type { DuckStatement } from "../../../src/translate/index.js";
import { translate } from "../../../src/translate/index.js";
import { createTableSql } from "../../../src/translate/duckdb/ddl.js";

const vc = (n: number): SqlType => ({ id: "varchar", length: n });
const ch = (n: number): SqlType => ({ id: "char", length: n });
const dec = (p: number, s: number): SqlType => ({ id: "decimal", precision: p, scale: s });
const col = (name: string, type: SqlType, extra: Partial<MemoryColumnSpec> = {}): MemoryColumnSpec => ({
  name,
  type,
  ...extra,
});

export function testCatalog(): MemoryCatalog {
  const c = new MemoryCatalog();
  c.addTable({
    name: "users",
    columns: [
      col("userid", T.integer, { notNull: true }),
      col("username", ch(8)),
      col("firstname", vc(30)),
      col("lastname", vc(30)),
      col("city", vc(30)),
      col("state", ch(2)),
      col("email", vc(100)),
      col("likesports", T.boolean),
    ],
  });
  c.addTable({
    name: "sales",
    columns: [
      col("salesid", T.integer, { notNull: true }),
      col("listid", T.integer),
      col("sellerid", T.integer),
      col("buyerid", T.integer),
      col("eventid", T.integer),
      col("dateid", T.smallint),
      col("qtysold", T.smallint),
      col("pricepaid", dec(8, 2)),
      col("commission", dec(8, 2)),
      col("saletime", T.timestamp),
    ],
  });
  c.addTable({
    name: "event",
    columns: [
      col("eventid", T.integer),
      col("venueid", T.smallint),
      col("catid", T.smallint),
      col("eventname", vc(200)),
      col("starttime", T.timestamp),
    ],
  });
  c.addTable({
    name: "t",
    columns: [
      col("a", T.integer),
      col("b", T.bigint),
      col("c", vc(10)),
      col("d", T.date),
      col("ts", T.timestamp),
      col("tz", T.timestamptz),
      col("f", T.double),
      col("r", T.real),
      col("n", dec(10, 2)),
      col("ch", ch(5)),
      col("bo", T.boolean),
      col("tm", T.time),
      col("j", T.super),
      col("vb", { id: "varbyte", length: 100 }),
    ],
  });
  c.addTable({ name: "u", columns: [col("a", T.integer), col("x", vc(20))] });
  c.addTable({
    name: "ident",
    columns: [col("id", T.bigint, { identity: { seed: 1, step: 1 } }), col("name", vc(20))],
  });
  c.addSchema("other");
  c.addTable({ schema: "other", name: "t", columns: [col("a", T.integer), col("z", T.text)] });
  c.addTable({
    name: "v",
    kind: "view",
    columns: [col("a", T.integer), col("c", vc(10))],
    viewSql: "SELECT a, c FROM t",
  });
  c.addTable({ name: "lb", kind: "view", columns: [], viewSql: "SELECT a, x FROM u WHERE a > 0", lateBinding: true });
  c.addTable({
    schema: "pg_catalog",
    name: "pg_class",
    kind: "system",
    engineName: `"dev"."sys"."pg_class"`,
    columns: [col("oid", T.integer), col("relname", vc(128)), col("relnamespace", T.integer), col("relkind", ch(1))],
  });
  c.addTable({
    schema: "pg_catalog",
    name: "pg_index",
    kind: "system",
    engineName: `"dev"."sys"."pg_index"`,
    columns: [col("indrelid", T.integer), col("indkey", T.text)],
  });
  for (const [name, returns] of [
    ["regclass_in", T.integer],
    ["regclass_out", T.text],
    ["regtype_in", T.integer],
    ["regtype_out", T.text],
    ["regproc_in", T.text],
    ["format_type", T.text],
    ["pg_table_is_visible", T.boolean],
    ["current_schemas", T.text],
    ["pg_get_late_binding_view_cols", T.text],
  ] as const) {
    c.addSystemFunction({ name, engineName: `"dev"."sys"."${name}"`, returns });
  }
  addTpch(c);
  return c;
}

function addTpch(c: MemoryCatalog): void {
  const i = T.integer;
  const d = dec(15, 2);
  c.addTable({
    name: "nation",
    columns: [col("n_nationkey", i), col("n_name", ch(25)), col("n_regionkey", i), col("n_comment", vc(152))],
  });
  c.addTable({ name: "region", columns: [col("r_regionkey", i), col("r_name", ch(25)), col("r_comment", vc(152))] });
  c.addTable({
    name: "part",
    columns: [
      col("p_partkey", i),
      col("p_name", vc(55)),
      col("p_mfgr", ch(25)),
      col("p_brand", ch(10)),
      col("p_type", vc(25)),
      col("p_size", i),
      col("p_container", ch(10)),
      col("p_retailprice", d),
      col("p_comment", vc(23)),
    ],
  });
  c.addTable({
    name: "supplier",
    columns: [
      col("s_suppkey", i),
      col("s_name", ch(25)),
      col("s_address", vc(40)),
      col("s_nationkey", i),
      col("s_phone", ch(15)),
      col("s_acctbal", d),
      col("s_comment", vc(101)),
    ],
  });
  c.addTable({
    name: "partsupp",
    columns: [
      col("ps_partkey", i),
      col("ps_suppkey", i),
      col("ps_availqty", i),
      col("ps_supplycost", d),
      col("ps_comment", vc(199)),
    ],
  });
  c.addTable({
    name: "customer",
    columns: [
      col("c_custkey", i),
      col("c_name", vc(25)),
      col("c_address", vc(40)),
      col("c_nationkey", i),
      col("c_phone", ch(15)),
      col("c_acctbal", d),
      col("c_mktsegment", ch(10)),
      col("c_comment", vc(117)),
    ],
  });
  c.addTable({
    name: "orders",
    columns: [
      col("o_orderkey", i),
      col("o_custkey", i),
      col("o_orderstatus", ch(1)),
      col("o_totalprice", d),
      col("o_orderdate", T.date),
      col("o_orderpriority", ch(15)),
      col("o_clerk", ch(15)),
      col("o_shippriority", i),
      col("o_comment", vc(79)),
    ],
  });
  c.addTable({
    name: "lineitem",
    columns: [
      col("l_orderkey", i),
      col("l_partkey", i),
      col("l_suppkey", i),
      col("l_linenumber", i),
      col("l_quantity", d),
      col("l_extendedprice", d),
      col("l_discount", d),
      col("l_tax", d),
      col("l_returnflag", ch(1)),
      col("l_linestatus", ch(1)),
      col("l_shipdate", T.date),
      col("l_commitdate", T.date),
      col("l_receiptdate", T.date),
      col("l_shipinstruct", ch(25)),
      col("l_shipmode", ch(10)),
      col("l_comment", vc(44)),
    ],
  });
}

export function testContext(): BindContext {
  return {
    user: "admin",
    database: "dev",
    statementTime: new Date("2024-03-15T10:20:30.123Z"),
    transactionTime: new Date("2024-03-15T10:20:00.000Z"),
    sessionInfo: {
      version: "12345",
      backendPid: 4242,
      currentSchema: "public",
      settings: (name) => ({ datestyle: "ISO, MDY", timezone: "UTC", current_user_id: "100" })[name],
    },
  };
}

export const catalog = testCatalog();
export const ctx = testContext();

export function bindSql(sql: string): BoundStatement {
  return bindStatement(parseStatement(sql), catalog, ctx);
}

export function toDuck(sql: string): DuckStatement {
  return translate(bindSql(sql));
}

/** A DuckDB with catalog "dev" holding every table of the test catalog (created through our own DDL translation). */
export async function testDuck(): Promise<DuckDBConnection> {
  const inst = await DuckDBInstance.create(":memory:");
  const con = await inst.connect();
  await con.run("ATTACH ':memory:' AS dev");
  for (const s of ["public", "other", "sys"]) await con.run(`CREATE SCHEMA IF NOT EXISTS dev."${s}"`);
  for (const name of [
    "users",
    "sales",
    "event",
    "t",
    "u",
    "ident",
    "nation",
    "region",
    "part",
    "supplier",
    "partsupp",
    "customer",
    "orders",
    "lineitem",
  ]) {
    const rel = catalog.relation({ name });
    if (!rel) throw new Error(name);
    const sequences = new Map(
      rel.columns.filter((x) => x.identity).map((x) => [x.name, `"dev"."public"."${rel.name}_${x.name}_seq"`]),
    );
    const def = { ...rel, columns: rel.columns, constraints: [], temporary: false, backupNo: false, sequences };
    for (const s of createTableSql(def, new Map(), false)) await con.run(s);
  }
  await con.run(`CREATE TABLE dev.other.t (a INTEGER, z VARCHAR)`);
  await con.run(`CREATE VIEW dev.public.v AS SELECT a, c FROM dev.public.t`);
  await con.run(`CREATE TABLE dev.sys.pg_class (oid INTEGER, relname VARCHAR, relnamespace INTEGER, relkind VARCHAR)`);
  await con.run(`CREATE MACRO dev.sys.regclass_in(x) AS (SELECT min(oid) FROM dev.sys.pg_class WHERE relname = x)`);
  await con.run(`CREATE MACRO dev.sys.regclass_out(x) AS (SELECT min(relname) FROM dev.sys.pg_class WHERE oid = x)`);
  await con.run(`CREATE MACRO dev.sys.regtype_in(x) AS 23`);
  await con.run(`CREATE MACRO dev.sys.regtype_out(x) AS 'integer'`);
  await con.run(`CREATE MACRO dev.sys.regproc_in(x) AS x`);
  await con.run(`CREATE MACRO dev.sys.format_type(x, y) AS 'integer'`);
  await con.run(`CREATE MACRO dev.sys.pg_table_is_visible(x) AS true`);
  await con.run(`CREATE MACRO dev.sys.current_schemas(x) AS ['public', 'pg_catalog']`);
  await con.run(`CREATE TABLE dev.sys.pg_index (indrelid INTEGER, indkey SMALLINT[])`);
  await con.run(
    `CREATE MACRO dev.sys.pg_get_late_binding_view_cols() AS TABLE SELECT 'public' AS a, 'lb' AS b, 'a' AS c, 'integer' AS d, 1 AS e`,
  );
  return con;
}

/** Runs the translated SQL of one Redshift statement and returns the rows of the last one as JSON values. */
export async function run(con: DuckDBConnection, sql: string): Promise<unknown[][]> {
  const d = toDuck(sql);
  let rows: unknown[][] = [];
  for (const s of d.sql) {
    const r = await con.runAndReadAll(s);
    rows = r.getRowsJson() as unknown[][];
  }
  return rows;
}
