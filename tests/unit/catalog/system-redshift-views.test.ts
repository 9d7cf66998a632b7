// tests/unit/catalog/system-redshift-views.test.ts
//! Redshift's own catalog views over real catalog rows and DuckDB tables: svv_table_info (rows
//! from DuckDB, dist/sort/encoding from the catalog), svv_tables, svv_columns, stv_slices,
//! stv_tbl_perm, the svv_external_* views, late-binding view columns, format_encoding.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { T } from "../../../src/sql/types.js";
import { type Fixture, openFixture, plain } from "./fixture.js";

const PG = `"ls_sys"."dev/pg_catalog"`;
let f: Fixture;
let salesOid = 0;
let threads = 0;

async function rows(sql: string): Promise<unknown[][]> {
  return plain((await f.runner.all(sql)).rows) as unknown[][];
}

before(async () => {
  f = await openFixture();
  threads = Number((await rows("SELECT current_setting('threads')"))[0]?.[0]);
  await f.runner.run("BEGIN");
  await f.runner.run(
    `CREATE TABLE "dev"."public"."sales" (id INTEGER, cust INTEGER, saletime TIMESTAMP, note VARCHAR)`,
  );
  salesOid = await f.store.createTable(f.runner, {
    database: "dev",
    schema: "public",
    name: "sales",
    columns: [
      { name: "id", type: T.integer, encoding: "az64" },
      { name: "cust", type: T.integer, distKey: true, encoding: "az64" },
      { name: "saletime", type: T.timestamp, sortKeyOrdinal: 1, encoding: "raw" },
      { name: "note", type: { id: "varchar", length: 300 }, sortKeyOrdinal: 2, encoding: "lzo" },
    ],
    owner: "rdsdb",
    distStyle: "key",
    sortKind: "compound",
  });
  await f.runner.run(`CREATE TABLE "dev"."public"."dim" (a INTEGER, b VARCHAR)`);
  await f.store.createTable(f.runner, {
    database: "dev",
    schema: "public",
    name: "dim",
    columns: [
      { name: "a", type: T.integer },
      { name: "b", type: { id: "varchar", length: 20 } },
    ],
    owner: "rdsdb",
    distStyle: "all",
    sortKind: "none",
  });
  await f.runner.run(`CREATE TABLE "dev"."public"."empty_t" (a INTEGER)`);
  await f.store.createTable(f.runner, {
    database: "dev",
    schema: "public",
    name: "empty_t",
    columns: [{ name: "a", type: T.integer }],
    owner: "rdsdb",
    distStyle: "even",
  });
  await f.runner.run(`CREATE VIEW "dev"."public"."lbv" AS SELECT id, note FROM "dev"."public"."sales"`);
  await f.store.createView(f.runner, {
    database: "dev",
    schema: "public",
    name: "lbv",
    columns: [
      { name: "id", type: T.integer },
      { name: "note", type: { id: "varchar", length: 300 } },
    ],
    viewSql: "select id, note from public.sales",
    lateBinding: true,
    owner: "rdsdb",
  });
  await f.runner.run("COMMIT");
  await f.store.afterCommit(f.runner);
  await f.runner.run(
    `INSERT INTO "dev"."public"."sales" SELECT i, i % 7, TIMESTAMP '2020-01-01', 'n' FROM range(1000) t(i)`,
  );
  await f.runner.run(`INSERT INTO "dev"."public"."dim" VALUES (1, 'x'), (2, 'y')`);
});

after(() => f.close());

test("svv_table_info: non-empty user tables with dist style, sort key, encoding and DuckDB's row count", async () => {
  assert.deepEqual(
    await rows(`SELECT "database", "schema", "table", table_id, encoded, diststyle, sortkey1, max_varchar, sortkey1_enc,
        sortkey_num, tbl_rows, size, unsorted, skew_rows, stats_off FROM ${PG}.svv_table_info ORDER BY "table"`),
    [
      // Never analyzed: stats_off 100. unsorted is measured by the session (0 when it has not).
      ["dev", "public", "dim", salesOid + 1, "N", "ALL", null, 20, null, 0, 2, 5, null, null, 100],
      ["dev", "public", "sales", salesOid, "Y", "KEY(cust)", "saletime", 300, "raw", 2, 1000, 7, 0, 1, 100],
    ],
  );
});

