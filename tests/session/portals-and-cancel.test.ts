// tests/session/portals-and-cancel.test.ts
//! The session behind the real wire server: portals with row limits, and CancelRequest ending a
//! running statement with 57014 while the session goes on. (Binary results are checked byte for
//! byte against PostgreSQL in tests/e2e/binary-results.test.ts: node-postgres's binary mode
//! decodes bytes >= 0x80 as text, so it cannot show them.)

import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, test } from "node:test";
import pg from "pg";
import Cursor from "pg-cursor";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

function client(): pg.Client {
  return new pg.Client(server.connection());
}

test("a portal with a row limit hands out rows in slices (pg-cursor), and named statements are reused", async () => {
  const c = client();
  await c.connect();
  try {
    await c.query("create table many (n integer)");
    await c.query(
      "insert into many select a.n * 10 + b.n from (select 0 as n union all select 1 union all select 2 union all select 3 union all select 4 union all select 5 union all select 6 union all select 7 union all select 8 union all select 9) a, (select 0 as n union all select 1 union all select 2 union all select 3 union all select 4 union all select 5 union all select 6 union all select 7 union all select 8 union all select 9) b",
    );
    const r = await c.query("select count(*) as c, sum(n) as s from many");
    assert.deepEqual(r.rows[0], { c: "100", s: "4950" });
    // pg-cursor binds a portal and executes it with a row limit: PortalSuspended between reads.
    const cursor = c.query(new Cursor("select n from many where n >= $1 order by n", [10]));
    const seen: number[] = [];
    for (;;) {
      const rows = await cursor.read(7);
      if (rows.length === 0) break;
      assert.ok(rows.length <= 7);
      seen.push(...rows.map((r: { n: number }) => r.n));
    }
    await cursor.close();
    assert.deepEqual(
      seen,
      Array.from({ length: 90 }, (_, i) => i + 10),
    );
    // A prepared statement reused by name, with parameters.
    for (const [lo, expected] of [
      [90, "9"],
      [0, "99"],
    ] as const) {
      const q = await c.query({ name: "above", text: "select count(*) as c from many where n > $1", values: [lo] });
      assert.equal(q.rows[0].c, expected);
    }
  } finally {
    await c.end();
  }
});

/** Sends a CancelRequest for a client's backend, as libpq's PQcancel does. */
function sendCancel(pid: number, key: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = connect(server.port, server.host, () => {
      const b = Buffer.alloc(16);
      b.writeInt32BE(16, 0);
      b.writeInt32BE(80877102, 4);
      b.writeInt32BE(pid, 8);
      b.writeInt32BE(key, 12);
      s.end(b);
    });
    s.on("close", () => resolve());
    s.on("error", reject);
  });
}

test("CancelRequest ends a running statement with 57014 and the session goes on", async () => {
  const c = client();
  await c.connect();
  try {
    const internals = c as unknown as { processID: number; secretKey: number };
    assert.ok(internals.processID > 0);
    // A deliberately long query: a recursive CTE counting to a large number.
    const long = c.query(
      "with recursive r(n) as (select 1 union all select n + 1 from r where n < 500000000) select count(*) from r",
    );
    // Expect the failure before cancelling: the error can arrive before sendCancel resolves, and
    // a rejection with no handler yet fails the test as unhandled.
    const cancelled = assert.rejects(long, (e: Error & { code?: string }) => {
      assert.equal(e.code, "57014");
      assert.match(e.message, /canceling statement due to user request/);
      return true;
    });
    await new Promise((r) => setTimeout(r, 300));
    await sendCancel(internals.processID, internals.secretKey);
    await cancelled;
    const after = await c.query("select 41 + 1 as x");
    assert.equal(after.rows[0].x, 42);
  } finally {
    await c.end();
  }
});

test("a cancel with the wrong key is ignored", async () => {
  const c = client();
  await c.connect();
  try {
    const internals = c as unknown as { processID: number; secretKey: number };
    const q = c.query(
      "with recursive r(n) as (select 1 union all select n + 1 from r where n < 20000) select count(*) as c from r",
    );
    await sendCancel(internals.processID, internals.secretKey ^ 1);
    const r = await q;
    assert.equal(r.rows[0].c, "20000");
  } finally {
    await c.end();
  }
});

test("SET statement_timeout interrupts a long statement with 57014; RESET lifts it", async () => {
  const c = client();
  await c.connect();
  try {
    await c.query("set statement_timeout to 200");
    const shown = await c.query("show statement_timeout");
    assert.equal(shown.rows[0].statement_timeout, "200");
    const started = Date.now();
    await assert.rejects(
      c.query(
        "with recursive r(n) as (select 1 union all select n + 1 from r where n < 500000000) select count(*) from r",
      ),
      (e: Error & { code?: string }) => {
        assert.equal(e.code, "57014");
        assert.match(e.message, /statement timeout/);
        return true;
      },
    );
    assert.ok(Date.now() - started < 10_000);
    await c.query("reset statement_timeout");
    const r = await c.query("select count(*) as c from (select 1 as x union all select 2) t");
    assert.equal(r.rows[0].c, "2");
  } finally {
    await c.end();
  }
});

test("search_path decides where unqualified names resolve, in the binder and in catalog functions", async () => {
  const c = client();
  await c.connect();
  try {
    await c.query("create schema sp_a");
    await c.query("create table sp_a.only_here (x int)");
    await assert.rejects(c.query("select * from only_here"), { code: "42P01" });
    await c.query("set search_path to sp_a, public");
    const r = await c.query("select count(*) as c from only_here");
    assert.equal(r.rows[0].c, "0");
    const schemas = await c.query("select current_schema() as s");
    assert.equal(schemas.rows[0].s, "sp_a");
    const vis = await c.query(
      "select count(*) as c from pg_catalog.pg_class where relname = 'only_here' and pg_catalog.pg_table_is_visible(oid)",
    );
    assert.equal(vis.rows[0].c, "1");
  } finally {
    await c.end();
  }
});
