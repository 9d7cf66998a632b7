// tests/security/privileges.test.ts
//! GRANT/REVOKE enforced over the wire, each user on their own node-postgres connection: per
//! privilege and object kind the grantee can, a non-grantee gets 42501 naming the object, a
//! revoke takes effect in an open session, column grants hide exactly the other columns, views
//! read their tables with the owner's rights, grants reach groups, roles and PUBLIC, WITH GRANT
//! OPTION lets a grantee grant on, default privileges reach new tables, superusers bypass.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let admin: pg.Client;
const clients: pg.Client[] = [];

async function connect(user: string, database = "dev"): Promise<pg.Client> {
  const c = new pg.Client(server.connection({ user, password: "Passw0rd1", database }));
  await c.connect();
  clients.push(c);
  return c;
}

async function denied(c: pg.Client, sql: string, object: RegExp): Promise<void> {
  await assert.rejects(c.query(sql), (e: { code?: string; message: string }) => {
    assert.equal(e.code, "42501", `${sql}: ${e.message}`);
    assert.match(e.message, object);
    return true;
  });
}

const rows = async (c: pg.Client, sql: string) => (await c.query(sql)).rows;

before(async () => {
  server = await startServer();
  admin = await connect(server.user).catch(async () => {
    const c = new pg.Client(server.connection());
    await c.connect();
    return c;
  });
  for (const u of ["ann", "bob", "cat", "dan", "eve", "fay"])
    await admin.query(`CREATE USER ${u} PASSWORD 'Passw0rd1'`);
  await admin.query("CREATE TABLE sales (id int, region varchar(10), amount int, secret varchar(20))");
  await admin.query("INSERT INTO sales VALUES (1, 'east', 10, 'x'), (2, 'west', 20, 'y')");
});

after(async () => {
  for (const c of clients) await c.end().catch(() => {});
  await admin?.end().catch(() => {});
  await server?.stop();
});

test("SELECT: the grantee reads, others get 42501, a revoke bites in an open session", async () => {
  const ann = await connect("ann");
  const bob = await connect("bob");
  await denied(ann, "SELECT * FROM sales", /permission denied for relation sales/);
  await admin.query("GRANT SELECT ON sales TO ann");
  assert.deepEqual(await rows(ann, "SELECT id FROM sales ORDER BY id"), [{ id: 1 }, { id: 2 }]);
  await denied(bob, "SELECT id FROM sales", /relation sales/);
  // subqueries, CTEs, joins and set operations all reach the table
  await denied(bob, "SELECT 1 WHERE EXISTS (SELECT 1 FROM sales)", /relation sales/);
  await denied(bob, "WITH s AS (SELECT * FROM sales) SELECT count(*) FROM s", /relation sales/);
  await denied(bob, "SELECT 1 FROM (SELECT 1) x JOIN sales ON true", /relation sales/);
  await denied(bob, "SELECT 1 UNION ALL SELECT id FROM public.sales", /relation sales/);
  await admin.query("REVOKE SELECT ON sales FROM ann");
  await denied(ann, "SELECT id FROM sales", /relation sales/);
});

test("INSERT, UPDATE, DELETE, TRUNCATE each need their own privilege", async () => {
  const cat = await connect("cat");
  await admin.query("CREATE TABLE t_dml (a int, b int)");
  await denied(cat, "INSERT INTO t_dml VALUES (1, 1)", /relation t_dml/);
  await admin.query("GRANT INSERT ON TABLE t_dml TO cat");
  await cat.query("INSERT INTO t_dml VALUES (1, 1), (2, 2)");
  await denied(cat, "UPDATE t_dml SET b = 5", /relation t_dml/);
  await admin.query("GRANT UPDATE ON t_dml TO cat");
  await cat.query("UPDATE t_dml SET b = 5");
  // reading a column in WHERE needs SELECT
  await denied(cat, "UPDATE t_dml SET b = 6 WHERE a = 1", /relation t_dml/);
  await denied(cat, "DELETE FROM t_dml", /relation t_dml/);
  await admin.query("GRANT DELETE, SELECT ON t_dml TO cat");
  await cat.query("UPDATE t_dml SET b = 6 WHERE a = 1");
  await cat.query("DELETE FROM t_dml WHERE a = 2");
  assert.deepEqual(await rows(cat, "SELECT a, b FROM t_dml"), [{ a: 1, b: 6 }]);
  await assert.rejects(cat.query("TRUNCATE t_dml"), (e: { code?: string }) => e.code === "42501");
  await admin.query("GRANT TRUNCATE ON t_dml TO cat");
  await cat.query("TRUNCATE t_dml");
  assert.deepEqual(await rows(admin, "SELECT count(*)::int AS n FROM t_dml"), [{ n: 0 }]);
  await assert.rejects(
    cat.query("DROP TABLE t_dml"),
    (e: { code?: string; message: string }) => e.code === "42501" && /must be owner of relation t_dml/.test(e.message),
  );
  await admin.query("GRANT ALL ON t_dml TO cat");
  await cat.query("DROP TABLE t_dml");
});

