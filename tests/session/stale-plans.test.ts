// tests/session/stale-plans.test.ts
//! A statement run again after the data under it changed answers from the new data. DuckDB plans
//! from table statistics (an empty table's column is all NULL) and does not plan a kept prepared
//! statement again when rows arrive, so the session drops kept plans after any write.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

test("a left join planned while its right side was empty sees rows written later, by any session", async () => {
  const a = new pg.Client(server.connection());
  const b = new pg.Client(server.connection());
  await a.connect();
  await b.connect();
  try {
    await a.query("create table sp_t (id int); insert into sp_t values (1), (2)");
    await a.query("create table sp_d (sub int, descr varchar(20))");
    const sql = "select sp_t.id, sp_d.descr from sp_t left join sp_d on sp_d.sub = sp_t.id order by 1";
    assert.deepEqual((await a.query({ text: sql, rowMode: "array" })).rows, [
      [1, null],
      [2, null],
    ]);
    await b.query("insert into sp_d values (1, 'the key')");
    assert.deepEqual((await a.query({ text: sql, rowMode: "array" })).rows, [
      [1, "the key"],
      [2, null],
    ]);
    await a.query("insert into sp_d values (2, 'second')");
    assert.deepEqual((await a.query({ text: sql, rowMode: "array" })).rows, [
      [1, "the key"],
      [2, "second"],
    ]);
  } finally {
    await a.end();
    await b.end();
  }
});
