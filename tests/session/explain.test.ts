// tests/session/explain.test.ts
//! EXPLAIN in Redshift's shape over the wire: XN nodes with cost/rows/width, and join labels that
//! follow the tables' distribution styles.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let c: pg.Client;
before(async () => {
  server = await startServer();
  c = new pg.Client(server.connection());
  await c.connect();
  await c.query("create table sales (listid int distkey, qty int, saletime timestamp) sortkey (saletime)");
  await c.query("create table listing (listid int distkey, price int)");
  await c.query("create table cal (d int, label varchar(10)) diststyle all");
  await c.query("create table events (e int, listid int) diststyle even");
  await c.query("insert into sales select n % 100, n, '2020-01-01' from generate_series(1, 5000) as g(n)");
  await c.query("insert into listing select n, n % 10 from generate_series(1, 200) as g(n)");
  await c.query("insert into cal select n, 'd' || n from generate_series(1, 50) as g(n)");
  await c.query("insert into events select n, n % 200 from generate_series(1, 3000) as g(n)");
});
after(async () => {
  await c?.end();
  await server?.stop();
});

async function plan(sql: string): Promise<string[]> {
  const r = await c.query(`explain ${sql}`);
  assert.deepEqual(
    r.fields.map((f) => f.name),
    ["QUERY PLAN"],
  );
  return r.rows.map((row: { "QUERY PLAN": string }) => row["QUERY PLAN"]);
}

const NODE = /^\s*(->\s+)?XN [A-Za-z ]+(DS_[A-Z_]+)?\s+\(cost=\d+\.\d\d\.\.\d+\.\d\d rows=\d+ width=\d+\)$/;

test("a collocated join on both tables' DISTKEY moves no data; ORDER BY goes through the leader", async () => {
  const lines = await plan(
    "select l.listid, sum(s.qty) from sales s join listing l on s.listid = l.listid group by l.listid order by 2 desc",
  );
  assert.match(lines[0] ?? "", /^XN Merge {2}\(cost=/);
  assert.ok(lines.some((l) => /XN Network/.test(l)));
  assert.ok(lines.some((l) => /Send to leader/.test(l)));
  assert.ok(lines.some((l) => /XN Sort .*\n?/.test(l)));
  assert.ok(lines.some((l) => /XN HashAggregate/.test(l)));
  assert.ok(
    lines.some((l) => /XN Hash Join DS_DIST_NONE/.test(l)),
    lines.join("\n"),
  );
  assert.ok(lines.some((l) => /Hash Cond: \(listid = listid\)/.test(l)));
  assert.ok(
    lines.some((l) => /XN Seq Scan on sales .*rows=5000/.test(l)),
    lines.join("\n"),
  );
  for (const l of lines.filter((x) => x.includes("XN "))) assert.match(l, NODE);
});

test("an inner table with DISTSTYLE ALL needs no movement; EVEN joined to KEY redistributes the EVEN side", async () => {
  const all = await plan("select count(*) from events e join cal on e.e = cal.d");
  assert.match(all[0] ?? "", /^XN Aggregate/);
  assert.ok(
    all.some((l) => /DS_DIST_ALL_NONE/.test(l)),
    all.join("\n"),
  );
  const even = await plan("select * from events e join listing l on e.listid = l.listid");
  assert.ok(
    even.some((l) => /XN Hash Join DS_DIST_OUTER/.test(l)),
    even.join("\n"),
  );
});

test("a filter shows under its scan, and EXPLAIN of an unknown table is 42P01", async () => {
  const lines = await plan("select * from listing where price > 3");
  assert.match(lines[0] ?? "", /^XN Seq Scan on listing/);
  assert.ok(
    lines.some((l) => /^\s+Filter: \(.*price.*\)$/.test(l)),
    lines.join("\n"),
  );
  await assert.rejects(c.query("explain select * from nowhere"), { code: "42P01" });
});
