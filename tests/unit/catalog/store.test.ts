// tests/unit/catalog/store.test.ts
//! The DuckDB-backed catalog store: DDL and its catalog rows commit or roll back together, a
//! session sees its own uncommitted DDL, and the catalog survives reopening the file.

import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { test } from "node:test";
import { CatalogError } from "../../../src/common/errors.js";
import { T } from "../../../src/sql/types.js";
import { connect } from "./duck-runner.js";
import { openFixture, plain } from "./fixture.js";

const SALES = [
  { name: "id", type: T.integer, notNull: true, distKey: true, sortKeyOrdinal: 1, encoding: "az64" },
  { name: "name", type: { id: "varchar", length: 20 }, defaultSql: "'x'" },
  { name: "amt", type: { id: "decimal", precision: 15, scale: 2 } },
  { name: "n", type: T.bigint, identity: { seed: 1, step: 1 } },
] as const;

test("bootstrap is idempotent and creates public", async () => {
  const f = await openFixture();
  try {
    await f.store.attachDatabase(f.runner, "dev");
    const r = await f.runner.all(`SELECT name, oid FROM "dev"."_lakeshift".schemas`);
    assert.deepEqual(plain(r.rows), [["public", 2200]]);
    const duck = await f.runner.all(
      `SELECT count(*) FROM duckdb_schemas() WHERE database_name = 'dev' AND schema_name = 'public'`,
    );
    assert.equal(Number(duck.rows[0]?.[0]), 1);
    assert.equal(f.reader().schema("dev", "public")?.oid, 2200);
    assert.equal(f.store.getUser("rdsdb")?.usesysid, 1);
    assert.equal(f.store.getDatabase("dev")?.oid, 16384);
  } finally {
    f.close();
  }
});

test("create table round trip: columns, types, keys, identity, engine name", async () => {
  const f = await openFixture();
  try {
    const oid = await f.createTable(
      "public",
      "sales",
      SALES,
      `CREATE TABLE "dev"."public"."sales" (id INTEGER NOT NULL, name VARCHAR, amt DECIMAL(15,2), n BIGINT)`,
    );
    assert.ok(oid >= 100000);
    const rel = f.reader().relation({ name: "sales" });
    assert.ok(rel);
    assert.equal(rel.oid, oid);
    assert.equal(rel.kind, "table");
    assert.equal(rel.engineName, `"dev"."public"."sales"`);
    assert.deepEqual(
      rel.columns.map((c) => [c.name, c.ordinal, c.type, c.notNull, c.encoding, c.distKey, c.sortKeyOrdinal]),
      [
        ["id", 1, { id: "integer" }, true, "az64", true, 1],
        ["name", 2, { id: "varchar", length: 20 }, false, "none", false, 0],
        ["amt", 3, { id: "decimal", precision: 15, scale: 2 }, false, "none", false, 0],
        ["n", 4, { id: "bigint" }, false, "none", false, 0],
      ],
    );
    assert.equal(rel.columns[1]?.defaultSql, "'x'");
    assert.deepEqual(rel.columns[3]?.identity, { seed: 1, step: 1 });
    await assert.rejects(
      f.store.createTable(f.runner, { database: "dev", schema: "public", name: "sales", columns: [], owner: "rdsdb" }),
      (e: unknown) => e instanceof CatalogError && e.sqlstate === "42P07",
    );
  } finally {
    f.close();
  }
});

test("rollback leaves no catalog rows and no table; the session saw its own DDL meanwhile", async () => {
  const f = await openFixture();
  const other = await connect(f.instance);
  try {
    await f.runner.run("BEGIN");
    await f.runner.run(`CREATE SCHEMA "dev"."stage"`);
    await f.store.createSchema(f.runner, { database: "dev", name: "stage", owner: "rdsdb" });
    await f.runner.run(`CREATE TABLE "dev"."stage"."t" (a INTEGER)`);
    await f.store.createTable(f.runner, {
      database: "dev",
      schema: "stage",
      name: "t",
      columns: [{ name: "a", type: T.integer }],
      owner: "rdsdb",
    });
    assert.ok(f.reader(["stage"]).relation({ name: "t" }), "own uncommitted table visible");
    assert.equal(f.reader(["stage"], other).relation({ name: "t" }), undefined, "others do not see it");
    assert.equal(f.store.hasPendingChanges(f.runner), true);
    await f.runner.run("ROLLBACK");
    f.store.afterRollback(f.runner);
    assert.equal(f.reader(["stage"]).relation({ name: "t" }), undefined);
    assert.equal(f.reader().schema("dev", "stage"), undefined);
    const rows = await f.runner.all(`SELECT count(*) FROM "dev"."_lakeshift".relations`);
    assert.equal(Number(rows.rows[0]?.[0]), 0);
    await assert.rejects(f.runner.all(`SELECT * FROM "dev"."stage"."t"`));
  } finally {
    other.close();
    f.close();
  }
});

