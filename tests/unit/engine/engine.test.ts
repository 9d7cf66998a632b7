// tests/unit/engine/engine.test.ts
//! Engine lifecycle against real DuckDB: attach, persist, reopen, transactions, prepare, all.

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Engine } from "../../../src/engine/engine.js";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "lakeshift-engine-"));
  dirs.push(d);
  return d;
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test("databases are files in the data dir, attached by name, and survive a reopen", async () => {
  const dir = tempDir();
  const e1 = await Engine.open({ dataDir: dir, threads: 2 });
  assert.deepEqual(e1.databases(), []);
  await e1.createDatabase("dev");
  await e1.createDatabase("sales");
  assert.ok(e1.hasDatabase("dev"));
  assert.ok(!e1.hasDatabase("nope"));
  assert.deepEqual(e1.databases(), ["dev", "sales"]);
  assert.ok(existsSync(join(dir, "dev.duckdb")));
  await assert.rejects(e1.createDatabase("dev"), (e: { sqlstate?: string }) => e.sqlstate === "42P04");
  const c = await e1.connect("dev");
  await c.run("CREATE TABLE t (a INTEGER, b VARCHAR)");
  assert.equal(await c.run("INSERT INTO t VALUES (1, 'x'), (2, 'y')"), 2);
  // Unqualified names land in the connected database; other databases are reachable by name.
  const s = await e1.connect("sales");
  await s.run("CREATE TABLE t (z INTEGER)");
  const cross = await s.all("SELECT count(*)::INTEGER AS n FROM dev.main.t");
  assert.deepEqual(cross.rows, [[2]]);
  assert.deepEqual((await s.all("SELECT count(*)::INTEGER FROM t")).rows, [[0]]);
  c.close();
  s.close();
  await e1.close();

  const e2 = await Engine.open({ dataDir: dir });
  assert.deepEqual(e2.databases(), ["dev", "sales"]);
  const c2 = await e2.connect("dev");
  const r = await c2.all("SELECT a, b FROM t ORDER BY a");
  assert.deepEqual(r.columns, [
    { name: "a", type: "INTEGER" },
    { name: "b", type: "VARCHAR" },
  ]);
  assert.deepEqual(r.rows, [
    [1, "x"],
    [2, "y"],
  ]);
  await e2.dropDatabase("sales");
  assert.ok(!existsSync(join(dir, "sales.duckdb")));
  await e2.close();
});

test("in-memory engine, unknown database and bad names", async () => {
  const e = await Engine.open({ dataDir: ":memory:" });
  await e.createDatabase("dev");
  await assert.rejects(e.connect("other"), (x: { sqlstate?: string }) => x.sqlstate === "3D000");
  await assert.rejects(e.createDatabase("../evil"), (x: { sqlstate?: string }) => x.sqlstate === "3D000");
  const c = await e.connect("dev");
  assert.deepEqual((await c.all("SELECT current_database() AS d")).rows, [["dev"]]);
  await e.close();
});

test("transactions commit and roll back; inTransaction follows them", async () => {
  const e = await Engine.open({ dataDir: ":memory:" });
  await e.createDatabase("dev");
  const c = await e.connect("dev");
  const other = await e.connect("dev");
  await c.run("CREATE TABLE t (a INTEGER)");
  assert.equal(c.inTransaction, false);
  await c.run("BEGIN");
  assert.equal(c.inTransaction, true);
  await c.run("INSERT INTO t VALUES (1)");
  assert.deepEqual((await other.all("SELECT count(*)::INTEGER FROM t")).rows, [[0]]);
  await c.run("ROLLBACK");
  assert.equal(c.inTransaction, false);
  assert.deepEqual((await c.all("SELECT count(*)::INTEGER FROM t")).rows, [[0]]);
  await c.run("BEGIN TRANSACTION; INSERT INTO t VALUES (2); INSERT INTO t VALUES (3)");
  assert.equal(c.inTransaction, true);
  await c.run("COMMIT");
  assert.equal(c.inTransaction, false);
  assert.deepEqual((await other.all("SELECT sum(a)::INTEGER FROM t")).rows, [[5]]);
  await c.run("START TRANSACTION");
  assert.equal(c.inTransaction, true);
  await c.run("INSERT INTO t VALUES (4); END");
  assert.equal(c.inTransaction, false);
  await assert.rejects(c.run("COMMIT"), (x: { sqlstate?: string }) => x.sqlstate === "25P01");
  assert.equal(c.inTransaction, false);
  await e.close();
});

