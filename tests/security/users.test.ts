// tests/security/users.test.ts
//! Users, groups and roles over the wire with node-postgres: CREATE/ALTER/DROP USER and what
//! authentication makes of them (passwords in every form, DISABLE, VALID UNTIL, CONNECTION
//! LIMIT, RENAME), who may manage users, groups and roles, and GRANT/REVOKE ROLE.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { fails } from "../helpers/pg-assert.js";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let admin: pg.Client;

async function connect(user: string, password: string, database = "dev"): Promise<pg.Client> {
  const c = new pg.Client(server.connection({ user, password, database }));
  await c.connect();
  return c;
}

async function loginError(user: string, password: string): Promise<{ code?: string; message: string }> {
  const c = new pg.Client(server.connection({ user, password }));
  try {
    await c.connect();
  } catch (e) {
    return e as { code?: string; message: string };
  } finally {
    await c.end().catch(() => {});
  }
  throw new Error(`login of ${user} succeeded`);
}

before(async () => {
  server = await startServer();
  admin = await connect(server.user, server.password);
});

after(async () => {
  await admin?.end();
  await server?.stop();
});

test("CREATE USER with a plain password: the user logs in, a wrong password does not", async () => {
  const r = await admin.query("CREATE USER alice PASSWORD 'Alice1234'");
  assert.equal(r.command, "CREATE");
  const alice = await connect("alice", "Alice1234");
  const who = await alice.query("SELECT current_user");
  assert.equal(who.rows[0].current_user, "alice");
  await alice.end();
  const e = await loginError("alice", "wrong");
  assert.equal(e.code, "28P01");
  await fails(admin, "CREATE USER alice PASSWORD 'Alice1234'", "42710", /user "alice" already exists/);
  await fails(admin, "CREATE USER weak PASSWORD 'short'", "22023", /between 8 and 64/);
});

test("md5 and sha256 password forms", async () => {
  // md5 of 'Bob12345' + 'bob'
  const { createHash } = await import("node:crypto");
  const md5 = `md5${createHash("md5").update("Bob12345bob").digest("hex")}`;
  await admin.query(`CREATE USER bob PASSWORD '${md5}'`);
  const bob = await connect("bob", "Bob12345");
  await bob.end();
  await admin.query("CREATE USER carl PASSWORD 'sha256|Carl1234'");
  const carl = await connect("carl", "Carl1234");
  await carl.end();
  // Only Redshift's salted digest: the password travels in clear and is checked against it.
  const digest = createHash("sha256").update("Dave1234salty").digest("hex");
  await admin.query(`CREATE USER dave PASSWORD 'sha256|${digest}|salty'`);
  const dave = await connect("dave", "Dave1234");
  assert.equal((await dave.query("select current_user as u")).rows[0].u, "dave");
  await dave.end();
  assert.equal((await loginError("dave", "Dave12345")).code, "28P01");
  assert.equal((await loginError("dave", "")).code, "28P01");
});

test("PASSWORD DISABLE, VALID UNTIL and CONNECTION LIMIT decide who gets in", async () => {
  await admin.query("CREATE USER dora PASSWORD 'Dora1234' CONNECTION LIMIT 1");
  const d1 = await connect("dora", "Dora1234");
  const e = await loginError("dora", "Dora1234");
  assert.equal(e.code, "53300");
  await d1.end();
  await new Promise((r) => setTimeout(r, 100));
  await admin.query("ALTER USER dora CONNECTION LIMIT UNLIMITED");
  const [a, b] = [await connect("dora", "Dora1234"), await connect("dora", "Dora1234")];
  await a.end();
  await b.end();

  await admin.query("ALTER USER dora PASSWORD DISABLE");
  assert.equal((await loginError("dora", "Dora1234")).code, "28P01");
  await admin.query("ALTER USER dora PASSWORD 'Dora5678'");
  (await connect("dora", "Dora5678")).end();

  await admin.query("ALTER USER dora VALID UNTIL '2001-01-01'");
  assert.equal((await loginError("dora", "Dora5678")).code, "28P01");
  await admin.query("ALTER USER dora VALID UNTIL 'infinity'");
  (await connect("dora", "Dora5678")).end();
  await fails(admin, "ALTER USER dora VALID UNTIL 'someday'", "22007");
});

test("only superusers manage users; a user may change their own password", async () => {
  await admin.query("CREATE USER eve PASSWORD 'Eve12345'");
  const eve = await connect("eve", "Eve12345");
  await fails(eve, "CREATE USER mallory PASSWORD 'Mallory12'", "42501", /permission denied to create user/);
  await fails(eve, "ALTER USER eve CREATEUSER", "42501");
  await fails(eve, "DROP USER alice", "42501");
  await fails(eve, "CREATE GROUP g1", "42501");
  await fails(eve, "CREATE ROLE r1", "42501");
  await eve.query("ALTER USER eve PASSWORD 'Eve67890'");
  await eve.end();
  (await connect("eve", "Eve67890")).end();

  await admin.query("ALTER USER eve CREATEUSER");
  const su = await connect("eve", "Eve67890");
  await su.query("CREATE USER frank PASSWORD 'Frank1234' CREATEDB");
  await su.query("DROP USER frank");
  await su.end();
  await admin.query("ALTER USER eve NOCREATEUSER");
});

