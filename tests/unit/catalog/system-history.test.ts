// tests/unit/catalog/system-history.test.ts
//! The statement and connection logs (src/wlm) written to DuckDB and read back through Redshift's
//! query-history views: stl_query, stl_querytext, svl_qlog, svl_statementtext, stv_recents,
//! stv_inflight, sys_query_history, sys_query_detail, stl_connection_log.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sessionUserSql } from "../../../src/catalog/system/install.js";
import { LOG_DATA_TABLES } from "../../../src/catalog/system/log-tables.js";
import { LOAD_LOG_TABLES } from "../../../src/lake/index.js";
import {
  CONNECTION_LOG_TABLE,
  QUERY_END_TABLE,
  QUERY_LOG_TABLE,
  QueryLog,
  statementKind,
  SystemLogs,
} from "../../../src/wlm/index.js";
import { connect, type DuckRunner } from "./duck-runner.js";
import { type Fixture, openFixture, plain } from "./fixture.js";

const PG = `"ls_sys"."dev/pg_catalog"`;
let f: Fixture;
let logs: SystemLogs;
let writerConn: DuckRunner;

async function rows(sql: string): Promise<unknown[][]> {
  return plain((await f.runner.all(sql)).rows) as unknown[][];
}

before(async () => {
  f = await openFixture();
  writerConn = await connect(f.instance);
  logs = new SystemLogs({ intervalMs: 10_000 });
  logs.attach(writerConn);
});

after(async () => {
  await logs.close();
  f.close();
});

test("wlm's log tables have the columns the catalog creates", () => {
  assert.equal(QUERY_LOG_TABLE.columns, LOG_DATA_TABLES.query_log);
  assert.equal(QUERY_END_TABLE.columns, LOG_DATA_TABLES.query_end);
  for (const [name, columns] of Object.entries(LOAD_LOG_TABLES)) assert.equal(LOG_DATA_TABLES[name], columns, name);
  assert.equal(CONNECTION_LOG_TABLE.columns, LOG_DATA_TABLES.connection_log);
});

test("statement kinds for svl_statementtext.type and sys_query_history.query_type", () => {
  const kinds = [
    "select 1",
    "  /* c */ -- x\n (select 1)",
    "WITH a AS (select 1) select * from a",
    "insert into t values (1)",
    "update t set a = 1",
    "delete from t",
    "copy t from 's3://b/k'",
    "unload ('select 1') to 's3://b/k'",
    "create table t (a int)",
    "create temp table t as select 1",
    "select 1 as a into t2 from t",
    "drop table t",
    "set search_path to public",
    "begin",
    "show search_path",
  ].map((t) => {
    const k = statementKind(t);
    return `${k.type}/${k.queryType}`;
  });
  assert.deepEqual(kinds, [
    "QUERY/SELECT",
    "QUERY/SELECT",
    "QUERY/SELECT",
    "QUERY/INSERT",
    "QUERY/UPDATE",
    "QUERY/DELETE",
    "QUERY/COPY",
    "QUERY/UNLOAD",
    "DDL/DDL",
    "QUERY/CTAS",
    "QUERY/CTAS",
    "DDL/DDL",
    "UTILITY/UTILITY",
    "UTILITY/UTILITY",
    "UTILITY/UTILITY",
  ]);
});

test("readsLog spots statements naming a log view", () => {
  assert.equal(QueryLog.readsLog("select * from STL_QUERY"), true);
  assert.equal(QueryLog.readsLog("select query from pg_catalog.stv_recents"), true);
  assert.equal(QueryLog.readsLog("select 1"), false);
  assert.equal(QueryLog.readsLog("select pg_last_query_id()"), true);
  assert.equal(QueryLog.readsLog("select * from stl_query_x"), false);
});