test("commit publishes to other sessions and bumps the version", async () => {
  const f = await openFixture();
  const other = await connect(f.instance);
  try {
    const v0 = f.store.version;
    await f.createTable(
      "public",
      "t1",
      [{ name: "a", type: T.integer }],
      `CREATE TABLE "dev"."public"."t1" (a INTEGER)`,
    );
    assert.ok(f.store.version > v0);
    assert.equal(f.store.hasPendingChanges(f.runner), false);
    assert.ok(f.reader(["public"], other).relation({ name: "t1" }));
  } finally {
    other.close();
    f.close();
  }
});

test("views, rename, drop relation, comments, drop schema", async () => {
  const f = await openFixture();
  try {
    const t = await f.createTable(
      "public",
      "t",
      [{ name: "a", type: T.integer }],
      `CREATE TABLE "dev"."public"."t" (a INTEGER)`,
    );
    await f.runner.run("BEGIN");
    const v = await f.store.createView(f.runner, {
      database: "dev",
      schema: "public",
      name: "v",
      columns: [{ name: "a", type: T.integer }],
      viewSql: "SELECT a FROM t",
      owner: "rdsdb",
    });
    await f.store.setComment(f.runner, "dev", { kind: "relation", oid: t }, "the t");
    await f.store.setComment(f.runner, "dev", { kind: "column", oid: t, column: 1 }, "col a");
    await f.store.renameRelation(f.runner, "dev", t, "t2");
    await f.runner.run("COMMIT");
    await f.store.afterCommit(f.runner);
    const view = f.reader().relation({ name: "v" });
    assert.equal(view?.kind, "view");
    assert.equal(view?.viewSql, "SELECT a FROM t");
    assert.equal(view?.oid, v);
    assert.equal(f.reader().relation({ name: "t" }), undefined);
    assert.equal(f.reader().relation({ name: "t2" })?.oid, t);
    const comments = await f.runner.all(
      `SELECT objoid, classoid, objsubid, description FROM "dev"."_lakeshift".comments ORDER BY objsubid`,
    );
    assert.deepEqual(plain(comments.rows), [
      [t, 1259, 0, "the t"],
      [t, 1259, 1, "col a"],
    ]);
    await f.runner.run("BEGIN");
    await f.store.dropRelation(f.runner, "dev", t);
    await f.runner.run("COMMIT");
    await f.store.afterCommit(f.runner);
    assert.equal(f.reader().relation({ name: "t2" }), undefined);
    const left = await f.runner.all(`SELECT count(*) FROM "dev"."_lakeshift".comments`);
    assert.equal(Number(left.rows[0]?.[0]), 0);

    await f.store.createSchema(f.runner, { database: "dev", name: "s", owner: "rdsdb" });
    await f.store.createTable(f.runner, { database: "dev", schema: "s", name: "x", columns: [], owner: "rdsdb" });
    await assert.rejects(
      f.store.dropSchema(f.runner, { database: "dev", name: "s" }),
      (e: unknown) => e instanceof CatalogError && e.sqlstate === "2BP01",
    );
    const dropped = await f.store.dropSchema(f.runner, { database: "dev", name: "s", cascade: true });
    assert.equal(dropped.droppedRelations.length, 1);
    await f.store.afterCommit(f.runner);
    assert.equal(f.reader().schema("dev", "s"), undefined);
  } finally {
    f.close();
  }
});

test("alter table columns: add, rename, drop renumbers", async () => {
  const f = await openFixture();
  try {
    const t = await f.createTable(
      "public",
      "t",
      [
        { name: "a", type: T.integer },
        { name: "b", type: T.integer },
      ],
      `CREATE TABLE "dev"."public"."t" (a INTEGER, b INTEGER)`,
    );
    await f.store.addColumn(f.runner, "dev", t, { name: "c", type: T.date });
    await f.store.renameColumn(f.runner, "dev", t, "b", "bb");
    await f.store.dropColumn(f.runner, "dev", t, "a");
    await f.store.afterCommit(f.runner);
    const cols = f
      .reader()
      .relation({ name: "t" })
      ?.columns.map((c) => [c.name, c.ordinal]);
    assert.deepEqual(cols, [
      ["bb", 1],
      ["c", 2],
    ]);
  } finally {
    f.close();
  }
});

