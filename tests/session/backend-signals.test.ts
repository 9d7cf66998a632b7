// tests/session/backend-signals.test.ts
//! pg_cancel_backend(pid), pg_terminate_backend(pid) and CANCEL pid ['message'] over the wire
//! with node-postgres: a statement cancelled from another connection ends with 57014 and writes
//! nothing; a terminated session is closed with FATAL 57P01 and its transaction rolled back;
//! who may signal whom; the cancelled statement's entry in the statement log.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
before(async () => {
  server = await startServer();
  const c = await open();
  try {
    // 2000 rows: a three-way cross join of it (8e9 rows) runs until it is cancelled.
    await c.query("create table sig_src (n int)");
    await c.query(
      "insert into sig_src with recursive r(n) as (select 1 union all select n + 1 from r where n < 2000) select n from r",
    );
    await c.query("create table sig_dst (n bigint)");
    await c.query("insert into sig_dst values (1), (2), (3)");
    await c.query("create user sig_u1 password 'Passw0rd1'");
    await c.query("create user sig_u2 password 'Passw0rd2'");
    await c.query("grant select on sig_src to sig_u1");
  } finally {
    await c.end();
  }
});
after(async () => {
  await server?.stop();
});

const LONG_SELECT = "select count(*) from sig_src a, sig_src b, sig_src c where a.n + b.n + c.n > 0";
const LONG_INSERT = "insert into sig_dst select a.n from sig_src a, sig_src b, sig_src c";

async function open(user?: { user: string; password: string }): Promise<pg.Client> {
  const c = new pg.Client(server.connection(user));
  c.on("error", () => {}); // a terminated connection reports its FATAL error here too
  await c.connect();
  return c;
}

/** Runs `fn` with an admin session and a victim session, both closed afterwards. */
async function withSessions(fn: (admin: pg.Client, victim: pg.Client) => Promise<void>): Promise<void> {
  const admin = await open();
  const victim = await open();
  try {
    await fn(admin, victim);
  } finally {
    await victim.end();
    await admin.end();
  }
}

function pidOf(c: pg.Client): number {
  return (c as unknown as { processID: number }).processID;
}

/** Waits until session `pid` runs a statement (stv_inflight lists it). */
async function waitRunning(observer: pg.Client, pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = await observer.query("select count(*)::int as n from stv_inflight where pid = $1", [pid]);
    if (r.rows[0].n > 0) return;
    await new Promise((res) => setTimeout(res, 25));
  }
  assert.fail(`session ${pid} never started its statement`);
}

/** A statement left running: its rejection is awaited later, so it must not count as unhandled. */
function running<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

async function rejectsWith(p: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(p, (e: Error & { code?: string }) => {
    assert.equal(e.code, code, e.message);
    if (message) assert.match(e.message, message);
    return true;
  });
}

test("pg_cancel_backend ends another session's SELECT with 57014; both sessions go on; the log says aborted", () =>
  withSessions(async (admin, victim) => {
    const pid = pidOf(victim);
    const long = running(victim.query(LONG_SELECT));
    await waitRunning(admin, pid);
    const r = await admin.query("select pg_cancel_backend($1) as r", [pid]);
    assert.equal(r.rows[0].r, 1);
    await rejectsWith(long, "57014", /canceling statement due to user request/);
    assert.equal((await victim.query("select 41 + 1 as x")).rows[0].x, 42);
    const logged = await admin.query(
      "select aborted from stl_query where pid = $1 and querytxt like 'select count(*) from sig_src%'",
      [pid],
    );
    assert.deepEqual(
      logged.rows.map((x) => x.aborted),
      [1],
    );
    const history = await admin.query(
      "select status from sys_query_history where session_id = $1 and query_text like 'select count(*) from sig_src%'",
      [pid],
    );
    assert.deepEqual(
      history.rows.map((x) => x.status),
      ["canceled"],
    );
  }));

test("a cancelled INSERT ... SELECT and a cancelled CTAS leave nothing behind", () =>
  withSessions(async (admin, victim) => {
    const pid = pidOf(victim);
    const insert = running(victim.query(LONG_INSERT));
    await waitRunning(admin, pid);
    await admin.query(`select pg_cancel_backend(${pid})`);
    await rejectsWith(insert, "57014");
    const count = await admin.query("select count(*)::int as n, sum(n)::int as s from sig_dst");
    assert.deepEqual(count.rows[0], { n: 3, s: 6 });

    const ctas = running(victim.query("create table sig_ctas as select a.n from sig_src a, sig_src b, sig_src c"));
    await waitRunning(admin, pid);
    await admin.query(`select pg_cancel_backend(${pid})`);
    await rejectsWith(ctas, "57014");
    await rejectsWith(admin.query("select * from sig_ctas"), "42P01");
    const listed = await admin.query("select count(*)::int as n from pg_tables where tablename = 'sig_ctas'");
    assert.equal(listed.rows[0].n, 0);
    // The same statement can run again to completion.
    await victim.query("create table sig_ctas as select n from sig_src");
    assert.equal((await admin.query("select count(*)::int as n from sig_ctas")).rows[0].n, 2000);
  }));