test("run returns changed row counts; all takes parameters", async () => {
  const e = await Engine.open({ dataDir: ":memory:" });
  await e.createDatabase("dev");
  const c = await e.connect("dev");
  await c.run("CREATE TABLE t (a INTEGER, s VARCHAR)");
  assert.equal(await c.run("INSERT INTO t SELECT i, 'v' || i FROM range(10) r(i)"), 10);
  assert.equal(await c.run("UPDATE t SET a = a + 1 WHERE a >= $1", [5]), 5);
  assert.equal(await c.run("DELETE FROM t WHERE s = ?", ["v0"]), 1);
  const r = await c.all("SELECT a, s, $1::BIGINT AS big, $2 AS n FROM t WHERE a = $3", [12345678901n, null, "9"]);
  assert.deepEqual(r.rows, [[9, "v8", 12345678901n, null]]);
  assert.deepEqual(await c.all("SELECT 1 WHERE false"), { columns: [{ name: "1", type: "INTEGER" }], rows: [] });
  await assert.rejects(c.run("SELECT $1::INTEGER", []), (x: { sqlstate?: string }) => x.sqlstate === "08P01");
  await e.close();
});

test("prepare describes result columns and parameters without running", async () => {
  const e = await Engine.open({ dataDir: ":memory:" });
  await e.createDatabase("dev");
  const c = await e.connect("dev");
  await c.run("CREATE TABLE t (id INTEGER, price DECIMAL(15,2), ts TIMESTAMPTZ, name VARCHAR)");
  const p = await c.prepare("INSERT INTO t SELECT * FROM t WHERE id = $1 AND name = $2");
  assert.equal(p.parameterCount, 2);
  assert.deepEqual(p.parameterTypes, ["INTEGER", "VARCHAR"]);
  p.close();
  p.close();
  const q = await c.prepare("SELECT id, price, ts, name, id + $1::INTEGER AS next FROM t WHERE id > $1");
  assert.deepEqual(
    q.columns.map((x) => `${x.name}:${x.type}`),
    ["id:INTEGER", "price:DECIMAL(15,2)", "ts:TIMESTAMP WITH TIME ZONE", "name:VARCHAR", "next:INTEGER"],
  );
  assert.equal(q.parameterCount, 1);
  assert.deepEqual(q.parameterTypes, ["INTEGER"]);
  q.close();
  // Nothing ran: the table is still empty.
  assert.deepEqual((await c.all("SELECT count(*)::INTEGER FROM t")).rows, [[0]]);
  // DuckDB cannot type `id + $1` before it knows $1: the result shape is then one UNKNOWN column.
  const u = await c.prepare("SELECT id + $1 AS x FROM t");
  assert.deepEqual(u.parameterTypes, ["UNKNOWN"]);
  assert.deepEqual(u.columns, [{ name: "unknown", type: "UNKNOWN" }]);
  u.close();
  await assert.rejects(c.prepare("SELECT * FROM missing"), (x: { sqlstate?: string }) => x.sqlstate === "42P01");
  await assert.rejects(c.prepare("SELECT 1; SELECT 2"), (x: { sqlstate?: string }) => x.sqlstate === "42601");
  await e.close();
});

test("closing a connection or the engine in the middle of a stream is safe", async () => {
  const e = await Engine.open({ dataDir: ":memory:" });
  await e.createDatabase("dev");
  const c = await e.connect("dev");
  const s = await c.stream("SELECT i, md5(i::VARCHAR) FROM range(100000000) r(i)");
  assert.ok(await s.next());
  c.close();
  c.close();
  assert.equal(await s.next(), null);
  const c2 = await e.connect("dev");
  const s2 = await c2.stream("SELECT i, md5(i::VARCHAR) FROM range(100000000) r(i)");
  assert.ok(await s2.next());
  await e.close();
  await e.close();
});

test("parameters of every JS type bind to DuckDB values", async () => {
  const e = await Engine.open({ dataDir: ":memory:" });
  await e.createDatabase("dev");
  const c = await e.connect("dev");
  const r = await c.all(
    "SELECT $1::BOOLEAN, $2::DOUBLE, $3::BIGINT, $4::HUGEINT, $5::BLOB, $6::TIMESTAMP, $7::INTEGER, $8::DATE, $9::BIGINT",
    [
      true,
      1.25,
      2 ** 40,
      2n ** 70n,
      new Uint8Array([1, 2]),
      new Date(Date.UTC(2001, 1, 3, 4, 5, 6)),
      "42",
      "2020-02-29",
      -7,
    ],
  );
  const row = r.rows[0]!;
  assert.equal(row[0], true);
  assert.equal(row[1], 1.25);
  assert.equal(row[2], 2n ** 40n);
  assert.equal(row[3], 2n ** 70n);
  assert.deepEqual([...(row[4] as Uint8Array)], [1, 2]);
  assert.equal((row[5] as Date).toISOString(), "2001-02-03T04:05:06.000Z");
  assert.equal(row[6], 42);
  assert.equal((row[7] as Date).toISOString().slice(0, 10), "2020-02-29");
  assert.equal(row[8], -7n);
  await assert.rejects(c.all("SELECT $1::INTEGER", ["abc"]), (x: { sqlstate?: string }) => x.sqlstate === "22P02");
  await assert.rejects(c.all("SELECT $1", [{}]), (x: { sqlstate?: string }) => x.sqlstate === "42804");
  await e.close();
});
