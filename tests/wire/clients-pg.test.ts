// tests/wire/clients-pg.test.ts
//! node-postgres (`pg`) against the real server: create, load, query, transactions with rollback,
//! parameterized and named prepared statements, several statements in one simple query, and every
//! issue-2 type round-tripping with the right JavaScript value and the right type OID.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

process.env.TZ = "UTC";

/** Postgres type OIDs. */
const OID = {
  bool: 16,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  float4: 700,
  float8: 701,
  bpchar: 1042,
  varchar: 1043,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
} as const;

describe("node-postgres client", { timeout: 180_000 }, () => {
  let server: TestServer;
  let client: pg.Client;

  before(async () => {
    server = await startServer();
    client = new pg.Client(server.connection());
    await client.connect();
  });
  after(async () => {
    await client?.end().catch(() => {});
    await server?.stop();
  });

  test("create, load and query", async () => {
    await client.query("create table items (id int not null, name varchar(20), price decimal(8,2))");
    const ins = await client.query("insert into items values (1, 'apple', 1.25), (2, 'pear', 2.50), (3, 'fig', 0.75)");
    assert.equal(ins.command, "INSERT");
    assert.equal(ins.rowCount, 3);
    const res = await client.query("select id, name, price from items order by id");
    assert.equal(res.command, "SELECT");
    assert.equal(res.rowCount, 3);
    assert.deepEqual(
      res.fields.map((f) => [f.name, f.dataTypeID]),
      [
        ["id", OID.int4],
        ["name", OID.varchar],
        ["price", OID.numeric],
      ],
    );
    assert.deepEqual(res.rows, [
      { id: 1, name: "apple", price: "1.25" },
      { id: 2, name: "pear", price: "2.50" },
      { id: 3, name: "fig", price: "0.75" },
    ]);
    const upd = await client.query("update items set price = price * 2 where id >= 2");
    assert.equal(upd.command, "UPDATE");
    assert.equal(upd.rowCount, 2);
    const del = await client.query("delete from items where id = 3");
    assert.equal(del.command, "DELETE");
    assert.equal(del.rowCount, 1);
    const sum = await client.query("select sum(price) as total, count(*) as n from items");
    assert.deepEqual(sum.rows, [{ total: "6.25", n: "2" }]);
  });

  test("parameterized statements", async () => {
    await client.query("create table p (id int, name varchar(20), qty bigint, ok boolean)");
    for (let i = 1; i <= 5; i++) {
      const r = await client.query("insert into p values ($1, $2, $3, $4)", [i, `n${i}`, i * 1000, i % 2 === 0]);
      assert.equal(r.rowCount, 1);
    }
    const res = await client.query("select id, name, qty, ok from p where id > $1 and name <> $2 order by id", [
      2,
      "n4",
    ]);
    assert.deepEqual(res.rows, [
      { id: 3, name: "n3", qty: "3000", ok: false },
      { id: 5, name: "n5", qty: "5000", ok: false },
    ]);
    const nul = await client.query("select $1::int is null as isnull, $2::varchar as s", [null, "x"]);
    assert.deepEqual(nul.rows, [{ isnull: true, s: "x" }]);
    const txt = await client.query("select $1::varchar || $2::varchar as s", ["it's ", "fine; -- really"]);
    assert.equal(txt.rows[0].s, "it's fine; -- really");
  });

  test("parameters inside Redshift functions, LIMIT and date ranges", async () => {
    await client.query("create table pdates (id int, d date)");
    await client.query("insert into pdates values (1, '2020-01-01'), (2, '2020-01-15'), (3, '2020-02-01')");
    const added = await client.query("select dateadd(day, $1, d) as nd from pdates where id = $2", [5, 1]);
    assert.equal((added.rows[0].nd as Date).getTime(), Date.UTC(2020, 0, 6));
    const diff = await client.query("select datediff(day, $1, d) as n from pdates where id = 3", ["2020-01-01"]);
    assert.deepEqual(diff.rows, [{ n: "31" }]);
    const range = await client.query("select id from pdates where d between $1 and $2 order by id", [
      "2020-01-10",
      "2020-02-01",
    ]);
    assert.deepEqual(range.rows, [{ id: 2 }, { id: 3 }]);
    const limited = await client.query("select id from pdates order by id limit $1", [2]);
    assert.deepEqual(limited.rows, [{ id: 1 }, { id: 2 }]);
    const nvl = await client.query("select nvl($1::varchar, 'none') as a, decode($2::int, 1, 'one', 'other') as b", [
      null,
      1,
    ]);
    assert.deepEqual(nvl.rows, [{ a: "none", b: "one" }]);
    const inList = await client.query("select count(*)::int as n from pdates where id in ($1, $2)", [1, 3]);
    assert.deepEqual(inList.rows, [{ n: 2 }]);
  });

  test("named prepared statements are reused with new parameters", async () => {
    const q = (a: number, b: number) =>
      client.query({ name: "add-two", text: "select $1::int + $2::int as s", values: [a, b] });
    assert.deepEqual((await q(1, 2)).rows, [{ s: 3 }]);
    assert.deepEqual((await q(40, 2)).rows, [{ s: 42 }]);
    await client.query("create table np (a int)");
    for (let i = 0; i < 10; i++) {
      await client.query({ name: "np-insert", text: "insert into np values ($1)", values: [i] });
    }
    const r = await client.query({ name: "np-count", text: "select count(*)::int as n, sum(a)::int as s from np" });
    assert.deepEqual(r.rows, [{ n: 10, s: 45 }]);
  });

  test("several statements in one simple query", async () => {
    const results = (await client.query("select 1 as a; select 'x' as b, 2 as c")) as unknown as pg.QueryResult[];
    assert.equal(results.length, 2);
    assert.deepEqual(results[0]!.rows, [{ a: 1 }]);
    assert.deepEqual(results[1]!.rows, [{ b: "x", c: 2 }]);
  });

  test("transactions: commit, rollback, and the aborted state", async () => {
    await client.query("create table tx (a int)");
    await client.query("begin");
    await client.query("insert into tx values (1)");
    await client.query("rollback");
    assert.deepEqual((await client.query("select count(*)::int as n from tx")).rows, [{ n: 0 }]);

    await client.query("begin");
    await client.query("insert into tx values (2)");
    await client.query("commit");
    assert.deepEqual((await client.query("select a from tx")).rows, [{ a: 2 }]);

    await client.query("begin");
    await client.query("insert into tx values (3)");
    await assert.rejects(client.query("select * from no_such_table"), { code: "42P01" });
    await assert.rejects(client.query("select 1"), { code: "25P02" });
    await client.query("rollback");
    assert.deepEqual((await client.query("select a from tx order by a")).rows, [{ a: 2 }]);

    // Uncommitted rows are invisible to another session until COMMIT.
    const other = new pg.Client(server.connection());
    await other.connect();
    try {
      await client.query("begin");
      await client.query("insert into tx values (4)");
      assert.deepEqual((await other.query("select count(*)::int as n from tx")).rows, [{ n: 1 }]);
      await client.query("commit");
      assert.deepEqual((await other.query("select count(*)::int as n from tx")).rows, [{ n: 2 }]);
    } finally {
      await other.end();
    }
  });

  test("every listed type round-trips with the right value and type OID", async () => {
    await client.query(`create table types (
      c_smallint smallint, c_integer integer, c_bigint bigint, c_decimal decimal(12,3), c_real real,
      c_double double precision, c_bool boolean, c_char char(4), c_varchar varchar(10), c_date date,
      c_time time, c_timestamp timestamp, c_timestamptz timestamptz)`);
    const values = [
      -32768,
      2147483647,
      "9223372036854775807",
      "123456789.125",
      1.5,
      2.25,
      true,
      "ab",
      "héllo",
      "2020-02-29",
      "12:34:56",
      "2020-02-29 23:59:58.5",
      "2020-02-29 23:59:58+00",
    ];
    await client.query("insert into types values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)", values);
    await client.query(
      "insert into types values (1, 2, 3, 4.5, -0.25, 1e100, false, 'wxyz', '', '1999-12-31', '00:00:00', '1999-12-31 00:00:00', '1999-12-31 23:00:00-01')",
    );
    await client.query("insert into types (c_integer) values (null)");
    const res = await client.query("select * from types order by c_integer nulls last");
    assert.deepEqual(
      res.fields.map((f) => f.dataTypeID),
      [
        OID.int2,
        OID.int4,
        OID.int8,
        OID.numeric,
        OID.float4,
        OID.float8,
        OID.bool,
        OID.bpchar,
        OID.varchar,
        OID.date,
        OID.time,
        OID.timestamp,
        OID.timestamptz,
      ],
    );
    const [a, b, c] = res.rows;
    assert.deepEqual(a, {
      c_smallint: 1,
      c_integer: 2,
      c_bigint: "3",
      c_decimal: "4.500",
      c_real: -0.25,
      c_double: 1e100,
      c_bool: false,
      c_char: "wxyz",
      c_varchar: "",
      c_date: new Date(Date.UTC(1999, 11, 31)),
      c_time: "00:00:00",
      c_timestamp: new Date(Date.UTC(1999, 11, 31)),
      c_timestamptz: new Date(Date.UTC(2000, 0, 1)),
    });
    assert.deepEqual(b, {
      c_smallint: -32768,
      c_integer: 2147483647,
      c_bigint: "9223372036854775807",
      c_decimal: "123456789.125",
      c_real: 1.5,
      c_double: 2.25,
      c_bool: true,
      c_char: "ab  ",
      c_varchar: "héllo",
      c_date: new Date(Date.UTC(2020, 1, 29)),
      c_time: "12:34:56",
      c_timestamp: new Date(Date.UTC(2020, 1, 29, 23, 59, 58, 500)),
      c_timestamptz: new Date(Date.UTC(2020, 1, 29, 23, 59, 58)),
    });
    assert.equal(c.c_integer, null);
    assert.equal(c.c_timestamptz, null);
    // A JS Date parameter for TIMESTAMPTZ keeps its instant.
    const instant = new Date(Date.UTC(2021, 5, 15, 8, 30, 0));
    const r = await client.query("select $1::timestamptz as t", [instant]);
    assert.equal((r.rows[0].t as Date).getTime(), instant.getTime());
    assert.equal(r.fields[0]!.dataTypeID, OID.timestamptz);
  });

  test("a large result streams across many chunks intact", async () => {
    await client.query("create table many (n bigint, s varchar(20), d date)");
    await client.query("insert into many values (1, 'v1', '2020-01-02')");
    for (let i = 0; i < 17; i++) {
      await client.query(
        "insert into many select n + m, 'v' || (n + m), dateadd(day, (n + m)::int % 365, '2020-01-01')::date from many, (select max(n) as m from many) x",
      );
    }
    const total = 2 ** 17;
    const res = await client.query({ text: "select n, s, d from many order by n", rowMode: "array" });
    assert.equal(res.rowCount, total);
    assert.equal(res.rows.length, total);
    for (let i = 0; i < total; i += 997) {
      const [n, s, d] = res.rows[i] as [string, string, Date];
      assert.equal(n, String(i + 1));
      assert.equal(s, `v${i + 1}`);
      assert.equal(d.getTime(), Date.UTC(2020, 0, 1) + ((i + 1) % 365) * 86_400_000, `row ${i}`);
    }
    const sum = res.rows.reduce((acc, r) => acc + Number((r as string[])[0]), 0);
    assert.equal(sum, (total * (total + 1)) / 2);
  });

  test("concurrent sessions through a pool each see their own transaction", async () => {
    await client.query("create table pooled (worker int, i int)");
    const pool = new pg.Pool({ ...server.connection(), max: 8 });
    try {
      await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          const c = await pool.connect();
          try {
            await c.query("begin");
            for (let i = 0; i < 25; i++) await c.query("insert into pooled values ($1, $2)", [w, i]);
            const mine = await c.query("select count(*)::int as n from pooled where worker = $1", [w]);
            assert.deepEqual(mine.rows, [{ n: 25 }]);
            if (w % 2 === 0) await c.query("commit");
            else await c.query("rollback");
          } finally {
            c.release();
          }
        }),
      );
      const res = await pool.query(
        "select count(*)::int as n, count(distinct worker)::int as w, min(worker % 2)::int as odd from pooled",
      );
      assert.deepEqual(res.rows, [{ n: 100, w: 4, odd: 0 }]);
    } finally {
      await pool.end();
    }
  });

  test("IF [NOT] EXISTS skips arrive as notices", async () => {
    const notices: string[] = [];
    const onNotice = (n: { message?: string }) => notices.push(n.message ?? "");
    client.on("notice", onNotice);
    try {
      await client.query("create table if not exists items (id int)");
      await client.query("drop table if exists no_such_items");
      await new Promise((r) => setImmediate(r));
      assert.equal(notices.length, 2, `notices: ${JSON.stringify(notices)}`);
      assert.match(notices[0]!, /items/);
      assert.match(notices[1]!, /no_such_items/);
    } finally {
      client.off("notice", onNotice);
    }
  });

  test("literal types have the right OIDs", async () => {
    const res = await client.query(
      "select 1 as i, 10000000000 as big, 1.5 as n, 'x'::text as t, true as b, count(*) as c, avg(1) as a from (select 1) s",
    );
    // Redshift's TEXT is VARCHAR(256): either OID is right for it.
    assert.ok([OID.text, OID.varchar].includes(res.fields[3]!.dataTypeID as 25 | 1043), "text column OID");
    assert.deepEqual(
      res.fields.filter((f) => f.name !== "t").map((f) => [f.name, f.dataTypeID]),
      [
        ["i", OID.int4],
        ["big", OID.int8],
        ["n", OID.numeric],
        ["b", OID.bool],
        ["c", OID.int8],
        ["a", OID.int8],
      ],
    );
    // AVG of an integer is a BIGINT in Redshift (https://docs.aws.amazon.com/redshift/latest/dg/r_AVG.html).
    assert.deepEqual(res.rows, [{ i: 1, big: "10000000000", n: "1.5", t: "x", b: true, c: "1", a: "1" }]);
  });

  test("the session goes on after every statement error", async () => {
    const bad: [string, string][] = [
      ["select * from nope", "42P01"],
      ["select nope from (select 1 as a) s", "42703"],
      ["selec 1", "42601"],
      ["select 1/0", "22012"],
      ["select 'x'::int", "22P02"],
    ];
    const wrong: string[] = [];
    const check = async (sql: string, code: string, values?: unknown[]) => {
      const got = await client.query(sql, values).then(
        () => "no error",
        (e: { code?: string }) => e.code,
      );
      if (got !== code) wrong.push(`${sql}: expected ${code}, got ${got}`);
      assert.deepEqual((await client.query("select 7 as x")).rows, [{ x: 7 }], `session after ${sql}`);
    };
    for (const [sql, code] of bad) await check(sql, code);
    await check("select $1::int + 1", "22P02", ["abc"]);
    assert.deepEqual((await client.query("select $1::int + 1 as y", [1])).rows, [{ y: 2 }]);
    assert.deepEqual(wrong, []);
  });
});
