// tests/e2e/auto-analyze.test.ts
//! Redshift keeps statistics current without an ANALYZE after CREATE TABLE AS and after a COPY
//! into an empty table (STATUPDATE absent); STATUPDATE ON updates them whatever the table held,
//! STATUPDATE OFF never does, and a COPY into a table with rows leaves them stale. Seen through
//! svv_table_info.stats_off (0 = current, 100 = never analyzed).
//! https://docs.aws.amazon.com/redshift/latest/dg/t_Analyzing_tables.html
//! https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-load.html#copy-statupdate

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let c: pg.Client;
before(async () => {
  server = await startServer();
  mkdirSync(join(server.lakeDir, "statbkt"), { recursive: true });
  writeFileSync(join(server.lakeDir, "statbkt", "rows.txt"), "1|a\n2|b\n3|c\n4|d\n");
  c = new pg.Client(server.connection());
  await c.connect();
});
after(async () => {
  await c?.end();
  await server?.stop();
});

async function statsOff(table: string): Promise<string> {
  const r = await c.query(`select stats_off from svv_table_info where "table" = $1`, [table]);
  assert.equal(r.rows.length, 1, table);
  return r.rows[0].stats_off;
}

const copy = (table: string, extra = "") =>
  c.query(`copy ${table} from 's3://statbkt/rows.txt' iam_role default${extra}`);

test("CREATE TABLE AS leaves current statistics; a plain CREATE TABLE plus INSERT does not", async () => {
  await c.query("create table aa_src (id int, v varchar(5))");
  await c.query("insert into aa_src values (1, 'x'), (2, 'y')");
  assert.equal(await statsOff("aa_src"), "100.00");
  await c.query("create table aa_ctas as select * from aa_src");
  assert.equal(await statsOff("aa_ctas"), "0.00");
  await c.query("insert into aa_ctas values (3, 'z')");
  assert.equal(await statsOff("aa_ctas"), "50.00");
});

test("COPY into an empty table updates statistics; into one with rows it does not", async () => {
  await c.query("create table aa_copy (id int, v varchar(5))");
  await copy("aa_copy");
  assert.equal(await statsOff("aa_copy"), "0.00");
  await copy("aa_copy");
  assert.equal(await statsOff("aa_copy"), "100.00");
});

test("STATUPDATE ON updates statistics of a table with rows; STATUPDATE OFF leaves an empty table's alone", async () => {
  await c.query("create table aa_on (id int, v varchar(5))");
  await c.query("insert into aa_on values (9, 'q')");
  await copy("aa_on", " statupdate on");
  assert.equal(await statsOff("aa_on"), "0.00");
  assert.equal((await c.query("select count(*)::int as n from aa_on")).rows[0].n, 5);

  await c.query("create table aa_off (id int, v varchar(5))");
  await copy("aa_off", " statupdate off");
  assert.equal(await statsOff("aa_off"), "100.00");
});

test("a COPY into an empty table rolled back with its transaction leaves no statistics behind", async () => {
  await c.query("create table aa_rb (id int, v varchar(5))");
  await c.query("begin");
  await copy("aa_rb");
  await c.query("rollback");
  // svv_table_info lists only tables with rows: one plain INSERT shows the stale statistics.
  await c.query("insert into aa_rb values (0, 'p')");
  assert.equal(await statsOff("aa_rb"), "100.00");
  await c.query("truncate aa_rb");
  await c.query("begin");
  await copy("aa_rb");
  await c.query("commit");
  assert.equal(await statsOff("aa_rb"), "0.00");
});
