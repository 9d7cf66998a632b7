// tests/session/plan-cache.test.ts
//! A simple-query text sent again in a session reuses its parse tree and plan (the `select 1`
//! round trip depends on it). The plan must be dropped whenever what it was bound against has
//! changed: the catalog (DDL by any session, grants), the session's settings (search_path,
//! timezone) and its temporary tables. Each case runs the same text before and after the change.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let a: pg.Client;
let b: pg.Client;
before(async () => {
  server = await startServer();
  a = new pg.Client(server.connection());
  b = new pg.Client(server.connection());
  await a.connect();
  await b.connect();
  // Results must come from the plan, not from the result cache.
  await a.query("set enable_result_cache_for_session to off");
  await a.query("create schema pc_one");
  await a.query("create schema pc_two");
  await a.query("create table pc_one.t (v varchar(10))");
  await a.query("create table pc_two.t (v varchar(10), w int)");
  await a.query("insert into pc_one.t values ('one')");
  await a.query("insert into pc_two.t values ('two', 2)");
});
after(async () => {
  await a?.end();
  await b?.end();
  await server?.stop();
});

const rows = async (c: pg.Client, sql: string) => (await c.query({ text: sql, rowMode: "array" })).rows;

test("SET search_path between two runs of the same text rebinds it", async () => {
  await a.query("set search_path to pc_one");
  assert.deepEqual(await rows(a, "select * from t"), [["one"]]);
  assert.deepEqual(await rows(a, "select * from t"), [["one"]]);
  await a.query("set search_path to pc_two");
  assert.deepEqual(await rows(a, "select * from t"), [["two", 2]]);
  await a.query("reset search_path");
  await assert.rejects(rows(a, "select * from t"), (e: Error & { code?: string }) => e.code === "42P01");
});

test("a temporary table created after a run shadows the table the plan named", async () => {
  await a.query("set search_path to pc_one");
  assert.deepEqual(await rows(a, "select * from t"), [["one"]]);
  await a.query("create temp table t (v varchar(10))");
  await a.query("insert into t values ('temp')");
  assert.deepEqual(await rows(a, "select * from t"), [["temp"]]);
  await a.query("drop table t");
  assert.deepEqual(await rows(a, "select * from t"), [["one"]]);
  await a.query("reset search_path");
});

test("DDL by another session invalidates the plan: a dropped column is an error, a new one appears", async () => {
  await a.query("create table pc_ddl (x int, y int)");
  await a.query("insert into pc_ddl values (1, 2)");
  assert.deepEqual(await rows(a, "select * from pc_ddl"), [[1, 2]]);
  await b.query("drop table pc_ddl");
  await b.query("create table pc_ddl (x int, y int, z varchar(5))");
  await b.query("insert into pc_ddl values (3, 4, 'z')");
  assert.deepEqual(await rows(a, "select * from pc_ddl"), [[3, 4, "z"]]);
  await b.query("drop table pc_ddl");
  await assert.rejects(rows(a, "select * from pc_ddl"), (e: Error & { code?: string }) => e.code === "42P01");
});

test("a revoked privilege is enforced on the next run of the same text", async () => {
  await a.query("create user pc_user password 'Passw0rd1'");
  await a.query("create table pc_priv (x int)");
  await a.query("insert into pc_priv values (7)");
  await a.query("grant select on pc_priv to pc_user");
  const u = new pg.Client({ ...server.connection(), user: "pc_user", password: "Passw0rd1" });
  await u.connect();
  try {
    await u.query("set enable_result_cache_for_session to off");
    assert.deepEqual(await rows(u, "select x from pc_priv"), [[7]]);
    assert.deepEqual(await rows(u, "select x from pc_priv"), [[7]]);
    await a.query("revoke select on pc_priv from pc_user");
    await assert.rejects(rows(u, "select x from pc_priv"), (e: Error & { code?: string }) => e.code === "42501");
  } finally {
    await u.end();
  }
});

test("time functions are evaluated again on every run", async () => {
  const first = (await rows(a, "select getdate()"))[0]?.[0] as Date;
  await new Promise((r) => setTimeout(r, 1100));
  const second = (await rows(a, "select getdate()"))[0]?.[0] as Date;
  assert.ok(second.getTime() > first.getTime(), `${second.toISOString()} after ${first.toISOString()}`);
});

test("a text with a syntax error fails the same way every time; the session goes on", async () => {
  for (let i = 0; i < 2; i++) {
    await assert.rejects(rows(a, "select from where"), (e: Error & { code?: string }) => e.code === "42601");
  }
  assert.deepEqual(await rows(a, "select 1"), [[1]]);
});
