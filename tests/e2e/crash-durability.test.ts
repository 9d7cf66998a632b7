// tests/e2e/crash-durability.test.ts
//! SIGKILL the server in the middle of an insert batch and restart it on the same data dir:
//! every committed transaction is there, complete; the uncommitted one is not there at all.
//! Three rounds: a deterministic one (kill while a transaction is open and a statement is in
//! flight), a timed one (kill at an arbitrary moment while batches commit back to back), and a
//! graceful restart that must keep every kind of catalog object.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

const ROWS_PER_BATCH = 40;

function batchInsert(batch: number, from: number, count: number): string {
  const rows = Array.from({ length: count }, (_, k) => `(${batch}, ${from + k}, 'payload-${batch}-${from + k}')`);
  return `insert into batches values ${rows.join(", ")}`;
}

async function connect(server: TestServer): Promise<pg.Client> {
  const c = new pg.Client({ ...server.connection(), connectionTimeoutMillis: 10_000 });
  c.on("error", () => {});
  await c.connect();
  return c;
}

/** batch -> row count, as the restarted server sees it. */
async function batchCounts(server: TestServer): Promise<Map<number, number>> {
  const c = await connect(server);
  try {
    const { rows } = await c.query(
      "select batch, count(*)::int as n, count(distinct i)::int as d from batches group by batch order by batch",
    );
    const out = new Map<number, number>();
    for (const r of rows as { batch: number; n: number; d: number }[]) {
      assert.equal(r.n, r.d, `batch ${r.batch} has duplicate rows`);
      out.set(r.batch, r.n);
    }
    return out;
  } finally {
    await c.end().catch(() => {});
  }
}

/** One explicit transaction: BEGIN, two multi-row INSERTs, COMMIT. */
async function commitBatch(c: pg.Client, batch: number): Promise<void> {
  await c.query("begin");
  await c.query(batchInsert(batch, 0, ROWS_PER_BATCH / 2));
  await c.query(batchInsert(batch, ROWS_PER_BATCH / 2, ROWS_PER_BATCH / 2));
  await c.query("commit");
}

describe("durability across restarts (SIGKILL mid-batch, and graceful)", { timeout: 180_000 }, () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  test("committed batches survive, the open one vanishes", async () => {
    const c = await connect(server);
    await c.query("create table batches (batch int not null, i int not null, payload varchar(64))");
    const committed: number[] = [];
    for (let b = 1; b <= 15; b++) {
      await commitBatch(c, b);
      committed.push(b);
    }
    await c.query("begin");
    await c.query("create table kept (a int)");
    await c.query("insert into kept values (1)");
    await c.query("commit");
    // Batch 16: open, partly inserted, with uncommitted DDL, and a further insert in flight
    // when the process dies.
    await c.query("begin");
    await c.query(batchInsert(16, 0, ROWS_PER_BATCH / 2));
    await c.query("create table ghost (a int)");
    await c.query("insert into kept values (2)");
    const inFlight = c.query(batchInsert(16, ROWS_PER_BATCH / 2, ROWS_PER_BATCH / 2)).catch(() => undefined);
    await server.kill9();
    await inFlight;
    await c.end().catch(() => {});

    await server.restart();
    const counts = await batchCounts(server);
    assert.deepEqual([...counts.keys()], committed, "exactly the committed batches are present");
    for (const b of committed) assert.equal(counts.get(b), ROWS_PER_BATCH, `batch ${b} is complete`);

    // Committed DDL is there; DDL and rows of the open transaction are not.
    const c2 = await connect(server);
    assert.deepEqual((await c2.query("select a from kept")).rows, [{ a: 1 }]);
    await assert.rejects(c2.query("select * from ghost"), { code: "42P01" });
    // The restarted server takes writes again.
    await commitBatch(c2, 17);
    await c2.end();
    assert.equal((await batchCounts(server)).get(17), ROWS_PER_BATCH);
  });

  test("a kill at an arbitrary moment loses no acknowledged commit and leaves no partial batch", async () => {
    const c = await connect(server);
    const before = await batchCounts(server);
    const acknowledged: number[] = [];
    let stop = false;
    let batch = 100;
    const loop = (async () => {
      while (!stop) {
        const b = batch++;
        try {
          await commitBatch(c, b);
          acknowledged.push(b);
        } catch {
          return b;
        }
      }
      return -1;
    })();
    // Let a number of batches commit, then kill while the loop is busy.
    const started = Date.now();
    while (acknowledged.length < 10 && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 7 + Math.floor(Math.random() * 40)));
    await server.kill9();
    stop = true;
    const inFlight = await loop;
    await c.end().catch(() => {});
    assert.ok(acknowledged.length >= 10, `only ${acknowledged.length} batches committed before the kill`);

    await server.restart();
    const counts = await batchCounts(server);
    for (const [b, n] of before) assert.equal(counts.get(b), n, `earlier batch ${b} intact`);
    for (const b of acknowledged) assert.equal(counts.get(b), ROWS_PER_BATCH, `acknowledged batch ${b} is complete`);
    for (const [b, n] of counts) {
      if (before.has(b) || acknowledged.includes(b)) continue;
      // Only the batch whose COMMIT was in flight may be there, and then complete.
      assert.equal(b, inFlight, `unexpected batch ${b} after restart`);
      assert.equal(n, ROWS_PER_BATCH, `in-flight batch ${b} is all or nothing`);
    }
  });

  test("a graceful restart keeps tables, attributes, views, schemas and identity counters", async () => {
    const c = await connect(server);
    await c.query("create schema keep_s");
    await c.query(
      "create table keep_s.items (id bigint identity(1, 1), name varchar(10) not null, price decimal(8,2)) distkey(name) sortkey(id)",
    );
    await c.query("insert into keep_s.items (name, price) values ('a', 1.50), ('b', 2.25)");
    await c.query("create view keep_s.pricey as select name from keep_s.items where price > 2");
    await c.end();

    await server.restart();
    const c2 = await connect(server);
    try {
      assert.deepEqual((await c2.query("select name from keep_s.pricey")).rows, [{ name: "b" }]);
      await c2.query("set search_path to keep_s");
      const def = await c2.query(
        `select "column", type, distkey, sortkey from pg_table_def where tablename = 'items' order by "column"`,
      );
      assert.deepEqual(def.rows, [
        { column: "id", type: "bigint", distkey: false, sortkey: 1 },
        { column: "name", type: "character varying(10)", distkey: true, sortkey: 0 },
        { column: "price", type: "numeric(8,2)", distkey: false, sortkey: 0 },
      ]);
      await c2.query("insert into keep_s.items (name, price) values ('c', 3.00)");
      const ids = await c2.query("select count(*)::int as n, count(distinct id)::int as d from keep_s.items");
      assert.deepEqual(ids.rows, [{ n: 3, d: 3 }]);
      await assert.rejects(c2.query("insert into keep_s.items (price) values (1)"), { code: "23502" });
    } finally {
      await c2.end();
    }
  });
});
