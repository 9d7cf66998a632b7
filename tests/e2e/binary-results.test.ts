// tests/e2e/binary-results.test.ts
//! Binary result format (Bind with result format code 1) on a raw socket, byte for byte against a
//! real PostgreSQL 15 running the same query (started for the test, or the one
//! LAKESHIFT_SQL_PG_URL names): type OIDs, format codes and every cell's bytes.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { PostgresSystem } from "../../bench/systems/postgres.js";
import { startServer, type TestServer } from "../helpers/server.js";
import { authenticate, type ExtendedResult, extendedQuery, RawConnection } from "./raw-protocol.js";

interface Case {
  readonly name: string;
  readonly sql: string;
  /** The query for PostgreSQL where Redshift spells it differently. */
  readonly pg?: string;
  /** Lakeshift's type OIDs where Redshift's type is not Postgres's (VARBYTE for bytea). */
  readonly oids?: readonly number[];
  /** Text-format parameters and their type OIDs. */
  readonly params?: readonly string[];
  readonly paramOids?: readonly number[];
}

const CASES: readonly Case[] = [
  {
    name: "int2, int4, int8",
    sql: "select cast('-32768' as smallint), 32767::smallint, -2::smallint, cast('-2147483648' as int), 70000::int, cast('-9223372036854775808' as bigint), 5000000000::bigint",
  },
  {
    name: "float4, float8 (NaN and infinities included)",
    sql: "select 1.5::real, cast('Infinity' as real), -2.25::float8, 0.1::float8, cast('NaN' as float8), cast('-Infinity' as float8)",
  },
  {
    name: "numeric",
    sql: "select 12.34::numeric(10,2), -0.001::numeric(10,3), 0::numeric(5,0), 123456789012345678.9::numeric(38,1), 10000::numeric(12,0)",
  },
  { name: "bool", sql: "select true, false" },
  { name: "date", sql: "select '2020-02-29'::date, '1999-12-31'::date, '0001-01-01'::date, '2000-01-01'::date" },
  {
    name: "timestamp",
    sql: "select '2020-02-29 23:59:58.5'::timestamp, '1969-07-20 20:17:40'::timestamp, '2000-01-01 00:00:00'::timestamp",
  },
  {
    name: "timestamptz",
    sql: "select '2001-01-01 00:00:00+00'::timestamptz, '1999-06-30 12:00:00.123456-07'::timestamptz",
  },
  { name: "time", sql: "select '12:34:56.789'::time, '00:00:00'::time, '23:59:59.999999'::time" },
  {
    name: "timetz (zones east and west of UTC)",
    sql: "select '12:34:56.789+05:30'::timetz, '23:59:59.5-08'::timetz, '00:00:00+00'::timetz",
  },
  {
    name: "interval",
    sql: "select interval '1 year 2 mons 3 days 04:05:06.5', interval '-1 day -2 hours', interval '0 seconds'",
  },
  { name: "text: varchar and char", sql: "select 'héllo'::varchar(10), 'ab'::char(4), ''::varchar(3)" },
  {
    name: "bytea (Redshift VARBYTE)",
    sql: "select 'abc'::varbyte, ''::varbyte",
    pg: "select 'abc'::bytea, ''::bytea",
    oids: [6551, 6551],
  },
  {
    name: "bytea from a text-format bytea parameter, every byte value",
    sql: "select $1::varbyte",
    pg: "select $1::bytea",
    oids: [6551],
    params: [`\\x${Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString("hex")}`],
    paramOids: [17],
  },
  { name: "NULL of a binary type", sql: "select null::int, null::timetz, null::varchar(2)" },
];

function hex(r: ExtendedResult): (string | null)[][] {
  return r.rows.map((row) => row.map((c) => (c === null ? null : c.toString("hex"))));
}

describe("binary result format, byte for byte as PostgreSQL 15", { timeout: 120_000 }, () => {
  let server: TestServer;
  let postgres: PostgresSystem | undefined;
  let lake: RawConnection;
  let pg: RawConnection;

  before(async () => {
    server = await startServer();
    const c = server.connection();
    lake = await RawConnection.open(c.host, c.port);
    await authenticate(lake, c.user, c.password, c.database);
    const url = process.env.LAKESHIFT_SQL_PG_URL;
    let target: { host: string; port: number; user: string; password: string; database: string };
    if (url) {
      const u = new URL(url);
      target = {
        host: u.hostname,
        port: Number(u.port || 5432),
        user: decodeURIComponent(u.username),
        password: decodeURIComponent(u.password),
        database: u.pathname.slice(1) || "postgres",
      };
    } else {
      postgres = new PostgresSystem();
      await postgres.start();
      target = { ...postgres.pgTarget(), password: "" };
    }
    pg = await RawConnection.open(target.host, target.port);
    await authenticate(pg, target.user, target.password, target.database);
  });
  after(async () => {
    lake?.destroy();
    pg?.destroy();
    await postgres?.stop();
    await server?.stop();
  });

  for (const c of CASES) {
    test(c.name, async () => {
      const want = await extendedQuery(pg, c.pg ?? c.sql, 1, c.params, c.paramOids);
      assert.equal(want.error, "", `PostgreSQL: ${c.pg ?? c.sql}`);
      const got = await extendedQuery(lake, c.sql, 1, c.params, c.paramOids);
      assert.equal(got.error, "");
      assert.deepEqual(
        got.fields.map((f) => f.oid),
        c.oids ?? want.fields.map((f) => f.oid),
      );
      assert.deepEqual(
        got.fields.map((f) => f.format),
        want.fields.map(() => 1),
      );
      assert.deepEqual(hex(got), hex(want));
      assert.equal(got.rows.length, 1);
    });
  }

  test("a query of a table in binary: every row's cells as PostgreSQL sends them", async () => {
    const ddl =
      "create table bin_t (b boolean, s smallint, i integer, l bigint, r real, d double precision, dt date, ts timestamp, v varchar(10), n decimal(10,2))";
    const rows =
      "insert into bin_t values (true, -3, -2147483648, 9007199254740993, 1.5, -2.25, '2024-02-29', '2001-02-03 04:05:06.789', 'héllo', 12.34), (null, null, null, null, null, null, null, null, null, null)";
    for (const conn of [lake, pg]) {
      for (const sql of [ddl, rows]) assert.equal((await extendedQuery(conn, sql, 0)).error, "");
    }
    const sql = "select b, s, i, l, r, d, dt, ts, v, n from bin_t order by i nulls last";
    const want = await extendedQuery(pg, sql, 1);
    const got = await extendedQuery(lake, sql, 1);
    assert.equal(got.error, "");
    assert.deepEqual(got.fields, want.fields);
    assert.deepEqual(hex(got), hex(want));
    assert.equal(got.rows.length, 2);
  });
});
