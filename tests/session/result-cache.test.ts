// tests/session/result-cache.test.ts
//! Redshift's result cache: a repeated small query is answered again only while nothing it could
//! depend on has changed. Writes from any session, DDL, volatile functions, views and transaction
//! blocks all bypass or invalidate it; SET enable_result_cache_for_session TO off turns it off.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let a: pg.Client;
let b: pg.Client;
before(async () => {
  server = await startServer();
  a = new pg.Client(server.connection());
  b = new pg.Client(server.connection());
  await a.connect();
  await b.connect();
});
after(async () => {
  await a?.end();
  await b?.end();
  await server?.stop();
});

const count = async (c: pg.Client, sql = "select count(*) as n from rc limit 10") => (await c.query(sql)).rows[0].n;

test("a write by another session invalidates a cached result; so do DDL and COMMIT", async () => {
  await a.query("create table rc (x int)");
  await a.query("insert into rc values (1), (2)");
  assert.equal(await count(a), "2");
  assert.equal(await count(a), "2");
  await b.query("insert into rc values (3)");
  assert.equal(await count(a), "3");
  await b.query("begin");
  await b.query("delete from rc where x = 3");
  // Uncommitted in b: a still sees 3 rows, b sees its own 2 (no cache inside a block).
  assert.equal(await count(a), "3");
  assert.equal(await count(b), "2");
  await b.query("commit");
  assert.equal(await count(a), "2");
  await a.query("truncate rc");
  assert.equal(await count(a), "0");
});

test("volatile functions, views and a disabled cache are evaluated every time", async () => {
  const r1 = (await a.query("select random() as r limit 1")).rows[0].r;
  const r2 = (await a.query("select random() as r limit 1")).rows[0].r;
  assert.notEqual(r1, r2);
  const t1 = (await a.query("select getdate() as t limit 1")).rows[0].t;
  await new Promise((r) => setTimeout(r, 1100));
  const t2 = (await a.query("select getdate() as t limit 1")).rows[0].t;
  assert.notEqual(String(t1), String(t2));
  await a.query("create view rc_now as select getdate() as t");
  const v1 = (await a.query("select t from rc_now limit 1")).rows[0].t;
  await new Promise((r) => setTimeout(r, 1100));
  const v2 = (await a.query("select t from rc_now limit 1")).rows[0].t;
  assert.notEqual(String(v1), String(v2));
  await a.query("set enable_result_cache_for_session to off");
  assert.equal(await count(a), "0");
  await a.query("reset enable_result_cache_for_session");
});