test("finished and running statements in stl_query, svl_qlog, stv_inflight, stv_recents, sys_query_history", async () => {
  const q = logs.queries;
  const a = q.start({ pid: 1001, user: "admin", userId: 100, database: "dev", text: "select 1" });
  q.finish(a, { status: "success", rows: 1 });
  const b = q.start({ pid: 1001, user: "admin", userId: 100, database: "dev", text: "create table t (a int)" });
  q.finish(b, { status: "success" });
  const c = q.start({ pid: 1002, user: "bob", userId: 101, database: "dev", text: "select * from nope", label: "etl" });
  q.finish(c, { status: "failed", error: 'relation "nope" does not exist' });
  const d = q.start({ pid: 1003, user: "bob", userId: 101, database: "dev", text: "select pg_sleep(100)" });
  await logs.sync();

  assert.deepEqual(
    await rows(`SELECT query, userid, pid, database, label, querytxt, aborted, endtime >= starttime
      FROM ${PG}.stl_query ORDER BY query`),
    [
      [a, 100, 1001, "dev", "default", "select 1", 0, true],
      [c, 101, 1002, "dev", "etl", "select * from nope", 1, true],
    ],
  );
  assert.deepEqual(await rows(`SELECT query, aborted, substring, elapsed >= 0 FROM ${PG}.svl_qlog ORDER BY query`), [
    [a, 0, "select 1", true],
    [c, 1, "select * from nope", true],
  ]);
  assert.deepEqual(await rows(`SELECT query, pid, text, slice FROM ${PG}.stv_inflight`), [
    [d, 1003, "select pg_sleep(100)", 0],
  ]);
  assert.deepEqual(
    await rows(`SELECT status, pid, user_name, db_name, query FROM ${PG}.stv_recents ORDER BY starttime`),
    [
      ["Done", 1001, "admin", "dev", "select 1"],
      ["Done", 1001, "admin", "dev", "create table t (a int)"],
      ["Done", 1002, "bob", "dev", "select * from nope"],
      ["Running", 1003, "bob", "dev", "select pg_sleep(100)"],
    ],
  );
  assert.deepEqual(
    await rows(`SELECT query_id, query_type, status, returned_rows, error_message, end_time IS NULL
      FROM ${PG}.sys_query_history ORDER BY query_id`),
    [
      [a, "SELECT", "success", 1, null, false],
      [b, "DDL", "success", 0, null, false],
      [c, "SELECT", "failed", 0, 'relation "nope" does not exist', false],
      [d, "SELECT", "running", 0, null, true],
    ],
  );
  assert.deepEqual(
    await rows(`SELECT query_id, step_name, output_rows, is_active FROM ${PG}.sys_query_detail ORDER BY query_id`),
    [
      [a, "return", 1, "f"],
      [c, "return", 0, "f"],
      [d, "return", 0, "t"],
    ],
  );

  // Cancelling finishes the running statement: it leaves stv_inflight and shows as aborted.
  q.finish(d, { status: "cancelled", error: "canceling statement due to user request" });
  await logs.sync();
  assert.deepEqual(await rows(`SELECT count(*) FROM ${PG}.stv_inflight`), [[0]]);
  assert.deepEqual(await rows(`SELECT aborted FROM ${PG}.stl_query WHERE query = ${d}`), [[1]]);
  assert.deepEqual(await rows(`SELECT status FROM ${PG}.sys_query_history WHERE query_id = ${d}`), [["canceled"]]);
});

test("a regular user sees only their own statements; stl_connection_log is for superusers", async () => {
  const q = logs.queries;
  const mine = q.start({ pid: 5001, user: "carol", userId: 150, database: "dev", text: "select 'carol'" });
  q.finish(mine, { status: "success", rows: 1 });
  const theirs = q.start({ pid: 5002, user: "dave", userId: 151, database: "dev", text: "select 'dave'" });
  q.finish(theirs, { status: "success", rows: 1 });
  logs.connections.record({ event: "authenticated", pid: 5001, user: "carol", database: "dev" });
  await logs.sync();
  const conn = await connect(f.instance);
  try {
    await conn.run(sessionUserSql({ usesysid: 150, superuser: false }));
    const users = await conn.all(
      `SELECT DISTINCT userid FROM ${PG}.stl_query UNION SELECT DISTINCT user_id FROM ${PG}.sys_query_history`,
    );
    assert.deepEqual(plain(users.rows), [[150]]);
    assert.deepEqual(plain((await conn.all(`SELECT count(*) FROM ${PG}.stl_connection_log`)).rows), [[0]]);
    await conn.run(sessionUserSql({ usesysid: 1, superuser: true }));
    const all = await conn.all(`SELECT count(DISTINCT userid) >= 2 FROM ${PG}.stl_query WHERE userid IN (150, 151)`);
    assert.deepEqual(plain(all.rows), [[true]]);
  } finally {
    conn.close();
  }
});

