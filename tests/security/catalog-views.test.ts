// tests/security/catalog-views.test.ts
//! What the system views show of users, groups, roles, grants and RLS: pg_group, svv_roles,
//! svv_user_grants, svv_role_grants, svv_relation_privileges, svv_column_privileges,
//! svv_rls_policy, svv_rls_attached_policy.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let admin: pg.Client;

before(async () => {
  server = await startServer();
  admin = new pg.Client(server.connection());
  await admin.connect();
  for (const sql of [
    "CREATE USER ann PASSWORD 'Passw0rd1'",
    "CREATE USER bob PASSWORD 'Passw0rd1'",
    "CREATE GROUP readers WITH USER ann, bob",
    "CREATE GROUP empty_group",
    "CREATE ROLE analyst",
    "CREATE ROLE senior",
    "GRANT ROLE analyst TO ann WITH ADMIN OPTION",
    "GRANT ROLE analyst TO ROLE senior",
    "CREATE TABLE t (a int, b int)",
    "GRANT SELECT, INSERT ON t TO ann WITH GRANT OPTION",
    "GRANT SELECT ON t TO GROUP readers",
    "GRANT UPDATE (b) ON t TO ROLE analyst",
    "CREATE RLS POLICY p WITH (a INT) AS x USING (x.a > 0)",
    "ATTACH RLS POLICY p ON t TO bob",
    "ALTER TABLE t ROW LEVEL SECURITY ON",
  ]) {
    await admin.query(sql);
  }
});

after(async () => {
  await admin?.end();
  await server?.stop();
});

const rows = async (sql: string) => (await admin.query({ text: sql, rowMode: "array" })).rows;

test("pg_group lists members by usesysid", async () => {
  const ids = await rows("SELECT usesysid FROM pg_user WHERE usename IN ('ann', 'bob') ORDER BY usesysid");
  const got = await rows("SELECT groname, array_to_string(grolist, ',') FROM pg_group ORDER BY groname");
  assert.deepEqual(got, [
    ["empty_group", null],
    ["readers", ids.map((r) => r[0]).join(",")],
  ]);
});

test("roles and who holds them", async () => {
  assert.deepEqual(await rows("SELECT role_name, role_owner FROM svv_roles ORDER BY 1"), [
    ["analyst", "admin"],
    ["senior", "admin"],
  ]);
  assert.deepEqual(await rows("SELECT user_name, role_name, admin_option FROM svv_user_grants"), [
    ["ann", "analyst", true],
  ]);
  assert.deepEqual(await rows("SELECT role_name, granted_role_name FROM svv_role_grants"), [["senior", "analyst"]]);
});

test("relation and column privileges", async () => {
  assert.deepEqual(
    await rows(
      "SELECT relation_name, privilege_type, identity_name, identity_type, admin_option FROM svv_relation_privileges ORDER BY 2, 3",
    ),
    [
      ["t", "INSERT", "ann", "user", true],
      ["t", "SELECT", "ann", "user", true],
      ["t", "SELECT", "readers", "group", false],
    ],
  );
  assert.deepEqual(await rows("SELECT column_name, privilege_type, identity_name FROM svv_column_privileges"), [
    ["b", "UPDATE", "analyst"],
  ]);
});

test("RLS policies and attachments", async () => {
  assert.deepEqual(await rows("SELECT poldb, polname, polalias, polqual FROM svv_rls_policy"), [
    ["dev", "p", "x", "x.a > 0"],
  ]);
  assert.deepEqual(
    await rows(
      "SELECT relname, polname, grantee, granteekind, is_rls_on, rls_conjuntion_type FROM svv_rls_attached_policy",
    ),
    [["t", "p", "bob", "user", true, "and"]],
  );
});

test("stl_userlog records user changes", async () => {
  await admin.query("ALTER USER bob CREATEDB");
  await admin.query("ALTER USER bob RENAME TO robert");
  await admin.query("CREATE USER tmp_user PASSWORD 'Passw0rd1'");
  await admin.query("DROP USER tmp_user");
  assert.deepEqual(
    await rows(
      "SELECT username, oldusername, action, usecreatedb FROM stl_userlog WHERE username IN ('ann', 'bob', 'robert', 'tmp_user') ORDER BY recordtime, action",
    ),
    [
      ["ann", "", "create", 0],
      ["bob", "", "create", 0],
      ["bob", "", "alter", 1],
      ["robert", "bob", "rename", 1],
      ["tmp_user", "", "create", 0],
      ["tmp_user", "", "drop", 0],
    ],
  );
});
