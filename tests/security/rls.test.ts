// tests/security/rls.test.ts
//! Row-level security over the wire: policies attached to users, roles and PUBLIC filter every
//! query shape (plain, joins, subqueries, CTEs, views, set operations, CTAS), UPDATE and DELETE
//! touch only visible rows, RLS on without a policy shows nothing, superusers see everything,
//! and switching RLS off or detaching a policy takes effect in open sessions.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let admin: pg.Client;
let ann: pg.Client;
let bob: pg.Client;

async function connect(user: string, password: string): Promise<pg.Client> {
  const c = new pg.Client(server.connection({ user, password }));
  await c.connect();
  return c;
}

const ids = async (c: pg.Client, sql: string) => (await c.query(sql)).rows.map((r) => Number(Object.values(r)[0]));

before(async () => {
  server = await startServer();
  admin = await connect(server.user, server.password);
  for (const u of ["ann", "bob"]) await admin.query(`CREATE USER ${u} PASSWORD 'Passw0rd1'`);
  await admin.query("CREATE TABLE orders (id int, region varchar(10), amount int)");
  await admin.query(
    "INSERT INTO orders VALUES (1, 'east', 10), (2, 'east', 500), (3, 'west', 20), (4, 'west', 700), (5, 'north', 5)",
  );
  await admin.query("CREATE TABLE regions (region varchar(10), manager varchar(10))");
  await admin.query("INSERT INTO regions VALUES ('east', 'ann'), ('west', 'bob'), ('north', 'bob')");
  await admin.query("GRANT SELECT, UPDATE, DELETE ON orders TO ann, bob");
  await admin.query("GRANT SELECT ON regions TO ann, bob");
  await admin.query("CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100");
  await admin.query("GRANT SELECT ON big_orders TO ann, bob");
  await admin.query("CREATE RLS POLICY east_only WITH (region VARCHAR(10)) AS o USING (o.region = 'east')");
  await admin.query("CREATE RLS POLICY small_only WITH (amount INT) USING (amount < 100)");
  await admin.query("CREATE ROLE analysts");
  await admin.query("GRANT ROLE analysts TO bob");
  await admin.query("ATTACH RLS POLICY east_only ON orders TO ann");
  await admin.query("ATTACH RLS POLICY small_only ON orders TO ROLE analysts");
  await admin.query("ALTER TABLE orders ROW LEVEL SECURITY ON");
  ann = await connect("ann", "Passw0rd1");
  bob = await connect("bob", "Passw0rd1");
});

after(async () => {
  for (const c of [ann, bob, admin]) await c?.end().catch(() => {});
  await server?.stop();
});

test("each user sees only the rows their policies allow; superusers see all", async () => {
  assert.deepEqual(await ids(ann, "SELECT id FROM orders ORDER BY id"), [1, 2]);
  assert.deepEqual(await ids(bob, "SELECT id FROM orders ORDER BY id"), [1, 3, 5]);
  assert.deepEqual(await ids(admin, "SELECT id FROM orders ORDER BY id"), [1, 2, 3, 4, 5]);
  assert.deepEqual(await ids(ann, "SELECT count(*) FROM orders"), [2]);
});

test("no query shape escapes the filter", async () => {
  const shapes = [
    "SELECT o.id FROM orders o JOIN regions r ON r.region = o.region ORDER BY 1",
    "SELECT id FROM regions r, orders WHERE orders.region = r.region ORDER BY 1",
    "SELECT id FROM (SELECT * FROM orders) s ORDER BY 1",
    "SELECT id FROM orders WHERE id IN (SELECT id FROM orders) ORDER BY 1",
    "WITH c AS (SELECT id FROM orders) SELECT id FROM c ORDER BY 1",
    "SELECT id FROM orders UNION SELECT id FROM orders ORDER BY 1",
    "SELECT (SELECT max(id) FROM orders) AS id",
  ];
  for (const sql of shapes) {
    const got = await ids(ann, sql);
    assert.ok(got.every((id) => id === 1 || id === 2) && got.length > 0, `${sql}: ${got}`);
  }
  // a view reads the table with RLS applied for the querying user
  assert.deepEqual(await ids(ann, "SELECT id FROM big_orders ORDER BY id"), [2]);
  // CTAS copies only visible rows
  await admin.query("GRANT CREATE ON SCHEMA public TO ann");
  await ann.query("CREATE TABLE ann_copy AS SELECT * FROM orders");
  assert.deepEqual(await ids(admin, "SELECT id FROM ann_copy ORDER BY id"), [1, 2]);
});

