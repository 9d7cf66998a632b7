// tests/clients/psql.test.ts
//! psql (postgresql-client) against Lakeshift: \l, \dn, \dt, \dv, \df, \d and \d+ on a table with
//! a primary key, dist and sort keys. psql adapts its catalog queries to server_version 8.0.2; the
//! statement log (sys_query_history) shows which ones it sent, and each must have succeeded.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type LoggedStatement, Matrix, runTool } from "./matrix.js";

const PSQL = "/usr/bin/psql";

describe("psql", () => {
  let m: Matrix;

  /** Runs psql -c for each command; returns stdout lines and what psql sent to the server. */
  async function psql(
    commands: readonly string[],
    opts: { tuples?: boolean; expectError?: boolean } = {},
  ): Promise<{ lines: string[]; sent: LoggedStatement[]; stderr: string }> {
    const c = m.server.connection();
    const mark = await m.mark();
    const r = runTool(
      PSQL,
      [
        "-X",
        "-v",
        "ON_ERROR_STOP=1",
        "-h",
        c.host,
        "-p",
        String(c.port),
        "-U",
        c.user,
        "-d",
        c.database,
        ...(opts.tuples === false ? [] : ["-A", "-t"]),
        ...commands.flatMap((cmd) => ["-c", cmd]),
      ],
      { env: { PGPASSWORD: c.password, PGCONNECT_TIMEOUT: "10" } },
    );
    if (!opts.expectError) assert.equal(r.status, 0, `psql ${commands.join(" ")}: ${r.stderr}`);
    return {
      lines: r.stdout.split("\n").filter((l) => l !== ""),
      sent: await m.statementsSince(mark),
      stderr: r.stderr,
    };
  }

  before(async () => {
    m = await Matrix.start();
    await m.query(
      "create table sales (id int not null, cust varchar(20) default 'none' encode zstd, price decimal(8,2), " +
        "primary key (id)) distkey(id) sortkey(cust)",
    );
    await m.query("create view sales_v as select id, cust from sales");
    await m.query("create schema stage");
  });
  after(async () => {
    await m?.stop();
  });

  test("\\l, \\dn, \\dt, \\dv: one catalog query each, answered from pg_catalog", async () => {
    const l = await psql(["\\l"]);
    assert.deepEqual(
      l.lines.map((x) => x.split("|").slice(0, 3)),
      [["dev", "rdsdb", "UTF8"]],
    );
    assert.deepEqual((await psql(["\\dn"])).lines, ["public|rdsdb", "stage|admin"]);
    const dt = await psql(["\\dt"]);
    assert.deepEqual(dt.lines, ["public|sales|table|admin"]);
    assert.equal(dt.sent.length, 1);
    assert.match(dt.sent[0]?.text ?? "", /pg_catalog\.pg_class c[\s\S]*pg_catalog\.pg_table_is_visible\(c\.oid\)/);
    m.catalogStatementsSucceeded(dt.sent, "\\dt");
    const dv = await psql(["\\dv"]);
    assert.deepEqual(dv.lines, ["public|sales_v|view|admin"]);
    m.catalogStatementsSucceeded([...l.sent, ...dv.sent], "\\l \\dv");
  });

  test("\\df lists no user functions; \\df with a pg_catalog pattern finds the built-ins", async () => {
    const all = await psql(["\\df"]);
    assert.deepEqual(all.lines, []);
    assert.match(all.sent[0]?.text ?? "", /pg_get_function_result[\s\S]*pg_function_is_visible/);
    m.catalogStatementsSucceeded(all.sent, "\\df");
    const fmt = await psql(["\\df pg_catalog.format_*"]);
    assert.deepEqual(fmt.lines, [
      'pg_catalog|format_encoding|text|"any"|func',
      'pg_catalog|format_type|text|"any", "any"|func',
    ]);
  });

  test("\\d table: columns with types, nullability, defaults, and the primary key as an index", async () => {
    const d = await psql(["\\d sales"], { tuples: false });
    const text = d.lines.join("\n");
    assert.match(text, /Table "public\.sales"/);
    assert.match(text, /\bid\s+\| integer\s+\|\s+\| not null \|/);
    assert.match(text, /\bcust\s+\| character varying\(20\)\s+\|\s+\|\s+\| 'none'/);
    assert.match(text, /\bprice\s+\| numeric\(8,2\)/);
    assert.match(text, /Indexes:\n\s+"sales_pkey" PRIMARY KEY, btree \(id\)/);
    const sent = m.catalogStatementsSucceeded(d.sent, "\\d");
    assert.ok(sent.length >= 5, `\\d sent ${sent.length} catalog queries`);
    assert.ok(
      sent.some((s) => /pg_catalog\.pg_index/.test(s.text)),
      "\\d reads pg_index",
    );
    assert.ok(
      sent.some((s) => /pg_catalog\.pg_attribute/.test(s.text)),
      "\\d reads pg_attribute",
    );
  });

  test("\\d+ table adds storage and the table's options", async () => {
    const d = await psql(["\\d+ sales"], { tuples: false });
    assert.equal(d.stderr, "");
    m.catalogStatementsSucceeded(d.sent, "\\d+");
    assert.match(d.lines.join("\n"), /\bid\s+\| integer\s+\|\s+\| not null \|\s+\| plain/);
  });

  test("the statement log shows each psql command as its own session's statements", async () => {
    const r = await psql(["select 41 + 1", "select count(*) from sales"]);
    assert.deepEqual(r.lines, ["42", "0"]);
    assert.deepEqual(
      r.sent.map((s) => [s.text, s.type, s.status, s.rows]),
      [
        ["select 41 + 1", "SELECT", "success", 1],
        ["select count(*) from sales", "SELECT", "success", 1],
      ],
    );
    assert.equal(new Set(r.sent.map((s) => s.pid)).size, 1);
  });

  test("\\dt+ and \\d+ show COMMENT ON descriptions; IS NULL removes them", async () => {
    await m.query("comment on table sales is 'One row per sale'");
    await m.query("comment on column sales.cust is 'Who bought'");
    const dt = await psql(["\\dt+ sales"]);
    m.catalogStatementsSucceeded(dt.sent, "\\dt+");
    assert.equal(dt.lines.length, 1);
    assert.match(dt.lines[0] ?? "", /^public\|sales\|table\|admin\|.*\|One row per sale$/);
    const d = await psql(["\\d+ sales"], { tuples: false });
    m.catalogStatementsSucceeded(d.sent, "\\d+");
    assert.match(d.lines.join("\n"), /\bcust\s+\|.*\| Who bought\s*$/m);
    await m.query("comment on table sales is null");
    await m.query("comment on column sales.cust is null");
    const after = await psql(["\\dt+ sales"]);
    assert.doesNotMatch(after.lines[0] ?? "", /One row per sale/);
  });
});