test("column grants: exactly the granted columns are readable; SELECT * is denied", async () => {
  const dan = await connect("dan");
  await admin.query("GRANT SELECT (id, region) ON sales TO dan");
  assert.deepEqual(await rows(dan, "SELECT id, region FROM sales ORDER BY id"), [
    { id: 1, region: "east" },
    { id: 2, region: "west" },
  ]);
  assert.deepEqual(await rows(dan, "SELECT count(*)::int AS n FROM sales WHERE region = 'east'"), [{ n: 1 }]);
  await denied(dan, "SELECT amount FROM sales", /relation sales/);
  await denied(dan, "SELECT id FROM sales WHERE secret = 'x'", /relation sales/);
  await denied(dan, "SELECT * FROM sales", /relation sales/);
  await admin.query("GRANT UPDATE (amount) ON sales TO dan");
  await dan.query("UPDATE sales SET amount = amount + 0 WHERE id = 99").catch((e) => {
    assert.equal(e.code, "42501"); // reading amount needs SELECT on it
  });
  await dan.query("UPDATE sales SET amount = 10 WHERE id = 1");
  await denied(dan, "UPDATE sales SET secret = 'z' WHERE id = 1", /relation sales/);
  await admin.query("REVOKE SELECT (region) ON sales FROM dan");
  await denied(dan, "SELECT region FROM sales", /relation sales/);
  assert.deepEqual(await rows(dan, "SELECT id FROM sales WHERE id = 1"), [{ id: 1 }]);
});

test("views run with their owner's rights", async () => {
  const eve = await connect("eve");
  await admin.query("CREATE VIEW east_sales AS SELECT id, amount FROM sales WHERE region = 'east'");
  await denied(eve, "SELECT * FROM east_sales", /relation east_sales/);
  await admin.query("GRANT SELECT ON east_sales TO eve");
  assert.deepEqual(await rows(eve, "SELECT id FROM east_sales"), [{ id: 1 }]);
  await denied(eve, "SELECT id FROM sales", /relation sales/);
  // a late-binding view too
  await admin.query("CREATE VIEW lb_sales AS SELECT id FROM public.sales WITH NO SCHEMA BINDING");
  await admin.query("GRANT SELECT ON lb_sales TO eve");
  assert.deepEqual(await rows(eve, "SELECT id FROM lb_sales ORDER BY id"), [{ id: 1 }, { id: 2 }]);
  // a user's own view over a table they cannot read does not help them
  await admin.query("GRANT CREATE ON SCHEMA public TO eve");
  await denied(eve, "CREATE VIEW mine AS SELECT * FROM sales", /relation sales/);
});

test("grants to groups, roles (nested) and PUBLIC", async () => {
  const fay = await connect("fay");
  await admin.query("CREATE TABLE g_t (a int)");
  await admin.query("INSERT INTO g_t VALUES (7)");
  await admin.query("CREATE GROUP readers");
  await admin.query("GRANT SELECT ON g_t TO GROUP readers");
  await denied(fay, "SELECT a FROM g_t", /relation g_t/);
  await admin.query("ALTER GROUP readers ADD USER fay");
  assert.deepEqual(await rows(fay, "SELECT a FROM g_t"), [{ a: 7 }]);
  await admin.query("ALTER GROUP readers DROP USER fay");
  await denied(fay, "SELECT a FROM g_t", /relation g_t/);

  await admin.query("CREATE ROLE r_inner");
  await admin.query("CREATE ROLE r_outer");
  await admin.query("GRANT SELECT ON g_t TO ROLE r_inner");
  await admin.query("GRANT ROLE r_inner TO ROLE r_outer");
  await admin.query("GRANT ROLE r_outer TO fay");
  assert.deepEqual(await rows(fay, "SELECT a FROM g_t"), [{ a: 7 }]);
  await admin.query("REVOKE ROLE r_outer FROM fay");
  await denied(fay, "SELECT a FROM g_t", /relation g_t/);

  await admin.query("GRANT SELECT ON g_t TO PUBLIC");
  assert.deepEqual(await rows(fay, "SELECT a FROM g_t"), [{ a: 7 }]);
  await admin.query("REVOKE SELECT ON g_t FROM PUBLIC");
  await denied(fay, "SELECT a FROM g_t", /relation g_t/);
});

test("WITH GRANT OPTION lets a grantee grant on; without it they cannot", async () => {
  const ann = await connect("ann");
  const bob = await connect("bob");
  await admin.query("CREATE TABLE go_t (a int)");
  await admin.query("GRANT SELECT ON go_t TO ann");
  await denied(ann, "GRANT SELECT ON go_t TO bob", /relation public.go_t/);
  await admin.query("GRANT SELECT ON go_t TO ann WITH GRANT OPTION");
  await ann.query("GRANT SELECT ON go_t TO bob");
  assert.deepEqual(await rows(bob, "SELECT count(*)::int AS n FROM go_t"), [{ n: 0 }]);
  await assert.rejects(
    admin.query("GRANT SELECT ON go_t TO GROUP readers WITH GRANT OPTION"),
    (e: { code?: string }) => e.code === "0LP01",
  );
  // bob's grant hangs on ann's option: RESTRICT refuses (2BP01), CASCADE takes it too
  await assert.rejects(
    admin.query("REVOKE GRANT OPTION FOR SELECT ON go_t FROM ann"),
    (e: { code?: string }) => e.code === "2BP01",
  );
  await admin.query("REVOKE GRANT OPTION FOR SELECT ON go_t FROM ann CASCADE");
  await denied(bob, "SELECT count(*) FROM go_t", /go_t/);
  await denied(ann, "GRANT SELECT ON go_t TO cat", /go_t/);
  assert.deepEqual(await rows(ann, "SELECT count(*)::int AS n FROM go_t"), [{ n: 0 }]);
});