test("stv_slices has one slice per DuckDB thread; stv_tbl_perm spreads a table's rows over them", async () => {
  assert.deepEqual(await rows(`SELECT count(*), min(slice), max(slice), min(node), min(type) FROM ${PG}.stv_slices`), [
    [threads, 0, threads - 1, 0, "D"],
  ]);
  assert.deepEqual(
    await rows(`SELECT name, count(*), sum(rows), max(rows) - min(rows) <= 1, min(dist_style) FROM ${PG}.stv_tbl_perm
      WHERE name IN ('sales', 'dim', 'empty_t') GROUP BY name ORDER BY name`),
    [
      // DISTSTYLE ALL: every row on the first slice.
      ["dim", threads, 2, threads <= 1, 8],
      ["empty_t", threads, 0, true, 0],
      ["sales", threads, 1000, true, 1],
    ],
  );
  assert.deepEqual(await rows(`SELECT slice, rows FROM ${PG}.stv_tbl_perm WHERE name = 'dim' AND rows > 0`), [[0, 2]]);
});

test("svv_tables and svv_columns list user relations with Redshift's types", async () => {
  assert.deepEqual(
    await rows(`SELECT table_catalog, table_schema, table_name, table_type FROM ${PG}.svv_tables
      WHERE table_schema = 'public' ORDER BY table_name`),
    [
      ["dev", "public", "dim", "BASE TABLE"],
      ["dev", "public", "empty_t", "BASE TABLE"],
      ["dev", "public", "lbv", "VIEW"],
      ["dev", "public", "sales", "BASE TABLE"],
    ],
  );
  assert.deepEqual(
    await rows(`SELECT column_name, ordinal_position, data_type, character_maximum_length, is_nullable
      FROM ${PG}.svv_columns WHERE table_name = 'sales' ORDER BY ordinal_position`),
    [
      ["id", 1, "integer", null, "YES"],
      ["cust", 2, "integer", null, "YES"],
      ["saletime", 3, "timestamp without time zone", null, "YES"],
      ["note", 4, "character varying", 300, "YES"],
    ],
  );
  assert.deepEqual(await rows(`SELECT count(*) FROM ${PG}.svv_columns WHERE table_schema = 'pg_catalog'`), [[0]]);
});

test("late-binding view columns (pg_get_late_binding_view_cols) and the empty external catalogs", async () => {
  assert.deepEqual(await rows(`SELECT * FROM ${PG}.pg_get_late_binding_view_cols() ORDER BY col_num`), [
    ["public", "lbv", "id", "integer", 1],
    ["public", "lbv", "note", "character varying(300)", 2],
  ]);
  for (const v of ["svv_external_schemas", "svv_external_tables", "svv_external_columns"]) {
    assert.deepEqual(await rows(`SELECT count(*) FROM ${PG}.${v}`), [[0]], v);
  }
  assert.deepEqual((await f.runner.all(`SELECT * FROM ${PG}.svv_external_columns`)).columns, [
    "redshift_database_name",
    "schemaname",
    "tablename",
    "columnname",
    "external_type",
    "columnnum",
    "part_key",
    "is_nullable",
  ]);
});

test("sqlalchemy-redshift's reflection columns: reldiststyle, attisdistkey, attsortkeyord, format_encoding", async () => {
  assert.deepEqual(
    await rows(`SELECT a.attname, a.attisdistkey, a.attsortkeyord, ${PG}.format_encoding(CAST(a.attencodingtype AS INTEGER)),
        c.reldiststyle, c.relacl IS NULL
      FROM ${PG}.pg_attribute a JOIN ${PG}.pg_class c ON c.oid = a.attrelid
      WHERE c.relname = 'sales' ORDER BY a.attnum`),
    [
      ["id", false, 0, "az64", 1, true],
      ["cust", true, 0, "az64", 1, true],
      ["saletime", false, 1, "none", 1, true],
      ["note", false, 2, "lzo", 1, true],
    ],
  );
  assert.deepEqual(await rows(`SELECT ${PG}.format_encoding(11), ${PG}.format_encoding(99)`), [["zstd", null]]);
});

test("ls_show_table: SHOW TABLE's DDL with encodings, distkey, sort key, constraints", async () => {
  const [[ddl]] = (await rows(`SELECT ${PG}.ls_show_table(${salesOid})`)) as [[string]];
  assert.equal(
    ddl,
    [
      "CREATE TABLE public.sales (",
      "    id integer ENCODE az64,",
      "    cust integer ENCODE az64 distkey,",
      "    saletime timestamp without time zone ENCODE raw,",
      "    note character varying(300) ENCODE lzo",
      ")",
      "DISTSTYLE KEY",
      "SORTKEY ( saletime, note );",
    ].join("\n"),
  );
  const [[dim]] = (await rows(`SELECT ${PG}.ls_show_table(oid) FROM ${PG}.pg_class WHERE relname = 'dim'`)) as [
    [string],
  ];
  assert.equal(
    dim,
    "CREATE TABLE public.dim (\n    a integer ENCODE raw,\n    b character varying(20) ENCODE raw\n)\nDISTSTYLE ALL;",
  );
  assert.deepEqual(await rows(`SELECT ${PG}.ls_show_table(${PG}.regclass_in('lbv'))`), [[null]]);
});
