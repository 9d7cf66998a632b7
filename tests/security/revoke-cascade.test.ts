// tests/security/revoke-cascade.test.ts
//! REVOKE ... CASCADE / RESTRICT and REVOKE GRANT OPTION FOR: grants made through a grant option
//! go with it under CASCADE (recursively), and without CASCADE the REVOKE fails with 2BP01; a
//! grantor who still holds the option another way keeps their grants. Views check their owner's
//! rights when queried: an owner who lost SELECT on the base table makes the view fail with 42501
//! naming the base table.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { fails } from "../helpers/pg-assert.js";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let admin: pg.Client;
const users = new Map<string, pg.Client>();

async function as(user: string): Promise<pg.Client> {
  let c = users.get(user);
  if (!c) {
    c = new pg.Client(server.connection({ user, password: "Passw0rdX" }));
    await c.connect();
    users.set(user, c);
  }
  return c;
}

async function may(user: string, table: string, privilege = "select"): Promise<boolean> {
  const r = await admin.query(`SELECT has_table_privilege('${user}', '${table}', '${privilege}') AS ok`);
  return r.rows[0].ok;
}

before(async () => {
  server = await startServer();
  admin = new pg.Client(server.connection());
  await admin.connect();
  for (const u of ["ann", "ben", "cat", "dan", "vo", "reader"])
    await admin.query(`CREATE USER ${u} PASSWORD 'Passw0rdX'`);
  await admin.query("CREATE TABLE t (a int)");
  await admin.query("INSERT INTO t VALUES (1)");
});

after(async () => {
  for (const c of users.values()) await c.end();
  await admin?.end();
  await server?.stop();
});

test("REVOKE without CASCADE fails with 2BP01 while grants depend on the option; CASCADE takes them all", async () => {
  await admin.query("GRANT SELECT ON t TO ann WITH GRANT OPTION");
  await (await as("ann")).query("GRANT SELECT ON t TO ben WITH GRANT OPTION");
  await (await as("ben")).query("GRANT SELECT ON t TO cat");
  await fails(admin, "REVOKE SELECT ON t FROM ann", "2BP01", /dependent privileges exist/);
  await fails(admin, "REVOKE SELECT ON t FROM ann RESTRICT", "2BP01");
  await fails(admin, "REVOKE GRANT OPTION FOR SELECT ON t FROM ann", "2BP01");
  assert.deepEqual([await may("ann", "t"), await may("ben", "t"), await may("cat", "t")], [true, true, true]);
  await admin.query("REVOKE SELECT ON t FROM ann CASCADE");
  assert.deepEqual([await may("ann", "t"), await may("ben", "t"), await may("cat", "t")], [false, false, false]);
  await fails(await as("cat"), "SELECT * FROM t", "42501");
});

test("REVOKE GRANT OPTION FOR ... CASCADE keeps the privilege, drops the option and what hung on it", async () => {
  await admin.query("GRANT SELECT ON t TO ann WITH GRANT OPTION");
  await (await as("ann")).query("GRANT SELECT ON t TO ben");
  await admin.query("REVOKE GRANT OPTION FOR SELECT ON t FROM ann CASCADE");
  assert.equal(await may("ann", "t"), true);
  assert.equal(await may("ann", "t", "select with grant option"), false);
  assert.equal(await may("ben", "t"), false);
  await fails(await as("ann"), "GRANT SELECT ON t TO ben", "42501");
  assert.deepEqual((await (await as("ann")).query("SELECT a FROM t")).rows, [{ a: 1 }]);
});

test("a grant whose grantor still holds the option another way is not dependent", async () => {
  await admin.query("GRANT INSERT ON t TO ann WITH GRANT OPTION");
  await admin.query("GRANT INSERT ON t TO dan WITH GRANT OPTION");
  await (await as("ann")).query("GRANT INSERT ON t TO ben");
  // dan's option does not carry ann's grant: revoking from dan needs no CASCADE
  await admin.query("REVOKE INSERT ON t FROM dan");
  assert.equal(await may("ben", "t", "insert"), true);
  // a revoke with no dependents needs no CASCADE either
  await admin.query("REVOKE INSERT ON t FROM ben");
  await admin.query("REVOKE INSERT ON t FROM ann");
  assert.equal(await may("ann", "t", "insert"), false);
});

test("a view checks its owner's rights when queried: the owner lost SELECT -> 42501 naming the base table", async () => {
  await admin.query("CREATE TABLE base (x int)");
  await admin.query("INSERT INTO base VALUES (7)");
  await admin.query("GRANT SELECT ON base TO vo");
  await admin.query("GRANT CREATE ON SCHEMA public TO vo");
  await (await as("vo")).query("CREATE VIEW v AS SELECT x FROM base");
  await (await as("vo")).query("GRANT SELECT ON v TO reader");
  const reader = await as("reader");
  assert.deepEqual((await reader.query("SELECT x FROM v")).rows, [{ x: 7 }]);
  await fails(reader, "SELECT x FROM base", "42501", /permission denied for relation base/);
  await admin.query("REVOKE SELECT ON base FROM vo");
  await fails(reader, "SELECT x FROM v", "42501", /permission denied for relation base/);
  await fails(await as("vo"), "SELECT x FROM v", "42501", /relation base/);
  await admin.query("GRANT SELECT ON base TO vo");
  assert.deepEqual((await reader.query("SELECT x FROM v")).rows, [{ x: 7 }]);
});
