// tests/unit/catalog/system-views.test.ts
//! The system views and macros over real catalog rows: tables with many types, defaults,
//! identity, keys, comments, a view, users; then each view and function is queried.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { searchPathSql } from "../../../src/catalog/system/install.js";
import { raisedError } from "../../../src/catalog/system/macros.js";
import { T } from "../../../src/sql/types.js";
import { type Fixture, openFixture, plain } from "./fixture.js";

const PG = `"ls_sys"."dev/pg_catalog"`;
const IS = `"ls_sys"."dev/information_schema"`;
let f: Fixture;
let typesOid = 0;
let ordersOid = 0;

async function rows(sql: string): Promise<unknown[][]> {
  return plain((await f.runner.all(sql)).rows) as unknown[][];
}

before(async () => {
  f = await openFixture();
  typesOid = await f.createTable(
    "public",
    "types",
    [
      { name: "i", type: T.integer, notNull: true },
      { name: "s", type: T.smallint },
      { name: "b", type: T.bigint, identity: { seed: 1, step: 1 } },
      { name: "v", type: { id: "varchar", length: 20 }, defaultSql: "'x'" },
      { name: "c", type: { id: "char", length: 5 } },
      { name: "n", type: { id: "decimal", precision: 15, scale: 2 } },
      { name: "n10", type: { id: "decimal", precision: 10, scale: 0 } },
      { name: "r", type: T.real },
      { name: "d", type: T.double },
      { name: "f", type: T.boolean },
      { name: "dt", type: T.date },
      { name: "ts", type: T.timestamp },
      { name: "tz", type: T.timestamptz },
      { name: "tm", type: T.time },
      { name: "su", type: T.super },
      { name: "vb", type: { id: "varbyte", length: 100 } },
    ],
    `CREATE TABLE "dev"."public"."types" (i INTEGER NOT NULL, s SMALLINT, b BIGINT, v VARCHAR, c VARCHAR,
      n DECIMAL(15,2), n10 DECIMAL(10,0), r REAL, d DOUBLE, f BOOLEAN, dt DATE, ts TIMESTAMP, tz TIMESTAMPTZ,
      tm TIME, su JSON, vb BLOB)`,
  );
  await f.runner.run("BEGIN");
  await f.runner.run(`CREATE TABLE "dev"."public"."customers" (id INTEGER)`);
  await f.store.createTable(f.runner, {
    database: "dev",
    schema: "public",
    name: "customers",
    columns: [{ name: "id", type: T.integer, notNull: true }],
    owner: "rdsdb",
    distStyle: "all",
    constraints: [{ kind: "p", columns: ["id"] }],
  });
  await f.runner.run(`CREATE TABLE "dev"."public"."orders" (id INTEGER, cust INTEGER)`);
  ordersOid = await f.store.createTable(f.runner, {
    database: "dev",
    schema: "public",
    name: "orders",
    columns: [
      { name: "id", type: T.integer, distKey: true, sortKeyOrdinal: 1, encoding: "az64" },
      { name: "cust", type: T.integer },
    ],
    owner: "rdsdb",
    distStyle: "key",
    sortKind: "compound",
    constraints: [
      { kind: "u", columns: ["id"] },
      { kind: "f", columns: ["cust"], references: { schema: "public", name: "customers", columns: ["id"] } },
    ],
  });
  await f.store.setComment(f.runner, "dev", { kind: "relation", oid: ordersOid }, "all orders");
  await f.store.setComment(f.runner, "dev", { kind: "column", oid: ordersOid, column: 2 }, "customer id");
  await f.runner.run(`CREATE VIEW "dev"."public"."v_orders" AS SELECT id FROM "dev"."public"."orders"`);
  await f.store.createView(f.runner, {
    database: "dev",
    schema: "public",
    name: "v_orders",
    columns: [{ name: "id", type: T.integer }],
    viewSql: "SELECT id FROM orders",
    owner: "rdsdb",
  });
  await f.runner.run(`CREATE SCHEMA "dev"."Stage"`);
  await f.store.createSchema(f.runner, { database: "dev", name: "Stage", owner: "rdsdb" });
  await f.runner.run(`CREATE TABLE "dev"."Stage"."My Tab" (a INTEGER)`);
  await f.store.createTable(f.runner, {
    database: "dev",
    schema: "Stage",
    name: "My Tab",
    columns: [{ name: "a", type: T.integer }],
    owner: "rdsdb",
    distStyle: "even",
  });
  await f.runner.run(`CREATE TABLE "dev"."Stage"."types" (a INTEGER)`);
  await f.store.createTable(f.runner, {
    database: "dev",
    schema: "Stage",
    name: "types",
    columns: [{ name: "a", type: T.integer }],
    owner: "rdsdb",
  });
  await f.runner.run("COMMIT");
  await f.store.afterCommit(f.runner);
  await f.store.createUser(f.runner, { name: "alice", password: { md5Hash: "md5x" }, createdb: true });
  await f.store.afterCommit(f.runner);
});

