// tests/security/function-privileges.test.ts
//! EXECUTE on scalar SQL UDFs: PUBLIC holds it on a new function, as in Redshift; REVOKE ...
//! FROM PUBLIC takes it away (also from a session already open), GRANT EXECUTE ON FUNCTION
//! f(types) gives it to a user, a group or a role; calling without it fails 42501 naming the
//! function; has_function_privilege answers for UDFs; only the owner or a superuser may
//! CREATE OR REPLACE or DROP it; ALTER DEFAULT PRIVILEGES ... ON FUNCTIONS reaches new ones.
//! https://docs.aws.amazon.com/redshift/latest/dg/udf-security-and-privileges.html

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { fails, one } from "../helpers/pg-assert.js";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let admin: pg.Client;
let bob: pg.Client;
let carol: pg.Client;

before(async () => {
  server = await startServer();
  admin = new pg.Client(server.connection());
  await admin.connect();
  for (const sql of [
    "CREATE USER bob PASSWORD 'Bob12345'",
    "CREATE USER carol PASSWORD 'Carol123'",
    "CREATE GROUP analysts WITH USER carol",
    "CREATE FUNCTION f_double (int) RETURNS int IMMUTABLE AS $$ SELECT $1 * 2 $$ LANGUAGE sql",
    "CREATE FUNCTION f_double (varchar) RETURNS varchar IMMUTABLE AS $$ SELECT $1 || $1 $$ LANGUAGE sql",
  ]) {
    await admin.query(sql);
  }
  bob = new pg.Client(server.connection({ user: "bob", password: "Bob12345" }));
  await bob.connect();
  carol = new pg.Client(server.connection({ user: "carol", password: "Carol123" }));
  await carol.connect();
});

after(async () => {
  await carol?.end();
  await bob?.end();
  await admin?.end();
  await server?.stop();
});

test("PUBLIC may run a new function; REVOKE FROM PUBLIC takes effect in an open session", async () => {
  assert.equal(await one(bob, "SELECT f_double(21)"), 42);
  assert.equal(await one(bob, "SELECT has_function_privilege('f_double(integer)', 'execute')"), true);
  await admin.query("REVOKE EXECUTE ON FUNCTION f_double(int) FROM PUBLIC");
  await fails(bob, "SELECT f_double(21)", "42501", /permission denied for function f_double/);
  assert.equal(await one(bob, "SELECT has_function_privilege('f_double(int4)', 'execute')"), false);
  // The other overload keeps its own grant.
  assert.equal(await one(bob, "SELECT f_double('ab')"), "abab");
  // The owner (admin, a superuser) still may.
  assert.equal(await one(admin, "SELECT f_double(4)"), 8);
});

test("GRANT EXECUTE to a user and a group; REVOKE from the user", async () => {
  await admin.query("GRANT EXECUTE ON FUNCTION f_double(integer) TO bob");
  assert.equal(await one(bob, "SELECT f_double(5)"), 10);
  assert.equal(await one(admin, "SELECT has_function_privilege('bob', 'public.f_double(int)', 'execute')"), true);
  await fails(carol, "SELECT f_double(5)", "42501", /f_double/);
  await admin.query("GRANT EXECUTE ON FUNCTION f_double(int) TO GROUP analysts");
  assert.equal(await one(carol, "SELECT f_double(6)"), 12);
  await admin.query("REVOKE EXECUTE ON FUNCTION f_double(int) FROM bob");
  await fails(bob, "SELECT f_double(5)", "42501");
  await fails(admin, "GRANT EXECUTE ON FUNCTION f_double(boolean) TO bob", "42883", /f_double\(boolean\)/);
  await fails(admin, "GRANT SELECT ON FUNCTION f_double(int) TO bob", "0LP01");
});

test("only the owner or a superuser may replace or drop a function", async () => {
  await admin.query("GRANT CREATE ON SCHEMA public TO bob");
  await bob.query("CREATE FUNCTION f_bob () RETURNS int STABLE AS $$ SELECT 7 $$ LANGUAGE sql");
  assert.equal(await one(carol, "SELECT f_bob()"), 7);
  await fails(
    carol,
    "CREATE OR REPLACE FUNCTION f_bob () RETURNS int STABLE AS $$ SELECT 8 $$ LANGUAGE sql",
    "42501",
    /must be owner of function f_bob/,
  );
  await fails(carol, "DROP FUNCTION f_bob()", "42501", /must be owner of function f_bob/);
  // The owner grants and revokes on their own function.
  await bob.query("REVOKE EXECUTE ON FUNCTION f_bob() FROM PUBLIC");
  await fails(carol, "SELECT f_bob()", "42501");
  await admin.query("CREATE OR REPLACE FUNCTION f_bob () RETURNS int STABLE AS $$ SELECT 9 $$ LANGUAGE sql");
  // Replacing keeps the owner and the grants.
  assert.equal(await one(bob, "SELECT f_bob()"), 9);
  await fails(carol, "SELECT f_bob()", "42501");
  await bob.query("DROP FUNCTION f_bob()");
  await fails(bob, "SELECT f_bob()", "42883");
});

test("ALTER DEFAULT PRIVILEGES ... GRANT EXECUTE ON FUNCTIONS reaches functions created later", async () => {
  await admin.query("ALTER DEFAULT PRIVILEGES FOR USER bob GRANT EXECUTE ON FUNCTIONS TO carol");
  await bob.query("CREATE FUNCTION f_later () RETURNS int STABLE AS $$ SELECT 3 $$ LANGUAGE sql");
  await bob.query("REVOKE EXECUTE ON FUNCTION f_later() FROM PUBLIC");
  assert.equal(await one(carol, "SELECT f_later()"), 3);
  await admin.query("CREATE USER dave PASSWORD 'Dave1234'");
  const dave = new pg.Client(server.connection({ user: "dave", password: "Dave1234" }));
  await dave.connect();
  try {
    await fails(dave, "SELECT f_later()", "42501");
  } finally {
    await dave.end();
  }
});
