// tests/wire/client-postgresjs.test.ts
//! postgres.js against the wire server: its named prepared statements, the pg_type probe it
//! sends first, cursors (Execute with a row limit -> PortalSuspended), unnamed statements with
//! prepare:false, the simple protocol via unsafe(), errors and transactions.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import postgres from "postgres";
import { type MemoryServer, PASSWORD, USER, startMemoryServer } from "../helpers/wire-server.js";

let srv: MemoryServer;
let sql: postgres.Sql;

before(async () => {
  srv = await startMemoryServer({ method: "scram-sha-256" });
  sql = postgres({ host: "127.0.0.1", port: srv.port, user: USER, password: PASSWORD, database: "dev", max: 1 });
});
after(async () => {
  await sql.end({ timeout: 1 });
  await srv.close();
});

test("postgres.js: tagged queries become named prepared statements and are reused", async () => {
  await sql.unsafe("delete from kv");
  for (const [k, v] of [
    [1, "one"],
    [2, "two"],
  ] as const) {
    await sql`insert into kv values (${k}, ${v})`;
  }
  const rows = await sql`select * from kv where k = ${2}`;
  assert.deepEqual([...rows], [{ k: 2, v: "two" }]);
  const all = await sql`select * from kv`;
  assert.deepEqual(
    all.map((r) => r.v),
    ["one", "two"],
  );
  assert.equal(all.count, 2);
  assert.equal(all.command, "SELECT");
});

test("postgres.js: cursor fetches in batches through PortalSuspended", async () => {
  const batches: number[] = [];
  let last = 0;
  await sql.begin(async (tx) => {
    await tx`select n from series(${25})`.cursor(10, (rows) => {
      batches.push(rows.length);
      last = rows.at(-1)!.n as number;
    });
  });
  assert.deepEqual(batches, [10, 10, 5]);
  assert.equal(last, 25);
});

test("postgres.js: prepare:false uses unnamed statements", async () => {
  const q = postgres({
    host: "127.0.0.1",
    port: srv.port,
    user: USER,
    password: PASSWORD,
    database: "dev",
    prepare: false,
    fetch_types: false,
    max: 1,
  });
  const r = await q`select ${"hello"} as greeting`;
  assert.equal(r[0]!.greeting, "hello");
  await q.end({ timeout: 1 });
});

test("postgres.js: simple protocol via unsafe() with several statements", async () => {
  const r = await sql.unsafe("select 1 as a; select 2 as b").simple();
  assert.deepEqual(
    (r as unknown as postgres.RowList<postgres.Row[]>[]).map((x) => [...x]),
    [[{ a: 1 }], [{ b: 2 }]],
  );
});

test("postgres.js: errors carry SQLSTATE and position; transactions roll back", async () => {
  await assert.rejects(sql`select * from missing`, (e: postgres.PostgresError) => {
    assert.equal(e.code, "42P01");
    assert.equal(e.position, "15");
    return true;
  });
  await assert.rejects(
    sql.begin(async (tx) => {
      await tx`insert into kv values (${9}, ${"nine"})`;
      await tx.unsafe("select 1/0");
    }),
    { code: "22012" },
  );
  const r = await sql`select n from series(${3})`;
  assert.equal(r.length, 3);
});