after(() => f.close());

test("pg_attribute with format_type gives Redshift's type spellings", async () => {
  const got = await rows(
    `SELECT a.attname, ${PG}.format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef
     FROM ${PG}.pg_attribute a WHERE a.attrelid = ${typesOid} AND a.attnum > 0 ORDER BY a.attnum`,
  );
  assert.deepEqual(got, [
    ["i", "integer", true, false],
    ["s", "smallint", false, false],
    ["b", "bigint", false, true],
    ["v", "character varying(20)", false, true],
    ["c", "character(5)", false, false],
    ["n", "numeric(15,2)", false, false],
    ["n10", "numeric(10,0)", false, false],
    ["r", "real", false, false],
    ["d", "double precision", false, false],
    ["f", "boolean", false, false],
    ["dt", "date", false, false],
    ["ts", "timestamp without time zone", false, false],
    ["tz", "timestamp with time zone", false, false],
    ["tm", "time without time zone", false, false],
    ["su", "super", false, false],
    ["vb", "varbyte(100)", false, false],
  ]);
  const sys = await rows(
    `SELECT ${PG}.format_type(atttypid, atttypmod) FROM ${PG}.pg_attribute WHERE attrelid = 1259 AND attnum <= 3 ORDER BY attnum`,
  );
  assert.deepEqual(sys, [["oid"], ["name"], ["oid"]]);
});

test("Redshift's distribution, sort and encoding columns", async () => {
  const cls = await rows(
    `SELECT relname, reldiststyle, relkind, relnatts FROM ${PG}.pg_class WHERE relnamespace = 2200 ORDER BY relname`,
  );
  // Primary key and unique constraints show as indexes named after the constraint.
  assert.deepEqual(cls, [
    ["customers", 8, "r", 1],
    ["customers_pkey", 8, "i", 1],
    ["orders", 1, "r", 2],
    ["orders_id_key", 8, "i", 1],
    ["types", 10, "r", 16],
    ["v_orders", 10, "v", 1],
  ]);
  const att = await rows(
    `SELECT attname, attisdistkey, attsortkeyord, attencodingtype FROM ${PG}.pg_attribute WHERE attrelid = ${ordersOid} ORDER BY attnum`,
  );
  assert.deepEqual(att, [
    ["id", true, 1, 12],
    ["cust", false, 0, 0],
  ]);
});

test("defaults and identity through pg_attrdef and pg_get_expr", async () => {
  const got = await rows(
    `SELECT adnum, ${PG}.pg_get_expr(adbin, adrelid), adsrc FROM ${PG}.pg_attrdef WHERE adrelid = ${typesOid} ORDER BY adnum`,
  );
  assert.deepEqual(got, [
    [3, `"identity"(${typesOid}, 2, '1,1'::text)`, `"identity"(${typesOid}, 2, '1,1'::text)`],
    [4, "'x'", "'x'"],
  ]);
});

