// tests/unit/catalog/client-queries.test.ts
//! psql, postgres.js and pgjdbc catalog queries, in translated form, run against the system
//! views and return what those clients expect (compared with PostgreSQL 15's answers for the
//! same table where Redshift does not differ).

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { T } from "../../../src/sql/types.js";
import {
  PGJDBC_GET_COLUMNS,
  PGJDBC_GET_SCHEMAS,
  PGJDBC_GET_TABLES,
  POSTGRES_JS_TYPES,
  PSQL_DN,
  PSQL_DT,
  PSQL_DV,
  PSQL_L,
  psqlDescribe,
} from "./client-queries.js";
import { type Fixture, openFixture, plain } from "./fixture.js";

let f: Fixture;
let tOid = 0;
let vOid = 0;

async function rows(sql: string): Promise<unknown[][]> {
  return plain((await f.runner.all(sql)).rows) as unknown[][];
}

before(async () => {
  f = await openFixture();
  tOid = await f.createTable(
    "public",
    "t",
    [
      { name: "id", type: T.integer, notNull: true },
      { name: "name", type: { id: "varchar", length: 20 }, defaultSql: "'x'::character varying" },
      { name: "amt", type: { id: "decimal", precision: 15, scale: 2 } },
    ],
    `CREATE TABLE "dev"."public"."t" (id INTEGER NOT NULL, name VARCHAR DEFAULT 'x', amt DECIMAL(15,2))`,
  );
  await f.store.setComment(f.runner, "dev", { kind: "relation", oid: tOid }, "tee");
  await f.store.setComment(f.runner, "dev", { kind: "column", oid: tOid, column: 3 }, "amount");
  await f.runner.run(`CREATE VIEW "dev"."public"."v" AS SELECT id FROM "dev"."public"."t"`);
  vOid = await f.store.createView(f.runner, {
    database: "dev",
    schema: "public",
    name: "v",
    columns: [{ name: "id", type: T.integer }],
    viewSql: "SELECT id FROM t",
    owner: "rdsdb",
  });
  await f.store.afterCommit(f.runner);
});

after(() => f.close());

test("psql \\dn", async () => {
  assert.deepEqual(await rows(PSQL_DN), [["public", "rdsdb"]]);
});

test("psql \\dt and \\dv", async () => {
  assert.deepEqual(await rows(PSQL_DT), [["public", "t", "table", "rdsdb"]]);
  assert.deepEqual(await rows(PSQL_DV), [["public", "v", "view", "rdsdb"]]);
});

test("psql \\d t: every query runs and answers as PostgreSQL 15 does", async () => {
  const q = psqlDescribe("t", tOid);
  assert.deepEqual(await rows(q.lookup ?? ""), [[tOid, "public", "t"]]);
  assert.deepEqual(await rows(q.tableInfo ?? ""), [
    [0, "r", false, false, false, false, false, false, false, "", 0, "", "p", "d", "heap"],
  ]);
  assert.deepEqual(await rows(q.columns ?? ""), [
    ["id", "integer", null, true, null, "", ""],
    ["name", "character varying(20)", "'x'::character varying", false, null, "", ""],
    ["amt", "numeric(15,2)", null, false, null, "", ""],
  ]);
  for (const k of ["indexes", "policies", "statistics", "publications", "parents", "children"]) {
    assert.deepEqual(await rows(q[k] ?? ""), [], k);
  }
});

test("psql \\d+ t adds storage and column comments", async () => {
  const q = psqlDescribe("t", tOid, true);
  assert.deepEqual((await rows(q.tableInfo ?? ""))[0]?.[9], "", "no reloptions");
  assert.deepEqual(await rows(q.columns ?? ""), [
    ["id", "integer", null, true, null, "", "", "p", "", null, null],
    ["name", "character varying(20)", "'x'::character varying", false, null, "", "", "x", "", null, null],
    ["amt", "numeric(15,2)", null, false, null, "", "", "x", "", null, "amount"],
  ]);
});

test("psql \\d v", async () => {
  const q = psqlDescribe("v", vOid);
  assert.deepEqual(await rows(q.lookup ?? ""), [[vOid, "public", "v"]]);
  assert.deepEqual((await rows(q.tableInfo ?? ""))[0]?.slice(0, 4), [0, "v", false, true]);
  assert.deepEqual(await rows(q.columns ?? ""), [["id", "integer", null, false, null, "", ""]]);
});

test("psql \\l", async () => {
  assert.deepEqual(await rows(PSQL_L), [["dev", "rdsdb", "UTF8", "C", "C", null, "libc", null]]);
});

test("postgres.js array type fetch: each element type with its array type", async () => {
  const got = (await rows(POSTGRES_JS_TYPES)) as [number, number][];
  const map = new Map(got);
  assert.equal(map.get(16), 1000);
  assert.equal(map.get(23), 1007);
  assert.equal(map.get(25), 1009);
  assert.equal(map.get(1043), 1015);
  assert.equal(map.get(1700), 1231);
  assert.equal(map.get(1184), 1185);
  assert.ok(got.length >= 25);
  assert.deepEqual(
    got.map(([o]) => o),
    [...got.map(([o]) => o)].sort((a, b) => a - b),
  );
});

test("pgjdbc getTables and getSchemas", async () => {
  assert.deepEqual(await rows(PGJDBC_GET_TABLES), [[null, "public", "t", "TABLE", "tee", "", "", "", "", ""]]);
  assert.deepEqual(await rows(PGJDBC_GET_SCHEMAS), [
    ["information_schema", null],
    ["pg_catalog", null],
    ["public", null],
  ]);
});

test("pgjdbc getColumns", async () => {
  assert.deepEqual(await rows(PGJDBC_GET_COLUMNS), [
    ["public", "t", "id", 23, true, -1, 4, -1, 1, null, null, null, null, 0, "b"],
    ["public", "t", "name", 1043, false, 24, -1, -1, 2, null, null, "'x'::character varying", null, 0, "b"],
    ["public", "t", "amt", 1700, false, 983046, -1, -1, 3, null, null, null, "amount", 0, "b"],
  ]);
});

test("the psql queries are fast enough for interactive use", async () => {
  const q = psqlDescribe("t", tOid);
  const start = performance.now();
  await rows(PSQL_DT);
  for (const sql of Object.values(q)) await rows(sql);
  const ms = performance.now() - start;
  assert.ok(ms < 2000, `\\dt + \\d t took ${ms} ms`);
});
