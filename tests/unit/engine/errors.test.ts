// tests/unit/engine/errors.test.ts
//! DuckDB errors mapped to SQLSTATEs, and interrupt (CancelRequest) failing with 57014.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ExecutionError, LakeshiftError } from "../../../src/common/errors.js";
import { Engine } from "../../../src/engine/engine.js";
import { EngineError, isInterrupt, mapDuckError, splitDuckMessage } from "../../../src/engine/errors.js";
import type { EngineConnection } from "../../../src/engine/types.js";

let engine: Engine;
let conn: EngineConnection;

before(async () => {
  engine = await Engine.open({ dataDir: ":memory:" });
  await engine.createDatabase("dev");
  conn = await engine.connect("dev");
  await conn.run("CREATE TABLE t (a INTEGER NOT NULL, b INTEGER CHECK (b > 0), k INTEGER PRIMARY KEY)");
});
after(async () => {
  await engine.close();
});

async function sqlstateOf(sql: string): Promise<EngineError> {
  try {
    await conn.run(sql);
  } catch (e) {
    assert.ok(e instanceof EngineError, `${sql}: ${String(e)}`);
    assert.ok(e instanceof ExecutionError);
    return e;
  }
  assert.fail(`${sql} did not fail`);
}

test("DuckDB errors map to Postgres SQLSTATEs, keeping DuckDB's text", async () => {
  const cases: [string, string][] = [
    ["SELECT * FROM nosuch", "42P01"],
    ["SELECT nosuchcol FROM t", "42703"],
    ["SELECT nosuchfunc(1)", "42883"],
    ["INSERT INTO t VALUES (NULL, 1, 1)", "23502"],
    ["INSERT INTO t VALUES (1, -1, 2)", "23514"],
    ["INSERT INTO t VALUES (1, 1, 3), (1, 1, 3)", "23505"],
    ["SELECT 'abc'::INTEGER", "22P02"],
    ["SELECT 2147483647::INTEGER + 1", "22003"],
    ["SELECT 10000::TINYINT", "22003"],
    ["SELECT '2020-13-45'::DATE", "22008"],
    ["SELECT 'not a date'::DATE", "22007"],
    ["SELECT 'x'::TIMESTAMPTZ", "22007"],
    ["SELECT 'x'::TIME", "22007"],
    ["SELECT 'abc'::INTERVAL", "22007"],
    ["SELECT '123456'::DECIMAL(5,2)", "22003"],
    ["SELECT 'x'::DECIMAL(5,2)", "22P02"],
    ["SELECT 'maybe'::BOOLEAN", "22P02"],
    ["SELEC 1", "42601"],
    ["CREATE TABLE t (x INTEGER)", "42P07"],
    ["ROLLBACK", "25P01"],
  ];
  for (const [sql, code] of cases) {
    const e = await sqlstateOf(sql);
    assert.equal(e.sqlstate, code, `${sql}: ${e.duckMessage}`);
    assert.ok(e.duckMessage.includes("Error: "), e.duckMessage);
    assert.ok(!e.message.includes("LINE 1"), e.message);
  }
  const e = await sqlstateOf("SELECT * FROM nosuch");
  assert.equal(e.duckKind, "Catalog");
  assert.match(e.message, /^Table with name nosuch does not exist!/);
});

test("message parsing and mapping of thrown values", () => {
  assert.deepEqual(splitDuckMessage("Out of Range Error: Overflow in addition\n\nLINE 1: x"), {
    kind: "Out of Range",
    body: "Overflow in addition",
  });
  assert.equal(mapDuckError(new Error("Invalid Input Error: Division by zero!")).sqlstate, "22012");
  assert.equal(
    mapDuckError(new Error("TransactionContext Error: Current transaction is aborted (please ROLLBACK)")).sqlstate,
    "25P02",
  );
  assert.equal(mapDuckError(new Error("TransactionContext Error: something else")).sqlstate, "25000");
  assert.equal(mapDuckError(new Error("weird")).sqlstate, "XX000");
  const passthrough = new LakeshiftError("42501", "no");
  assert.equal(mapDuckError(passthrough), passthrough);
});

test("a failed statement in a transaction aborts it until ROLLBACK", async () => {
  await conn.run("BEGIN");
  await assert.rejects(
    conn.run("INSERT INTO t VALUES (NULL, 1, 9)"),
    (e: { sqlstate?: string }) => e.sqlstate === "23502",
  );
  const e = await sqlstateOf("SELECT 1");
  assert.equal(e.sqlstate, "25P02");
  assert.equal(conn.inTransaction, true);
  await conn.run("ROLLBACK");
  assert.equal(conn.inTransaction, false);
  assert.deepEqual((await conn.all("SELECT 1::INTEGER")).rows, [[1]]);
});

test("interrupt fails the running statement with 57014 and the connection goes on", async () => {
  const running = conn.run("SELECT count(*) FROM range(100000000000) a");
  // Interrupted until it fails: on a busy machine the first interrupt can come before DuckDB has
  // started the statement, when there is nothing yet to interrupt.
  const again = setInterval(() => conn.interrupt(), 50);
  try {
    await assert.rejects(running, (e: unknown) => isInterrupt(e) && (e as LakeshiftError).sqlstate === "57014");
  } finally {
    clearInterval(again);
  }
  assert.deepEqual((await conn.all("SELECT 2::INTEGER")).rows, [[2]]);

  // A stream interrupted between chunks fails on a later next().
  const s = await conn.stream("SELECT i, md5(i::VARCHAR) FROM range(1000000000) r(i)");
  assert.ok(await s.next());
  conn.interrupt();
  let failed: unknown = null;
  try {
    for (let i = 0; i < 1000000 && (await s.next()); i++);
  } catch (e) {
    failed = e;
  }
  assert.ok(isInterrupt(failed), String(failed));
  assert.deepEqual((await conn.all("SELECT 3::INTEGER")).rows, [[3]]);
  // An interrupt while idle does not fail the next statement.
  conn.interrupt();
  assert.deepEqual((await conn.all("SELECT 4::INTEGER")).rows, [[4]]);
});

test("an error in a late chunk of a stream is reported, not taken for the end of the rows", async () => {
  const s = await conn.stream(
    "SELECT i::VARCHAR AS s, (CASE WHEN i < 12000000 THEN i::VARCHAR ELSE 'abc' || i END)::INTEGER AS v FROM range(13000000) r(i)",
  );
  let rows = 0;
  let failed: unknown = null;
  assert.ok(await s.next(), "the first chunk arrives before the failing row is reached");
  try {
    for (let ch = await s.next(); ch; ch = await s.next()) rows += ch.rowCount;
  } catch (e) {
    failed = e;
  }
  assert.ok(failed instanceof EngineError, `rows=${rows} error=${String(failed)}`);
  assert.equal(failed.sqlstate, "22P02");
  assert.match(failed.message, /abc/);
  assert.deepEqual((await conn.all("SELECT 5::INTEGER")).rows, [[5]]);
});