test("comments: pg_description, obj_description, col_description", async () => {
  assert.deepEqual(
    await rows(`SELECT ${PG}.obj_description(${ordersOid}, 'pg_class'), ${PG}.obj_description(${ordersOid}),
      ${PG}.col_description(${ordersOid}, 2), ${PG}.col_description(${ordersOid}, 1)`),
    [["all orders", "all orders", "customer id", null]],
  );
  assert.deepEqual(await rows(`SELECT count(*) FROM ${PG}.pg_description`), [[2]]);
});

test("informational constraints: pg_constraint and pg_get_constraintdef", async () => {
  const got = await rows(
    `SELECT c.conname, c.contype, r.relname, c.conkey, c.confkey, ${PG}.pg_get_constraintdef(c.oid, true)
     FROM ${PG}.pg_constraint c JOIN ${PG}.pg_class r ON r.oid = c.conrelid ORDER BY c.conname`,
  );
  assert.deepEqual(got, [
    ["customers_pkey", "p", "customers", [1], null, "PRIMARY KEY (id)"],
    ["orders_cust_fkey", "f", "orders", [2], [1], "FOREIGN KEY (cust) REFERENCES public.customers(id)"],
    ["orders_id_key", "u", "orders", [1], null, "UNIQUE (id)"],
  ]);
});

test("regclass: names, qualified and quoted names, search path, unknown -> 42P01", async () => {
  assert.deepEqual(
    await rows(`SELECT ${PG}.regclass_in('orders'), ${PG}.regclass_in('public.orders'), ${PG}.regclass_in('PUBLIC.ORDERS'),
      ${PG}.regclass_in('pg_class'), ${PG}.regclass_in('${ordersOid}')`),
    [[ordersOid, ordersOid, ordersOid, 1259, ordersOid]],
  );
  const myTab = await rows(`SELECT ${PG}.regclass_in('"Stage"."My Tab"')`);
  assert.equal(typeof myTab[0]?.[0], "number");
  assert.deepEqual(
    await rows(
      `SELECT ${PG}.regclass_out(${ordersOid}), ${PG}.regclass_out(1259), ${PG}.regclass_out(${myTab[0]?.[0]}), ${PG}.regclass_out(999)`,
    ),
    [["orders", "pg_class", `"Stage"."My Tab"`, "999"]],
  );
  await assert.rejects(f.runner.all(`SELECT ${PG}.regclass_in('nosuch')`), (e: unknown) => {
    const raised = raisedError((e as Error).message);
    assert.deepEqual(raised, { sqlstate: "42P01", message: 'relation "nosuch" does not exist' });
    return true;
  });
  await assert.rejects(f.runner.all(`SELECT ${PG}.regclass_in('"my tab"')`), /42P01/);
  await f.runner.run(searchPathSql(["Stage", "public"]));
  try {
    assert.deepEqual(
      await rows(`SELECT ${PG}.regclass_in('"My Tab"') = ${myTab[0]?.[0]}, ${PG}.regclass_out(${typesOid})`),
      [[true, "public.types"]],
    );
    assert.deepEqual(await rows(`SELECT ${PG}.current_schemas(true), ${PG}.current_schemas(false)`), [
      [
        ["pg_catalog", "Stage", "public"],
        ["Stage", "public"],
      ],
    ]);
  } finally {
    await f.runner.run(searchPathSql(["public"]));
  }
});

test("an empty search path still finds pg_catalog", async () => {
  await f.runner.run(searchPathSql([]));
  try {
    assert.deepEqual(await rows(`SELECT ${PG}.current_schemas(true), ${PG}.regclass_in('pg_type')`), [
      [["pg_catalog"], 1247],
    ]);
  } finally {
    await f.runner.run(searchPathSql(["public"]));
  }
});

test("pg_table_is_visible honours shadowing along the search path", async () => {
  const q = `SELECT n.nspname, ${PG}.pg_table_is_visible(c.oid) FROM ${PG}.pg_class c
    JOIN ${PG}.pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'types' ORDER BY 1`;
  assert.deepEqual(await rows(q), [
    ["Stage", false],
    ["public", true],
  ]);
  await f.runner.run(searchPathSql(["Stage", "public"]));
  try {
    assert.deepEqual(await rows(q), [
      ["Stage", true],
      ["public", false],
    ]);
  } finally {
    await f.runner.run(searchPathSql(["public"]));
  }
  assert.deepEqual(await rows(`SELECT ${PG}.pg_table_is_visible(1259), ${PG}.pg_table_is_visible(12345678)`), [
    [true, false],
  ]);
});

