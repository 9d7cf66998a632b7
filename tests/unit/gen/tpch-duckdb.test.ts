// tests/unit/gen/tpch-duckdb.test.ts
//! Generated SF 0.01 data read by DuckDB: referential integrity, key uniqueness, derived
//! columns, and the 22 TPC-H queries each returning rows.

import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { tpchQueries } from "../../../bench/tpch/queries.js";
import { generateTpch, TPCH_SCHEMA } from "../../../src/gen/index.js";

let dir = "";
let db: DuckDBInstance;
let c: DuckDBConnection;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "tpch-duckdb-test-"));
  const files = await generateTpch({ sf: 0.01, outDir: dir });
  db = await DuckDBInstance.create(":memory:");
  c = await db.connect();
  for (const t of TPCH_SCHEMA) {
    const f = files.find((x) => x.table === t.name);
    assert.ok(f);
    await c.run(`CREATE TABLE ${t.name} (${t.columns.map((col) => `${col.name} ${col.type}`).join(", ")})`);
    await c.run(`COPY ${t.name} FROM '${f.file}' (DELIMITER '|', HEADER false)`);
  }
});
after(async () => {
  c?.closeSync();
  db?.closeSync();
  await rm(dir, { recursive: true, force: true });
});

async function scalar(sql: string): Promise<number> {
  const r = await c.runAndReadAll(sql);
  return Number(r.getRows()[0]?.[0]);
}

test("every foreign key has its parent row", async () => {
  const orphans: Record<string, string> = {
    "lineitem.l_orderkey": "select count(*) from lineitem where l_orderkey not in (select o_orderkey from orders)",
    "lineitem (partkey, suppkey) in partsupp":
      "select count(*) from lineitem l where not exists (select 1 from partsupp where ps_partkey = l.l_partkey and ps_suppkey = l.l_suppkey)",
    "partsupp.ps_partkey": "select count(*) from partsupp where ps_partkey not in (select p_partkey from part)",
    "partsupp.ps_suppkey": "select count(*) from partsupp where ps_suppkey not in (select s_suppkey from supplier)",
    "orders.o_custkey": "select count(*) from orders where o_custkey not in (select c_custkey from customer)",
    "customer.c_nationkey": "select count(*) from customer where c_nationkey not in (select n_nationkey from nation)",
    "supplier.s_nationkey": "select count(*) from supplier where s_nationkey not in (select n_nationkey from nation)",
    "nation.n_regionkey": "select count(*) from nation where n_regionkey not in (select r_regionkey from region)",
    "orders without line items":
      "select count(*) from orders where o_orderkey not in (select l_orderkey from lineitem)",
  };
  for (const [what, sql] of Object.entries(orphans)) assert.equal(await scalar(sql), 0, what);
});

test("text values fit their declared VARCHAR/CHAR lengths", async () => {
  for (const t of TPCH_SCHEMA) {
    for (const col of t.columns) {
      const m = /^(?:VAR)?CHAR\((\d+)\)$/.exec(col.type);
      if (!m) continue;
      const longest = await scalar(`select max(length(${col.name})) from ${t.name}`);
      assert.ok(longest <= Number(m[1]), `${t.name}.${col.name}: ${longest} > ${m[1]}`);
    }
  }
});

test("primary keys are unique and order keys sparse", async () => {
  for (const t of TPCH_SCHEMA) {
    const key = t.primaryKey.join(", ");
    const dup = await scalar(`select count(*) from (select ${key} from ${t.name} group by ${key} having count(*) > 1)`);
    assert.equal(dup, 0, `${t.name} (${key}) unique`);
  }
  assert.equal(await scalar("select count(*) from orders where (o_orderkey - 1) % 32 >= 8"), 0);
  assert.equal(await scalar("select max(l_linenumber) from lineitem"), 7);
});

test("derived columns: order status and total price, customers without orders", async () => {
  const badStatus = await scalar(`select count(*) from orders o join (
      select l_orderkey, bool_and(l_linestatus = 'F') f, bool_and(l_linestatus = 'O') o from lineitem group by 1) l
    on l.l_orderkey = o.o_orderkey
    where o.o_orderstatus <> case when l.f then 'F' when l.o then 'O' else 'P' end`);
  assert.equal(badStatus, 0);
  const badTotal = await scalar(`select count(*) from orders o join (
      select l_orderkey, sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) t from lineitem group by 1) l
    on l.l_orderkey = o.o_orderkey where abs(o.o_totalprice - l.t) > 0.01 * 7`);
  assert.equal(badTotal, 0);
  assert.equal(await scalar("select count(*) from orders where o_custkey % 3 = 0"), 0);
  assert.equal(await scalar("select count(distinct o_orderstatus) from orders"), 3);
  assert.equal(await scalar("select min(o_orderdate) = date '1992-01-01' from orders"), 1);
  assert.ok((await scalar("select max(o_orderdate) from orders where o_orderdate <= date '1998-08-02'")) !== null);
  assert.equal(await scalar("select count(*) from orders where o_orderdate > date '1998-08-02'"), 0);
  assert.equal(await scalar("select count(distinct l_shipmode) from lineitem"), 7);
  assert.equal(await scalar("select count(distinct c_mktsegment) from customer"), 5);
  assert.equal(
    await scalar(
      "select count(*) from lineitem where l_extendedprice <> l_quantity * (select p_retailprice from part where p_partkey = l_partkey)",
    ),
    0,
  );
});

/** Answers the specification's small answers leave legitimately empty at SF 0.01 (Q20 needs a Canadian supplier among 100). */
const MAY_BE_EMPTY = new Set(["q20"]);

test("the 22 queries run on DuckDB and return rows", async () => {
  const counts: Record<string, number> = {};
  for (const q of tpchQueries(0.01)) {
    const r = await c.runAndReadAll(q.sql);
    counts[q.id] = r.getRows().length;
  }
  assert.equal(Object.keys(counts).length, 22);
  const empty = Object.entries(counts).filter(([id, n]) => n === 0 && !MAY_BE_EMPTY.has(id));
  assert.deepEqual(empty, []);
  // Fixed-shape answers from the specification.
  assert.equal(counts.q1, 4);
  assert.equal(counts.q4, 5);
  assert.equal(counts.q5, 5);
  assert.equal(counts.q7, 4);
  assert.equal(counts.q8, 2);
  assert.equal(counts.q12, 2);
  assert.equal(counts.q22, 7);
  assert.equal(counts.q3, 10);
  assert.equal(counts.q10, 20);
});