test("CANCEL pid 'message': the cancelled statement fails with the message; in a block the block fails", () =>
  withSessions(async (admin, victim) => {
    const pid = pidOf(victim);
    const long = running(victim.query(LONG_SELECT));
    await waitRunning(admin, pid);
    const r = await admin.query(`cancel ${pid} 'Long-running query'`);
    assert.equal(r.command, "CANCEL");
    await rejectsWith(long, "57014", /^Long-running query$/);

    await victim.query("begin");
    await victim.query("insert into sig_dst values (100)");
    const inBlock = running(victim.query(LONG_INSERT));
    await waitRunning(admin, pid);
    await admin.query(`cancel ${pid}`);
    await rejectsWith(inBlock, "57014", /canceling statement due to user request/);
    await rejectsWith(victim.query("select 1"), "25P02");
    await victim.query("rollback");
    const count = await admin.query("select count(*)::int as n from sig_dst");
    assert.equal(count.rows[0].n, 3);
  }));

test("pg_terminate_backend closes the session with FATAL 57P01 and rolls its transaction back", async () => {
  const admin = await open();
  const idle = await open();
  const busy = await open();
  try {
    // An idle session inside a transaction block.
    await idle.query("begin");
    await idle.query("insert into sig_dst values (7)");
    const fatal = new Promise<Error & { code?: string }>((res) => idle.once("error", res));
    const r = await admin.query("select pg_terminate_backend($1) as r", [pidOf(idle)]);
    assert.equal(r.rows[0].r, 1);
    const err = await fatal;
    assert.equal(err.code, "57P01");
    assert.match(err.message, /terminating connection due to administrator command/);
    await assert.rejects(idle.query("select 1"));
    assert.equal((await admin.query("select count(*)::int as n from sig_dst")).rows[0].n, 3);

    // A session running a statement: the statement fails, then the connection closes.
    const long = running(busy.query(LONG_INSERT));
    await waitRunning(admin, pidOf(busy));
    await admin.query(`select pg_terminate_backend(${pidOf(busy)})`);
    await rejectsWith(long, "57P01");
    await assert.rejects(busy.query("select 1"));
    assert.equal((await admin.query("select count(*)::int as n from sig_dst")).rows[0].n, 3);
    const gone = await admin.query("select count(*)::int as n from stv_sessions where process in ($1, $2)", [
      pidOf(idle),
      pidOf(busy),
    ]);
    assert.equal(gone.rows[0].n, 0);

    // The server keeps serving.
    const fresh = await open();
    assert.equal((await fresh.query("select 1 as one")).rows[0].one, 1);
    await fresh.end();
  } finally {
    await Promise.allSettled([idle.end(), busy.end()]);
    await admin.end();
  }
});

test("who may signal whom: a user their own sessions, a superuser anyone; unknown pids", async () => {
  const admin = await open();
  const u1 = await open({ user: "sig_u1", password: "Passw0rd1" });
  const u1b = await open({ user: "sig_u1", password: "Passw0rd1" });
  const u2 = await open({ user: "sig_u2", password: "Passw0rd2" });
  try {
    await rejectsWith(u2.query(`select pg_cancel_backend(${pidOf(u1)})`), "42501", /superuser or the same user/);
    await rejectsWith(u2.query(`select pg_terminate_backend(${pidOf(admin)})`), "42501");
    await rejectsWith(u2.query(`cancel ${pidOf(u1)}`), "42501");
    assert.equal((await u1.query("select 1 as one")).rows[0].one, 1);

    // The same user, from another session.
    const long = running(u1.query(LONG_SELECT));
    await waitRunning(admin, pidOf(u1));
    assert.equal((await u1b.query(`select pg_cancel_backend(${pidOf(u1)}) as r`)).rows[0].r, 1);
    await rejectsWith(long, "57014");

    // Unknown pids: the functions answer 0, CANCEL fails.
    const none = await admin.query("select pg_cancel_backend(1) as c, pg_terminate_backend(1) as t");
    assert.deepEqual(none.rows[0], { c: 0, t: 0 });
    await rejectsWith(admin.query("cancel 1"), "42704", /Session 1 does not exist/);
    assert.equal((await admin.query("select pg_cancel_backend(null) as c")).rows[0].c, null);
  } finally {
    await Promise.allSettled([u1.end(), u1b.end(), u2.end()]);
    await admin.end();
  }
});