test("pg_last_query_id(): the session's last finished query, -1 before any", async () => {
  const conn = await connect(f.instance);
  try {
    await conn.run(sessionUserSql({ usesysid: 100, superuser: true, pid: 6001 }));
    assert.deepEqual(plain((await conn.all(`SELECT ${PG}.pg_last_query_id()`)).rows), [[-1]]);
    const a = logs.queries.start({ pid: 6001, user: "admin", database: "dev", text: "select 1" });
    logs.queries.finish(a, { status: "success", rows: 1 });
    const ddl = logs.queries.start({ pid: 6001, user: "admin", database: "dev", text: "create table z (a int)" });
    logs.queries.finish(ddl, { status: "success" });
    logs.queries.start({ pid: 6001, user: "admin", database: "dev", text: "select pg_last_query_id()" });
    const other = logs.queries.start({ pid: 6002, user: "admin", database: "dev", text: "select 2" });
    logs.queries.finish(other, { status: "success", rows: 1 });
    await logs.sync();
    assert.deepEqual(plain((await conn.all(`SELECT ${PG}.pg_last_query_id()`)).rows), [[a]]);
  } finally {
    conn.close();
  }
});

test("long texts are cut into 200-character rows in stl_querytext and svl_statementtext", async () => {
  const text = `select '${"x".repeat(450)}'`;
  const id = logs.queries.start({ pid: 1004, user: "admin", database: "dev", text });
  logs.queries.finish(id, { status: "success", rows: 1 });
  const ddl = logs.queries.start({ pid: 1004, user: "admin", database: "dev", text: "drop table t" });
  logs.queries.finish(ddl, { status: "success" });
  await logs.sync();
  const parts = await rows(
    `SELECT sequence, length(text) FROM ${PG}.stl_querytext WHERE query = ${id} ORDER BY sequence`,
  );
  assert.deepEqual(parts, [
    [0, 200],
    [1, 200],
    [2, text.length - 400],
  ]);
  const joined = await rows(
    `SELECT string_agg(text, '' ORDER BY sequence) FROM ${PG}.stl_querytext WHERE query = ${id}`,
  );
  assert.equal(joined[0]?.[0], text);
  assert.deepEqual(
    await rows(`SELECT type, text FROM ${PG}.svl_statementtext WHERE pid = 1004 AND sequence = 0 ORDER BY starttime`),
    [
      ["QUERY", text.slice(0, 200)],
      ["DDL", "drop table t"],
    ],
  );
  assert.deepEqual(await rows(`SELECT count(*) FROM ${PG}.stl_querytext WHERE text LIKE 'drop%'`), [[0]]);
});

test("the log is bounded: the oldest statements leave memory and DuckDB", async () => {
  const small = new SystemLogs({ capacity: 3, intervalMs: 10_000 });
  const conn = await connect(f.instance);
  small.attach(conn);
  await f.runner.run(`DELETE FROM "ls_sys"."lakeshift"."query_log"; DELETE FROM "ls_sys"."lakeshift"."query_end"`);
  const ids: number[] = [];
  for (let i = 0; i < 5; i++) {
    const id = small.queries.start({ pid: 7, user: "u", database: "dev", text: `select ${i}` });
    small.queries.finish(id, { status: "success", rows: 1 });
    ids.push(id);
    if (i === 1) await small.sync();
  }
  await small.sync();
  assert.deepEqual(
    small.queries.list().map((e) => e.text),
    ["select 2", "select 3", "select 4"],
  );
  assert.deepEqual(await rows(`SELECT querytxt FROM ${PG}.stl_query WHERE pid = 7 ORDER BY query`), [
    ["select 2"],
    ["select 3"],
    ["select 4"],
  ]);
  await small.close();
});

