// tests/security/alter-table.test.ts
//! ALTER TABLE needs the owner, a superuser or the ALTER privilege (42501 otherwise), as in
//! Redshift; a granted ALTER reaches every ALTER TABLE action.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let admin: pg.Client;
let eve: pg.Client;

before(async () => {
  server = await startServer();
  admin = new pg.Client(server.connection());
  await admin.connect();
  await admin.query("CREATE USER eve PASSWORD 'Eve12345'");
  await admin.query("CREATE TABLE owned (a int, b varchar(10))");
  await admin.query("GRANT SELECT ON owned TO eve");
  eve = new pg.Client(server.connection({ user: "eve", password: "Eve12345" }));
  await eve.connect();
});

after(async () => {
  await eve?.end();
  await admin?.end();
  await server?.stop();
});

test("a user without ALTER on the table gets 42501; with it, the change goes through", async () => {
  for (const sql of [
    "ALTER TABLE owned ADD COLUMN c int",
    "ALTER TABLE owned DROP COLUMN b",
    "ALTER TABLE owned RENAME TO mine",
    "ALTER TABLE owned RENAME COLUMN a TO x",
    "ALTER TABLE owned ALTER COLUMN b TYPE varchar(20)",
    "ALTER TABLE owned ALTER DISTSTYLE EVEN",
  ]) {
    await assert.rejects(eve.query(sql), (e: { code?: string; message: string }) => {
      assert.equal(e.code, "42501", sql);
      assert.match(e.message, /must be owner of relation owned/);
      return true;
    });
  }
  await admin.query("GRANT ALTER ON owned TO eve");
  await eve.query("ALTER TABLE owned ADD COLUMN c int DEFAULT 3");
  await eve.query("ALTER TABLE owned ALTER COLUMN b TYPE varchar(20)");
  const r = await admin.query(`SELECT "column", type FROM pg_table_def WHERE tablename = 'owned' ORDER BY "column"`);
  assert.deepEqual(
    r.rows.map((x) => [x.column, x.type]),
    [
      ["a", "integer"],
      ["b", "character varying(20)"],
      ["c", "integer"],
    ],
  );
  await admin.query("REVOKE ALTER ON owned FROM eve");
  await assert.rejects(eve.query("ALTER TABLE owned DROP COLUMN c"), (e: { code?: string }) => e.code === "42501");
});