test("regtype, pg_type arrays, encodings, privileges", async () => {
  assert.deepEqual(
    await rows(`SELECT ${PG}.regtype_in('integer'), ${PG}.regtype_in('int4'), ${PG}.regtype_in('varchar(10)'),
      ${PG}.regtype_in('pg_catalog.text'), ${PG}.regtype_in('integer[]'), ${PG}.regtype_out(1043), ${PG}.regtype_out(1007)`),
    [[23, 23, 1043, 25, 1007, "character varying", "integer[]"]],
  );
  await assert.rejects(f.runner.all(`SELECT ${PG}.regtype_in('nosuch')`), /\[42704\] type "nosuch" does not exist/);
  assert.deepEqual(
    await rows(
      `SELECT typname, typcategory, typelem, typlen FROM ${PG}.pg_type WHERE oid IN (23, 1007, 1043) ORDER BY oid`,
    ),
    [
      ["int4", "N", 0, 4],
      ["_int4", "A", 23, -1],
      ["varchar", "S", 0, -1],
    ],
  );
  assert.deepEqual(await rows(`SELECT ${PG}.pg_encoding_to_char(6)`), [["UTF8"]]);
  // The privilege functions ask the cluster's checker (tests/security/privilege-functions.test.ts);
  // a bare DuckDB without it refuses rather than answer true.
  await assert.rejects(
    rows(`SELECT ${PG}.has_table_privilege('orders', 'select')`),
    /\[0A000\] table privilege functions need a Lakeshift session/,
  );
});

test("users, roles, databases: no password content", async () => {
  assert.deepEqual(
    await rows(`SELECT usename, usesysid, usecreatedb, usesuper, passwd FROM ${PG}.pg_user ORDER BY usesysid`),
    [
      ["rdsdb", 1, true, true, "********"],
      ["alice", 100, true, false, "********"],
    ],
  );
  assert.deepEqual(await rows(`SELECT rolname, oid, rolpassword FROM ${PG}.pg_roles WHERE rolname = 'alice'`), [
    ["alice", 100, "********"],
  ]);
  assert.deepEqual(await rows(`SELECT ${PG}.pg_get_userbyid(100), ${PG}.pg_get_userbyid(7)`), [
    ["alice", "unknown (OID=7)"],
  ]);
  assert.deepEqual(await rows(`SELECT datname, encoding, ${PG}.pg_get_userbyid(datdba) FROM ${PG}.pg_database`), [
    ["dev", 6, "rdsdb"],
  ]);
});

