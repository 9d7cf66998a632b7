// tests/golden/duckdb/tpch.test.ts
//! The 22 TPC-H queries (standard form, default substitution parameters) go through parse ->
//! bind -> translate and run on a real DuckDB holding the TPC-H tables (a handful of rows).
//! Also times the front half of the pipeline: parse + bind + translate per query.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { bindStatement } from "../../../src/plan/index.js";
import { parseStatement } from "../../../src/sql/index.js";
import { translate } from "../../../src/translate/index.js";
import { catalog, ctx, run, testDuck } from "../../unit/translate/fixture.js";

const DIR = resolve(process.cwd(), "tests/golden/duckdb/tpch");
const QUERIES = readdirSync(DIR)
  .filter((f) => f.endsWith(".sql"))
  .sort()
  .map((f) => [f, readFileSync(join(DIR, f), "utf8").trim().replace(/;$/, "")] as const);

const ROWS = [
  "insert into region values (0, 'AFRICA', 'x'), (1, 'AMERICA', 'x'), (2, 'ASIA', 'x'), (3, 'EUROPE', 'x')",
  "insert into nation values (6, 'FRANCE', 3, 'x'), (7, 'GERMANY', 3, 'x'), (8, 'CANADA', 1, 'x')",
  "insert into supplier values (1, 'Supplier#1', 'addr', 6, '13-555', 100.00, 'ok')",
  "insert into customer values (1, 'Customer#1', 'addr', 7, '13-555-1234', 50.00, 'BUILDING', 'c')",
  "insert into part values (1, 'forest green', 'Manufacturer#1', 'Brand#12', 'PROMO BRUSHED BRASS', 15, 'SM CASE', 10.00, 'p')",
  "insert into partsupp values (1, 1, 100, 5.00, 'ps')",
  "insert into orders values (1, 1, 'F', 1000.00, '1995-03-10', '1-URGENT', 'Clerk#1', 0, 'o')",
  "insert into lineitem values (1, 1, 1, 1, 5.00, 100.00, 0.05, 0.01, 'R', 'F', '1995-03-20', '1995-03-18', '1995-03-25', 'DELIVER IN PERSON', 'AIR', 'l'), (1, 1, 1, 2, 7.00, 200.00, 0.10, 0.02, 'N', 'O', '1998-08-01', '1998-08-05', '1998-08-03', 'NONE', 'MAIL', 'l')",
];

test("TPC-H: all 22 queries translate and run on DuckDB", async () => {
  assert.equal(QUERIES.length, 22);
  const con = await testDuck();
  for (const sql of ROWS) await run(con, sql);
  for (const [name, sql] of QUERIES) {
    try {
      await run(con, sql);
    } catch (e) {
      assert.fail(`${name}: ${(e as Error).message}`);
    }
  }
  const q1 = await run(con, QUERIES[0]?.[1] ?? "");
  assert.deepEqual(
    q1.map((r) => [r[0], r[1], r[2], r[9]]),
    [
      ["N", "O", "7.00", "1"],
      ["R", "F", "5.00", "1"],
    ],
  );
  const q6 = await run(con, QUERIES[5]?.[1] ?? "");
  assert.deepEqual(q6, [[null]]);
});

test("TPC-H: parse + bind + translate stays well under 2 ms per query", () => {
  const once = () => {
    for (const [, sql] of QUERIES) translate(bindStatement(parseStatement(sql), catalog, ctx));
  };
  for (let i = 0; i < 20; i++) once();
  const rounds = 50;
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    once();
    times.push((performance.now() - t0) / QUERIES.length);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(rounds / 2)] ?? 0;
  console.log(`parse+bind+translate: median ${median.toFixed(3)} ms per TPC-H query`);
  assert.ok(median < 2, `median ${median} ms`);
});
