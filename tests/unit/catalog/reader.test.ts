// tests/unit/catalog/reader.test.ts
//! Name resolution through the store's CatalogReader: search path, pg_catalog first, qualified
//! names, system relations and functions, unknown names.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { T } from "../../../src/sql/types.js";
import { SYS_TYPES } from "../../../src/catalog/system/defs.js";
import { SYSTEM_VIEWS } from "../../../src/catalog/system/registry.js";
import type { DuckRunner } from "./duck-runner.js";
import { type Fixture, openFixture } from "./fixture.js";

let f: Fixture;

before(async () => {
  f = await openFixture();
  for (const s of ["a", "b"]) {
    await f.runner.run(`CREATE SCHEMA "dev"."${s}"`);
    await f.store.createSchema(f.runner, { database: "dev", name: s, owner: "rdsdb" });
  }
  await f.store.afterCommit(f.runner);
  const col = [{ name: "x", type: T.integer }];
  await f.createTable("a", "t", col, `CREATE TABLE "dev"."a"."t" (x INTEGER)`);
  await f.createTable("b", "t", col, `CREATE TABLE "dev"."b"."t" (x INTEGER)`);
  await f.createTable("public", "pg_class", col, `CREATE TABLE "dev"."public"."pg_class" (x INTEGER)`);
});

after(() => f.close());

test("unqualified names follow the search path in order", () => {
  assert.equal(f.reader(["b", "a"]).relation({ name: "t" })?.schema, "b");
  assert.equal(f.reader(["a", "b"]).relation({ name: "t" })?.schema, "a");
  assert.equal(f.reader(["public"]).relation({ name: "t" }), undefined);
  assert.equal(f.reader(["nosuch", "a"]).relation({ name: "t" })?.engineName, `"dev"."a"."t"`);
});

test("pg_catalog is searched first unless the path places it", () => {
  assert.equal(f.reader(["public"]).relation({ name: "pg_class" })?.kind, "system");
  assert.equal(f.reader(["public", "pg_catalog"]).relation({ name: "pg_class" })?.kind, "table");
  assert.equal(f.reader(["public"]).relation({ schema: "public", name: "pg_class" })?.kind, "table");
});

test("qualified system relations, information_schema only when qualified", () => {
  const r = f.reader();
  const pgType = r.relation({ schema: "pg_catalog", name: "pg_type" });
  assert.equal(pgType?.engineName, `"ls_sys"."dev/pg_catalog"."pg_type"`);
  assert.equal(pgType?.oid, 1247);
  assert.deepEqual(pgType?.columns.find((c) => c.name === "typname")?.type, T.text);
  assert.deepEqual(pgType?.columns.find((c) => c.name === "typlen")?.type, T.smallint);
  assert.equal(
    r.relation({ schema: "information_schema", name: "tables" })?.engineName,
    `"ls_sys"."dev/information_schema"."tables"`,
  );
  assert.equal(r.relation({ name: "tables" }), undefined);
  assert.equal(r.relation({ database: "dev", schema: "pg_catalog", name: "pg_namespace" })?.oid, 2615);
});

test("unknown names, schemas and databases resolve to undefined", () => {
  const r = f.reader();
  assert.equal(r.relation({ name: "nosuch" }), undefined);
  assert.equal(r.relation({ schema: "nosuch", name: "t" }), undefined);
  assert.equal(r.relation({ database: "nosuch", schema: "public", name: "t" }), undefined);
  assert.equal(r.relation({ schema: "pg_catalog", name: "ls_visible_relations" }), undefined, "internal helper");
  assert.equal(r.schema("dev", "nosuch"), undefined);
  assert.equal(r.schema("dev", "pg_catalog")?.oid, 11);
  assert.equal(r.schema("dev", "a")?.owner, "rdsdb");
});

test("system functions resolve to their macros", () => {
  const r = f.reader();
  assert.deepEqual(r.systemFunction("format_type"), {
    name: "format_type",
    engineName: `"ls_sys"."dev/pg_catalog"."format_type"`,
    returns: T.text,
    pgReturnOid: 25,
  });
  assert.deepEqual(r.systemFunction("pg_table_is_visible")?.returns, T.boolean);
  assert.equal(r.systemFunction("ls_search_path"), undefined);
  assert.equal(r.systemFunction("nosuch"), undefined);
});

test("every system relation's columns match its DuckDB view", async () => {
  for (const v of SYSTEM_VIEWS) {
    if (v.internal) continue;
    const def = f.reader().relation({ schema: v.schema, name: v.name });
    assert.ok(def, `${v.schema}.${v.name}`);
    const described = await f.runner.all(`DESCRIBE SELECT * FROM ${def.engineName}`);
    const got = described.rows.map((row) => [row[0], row[1]]);
    const want = v.columns.map(([name, type]) => [name, SYS_TYPES[type].duck]);
    assert.deepEqual(got, want, `${v.schema}.${v.name}`);
    assert.deepEqual(
      def.columns.map((c) => c.name),
      v.columns.map(([n]) => n),
    );
  }
});

test("readerFor and lookups do no I/O: every reader reads the one shared snapshot", () => {
  // A runner that fails on any use: a reader made for it must answer from memory.
  const noIo = new Proxy({} as DuckRunner, {
    get: () => () => {
      throw new Error("a catalog lookup did I/O");
    },
  });
  const r = f.reader(["a", "b"], noIo);
  const t = r.relation({ name: "t" });
  assert.equal(t?.schema, "a");
  assert.equal(r.relation({ name: "pg_class" })?.kind, "system");
  assert.ok(r.systemFunction("format_type"));
  // Two readers see the same objects (nothing is copied per reader or per lookup).
  assert.equal(f.reader(["a", "b"]).relation({ name: "t" }), t);
});
