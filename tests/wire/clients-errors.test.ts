// tests/wire/clients-errors.test.ts
//! Bad input from real clients: wrong password (28P01), unknown user (28P01, indistinguishable
//! from a wrong password), unknown database (3D000), syntax errors with a position, unknown
//! table/column naming the object, and the session going on after every statement error.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import postgres from "postgres";
import { startServer, type TestServer } from "../helpers/server.js";

describe("client-visible errors", { timeout: 180_000 }, () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  async function connectError(overrides: { user?: string; password?: string; database?: string }) {
    const c = new pg.Client({ ...server.connection(overrides), connectionTimeoutMillis: 10_000 });
    c.on("error", () => {});
    try {
      await c.connect();
    } catch (e) {
      return e as { code?: string; message: string };
    } finally {
      await c.end().catch(() => {});
    }
    assert.fail("connect succeeded");
  }

  test("wrong password: 28P01", async () => {
    const e = await connectError({ password: "not-the-password" });
    assert.equal(e.code, "28P01");
    assert.match(e.message, /password authentication failed for user "admin"/);
  });

  test("unknown user: 28P01 as for a wrong password", async () => {
    const e = await connectError({ user: "nobody" });
    assert.equal(e.code, "28P01");
  });

  test("unknown database: 3D000", async () => {
    const e = await connectError({ database: "nosuchdb" });
    assert.equal(e.code, "3D000");
    assert.match(e.message, /nosuchdb/);
  });

  test("postgres.js sees the same codes", async () => {
    for (const [overrides, code] of [
      [{ password: "nope" }, "28P01"],
      [{ database: "nosuchdb" }, "3D000"],
    ] as const) {
      const sql = postgres({ ...server.connection(overrides), max: 1, connect_timeout: 10, onnotice: () => {} });
      try {
        await assert.rejects(sql`select 1`, { code });
      } finally {
        await sql.end({ timeout: 1 }).catch(() => {});
      }
    }
  });

  test("statement errors carry SQLSTATE, name the object, give syntax positions; the session goes on", async () => {
    const c = new pg.Client(server.connection());
    await c.connect();
    try {
      await c.query("create table known (a int)");
      const cases: { sql: string; code: string; names?: string; position?: number }[] = [
        { sql: "select * from unknown_tbl", code: "42P01", names: "unknown_tbl" },
        { sql: "select unknown_col from known", code: "42703", names: "unknown_col" },
        { sql: "insert into unknown_tbl values (1)", code: "42P01", names: "unknown_tbl" },
        { sql: "select 1 from known where", code: "42601" },
        { sql: "select * fron known", code: "42601", position: 10 },
        { sql: "select 1/0", code: "22012" },
        { sql: "select no_such_fn(1)", code: "42883", names: "no_such_fn" },
      ];
      const wrong: string[] = [];
      for (const k of cases) {
        const err = await c.query(k.sql).then(
          () => undefined,
          (e: pg.DatabaseError) => e,
        );
        if (!err) {
          wrong.push(`${k.sql}: no error`);
        } else {
          if (err.code !== k.code) wrong.push(`${k.sql}: expected ${k.code}, got ${err.code} ${err.message}`);
          if (k.names && !err.message.includes(k.names)) wrong.push(`${k.sql}: message does not name ${k.names}`);
          if (k.code === "42601" && !(Number(err.position) > 0)) wrong.push(`${k.sql}: syntax error without position`);
          if (k.position !== undefined && Number(err.position) !== k.position) {
            wrong.push(`${k.sql}: position ${err.position}, expected ${k.position}`);
          }
          if (err.severity !== "ERROR") wrong.push(`${k.sql}: severity ${err.severity}`);
        }
        const { rows } = await c.query("select count(*)::int as n from known");
        assert.deepEqual(rows, [{ n: 0 }], `session after ${k.sql}`);
      }
      assert.deepEqual(wrong, []);
    } finally {
      await c.end();
    }
  });

  test("an error in one session does not disturb another", async () => {
    const a = new pg.Client(server.connection());
    const b = new pg.Client(server.connection());
    await a.connect();
    await b.connect();
    try {
      await a.query("begin");
      await assert.rejects(a.query("select * from not_there"), { code: "42P01" });
      assert.deepEqual((await b.query("select 1 as x")).rows, [{ x: 1 }]);
      await assert.rejects(a.query("select 1"), { code: "25P02" });
      await a.query("rollback");
      assert.deepEqual((await a.query("select 2 as x")).rows, [{ x: 2 }]);
    } finally {
      await a.end();
      await b.end();
    }
  });
});
