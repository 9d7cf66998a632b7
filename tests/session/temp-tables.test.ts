// tests/session/temp-tables.test.ts
//! Temporary tables belong to their session: they shadow permanent tables of the same name, are
//! invisible to other sessions, follow the transaction they were created in, and are gone when
//! the session ends.

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

async function client(): Promise<pg.Client> {
  const c = new pg.Client(server.connection());
  await c.connect();
  return c;
}

test("temporary tables shadow, stay private, roll back, and end with the session", async () => {
  const a = await client();
  const b = await client();
  try {
    await a.query("create table shared_t (x int)");
    await a.query("insert into shared_t values (1)");
    await a.query("create temp table shared_t (x int identity(10, 5), y varchar(3))");
    await a.query("insert into shared_t (y) values ('p'), ('q')");
    assert.deepEqual((await a.query("select x, y from shared_t order by x")).rows, [
      { x: 10, y: "p" },
      { x: 15, y: "q" },
    ]);
    assert.deepEqual((await a.query("select x from public.shared_t")).rows, [{ x: 1 }]);
    assert.deepEqual((await a.query("select count(*) as n from pg_temp.shared_t")).rows, [{ n: "2" }]);
    // Another session sees only the permanent table.
    assert.deepEqual((await b.query("select x from shared_t")).rows, [{ x: 1 }]);
    await a.query("create table #hashed (z int)");
    await assert.rejects(b.query("select * from #hashed"), { code: "42P01" });
    // VARCHAR limits hold in temporary tables too.
    await assert.rejects(a.query("insert into shared_t (y) values ('long')"), { code: "22001" });
    // A temporary table created in a rolled-back transaction is gone.
    await a.query("begin");
    await a.query("create temp table rolled (a int)");
    await a.query("rollback");
    await assert.rejects(a.query("select * from rolled"), { code: "42P01" });
    // Dropping the temporary table uncovers the permanent one.
    await a.query("drop table shared_t");
    assert.deepEqual((await a.query("select x from shared_t")).rows, [{ x: 1 }]);
    await a.query("create temp table kept_until_end as select 42 as answer");
    assert.deepEqual((await a.query("select answer from kept_until_end")).rows, [{ answer: 42 }]);
  } finally {
    await a.end();
    await b.end();
  }
  const c = await client();
  try {
    await assert.rejects(c.query("select * from kept_until_end"), { code: "42P01" });
    await assert.rejects(c.query("select * from #hashed"), { code: "42P01" });
    await c.query("create temp table kept_until_end (again int)");
  } finally {
    await c.end();
  }
});
