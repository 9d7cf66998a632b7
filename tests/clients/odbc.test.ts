// tests/clients/odbc.test.ts
//! psqlODBC (Debian's odbc-postgresql, "PostgreSQL Unicode") through unixODBC's isql against
//! Lakeshift: `help` calls SQLTables, `help <table>` calls SQLColumns, plain lines run statements.
//! psqlODBC sets DateStyle and extra_float_digits at connect, looks up the 'lo' type, prepares each
//! statement as _PLAN0x... and deallocates it; the statement log shows all of that.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type LoggedStatement, Matrix, runTool } from "./matrix.js";

const ISQL = "/usr/bin/isql";

describe("psqlODBC via isql", () => {
  let m: Matrix;
  let dir: string;

  /** Runs isql with `lines` on stdin; each result row comes back as fields split on '|'. */
  async function isql(
    lines: readonly string[],
    connSettings?: string,
  ): Promise<{ rows: string[][]; sent: LoggedStatement[] }> {
    const c = m.server.connection();
    const ini = join(dir, `odbc-${connSettings ? "set" : "plain"}.ini`);
    writeFileSync(
      ini,
      [
        "[lakeshift]",
        "Driver=PostgreSQL Unicode",
        `Servername=${c.host}`,
        `Port=${c.port}`,
        `Database=${c.database}`,
        ...(connSettings ? [`ConnSettings=${connSettings}`] : []),
        "",
      ].join("\n"),
    );
    const mark = await m.mark();
    const r = runTool(ISQL, ["-v", "-b", "-d|", "-c", "lakeshift", c.user, c.password], {
      env: { ODBCINI: ini },
      input: `${lines.join("\n")}\n`,
    });
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.doesNotMatch(r.stdout, /\[ISQL\]ERROR|\[unixODBC\]/, r.stdout);
    return {
      rows: r.stdout
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => l.split("|")),
      sent: await m.statementsSince(mark),
    };
  }

  before(async () => {
    m = await Matrix.start();
    dir = mkdtempSync(join(tmpdir(), "lakeshift-odbc-"));
    await m.query("create table odbc_t (id int primary key, name varchar(20) default 'n', amount decimal(8,2))");
    await m.query("create view odbc_v as select id from odbc_t");
    await m.query("create schema odbc_s");
    await m.query("create table odbc_s.raw (line varchar(100))");
  });
  after(async () => {
    await m?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("statements run as prepared _PLAN statements; the connect-time settings and 'lo' lookup succeed", async () => {
    const r = await isql([
      "insert into odbc_t (id, name, amount) values (1, 'x', 2.50)",
      "select id, name, amount from odbc_t",
    ]);
    assert.deepEqual(r.rows, [
      ["id", "name", "amount"],
      ["1", "x", "2.50"],
    ]);
    const texts = r.sent.map((s) => s.text);
    assert.deepEqual(texts.slice(0, 4), [
      "SET DateStyle = 'ISO'",
      "SET extra_float_digits = 2",
      "show transaction_isolation",
      "select oid, typbasetype from pg_type where typname = 'lo'",
    ]);
    assert.ok(
      texts.some((t) => /^DEALLOCATE "_PLAN0x[0-9a-f]+"$/.test(t)),
      texts.join("\n"),
    );
    assert.deepEqual(
      r.sent.filter((s) => s.status !== "success").map((s) => `${s.text}: ${s.error}`),
      [],
    );
  });

  test("SQLTables (help) lists tables and views of every user schema", async () => {
    const r = await isql(["help"]);
    assert.deepEqual(r.rows, [
      ["TABLE_QUALIFIER", "TABLE_OWNER", "TABLE_NAME", "TABLE_TYPE", "REMARKS"],
      ["dev", "odbc_s", "raw", "TABLE", ""],
      ["dev", "public", "odbc_t", "TABLE", ""],
      ["dev", "public", "odbc_v", "VIEW", ""],
    ]);
    const catalog = m.catalogStatementsSucceeded(r.sent, "SQLTables");
    assert.ok(
      catalog.some((s) => /from pg_catalog\.pg_class c, pg_catalog\.pg_namespace n where relkind in/.test(s.text)),
    );
  });

  test("SQLColumns (help table) describes the columns, with search_path set to public", async () => {
    const r = await isql(["help odbc_t"], "set search_path to public");
    const header = r.rows[0] ?? [];
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    const cols = r.rows
      .slice(1)
      .map((row) => [
        col(row, "TABLE_OWNER"),
        col(row, "COLUMN_NAME"),
        col(row, "TYPE_NAME"),
        col(row, "PRECISION"),
        col(row, "SCALE"),
        col(row, "NULLABLE"),
        col(row, "ORDINAL_POSITION"),
      ]);
    assert.deepEqual(cols, [
      ["public", "id", "int4", "10", "0", "0", "1"],
      ["public", "name", "varchar", "20", "", "1", "2"],
      ["public", "amount", "numeric", "8", "2", "1", "3"],
    ]);
    const catalog = m.catalogStatementsSucceeded(r.sent, "SQLColumns");
    assert.ok(catalog.some((s) => /inner join pg_catalog\.pg_attribute a/.test(s.text)));
  });

  test("SQLColumns with the default search path", async () => {
    const r = await isql(["help odbc_t"]);
    assert.equal(r.rows.length, 4, JSON.stringify(r.rows));
  });
});
