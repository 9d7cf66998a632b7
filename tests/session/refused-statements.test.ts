// tests/session/refused-statements.test.ts
//! Statements refused before they run are in the statement log with a failed status, in the
//! extended protocol (refused at Parse or Bind) as in simple query: a syntax error, an unknown
//! table, a parameter that is not a value of its type. Over the wire with node-postgres, which
//! uses the extended protocol whenever a query has parameters.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let c: pg.Client;
let observer: pg.Client;
before(async () => {
  server = await startServer();
  c = new pg.Client(server.connection());
  observer = new pg.Client(server.connection());
  await c.connect();
  await observer.connect();
  await c.query("create table refused_t (a int)");
});
after(async () => {
  await c?.end();
  await observer?.end();
  await server?.stop();
});

async function rejectsWith(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e: Error & { code?: string }) => {
    assert.equal(e.code, code, e.message);
    return true;
  });
}

/** The log entries whose text contains `marker`, from the three logs that keep texts. */
async function logged(marker: string): Promise<{ history: unknown[]; statementtext: unknown[]; query: unknown[] }> {
  const like = `%${marker}%`;
  const notSelf = "%sys_query_history%";
  const history = await observer.query(
    "select status, trim(error_message) as error from sys_query_history where query_text like $1 and query_text not like $2 and query_text not like '%svl_statementtext%' and query_text not like '%stl_query%' order by query_id",
    [like, notSelf],
  );
  const statementtext = await observer.query(
    "select trim(text) as text from svl_statementtext where text like $1 and text not like '%svl_statementtext%' and text not like '%sys_query_history%' and text not like '%stl_query%'",
    [like],
  );
  const query = await observer.query(
    "select aborted from stl_query where querytxt like $1 and querytxt not like '%stl_query%' and querytxt not like '%sys_query_history%' and querytxt not like '%svl_statementtext%'",
    [like],
  );
  return { history: history.rows, statementtext: statementtext.rows, query: query.rows };
}

test("a syntax error refused at Parse is logged as failed", async () => {
  await rejectsWith(c.query({ text: "selec /* refused-1 */ $1", values: [1] }), "42601");
  const log = await logged("refused-1");
  assert.equal(log.history.length, 1);
  assert.deepEqual((log.history[0] as { status: string }).status, "failed");
  assert.match((log.history[0] as { error: string }).error, /syntax error/);
  assert.equal(log.statementtext.length, 1);
  assert.equal((await c.query("select 1 as one")).rows[0].one, 1);
});

test("an unknown table refused at Bind is logged as failed, in stl_query as aborted", async () => {
  await rejectsWith(
    c.query({ text: "select a /* refused-2 */ from no_such_table where a = $1", values: [1] }),
    "42P01",
  );
  const log = await logged("refused-2");
  assert.deepEqual(log.history, [{ status: "failed", error: 'relation "no_such_table" does not exist' }]);
  assert.equal(log.statementtext.length, 1);
  assert.deepEqual(log.query, [{ aborted: 1 }]);
});

test("a bad parameter value refused at Bind is logged as failed; the table is unchanged", async () => {
  await rejectsWith(
    c.query({ text: "insert into refused_t /* refused-3 */ values ($1)", values: ["not a number"] }),
    "22P02",
  );
  const log = await logged("refused-3");
  assert.equal(log.history.length, 1);
  assert.equal((log.history[0] as { status: string }).status, "failed");
  assert.equal((await observer.query("select count(*)::int as n from refused_t")).rows[0].n, 0);
});

test("a syntax error in simple query is logged as failed too", async () => {
  await rejectsWith(c.query("selec /* refused-4 */ 1"), "42601");
  const log = await logged("refused-4");
  assert.equal(log.history.length, 1);
  assert.equal((log.history[0] as { status: string }).status, "failed");
});

test("a statement refused at Parse in a failed block is logged as failed (25P02)", async () => {
  await c.query("begin");
  await rejectsWith(c.query("select 1 / 0"), "22012");
  await rejectsWith(c.query({ text: "select /* refused-5 */ $1::int", values: [1] }), "25P02");
  await c.query("rollback");
  const log = await logged("refused-5");
  assert.equal(log.history.length, 1);
  assert.equal((log.history[0] as { status: string }).status, "failed");
});