test("schemas need USAGE (and CREATE to create in them); databases need CREATE for schemas", async () => {
  const bob = await connect("bob");
  await admin.query("CREATE SCHEMA private");
  await admin.query("CREATE TABLE private.p (a int)");
  await admin.query("GRANT SELECT ON private.p TO bob");
  await denied(bob, "SELECT a FROM private.p", /permission denied for schema private/);
  await admin.query("GRANT USAGE ON SCHEMA private TO bob");
  assert.deepEqual(await rows(bob, "SELECT a FROM private.p"), []);
  await denied(bob, "CREATE TABLE private.mine (a int)", /schema private/);
  await admin.query("GRANT CREATE ON SCHEMA private TO bob");
  await bob.query("CREATE TABLE private.mine (a int)");
  await bob.query("INSERT INTO private.mine VALUES (1)");
  assert.deepEqual(await rows(bob, "SELECT a FROM private.mine"), [{ a: 1 }]);
  await denied(bob, "CREATE SCHEMA bobs", /permission denied for database dev/);
  await admin.query("GRANT CREATE ON DATABASE dev TO bob");
  await bob.query("CREATE SCHEMA bobs");
  await denied(bob, "DROP SCHEMA private", /must be owner of schema private/);
  // the owner of a table has all rights on it; another user has none
  const cat = await connect("cat");
  await denied(cat, "SELECT a FROM private.mine", /schema private/);
});

test("ALTER DEFAULT PRIVILEGES reach tables created afterwards; OWNER TO moves ownership", async () => {
  const ann = await connect("ann");
  await admin.query("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO ann");
  await admin.query("CREATE TABLE later_t (a int)");
  assert.deepEqual(await rows(ann, "SELECT count(*)::int AS n FROM later_t"), [{ n: 0 }]);
  await admin.query("ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM ann");
  await admin.query("CREATE TABLE later_u (a int)");
  await denied(ann, "SELECT a FROM later_u", /relation later_u/);
  await admin.query("ALTER TABLE later_u OWNER TO ann");
  assert.deepEqual(await rows(ann, "SELECT count(*)::int AS n FROM later_u"), [{ n: 0 }]);
  await ann.query("DROP TABLE later_u");
});

test("superusers bypass every check; system catalogs stay readable", async () => {
  const bob = await connect("bob");
  await admin.query("CREATE TABLE su_t (a int)");
  await admin.query("ALTER TABLE su_t OWNER TO ann");
  assert.deepEqual(await rows(admin, "SELECT count(*)::int AS n FROM su_t"), [{ n: 0 }]);
  assert.ok((await rows(bob, "SELECT relname FROM pg_class WHERE relname = 'su_t'")).length === 1);
  await denied(bob, "SELECT a FROM su_t", /relation su_t/);
  await admin.query("ALTER USER bob CREATEUSER");
  assert.deepEqual(await rows(bob, "SELECT count(*)::int AS n FROM su_t"), [{ n: 0 }]);
  await admin.query("ALTER USER bob NOCREATEUSER");
});

test("GRANT on objects that do not exist, bad privileges and unknown grantees", async () => {
  const fail = async (sql: string, code: string) =>
    assert.rejects(admin.query(sql), (e: { code?: string; message: string }) => {
      assert.equal(e.code, code, e.message);
      return true;
    });
  await fail("GRANT SELECT ON nosuch TO ann", "42P01");
  await fail("GRANT USAGE ON sales TO ann", "0LP01");
  await fail("GRANT SELECT ON sales TO nobody", "42704");
  await fail("GRANT SELECT (nocol) ON sales TO ann", "42703");
  await fail("GRANT USAGE ON SCHEMA nosuch TO ann", "3F000");
  await fail("GRANT CREATE ON DATABASE nosuch TO ann", "3D000");
});

test("a user's own tables and temporary tables need no grants", async () => {
  const cat = await connect("cat");
  await cat.query("CREATE TEMP TABLE scratch (a int)");
  await cat.query("INSERT INTO scratch VALUES (1)");
  assert.deepEqual(await rows(cat, "SELECT a FROM scratch"), [{ a: 1 }]);
  await cat.query("CREATE TABLE cats_own (a int)");
  await cat.query("INSERT INTO cats_own SELECT a FROM scratch");
  assert.deepEqual(await rows(cat, "SELECT a FROM cats_own"), [{ a: 1 }]);
  await cat.query("DROP TABLE cats_own");
});