test("pg_tables, pg_views, pg_get_viewdef, pg_settings, empty catalogs", async () => {
  assert.deepEqual(
    await rows(
      `SELECT schemaname, tablename, tableowner FROM ${PG}.pg_tables WHERE schemaname <> 'pg_catalog' ORDER BY 1, 2`,
    ),
    [
      ["Stage", "My Tab", "rdsdb"],
      ["Stage", "types", "rdsdb"],
      ["public", "customers", "rdsdb"],
      ["public", "orders", "rdsdb"],
      ["public", "types", "rdsdb"],
    ],
  );
  assert.deepEqual(
    await rows(`SELECT schemaname, viewname, definition FROM ${PG}.pg_views WHERE schemaname = 'public'`),
    [["public", "v_orders", "SELECT id FROM orders"]],
  );
  assert.deepEqual(await rows(`SELECT setting FROM ${PG}.pg_settings WHERE name = 'server_version'`), [["8.0.2"]]);
  assert.deepEqual(
    await rows(`SELECT c.relname, t.relname, i.indisprimary, i.indisunique, i.indkey, t.relhasindex, c.relam
      FROM ${PG}.pg_index i JOIN ${PG}.pg_class c ON c.oid = i.indexrelid JOIN ${PG}.pg_class t ON t.oid = i.indrelid
      ORDER BY 1`),
    [
      ["customers_pkey", "customers", true, true, [1], true, 403],
      ["orders_id_key", "orders", false, true, [1], true, 403],
    ],
  );
  assert.deepEqual(
    await rows(`SELECT ${PG}.pg_get_indexdef(i.indexrelid), ${PG}.pg_get_indexdef(i.indexrelid, 1, true)
      FROM ${PG}.pg_index i JOIN ${PG}.pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'customers_pkey'`),
    [["CREATE UNIQUE INDEX customers_pkey ON public.customers USING btree (id)", "id"]],
  );
  const [[ddl]] = (await rows(
    `SELECT ${PG}.ls_show_table(oid) FROM ${PG}.pg_class WHERE relname = 'customers' AND relkind = 'r'`,
  )) as [[string]];
  assert.equal(
    ddl,
    "CREATE TABLE public.customers (\n    id integer NOT NULL ENCODE raw,\n    PRIMARY KEY (id)\n)\nDISTSTYLE ALL;",
  );
  for (const v of ["pg_inherits", "pg_policy", "pg_trigger", "pg_rewrite", "pg_matviews", "pg_group"]) {
    assert.deepEqual(await rows(`SELECT count(*) FROM ${PG}.${v}`), [[0]], v);
  }
  assert.deepEqual(await rows(`SELECT amname FROM ${PG}.pg_am ORDER BY oid`), [["heap"], ["btree"]]);
  assert.deepEqual(await rows(`SELECT collname FROM ${PG}.pg_collation ORDER BY oid`), [["default"], ["C"], ["POSIX"]]);
  assert.ok((await rows(`SELECT count(*) FROM ${PG}.pg_proc WHERE proname = 'format_type'`))[0]?.[0] === 1);
});

test("Redshift's pg_table_def lists tables on the search path", async () => {
  assert.deepEqual(
    await rows(`SELECT tablename, "column", "type", "encoding", distkey, sortkey, "notnull" FROM ${PG}.pg_table_def
      WHERE tablename = 'orders' ORDER BY "column"`),
    [
      ["orders", "cust", "integer", "none", false, 0, false],
      ["orders", "id", "integer", "az64", true, 1, false],
    ],
  );
  assert.deepEqual(await rows(`SELECT DISTINCT schemaname FROM ${PG}.pg_table_def`), [["public"]]);
});

test("information_schema: schemata, tables, columns, views", async () => {
  assert.deepEqual(await rows(`SELECT schema_name FROM ${IS}.schemata ORDER BY 1`), [
    ["Stage"],
    ["information_schema"],
    ["pg_catalog"],
    ["public"],
  ]);
  assert.deepEqual(
    await rows(
      `SELECT table_catalog, table_name, table_type FROM ${IS}.tables WHERE table_schema = 'public' ORDER BY 2`,
    ),
    [
      ["dev", "customers", "BASE TABLE"],
      ["dev", "orders", "BASE TABLE"],
      ["dev", "types", "BASE TABLE"],
      ["dev", "v_orders", "VIEW"],
    ],
  );
  const cols = await rows(
    `SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable, column_default, udt_name
     FROM ${IS}.columns WHERE table_schema = 'public' AND table_name = 'types' AND ordinal_position IN (1, 4, 5, 6, 12)
     ORDER BY ordinal_position`,
  );
  assert.deepEqual(cols, [
    ["i", "integer", null, 32, 0, "NO", null, "int4"],
    ["v", "character varying", 20, null, null, "YES", "'x'", "varchar"],
    ["c", "character", 5, null, null, "YES", null, "bpchar"],
    ["n", "numeric", null, 15, 2, "YES", null, "numeric"],
    ["ts", "timestamp without time zone", null, null, null, "YES", null, "timestamp"],
  ]);
  assert.deepEqual(await rows(`SELECT table_name, view_definition FROM ${IS}.views WHERE table_schema = 'public'`), [
    ["v_orders", "SELECT id FROM orders"],
  ]);
});