test("UPDATE and DELETE touch only visible rows", async () => {
  const u = await ann.query("UPDATE orders SET amount = amount + 1");
  assert.equal(u.rowCount, 2);
  const d = await bob.query("DELETE FROM orders WHERE id = 4");
  assert.equal(d.rowCount, 0);
  assert.deepEqual(await ids(admin, "SELECT amount FROM orders ORDER BY id"), [11, 501, 20, 700, 5]);
});

test("OR conjunction, no policy means no rows, switching off and detaching bite at once", async () => {
  await admin.query("ATTACH RLS POLICY small_only ON orders TO ann");
  assert.deepEqual(await ids(ann, "SELECT id FROM orders ORDER BY id"), [1]);
  await admin.query("ALTER TABLE orders ROW LEVEL SECURITY ON CONJUNCTION TYPE OR");
  assert.deepEqual(await ids(ann, "SELECT id FROM orders ORDER BY id"), [1, 2, 3, 5]);
  await admin.query("DETACH RLS POLICY small_only ON orders FROM ann");
  await admin.query("DETACH RLS POLICY east_only ON orders FROM ann");
  assert.deepEqual(await ids(ann, "SELECT id FROM orders"), []);
  await admin.query("ALTER TABLE orders ROW LEVEL SECURITY OFF");
  assert.deepEqual(await ids(ann, "SELECT id FROM orders ORDER BY id"), [1, 2, 3, 4, 5]);
});

test("only superusers manage policies; errors name what is wrong", async () => {
  const code = async (c: pg.Client, sql: string) =>
    c.query(sql).then(
      () => "ok",
      (e: { code?: string }) => e.code,
    );
  assert.equal(await code(ann, "CREATE RLS POLICY mine USING (true)"), "42501");
  assert.equal(await code(ann, "ALTER TABLE orders ROW LEVEL SECURITY OFF"), "42501");
  assert.equal(await code(admin, "CREATE RLS POLICY east_only USING (true)"), "42710");
  assert.equal(await code(admin, "ATTACH RLS POLICY nosuch ON orders TO ann"), "42704");
  assert.equal(await code(admin, "ATTACH RLS POLICY east_only ON regions2 TO ann"), "42P01");
  await admin.query("CREATE RLS POLICY bad_cols WITH (nope INT) USING (nope = 1)");
  assert.equal(await code(admin, "ATTACH RLS POLICY bad_cols ON orders TO ann"), "42703");
  assert.equal(await code(admin, "DROP RLS POLICY small_only"), "2BP01");
  assert.equal(await code(admin, "DROP RLS POLICY small_only CASCADE"), "ok");
  assert.equal(await code(admin, "DROP RLS POLICY IF EXISTS small_only"), "ok");
  assert.equal(await code(admin, "ALTER RLS POLICY east_only USING (o.region = 'west')"), "ok");
});

test("the result cache never hands one user's rows to another", async () => {
  await admin.query("CREATE TABLE cached (id int, region varchar(10))");
  await admin.query("INSERT INTO cached VALUES (1, 'east'), (2, 'west'), (3, 'east')");
  await admin.query("GRANT SELECT ON cached TO ann, bob");
  await admin.query("CREATE RLS POLICY cache_east WITH (region VARCHAR(10)) USING (region = 'east')");
  await admin.query("ATTACH RLS POLICY cache_east ON cached TO ann");
  await admin.query("ALTER TABLE cached ROW LEVEL SECURITY ON");
  const sql = "SELECT id FROM cached ORDER BY id";
  assert.deepEqual(await ids(admin, sql), [1, 2, 3]);
  assert.deepEqual(await ids(admin, sql), [1, 2, 3]);
  assert.deepEqual(await ids(ann, sql), [1, 3]);
  assert.deepEqual(await ids(ann, sql), [1, 3]);
  assert.deepEqual(await ids(bob, sql), []);
  assert.deepEqual(await ids(admin, sql), [1, 2, 3]);
});