test("RENAME TO and DROP USER", async () => {
  await admin.query("CREATE USER gus PASSWORD 'Gus12345'");
  await admin.query("ALTER USER gus RENAME TO gustav");
  // the md5 hash was salted with the old name; SCRAM still works
  (await connect("gustav", "Gus12345")).end();
  assert.equal((await loginError("gus", "Gus12345")).code, "28P01");
  await admin.query("DROP USER gustav");
  assert.equal((await loginError("gustav", "Gus12345")).code, "28P01");
  await fails(admin, "DROP USER gustav", "42704", /user "gustav" does not exist/);
  const r = await admin.query("DROP USER IF EXISTS gustav");
  assert.equal(r.command, "DROP");
  await fails(admin, `DROP USER ${server.user}`, "55006");
  await admin.query("CREATE USER owner1 PASSWORD 'Owner1234'");
  const o = await connect("owner1", "Owner1234");
  await o.query("CREATE TABLE owned_by_owner1 (a int)");
  await o.end();
  await fails(admin, "DROP USER owner1", "2BP01", /owns some object/);
});

test("groups: CREATE GROUP, ALTER GROUP ADD/DROP USER, RENAME, DROP", async () => {
  await admin.query("CREATE USER hal PASSWORD 'Hal12345' IN GROUP nosuch").catch((e) => assert.equal(e.code, "42704"));
  await admin.query("CREATE GROUP analysts WITH USER alice");
  await admin.query("CREATE USER hal PASSWORD 'Hal12345' IN GROUP analysts");
  await admin.query("ALTER GROUP analysts ADD USER bob, carl");
  await admin.query("ALTER GROUP analysts DROP USER carl");
  await fails(admin, "ALTER GROUP analysts ADD USER nobody", "42704", /user "nobody" does not exist/);
  await fails(admin, "CREATE GROUP analysts", "42710");
  await admin.query("ALTER GROUP analysts RENAME TO readers");
  await fails(admin, "DROP GROUP analysts", "42704");
  await admin.query("CREATE GROUP tmpgroup");
  await admin.query("DROP GROUP tmpgroup");
});

test("roles: CREATE ROLE, GRANT ROLE to users and roles, circular grants refused, DROP ROLE", async () => {
  await admin.query("CREATE ROLE reporting");
  await admin.query("CREATE ROLE finance");
  await admin.query("GRANT ROLE reporting TO ROLE finance");
  await admin.query("GRANT ROLE finance TO alice");
  await fails(admin, "GRANT ROLE finance TO ROLE reporting", "0LP01", /circular/);
  await fails(admin, "GRANT ROLE reporting TO ROLE reporting", "0LP01");
  await fails(admin, "CREATE ROLE reporting", "42710");
  await fails(admin, "CREATE ROLE alice", "42710");
  await fails(admin, 'CREATE ROLE "sys:mine"', "42939");
  await fails(admin, "GRANT ROLE nosuch TO alice", "42704");
  await fails(admin, "DROP ROLE finance", "2BP01");
  await admin.query("REVOKE ROLE finance FROM alice");
  await admin.query("REVOKE ROLE reporting FROM ROLE finance");
  await admin.query("DROP ROLE finance");
  await admin.query("GRANT ROLE reporting TO bob");
  await admin.query("DROP ROLE reporting FORCE");
});

test("GRANT ROLE sys:superuser makes a superuser", async () => {
  await admin.query("CREATE USER ivy PASSWORD 'Ivy12345'");
  const ivy = await connect("ivy", "Ivy12345");
  await fails(ivy, "CREATE USER jay PASSWORD 'Jay12345'", "42501");
  await admin.query("GRANT ROLE sys:superuser TO ivy");
  await ivy.query("CREATE USER jay PASSWORD 'Jay12345'");
  await admin.query("REVOKE ROLE sys:superuser FROM ivy");
  await fails(ivy, "DROP USER jay", "42501");
  await ivy.end();
});

test("statements roll back inside a failed transaction block", async () => {
  await admin.query("BEGIN");
  await admin.query("CREATE USER kim PASSWORD 'Kim12345'");
  await admin.query("ROLLBACK");
  assert.equal((await loginError("kim", "Kim12345")).code, "28P01");
});

test("a wrong user and a wrong password look the same to a client (no user enumeration)", async () => {
  const unknown = await loginError("no_such_user", "Whatever1");
  const wrong = await loginError("alice", "Whatever1");
  assert.equal(unknown.code, wrong.code);
  assert.equal(unknown.message.replace("no_such_user", "X"), wrong.message.replace("alice", "X"));
  // a disabled password and an expired account fail the same way too
  await admin.query("CREATE USER zed PASSWORD 'Zed12345' VALID UNTIL '2000-01-01'");
  const expired = await loginError("zed", "Zed12345");
  assert.equal(expired.message.replace("zed", "X"), wrong.message.replace("alice", "X"));
});
