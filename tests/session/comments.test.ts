// tests/session/comments.test.ts
//! COMMENT ON over the wire: only the object's owner or a superuser may comment (42501
//! otherwise); comments survive a restart; a comment on another database is a warning.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_COMMENT.html

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

async function open(user?: { user: string; password: string }): Promise<pg.Client> {
  const c = new pg.Client(server.connection(user));
  await c.connect();
  return c;
}

async function rejectsWith(p: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(p, (e: Error & { code?: string }) => {
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    return true;
  });
}

test("only the owner or a superuser may comment", async () => {
  const admin = await open();
  await admin.query("create user cm_owner password 'Passw0rd1'");
  await admin.query("create user cm_other password 'Passw0rd2'");
  await admin.query("create schema cm_s authorization cm_owner");
  await admin.query("grant all on schema cm_s to cm_other");
  const owner = await open({ user: "cm_owner", password: "Passw0rd1" });
  const other = await open({ user: "cm_other", password: "Passw0rd2" });
  try {
    await owner.query("create table cm_s.t (a int)");
    await owner.query("comment on table cm_s.t is 'by the owner'");
    await owner.query("comment on column cm_s.t.a is 'a column'");
    await owner.query("comment on schema cm_s is 'my schema'");
    await rejectsWith(other.query("comment on table cm_s.t is 'not mine'"), "42501", /must be owner of relation t/);
    await rejectsWith(other.query("comment on column cm_s.t.a is 'not mine'"), "42501", /must be owner/);
    await rejectsWith(other.query("comment on schema cm_s is 'not mine'"), "42501", /must be owner of schema cm_s/);
    await rejectsWith(other.query("comment on database dev is 'not mine'"), "42501", /must be owner of database/);
    const r = await other.query("select obj_description('cm_s.t'::regclass) as d");
    assert.equal(r.rows[0].d, "by the owner");
    await admin.query("comment on table cm_s.t is 'by a superuser'");
    const r2 = await owner.query("select obj_description('cm_s.t'::regclass) as d");
    assert.equal(r2.rows[0].d, "by a superuser");
  } finally {
    await owner.end();
    await other.end();
    await admin.end();
  }
});

test("a comment on another or an unknown database is a warning and changes nothing", async () => {
  const c = await open();
  const notices: string[] = [];
  c.on("notice", (n) => notices.push(`${n.severity} ${n.message}`));
  try {
    const r = await c.query("comment on database nosuchdb is 'x'");
    assert.equal(r.command, "COMMENT");
    assert.deepEqual(notices, ["WARNING database comments may only be applied to the current database"]);
    const d = await c.query("select count(*)::int as n from pg_description where description = 'x'");
    assert.equal(d.rows[0].n, 0);
  } finally {
    await c.end();
  }
});

test("comments survive a restart", async () => {
  const c = await open();
  await c.query("create table cm_keep (k int, v varchar(10))");
  await c.query("create view cm_keep_v as select k from cm_keep");
  await c.query("comment on table cm_keep is 'kept table'");
  await c.query("comment on column cm_keep.v is 'kept column'");
  await c.query("comment on view cm_keep_v is 'kept view'");
  await c.query("comment on database dev is 'kept database'");
  await c.end();
  await server.restart();
  const d = await open();
  try {
    const r = await d.query(
      `select obj_description('cm_keep'::regclass) as t, col_description('cm_keep'::regclass, 2) as c,
        obj_description('cm_keep_v'::regclass, 'pg_class') as v,
        (select obj_description(oid, 'pg_database') from pg_database where datname = 'dev') as db`,
    );
    assert.deepEqual(r.rows[0], { t: "kept table", c: "kept column", v: "kept view", db: "kept database" });
  } finally {
    await d.end();
  }
});