test("users: create, alter, rename clears md5, drop", async () => {
  const f = await openFixture();
  try {
    const id = await f.store.createUser(f.runner, {
      name: "alice",
      password: { md5Hash: "md5abc", scramVerifier: "SCRAM-SHA-256$4096:c2FsdA==$a:b" },
      createdb: true,
      validUntil: new Date("2030-01-01T00:00:00Z"),
    });
    assert.equal(id, 100);
    assert.equal(f.store.getUser("alice"), undefined, "not visible to auth before commit");
    await f.store.afterCommit(f.runner);
    const u = f.store.getUser("alice");
    assert.equal(u?.md5Hash, "md5abc");
    assert.equal(u?.createdb, true);
    assert.equal(u?.validUntil?.toISOString(), "2030-01-01T00:00:00.000Z");
    await assert.rejects(
      f.store.createUser(f.runner, { name: "alice" }),
      (e: unknown) => (e as CatalogError).sqlstate === "42710",
    );
    await f.store.alterUser(f.runner, "alice", { superuser: true, renameTo: "al" });
    await f.store.afterCommit(f.runner);
    assert.equal(f.store.getUser("alice"), undefined);
    assert.equal(f.store.getUser("al")?.superuser, true);
    assert.equal(f.store.getUser("al")?.md5Hash, undefined);
    assert.ok(f.store.getUser("al")?.scramVerifier);
    assert.equal(await f.store.dropUser(f.runner, "al"), true);
    assert.equal(await f.store.dropUser(f.runner, "al", { ifExists: true }), false);
    await f.store.afterCommit(f.runner);
    assert.equal(f.store.getUser("al"), undefined);
  } finally {
    f.close();
  }
});

test("reopening the file finds the catalog", async () => {
  const f = await openFixture();
  const dir = f.dir;
  try {
    await f.createTable(
      "public",
      "keep",
      [{ name: "a", type: { id: "varchar", length: 10 } }],
      `CREATE TABLE "dev"."public"."keep" (a VARCHAR)`,
    );
    await f.store.createUser(f.runner, { name: "bob", password: { md5Hash: "md5x" } });
    await f.store.afterCommit(f.runner);
    await f.runner.run("CHECKPOINT dev");
  } finally {
    f.runner.close();
    f.instance.closeSync();
  }
  const g = await openFixture(["dev"], dir);
  try {
    const rel = g.reader().relation({ name: "keep" });
    assert.deepEqual(rel?.columns[0]?.type, { id: "varchar", length: 10 });
    assert.equal(g.store.getUser("bob")?.md5Hash, "md5x");
    const oid = await g.store.createSchema(g.runner, { database: "dev", name: "after", owner: "rdsdb" });
    assert.ok(oid > (rel?.oid ?? 0), "oid counter persisted");
  } finally {
    g.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a second database registers in dev and resolves by database name", async () => {
  const f = await openFixture(["dev", "sales"]);
  try {
    assert.ok(f.store.getDatabase("sales"));
    assert.deepEqual([...f.reader().databases()].sort(), ["dev", "sales"]);
    await f.runner.run(`CREATE TABLE "sales"."public"."orders" (a INTEGER)`);
    await f.store.createTable(f.runner, {
      database: "sales",
      schema: "public",
      name: "orders",
      columns: [{ name: "a", type: T.integer }],
      owner: "rdsdb",
    });
    await f.store.afterCommit(f.runner);
    assert.equal(f.reader().relation({ name: "orders" }), undefined);
    assert.equal(f.reader().relation({ database: "sales", name: "orders" })?.engineName, `"sales"."public"."orders"`);
    const dbs = await f.runner.all(`SELECT datname FROM "ls_sys"."dev/pg_catalog".pg_database ORDER BY 1`);
    assert.deepEqual(plain(dbs.rows), [["dev"], ["sales"]]);
    const rel = await f.runner.all(
      `SELECT relname FROM "ls_sys"."sales/pg_catalog".pg_class WHERE relnamespace = 2200`,
    );
    assert.deepEqual(plain(rel.rows), [["orders"]]);
  } finally {
    f.close();
  }
});

test("a dropped public schema stays dropped after reopening", async () => {
  const f = await openFixture();
  const dir = f.dir;
  try {
    await f.runner.run("BEGIN");
    await f.runner.run(`DROP SCHEMA "dev"."public"`);
    await f.store.dropSchema(f.runner, { database: "dev", name: "public" });
    await f.runner.run("COMMIT");
    await f.store.afterCommit(f.runner);
    await f.runner.run("CHECKPOINT dev");
  } finally {
    f.runner.close();
    f.instance.closeSync();
  }
  const g = await openFixture(["dev"], dir);
  try {
    assert.equal(g.reader().schema("dev", "public"), undefined);
    assert.equal(g.store.getUser("rdsdb")?.superuser, true);
  } finally {
    g.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("schemas: rename and owner; databases: drop unregisters", async () => {
  const f = await openFixture(["dev", "tmpdb"]);
  try {
    await f.store.createSchema(f.runner, { database: "dev", name: "s1", owner: "rdsdb" });
    await f.store.renameSchema(f.runner, "dev", "s1", "s2");
    await f.store.setSchemaOwner(f.runner, "dev", "s2", "alice");
    await f.store.afterCommit(f.runner);
    assert.equal(f.reader().schema("dev", "s1"), undefined);
    assert.equal(f.reader().schema("dev", "s2")?.owner, "alice");
    await assert.rejects(f.store.renameSchema(f.runner, "dev", "s2", "public"), /already exists/);
    await f.store.dropDatabase(f.runner, "tmpdb");
    await f.store.afterCommit(f.runner);
    assert.equal(f.store.getDatabase("tmpdb"), undefined);
    assert.deepEqual(f.reader().databases(), ["dev"]);
  } finally {
    f.close();
  }
});
