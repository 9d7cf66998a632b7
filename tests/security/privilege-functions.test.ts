// tests/security/privilege-functions.test.ts
//! has_table_privilege, has_column_privilege, has_schema_privilege, has_database_privilege and
//! has_function_privilege answer with the checker the binder enforces with: for the current user
//! or a named one (name or usesysid), objects by name or oid, comma lists and WITH GRANT OPTION,
//! per row of a catalog query (dbt's guard over svv_table_info), uncommitted grants of the
//! session's own transaction, and Postgres' errors for unknown names. Also TEMP on databases:
//! PUBLIC holds it by default, CREATE TEMP TABLE needs it, REVOKE ... FROM PUBLIC takes effect.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { fails, one } from "../helpers/pg-assert.js";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let admin: pg.Client;
let bob: pg.Client;

before(async () => {
  server = await startServer();
  admin = new pg.Client(server.connection());
  await admin.connect();
  for (const sql of [
    "CREATE USER bob PASSWORD 'Bob12345'",
    "CREATE USER carol PASSWORD 'Carol123'",
    "CREATE SCHEMA s",
    "CREATE TABLE s.t (a int, b int)",
    "CREATE TABLE s.t2 (a int, b int)",
    "CREATE TABLE s.hidden (a int)",
    // svv_table_info lists tables that hold rows
    "INSERT INTO s.t VALUES (1, 2)",
    "INSERT INTO s.t2 VALUES (1, 2)",
    "INSERT INTO s.hidden VALUES (1)",
    "GRANT USAGE ON SCHEMA s TO bob",
    "GRANT SELECT ON s.t TO bob",
    "GRANT SELECT (a) ON s.t2 TO bob",
  ]) {
    await admin.query(sql);
  }
  bob = new pg.Client(server.connection({ user: "bob", password: "Bob12345" }));
  await bob.connect();
});

after(async () => {
  await bob?.end();
  await admin?.end();
  await server?.stop();
});

test("has_table_privilege for the current user: privileges, comma lists, WITH GRANT OPTION", async () => {
  assert.equal(await one(bob, "SELECT has_table_privilege('s.t', 'select')"), true);
  assert.equal(await one(bob, "SELECT has_table_privilege('s.t', 'SELECT')"), true);
  assert.equal(await one(bob, "SELECT has_table_privilege('s.t', 'insert')"), false);
  assert.equal(await one(bob, "SELECT has_table_privilege('s.t', 'insert, select')"), true);
  assert.equal(await one(bob, "SELECT has_table_privilege('s.t', 'select WITH GRANT OPTION')"), false);
  assert.equal(await one(bob, "SELECT has_table_privilege('s.hidden', 'select')"), false);
  // a column grant is not a table grant
  assert.equal(await one(bob, "SELECT has_table_privilege('s.t2', 'select')"), false);
  // an owner and a superuser hold everything, grant option included
  assert.equal(await one(admin, "SELECT has_table_privilege('s.hidden', 'delete WITH GRANT OPTION')"), true);
  await admin.query("GRANT INSERT ON s.t TO bob WITH GRANT OPTION");
  assert.equal(await one(bob, "SELECT has_table_privilege('s.t', 'insert with grant option')"), true);
  await admin.query("REVOKE INSERT ON s.t FROM bob");
  assert.equal(await one(bob, "SELECT has_table_privilege('s.t', 'insert')"), false);
});

test("another user by name or usesysid; a table by oid; one answer per row", async () => {
  assert.equal(await one(admin, "SELECT has_table_privilege('bob', 's.t', 'select')"), true);
  assert.equal(await one(admin, "SELECT has_table_privilege('carol', 's.t', 'select')"), false);
  const bobId = await one(admin, "SELECT usesysid FROM pg_user WHERE usename = 'bob'");
  assert.equal(await one(admin, `SELECT has_table_privilege(${bobId}, 's.t', 'select')`), true);
  const oid = await one(
    admin,
    "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 's' AND c.relname = 't'",
  );
  assert.equal(await one(admin, `SELECT has_table_privilege('bob', ${oid}, 'select')`), true);
  assert.equal(await one(bob, `SELECT has_table_privilege(${oid}, 'select')`), true);
  assert.equal(await one(bob, "SELECT has_table_privilege(999999999, 'select')"), null);
  const r = await admin.query(
    "SELECT tablename, has_table_privilege('bob', schemaname || '.' || tablename, 'select') AS sel " +
      "FROM pg_tables WHERE schemaname = 's' ORDER BY 1",
  );
  assert.deepEqual(
    r.rows.map((x) => [x.tablename, x.sel]),
    [
      ["hidden", false],
      ["t", true],
      ["t2", false],
    ],
  );
  // dbt's guard: only the tables the user may read
  const guarded = await bob.query(
    `SELECT "table" FROM svv_table_info WHERE "schema" = 's' AND has_table_privilege("schema" || '.' || "table", 'select') ORDER BY 1`,
  );
  assert.deepEqual(
    guarded.rows.map((x) => x.table),
    ["t"],
  );
});