test("stl_connection_log: authenticated, failed, disconnected with duration", async () => {
  const c = logs.connections;
  c.record({
    event: "authenticated",
    pid: 2001,
    user: "admin",
    database: "dev",
    remote: "127.0.0.1:50123",
    authMethod: "scram-sha-256",
    applicationName: "psql",
  });
  c.record({ event: "failed", pid: 0, user: "mallory", database: "dev", remote: "10.0.0.9:4000", authMethod: "md5" });
  c.record({ event: "disconnected", pid: 2001, user: "admin", database: "dev", remote: "127.0.0.1:50123" });
  await logs.sync();
  assert.deepEqual(
    await rows(`SELECT event, remotehost, remoteport, pid, dbname, username, authmethod, application_name, duration >= 0
      FROM ${PG}.stl_connection_log WHERE pid <> 5001 ORDER BY recordtime, event`),
    [
      ["authenticated", "127.0.0.1", "50123", 2001, "dev", "admin", "scram-sha-256", "psql", true],
      ["authentication failure", "10.0.0.9", "4000", 0, "dev", "mallory", "md5", "", true],
      ["disconnecting session", "127.0.0.1", "50123", 2001, "dev", "admin", "scram-sha-256", "psql", true],
    ],
  );
});

test("quotes and NUL characters in statement text survive the trip to DuckDB", async () => {
  const text = "select 'it''s', \"q\"\u0000";
  const id = logs.queries.start({ pid: 3001, user: "o'brien", database: "dev", text });
  logs.queries.finish(id, { status: "success", rows: 1 });
  await logs.sync();
  assert.deepEqual(
    await rows(
      `SELECT querytxt, username FROM ${PG}.sys_query_history q JOIN "ls_sys"."lakeshift".query_log l ON l.query = q.query_id WHERE query_id = ${id}`,
    ),
    [["select 'it''s', \"q\"", "o'brien"]],
  );
});

test("stl_load_errors, stl_load_commits, sys_load_history and sys_load_error_detail read the load logs", async () => {
  await f.runner.run(`INSERT INTO "ls_sys"."lakeshift".load_errors VALUES (100, 0, 100001, TIMESTAMP '2024-01-01 10:00:00',
    1001, 77, 's3://b/f.csv', 3, 'qty', 'int4', '0', 5, '1,x,2', 'x', 1207, 'Invalid digit, Value ''x''', 0, 0)`);
  await f.runner.run(`INSERT INTO "ls_sys"."lakeshift".load_commits VALUES (100, 77, 0, 's3://b/f.csv', 's3://b/f.csv', 0,
    10, 1, TIMESTAMP '2024-01-01 10:00:01', 1, 'Text')`);
  await f.runner.run(`INSERT INTO "ls_sys"."lakeshift".load_history VALUES (100, 77, 'completed', 1001, 9, 'dev', 'sales',
    TIMESTAMP '2024-01-01 10:00:00', TIMESTAMP '2024-01-01 10:00:01', 1000000, 's3://b/f.csv', 'Text', 9, 90, 1, 100, 1, 1, NULL)`);
  assert.deepEqual(
    await rows(`SELECT query, filename, line_number, colname, err_code, err_reason FROM ${PG}.stl_load_errors`),
    [[77, "s3://b/f.csv", 3, "qty", 1207, "Invalid digit, Value 'x'"]],
  );
  assert.deepEqual(await rows(`SELECT query, lines_scanned, errors, file_format FROM ${PG}.stl_load_commits`), [
    [77, 10, 1, "Text"],
  ]);
  assert.deepEqual(await rows(`SELECT query_id, status, table_name, loaded_rows FROM ${PG}.sys_load_history`), [
    [77, "completed", "sales", 9],
  ]);
  assert.deepEqual(await rows(`SELECT query_id, file_name, column_name, error_code FROM ${PG}.sys_load_error_detail`), [
    [77, "s3://b/f.csv", "qty", 1207],
  ]);
});
