// tests/security/maintenance-privileges.test.ts
//! VACUUM and ANALYZE need a superuser, the table's owner or the database's owner. Anyone else's
//! named table is skipped with a WARNING (42501) and left as it was; a database-wide run passes
//! over it quietly and still does the caller's own tables.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let admin: pg.Client;
let eve: pg.Client;
const eveNotices: { severity?: string; code?: string; message?: string }[] = [];

before(async () => {
  server = await startServer();
  admin = new pg.Client(server.connection());
  await admin.connect();
  await admin.query("CREATE USER eve PASSWORD 'Eve12345'");
  await admin.query("GRANT CREATE ON SCHEMA public TO eve");
  await admin.query("CREATE TABLE owned (id int, ts date) SORTKEY (ts)");
  await admin.query("GRANT ALL ON owned TO eve");
  eve = new pg.Client(server.connection({ user: "eve", password: "Eve12345" }));
  eve.on("notice", (n) => eveNotices.push(n));
  await eve.connect();
  await eve.query("CREATE TABLE mine (id int, ts date) SORTKEY (ts)");
  // Rows in reverse sort-key order: half of each table is unsorted until a VACUUM re-sorts it.
  for (const t of ["owned", "mine"]) {
    await eve.query(`INSERT INTO ${t} VALUES (1, '2024-01-02'), (2, '2024-01-03')`);
    await eve.query(`INSERT INTO ${t} VALUES (3, '2024-01-01'), (4, '2024-01-01')`);
  }
});

after(async () => {
  await eve?.end();
  await admin?.end();
  await server?.stop();
});

async function info(table: string): Promise<{ unsorted: string; stats_off: string }> {
  const r = await admin.query(`SELECT unsorted, stats_off FROM svv_table_info WHERE "table" = $1`, [table]);
  assert.equal(r.rows.length, 1, table);
  return r.rows[0];
}

async function run(sql: string): Promise<{ tag: string | null; notices: string[] }> {
  eveNotices.length = 0;
  const r = await eve.query(sql);
  return { tag: r.command, notices: eveNotices.map((n) => `${n.severity} ${n.code} ${n.message}`) };
}

test("VACUUM and ANALYZE of another user's table are skipped with a warning; the table is unchanged", async () => {
  assert.equal((await info("owned")).unsorted, "50.00");
  const v = await run("VACUUM owned");
  assert.equal(v.tag, "VACUUM");
  assert.deepEqual(v.notices, ['WARNING 42501 skipping "owned" --- only table or database owner can vacuum it']);
  assert.equal((await info("owned")).unsorted, "50.00");

  const a = await run("ANALYZE owned");
  assert.equal(a.tag, "ANALYZE");
  assert.deepEqual(a.notices, ['WARNING 42501 skipping "owned" --- only table or database owner can analyze it']);
  assert.equal((await info("owned")).stats_off, "100.00");
});

test("a database-wide VACUUM/ANALYZE does the caller's own tables and quietly passes over others", async () => {
  const v = await run("VACUUM");
  assert.deepEqual(v.notices, []);
  const a = await run("ANALYZE");
  assert.deepEqual(a.notices, []);
  assert.deepEqual(await info("mine"), { unsorted: "0.00", stats_off: "0.00" });
  assert.deepEqual(await info("owned"), { unsorted: "50.00", stats_off: "100.00" });
});

test("the database's owner and a superuser may vacuum and analyze any table", async () => {
  await admin.query("ALTER DATABASE dev OWNER TO eve");
  try {
    const v = await run("VACUUM owned");
    assert.deepEqual(v.notices, []);
    assert.equal((await info("owned")).unsorted, "0.00");
  } finally {
    await admin.query("ALTER DATABASE dev OWNER TO admin");
  }
  await eve.query("INSERT INTO owned VALUES (5, '2023-12-31')");
  assert.notEqual((await info("owned")).stats_off, "0.00");
  await admin.query("ANALYZE owned");
  assert.equal((await info("owned")).stats_off, "0.00");
});
