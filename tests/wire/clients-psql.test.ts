// tests/wire/clients-psql.test.ts
//! psql (Debian's postgresql-client) against the real server: -c queries and command tags,
//! \dn, \dt, \d table, \l (psql's own catalog queries, adapted by psql to server_version 8.0.2),
//! and `select version()` in Redshift's form.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { startServer, type TestServer } from "../helpers/server.js";

const PSQL = process.env.PSQL ?? "/usr/bin/psql";

interface PsqlResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe("psql client", { timeout: 180_000 }, () => {
  let server: TestServer;

  /** Runs psql with -X (no psqlrc); `tuples` adds -A -t (unaligned, rows only, '|' between fields). */
  function psql(args: string[], tuples = true): PsqlResult {
    const conn = server.connection();
    const r = spawnSync(
      PSQL,
      [
        "-X",
        "-h",
        conn.host,
        "-p",
        String(conn.port),
        "-U",
        conn.user,
        "-d",
        conn.database,
        ...(tuples ? ["-A", "-t"] : []),
        ...args,
      ],
      {
        env: { ...process.env, PGPASSWORD: conn.password, PGCONNECT_TIMEOUT: "10", PGSSLMODE: "prefer" },
        encoding: "utf8",
        timeout: 30_000,
      },
    );
    return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
  }

  function ok(args: string[], tuples = true): string[] {
    const r = psql(["-v", "ON_ERROR_STOP=1", ...args], tuples);
    assert.equal(r.status, 0, `psql ${args.join(" ")} failed:\n${r.stderr}`);
    return r.stdout.split("\n").filter((l) => l !== "");
  }

  before(async () => {
    assert.ok(existsSync(PSQL), `${PSQL} is not installed (.ci/run installs postgresql-client)`);
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  test("select version() shows Redshift's form", () => {
    const [v] = ok(["-c", "select version()"]);
    assert.match(v!, /^PostgreSQL 8\.0\.2 on i686-pc-linux-gnu, .*Redshift 1\.0\.\d+/);
  });

  test("-c statements print their command tags and rows", () => {
    assert.deepEqual(
      ok(["-c", "create table psql_t (id int not null, name varchar(10), price numeric(10,2), d date)"], false),
      ["CREATE TABLE"],
    );
    assert.deepEqual(
      ok(["-c", "insert into psql_t values (1, 'one', 1.50, '2020-01-01'), (2, 'two', null, null)"], false),
      ["INSERT 0 2"],
    );
    assert.deepEqual(ok(["-c", "update psql_t set price = 2 where id = 2"], false), ["UPDATE 1"]);
    assert.deepEqual(ok(["-c", "select id, name, price, d from psql_t order by id"]), [
      "1|one|1.50|2020-01-01",
      "2|two|2.00|",
    ]);
    assert.deepEqual(ok(["-c", "delete from psql_t where id = 2"], false), ["DELETE 1"]);
    assert.deepEqual(ok(["-c", "select count(*) from psql_t"]), ["1"]);
  });

  test("command tags of DDL, transaction and session statements", () => {
    ok(["-c", "create table tags_t (a int)", "-c", "insert into tags_t values (1)"]);
    const lines = ok(
      [
        "-c",
        "create schema tags_s",
        "-c",
        "create view tags_v as select 1 as x",
        "-c",
        "drop view tags_v",
        "-c",
        "truncate table tags_t",
        "-c",
        "drop schema tags_s",
        "-c",
        "begin",
        "-c",
        "set search_path to public",
        "-c",
        "commit",
        "-c",
        "start transaction",
        "-c",
        "rollback",
        "-c",
        "begin",
        "-c",
        "end",
        "-c",
        "reset search_path",
        "-c",
        "drop table tags_t",
      ],
      false,
    );
    assert.deepEqual(lines, [
      "CREATE SCHEMA",
      "CREATE VIEW",
      "DROP VIEW",
      "TRUNCATE TABLE",
      "DROP SCHEMA",
      "BEGIN",
      "SET",
      "COMMIT",
      "START TRANSACTION",
      "ROLLBACK",
      "BEGIN",
      "COMMIT",
      "RESET",
      "DROP TABLE",
    ]);
  });

  test("a failing -c exits non-zero with the server's message; the server goes on", () => {
    const r2 = psql(["-v", "ON_ERROR_STOP=1", "-c", "select * from no_such_table"]);
    assert.equal(r2.status, 1);
    assert.match(r2.stderr, /no_such_table/);
    assert.deepEqual(ok(["-c", "select 1"]), ["1"]);
    const r = psql(["-v", "ON_ERROR_STOP=1", "-c", "select 1/0"]);
    assert.equal(r.status, 1, `select 1/0 printed: ${r.stdout}`);
    assert.match(r.stderr, /division by zero/i);
    assert.deepEqual(ok(["-c", "select 2"]), ["2"]);
  });

  test("several statements in one -c", () => {
    assert.deepEqual(ok(["-c", "select 1; select 'two'"]), ["1", "two"]);
  });

  test("\\dn lists schemas", () => {
    ok(["-c", "create schema psql_s"]);
    const names = ok(["-c", "\\dn"]).map((l) => l.split("|")[0]);
    assert.ok(names.includes("public"), `\\dn: ${names.join(", ")}`);
    assert.ok(names.includes("psql_s"), `\\dn: ${names.join(", ")}`);
    assert.ok(!names.includes("pg_catalog"), `\\dn shows system schemas: ${names.join(", ")}`);
  });

  test("\\dt lists tables", () => {
    ok(["-c", "create table psql_dt (a int)"]);
    ok(["-c", "create view psql_v as select 1 as x"]);
    const rows = ok(["-c", "\\dt"]).map((l) => l.split("|"));
    const tables = rows.map((r) => `${r[0]}.${r[1]}:${r[2]}`);
    assert.ok(tables.includes("public.psql_dt:table"), `\\dt: ${tables.join(", ")}`);
    assert.ok(!tables.some((t) => t.startsWith("public.psql_v")), `\\dt shows a view: ${tables.join(", ")}`);
    assert.ok(!tables.some((t) => t.startsWith("pg_catalog.")), `\\dt shows system tables: ${tables.join(", ")}`);
  });

  test("\\d table describes columns", () => {
    ok([
      "-c",
      "create table psql_d (id integer not null, name varchar(10), price numeric(10,2), d date, flag boolean)",
    ]);
    const rows = ok(["-c", "\\d psql_d"]).map((l) => l.split("|"));
    const cols = rows.map((r) => [r[0], r[1]]);
    assert.deepEqual(cols, [
      ["id", "integer"],
      ["name", "character varying(10)"],
      ["price", "numeric(10,2)"],
      ["d", "date"],
      ["flag", "boolean"],
    ]);
    assert.ok(rows[0]!.includes("not null"), `id should be not null: ${rows[0]!.join("|")}`);
    assert.ok(!rows[1]!.includes("not null"), `name should be nullable: ${rows[1]!.join("|")}`);
  });

  test("\\d shows column defaults as the catalog's expressions", () => {
    ok(["-c", "create table psql_dd (n int default 0, s varchar(5) default 'x', t timestamp)"]);
    const rows = ok(["-c", "\\d psql_dd"]).map((l) => l.split("|"));
    assert.deepEqual(
      rows.map((r) => [r[0], r[4]]),
      [
        ["n", "0"],
        ["s", "'x'::character varying"],
        ["t", ""],
      ],
    );
  });

  test("\\dv, \\d view, \\dt schema.* and \\d list the right relations", () => {
    ok([
      "-c",
      "create schema psql_s2",
      "-c",
      "create table psql_s2.inner_t (a int)",
      "-c",
      "create view psql_v2 as select 1 as x",
    ]);
    const views = ok(["-c", "\\dv"]).map((l) => l.split("|").slice(0, 3).join("|"));
    assert.ok(views.includes("public|psql_v2|view"), `\\dv: ${views.join(", ")}`);
    assert.deepEqual(
      ok(["-c", "\\d psql_v2"]).map((l) => l.split("|").slice(0, 2)),
      [["x", "integer"]],
    );
    assert.deepEqual(
      ok(["-c", "\\dt psql_s2.*"]).map((l) => l.split("|").slice(0, 3).join("|")),
      ["psql_s2|inner_t|table"],
    );
    const all = ok(["-c", "\\d"]).map((l) => l.split("|").slice(0, 3).join("|"));
    assert.ok(all.includes("public|psql_v2|view"), `\\d: ${all.join(", ")}`);
    assert.ok(!all.some((r) => r.startsWith("psql_s2|")), `\\d lists a schema off the search path: ${all.join(", ")}`);
  });

  test("\\d of an unknown table says so", () => {
    const r = psql(["-c", "\\d no_such_table"]);
    assert.match(r.stderr, /Did not find any relation named "no_such_table"/);
  });

  test("\\l lists the dev database", () => {
    const names = ok(["-c", "\\l"]).map((l) => l.split("|")[0]);
    assert.ok(names.includes("dev"), `\\l: ${names.join(", ")}`);
  });

  test("wrong password and unknown database are refused", () => {
    const conn = server.connection();
    const bad = spawnSync(
      PSQL,
      ["-X", "-h", conn.host, "-p", String(conn.port), "-U", "admin", "-d", "dev", "-c", "select 1"],
      {
        env: { ...process.env, PGPASSWORD: "wrong-password" },
        encoding: "utf8",
        timeout: 30_000,
      },
    );
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /password authentication failed/);
    const nodb = spawnSync(
      PSQL,
      ["-X", "-h", conn.host, "-p", String(conn.port), "-U", "admin", "-d", "nosuchdb", "-c", "select 1"],
      {
        env: { ...process.env, PGPASSWORD: conn.password },
        encoding: "utf8",
        timeout: 30_000,
      },
    );
    assert.equal(nodb.status, 2);
    assert.match(nodb.stderr, /database "nosuchdb" does not exist/);
  });
});
