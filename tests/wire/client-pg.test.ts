// tests/wire/client-pg.test.ts
//! node-postgres (`pg`) against the wire server over the in-memory cluster: simple and extended
//! query, named statements, parameters, errors with SQLSTATE and position, transactions,
//! ParameterStatus, cancel.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { type MemoryServer, PASSWORD, USER, startMemoryServer, waitFor } from "../helpers/wire-server.js";

let srv: MemoryServer;
let client: pg.Client;

before(async () => {
  srv = await startMemoryServer({ method: "md5" });
  client = new pg.Client({ host: "127.0.0.1", port: srv.port, user: USER, password: PASSWORD, database: "dev" });
  await client.connect();
});
after(async () => {
  await client.end();
  await srv.close();
});

test("pg: simple protocol, several statements", async () => {
  const results = (await client.query(
    "delete from kv; insert into kv values (1, 'one'); insert into kv values (2, null); select * from kv",
  )) as unknown as pg.QueryResult[];
  assert.equal(results.length, 4);
  assert.equal(results[1]!.command, "INSERT");
  assert.equal(results[1]!.rowCount, 1);
  const sel = results[3]!;
  assert.deepEqual(sel.rows, [
    { k: 1, v: "one" },
    { k: 2, v: null },
  ]);
  assert.deepEqual(
    sel.fields.map((f) => [f.name, f.dataTypeID, f.tableID, f.columnID, f.format]),
    [
      ["k", 23, 16384, 1, "text"],
      ["v", 25, 16384, 2, "text"],
    ],
  );
});

test("pg: parameters go over the unnamed extended query", async () => {
  const r = await client.query("select * from kv where k = $1", [1]);
  assert.deepEqual(r.rows, [{ k: 1, v: "one" }]);
  const e = await client.query("select $1 as a, $2 as b", ["x", null]);
  assert.deepEqual(e.rows, [{ a: "x", b: null }]);
});

test("pg: a named statement is parsed once and reused", async () => {
  for (const n of [3, 5]) {
    const r = await client.query({ name: "series", text: "select n from series($1)", values: [n] });
    assert.equal(r.rowCount, n);
    assert.equal(r.rows.at(-1)!.n, n);
  }
});

test("pg: errors carry SQLSTATE, position and detail, and the session goes on", async () => {
  await assert.rejects(client.query("select * from missing"), (e: pg.DatabaseError) => {
    assert.equal(e.code, "42P01");
    assert.equal(e.message, 'relation "missing" does not exist');
    assert.equal(e.position, "15");
    assert.equal(e.severity, "ERROR");
    return true;
  });
  await assert.rejects(client.query("insert into kv values ($1, $2)", [1, "dup"]), (e: pg.DatabaseError) => {
    assert.equal(e.code, "23505");
    assert.equal(e.detail, "Key (k)=(1) already exists.");
    return true;
  });
  assert.equal((await client.query("select 1 as one")).rows[0].one, 1);
});

test("pg: transaction block and failed-transaction state", async () => {
  await client.query("begin");
  await assert.rejects(client.query("select 1/0"), { code: "22012" });
  await assert.rejects(client.query("select 1"), { code: "25P02" });
  const r = await client.query("commit");
  assert.equal(r.command, "ROLLBACK");
  assert.equal((await client.query("select 2 as two")).rows[0].two, 2);
});

test("pg: ParameterStatus at startup and after SET", async () => {
  const c = new pg.Client({ host: "127.0.0.1", port: srv.port, user: USER, password: PASSWORD, database: "dev" });
  const seen = new Map<string, string>();
  const conn = (c as unknown as { connection: NodeJS.EventEmitter }).connection;
  conn.on("parameterStatus", (m: { parameterName: string; parameterValue: string }) =>
    seen.set(m.parameterName, m.parameterValue),
  );
  await c.connect();
  assert.equal(seen.get("server_version"), "8.0.2");
  assert.equal(seen.get("client_encoding"), "UTF8");
  await c.query("set application_name = 'reports'");
  assert.equal(seen.get("application_name"), "reports");
  await c.end();
});

test("pg: cancel a running query", async () => {
  const other = new pg.Client({ host: "127.0.0.1", port: srv.port, user: USER, password: PASSWORD, database: "dev" });
  await other.connect();
  const started = Date.now();
  const running = other.query("select pg_sleep(5)");
  const pid = (other as unknown as { processID: number }).processID;
  await waitFor(() => srv.cluster.sessions.get(pid)!.isRunning);
  const canceller = new pg.Client({
    host: "127.0.0.1",
    port: srv.port,
    user: USER,
    password: PASSWORD,
    database: "dev",
  }) as unknown as { cancel(client: pg.Client, query: unknown): void };
  const activeQuery = (other as unknown as { activeQuery: unknown }).activeQuery;
  canceller.cancel(other, activeQuery);
  await assert.rejects(running, { code: "57014", message: "canceling statement due to user request" });
  assert.ok(Date.now() - started < 3000);
  await other.end();
});

test("pg: a large result arrives complete", async () => {
  const r = await client.query("select n from series(100000)");
  assert.equal(r.rowCount, 100000);
  assert.equal(r.rows[99999].n, 100000);
});