test("has_column_privilege: the granted column, not the others", async () => {
  assert.equal(await one(bob, "SELECT has_column_privilege('s.t2', 'a', 'select')"), true);
  assert.equal(await one(bob, "SELECT has_column_privilege('s.t2', 'b', 'select')"), false);
  assert.equal(await one(bob, "SELECT has_column_privilege('s.t', 'b', 'select')"), true);
  assert.equal(await one(admin, "SELECT has_column_privilege('bob', 's.t2', 'a', 'update')"), false);
  await fails(bob, "SELECT has_column_privilege('s.t2', 'nope', 'select')", "42703");
});

test("has_schema_privilege, has_database_privilege and has_function_privilege", async () => {
  assert.equal(await one(bob, "SELECT has_schema_privilege('s', 'usage')"), true);
  assert.equal(await one(bob, "SELECT has_schema_privilege('s', 'create')"), false);
  assert.equal(await one(bob, "SELECT has_schema_privilege('public', 'create')"), true);
  assert.equal(await one(bob, "SELECT has_schema_privilege('pg_catalog', 'usage')"), true);
  assert.equal(await one(admin, "SELECT has_schema_privilege('carol', 's', 'usage')"), false);
  assert.equal(await one(bob, "SELECT has_database_privilege('dev', 'temp')"), true);
  assert.equal(await one(bob, "SELECT has_database_privilege('dev', 'temporary')"), true);
  assert.equal(await one(bob, "SELECT has_database_privilege('dev', 'create')"), false);
  assert.equal(await one(bob, "SELECT has_database_privilege('dev', 'connect')"), true);
  assert.equal(await one(bob, "SELECT has_function_privilege('upper(text)', 'execute')"), true);
  assert.equal(
    await one(admin, "SELECT has_function_privilege('bob', 'pg_catalog.format_type(oid, integer)', 'execute')"),
    true,
  );
  await fails(bob, "SELECT has_function_privilege('no_such_fn(int)', 'execute')", "42883");
});

test("the session's own uncommitted grants count; a revoke takes effect in an open session", async () => {
  await admin.query("BEGIN");
  await admin.query("GRANT UPDATE ON s.t TO bob");
  assert.equal(await one(admin, "SELECT has_table_privilege('bob', 's.t', 'update')"), true);
  assert.equal(await one(bob, "SELECT has_table_privilege('s.t', 'update')"), false);
  await admin.query("ROLLBACK");
  assert.equal(await one(admin, "SELECT has_table_privilege('bob', 's.t', 'update')"), false);
  await admin.query("REVOKE USAGE ON SCHEMA s FROM bob");
  assert.equal(await one(bob, "SELECT has_schema_privilege('s', 'usage')"), false);
  await admin.query("GRANT USAGE ON SCHEMA s TO bob");
});

test("unknown names and privileges fail as in Postgres", async () => {
  await fails(bob, "SELECT has_table_privilege('s.nope', 'select')", "42P01", /relation "s.nope" does not exist/);
  await fails(admin, "SELECT has_table_privilege('nobody', 's.t', 'select')", "42704", /"nobody" does not exist/);
  await fails(bob, "SELECT has_table_privilege('s.t', 'fly')", "22023", /unrecognized privilege type: "fly"/);
  await fails(bob, "SELECT has_schema_privilege('nope', 'usage')", "3F000");
  await fails(bob, "SELECT has_database_privilege('nope', 'temp')", "3D000");
  await fails(bob, `SELECT has_table_privilege('s."t', 'select')`, "22023");
});

test("TEMP on the database: PUBLIC holds it by default, REVOKE FROM PUBLIC takes effect, a grant restores it", async () => {
  await bob.query("CREATE TEMP TABLE tmp1 (a int)");
  await bob.query("DROP TABLE tmp1");
  await admin.query("REVOKE TEMP ON DATABASE dev FROM PUBLIC");
  assert.equal(await one(bob, "SELECT has_database_privilege('dev', 'temp')"), false);
  await fails(bob, "CREATE TEMP TABLE tmp2 (a int)", "42501", /permission denied for database dev/);
  await fails(bob, "CREATE TEMPORARY TABLE tmp2 AS SELECT 1 AS a", "42501");
  await admin.query("CREATE TEMP TABLE admin_tmp (a int)");
  await admin.query("GRANT TEMP ON DATABASE dev TO bob");
  await bob.query("CREATE TEMP TABLE tmp3 (a int)");
  await admin.query("REVOKE TEMP ON DATABASE dev FROM bob");
  await admin.query("GRANT TEMP ON DATABASE dev TO PUBLIC");
  assert.equal(await one(bob, "SELECT has_database_privilege('dev', 'temp')"), true);
});

test("EXECUTE: there are no user-defined functions, so GRANT/REVOKE on one names a missing routine (42883)", async () => {
  for (const sql of [
    "GRANT EXECUTE ON FUNCTION f_nope(int) TO bob",
    "REVOKE EXECUTE ON FUNCTION public.f_nope(varchar, int) FROM PUBLIC",
    "GRANT EXECUTE ON PROCEDURE p_nope() TO bob",
  ]) {
    await fails(admin, sql, "42883", /does not exist/);
  }
  // built-in functions stay executable by everyone
  assert.equal(await one(bob, "SELECT has_function_privilege('lower(text)', 'execute')"), true);
});
