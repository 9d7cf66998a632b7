// tests/session/notices.test.ts
//! Statements that find nothing to do say so with a NoticeResponse before their tag, as Postgres
//! and Redshift do; the client sees them as notices, not errors.

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

test("IF EXISTS / IF NOT EXISTS and stray transaction control raise notices and warnings", async () => {
  const c = new pg.Client(server.connection());
  const notices: { severity?: string; code?: string; message?: string }[] = [];
  c.on("notice", (n) => notices.push({ severity: n.severity, code: n.code, message: n.message }));
  await c.connect();
  try {
    await c.query("drop table if exists no_such_table");
    await c.query("create table present (x int)");
    await c.query("create table if not exists present (x int)");
    await c.query("drop schema if exists no_such_schema");
    await c.query("commit");
    await c.query("begin");
    await c.query("begin");
    await c.query("rollback");
    assert.deepEqual(notices, [
      { severity: "NOTICE", code: "00000", message: 'table "no_such_table" does not exist, skipping' },
      { severity: "NOTICE", code: "42P07", message: 'relation "present" already exists, skipping' },
      { severity: "NOTICE", code: "00000", message: 'schema "no_such_schema" does not exist, skipping' },
      { severity: "WARNING", code: "25P01", message: "there is no transaction in progress" },
      { severity: "WARNING", code: "25001", message: "there is already a transaction in progress" },
    ]);
  } finally {
    await c.end();
  }
});
