// tests/wire/clients-postgres-js.test.ts
//! postgres.js against the real server. postgres.js always uses the extended protocol with named
//! prepared statements, fetches array types from pg_catalog at connect, and uses Execute row
//! limits for cursors, so this covers a different path through the wire layer than `pg`.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import postgres from "postgres";
import { startServer, type TestServer } from "../helpers/server.js";

process.env.TZ = "UTC";

describe("postgres.js client", { timeout: 180_000 }, () => {
  let server: TestServer;
  let sql: postgres.Sql;

  before(async () => {
    server = await startServer();
    sql = postgres({ ...server.connection(), max: 1, onnotice: () => {}, connect_timeout: 10 });
  });
  after(async () => {
    await sql?.end({ timeout: 5 }).catch(() => {});
    await server?.stop();
  });

  test("create, load with parameters, query", async () => {
    await sql`create table fruit (id int not null, name varchar(20), price decimal(8,2))`;
    const rows = [
      { id: 1, name: "apple", price: "1.25" },
      { id: 2, name: "pear", price: "2.50" },
      { id: 3, name: "fig", price: "0.75" },
    ];
    const ins = await sql`insert into fruit ${sql(rows, "id", "name", "price")}`;
    assert.equal(ins.count, 3);
    assert.equal(ins.command, "INSERT");
    const res = await sql`select id, name, price from fruit where price > ${"1.00"} order by id`;
    assert.deepEqual(
      [...res],
      [
        { id: 1, name: "apple", price: "1.25" },
        { id: 2, name: "pear", price: "2.50" },
      ],
    );
    assert.deepEqual(
      res.columns.map((c) => [c.name, c.type]),
      [
        ["id", 23],
        ["name", 1043],
        ["price", 1700],
      ],
    );
    const one = await sql`select name from fruit where id = ${3}`;
    assert.deepEqual([...one], [{ name: "fig" }]);
  });

  test("the same statement runs again with new parameters (prepared once)", async () => {
    for (let i = 0; i < 5; i++) {
      const [row] = await sql`select ${i}::int * 2 as doubled, ${`v${i}`}::varchar as label`;
      assert.deepEqual(row, { doubled: i * 2, label: `v${i}` });
    }
    const [n] = await sql`select count(*)::int as n from fruit where id <= ${2}`;
    assert.deepEqual(n, { n: 2 });
  });

  test("transactions: sql.begin commits, a thrown error rolls back", async () => {
    await sql`create table ledger (id int, amount int)`;
    await sql.begin(async (tx) => {
      await tx`insert into ledger values (1, 100)`;
      await tx`insert into ledger values (2, 200)`;
    });
    await assert.rejects(
      sql.begin(async (tx) => {
        await tx`insert into ledger values (3, 300)`;
        throw new Error("abandon");
      }),
      /abandon/,
    );
    await assert.rejects(
      sql.begin(async (tx) => {
        await tx`insert into ledger values (4, 400)`;
        await tx`select * from no_such_table`;
      }),
      { code: "42P01" },
    );
    const [s] = await sql`select count(*)::int as n, sum(amount)::int as total from ledger`;
    assert.deepEqual(s, { n: 2, total: 300 });
  });

  test("a cursor reads a result in batches (Execute with a row limit)", async () => {
    await sql`create table seq (n int)`;
    await sql`insert into seq ${sql(
      Array.from({ length: 10 }, (_, i) => ({ n: i + 1 })),
      "n",
    )}`;
    const batches: number[][] = [];
    for await (const batch of sql`select n from seq order by n`.cursor(4)) {
      batches.push(batch.map((r) => r.n as number));
    }
    assert.deepEqual(batches, [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10],
    ]);
  });

  test("simple protocol: several statements", async () => {
    const res = (await sql`select 1 as a; select 2 as b`.simple()) as unknown as postgres.RowList<postgres.Row[]>[];
    assert.equal(res.length, 2);
    assert.deepEqual([...res[0]!], [{ a: 1 }]);
    assert.deepEqual([...res[1]!], [{ b: 2 }]);
  });

  test("every listed type round-trips with the right value and type OID", async () => {
    await sql`create table alltypes (
      c_smallint smallint, c_integer integer, c_bigint bigint, c_decimal decimal(12,3), c_real real,
      c_double double precision, c_bool boolean, c_char char(4), c_varchar varchar(10), c_date date,
      c_time time, c_timestamp timestamp, c_timestamptz timestamptz)`;
    await sql`insert into alltypes values (${-32768}, ${2147483647}, ${"9223372036854775807"}, ${"123456789.125"},
      ${1.5}, ${2.25}, ${true}, ${"ab"}, ${"héllo"}, ${"2020-02-29"}, ${"12:34:56"}, ${"2020-02-29 23:59:58.5"},
      ${"2020-02-29 23:59:58+00"})`;
    await sql`insert into alltypes (c_integer) values (${null})`;
    const res = await sql`select * from alltypes order by c_integer nulls last`;
    assert.deepEqual(
      res.columns.map((c) => c.type),
      [21, 23, 20, 1700, 700, 701, 16, 1042, 1043, 1082, 1083, 1114, 1184],
    );
    assert.deepEqual(res[0], {
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
    assert.equal(res[1]!.c_integer, null);
    assert.equal(res[1]!.c_date, null);
    const when = new Date(Date.UTC(2021, 5, 15, 8, 30, 0));
    const [t] = await sql`select ${when}::timestamptz as t`;
    assert.equal((t!.t as Date).getTime(), when.getTime());
  });

  test("a CancelRequest stops a running query with 57014; the connection goes on", async () => {
    await sql`create table big (n bigint)`;
    await sql`insert into big values (1)`;
    for (let i = 0; i < 12; i++) await sql`insert into big select n + (select max(n) from big) from big`;
    const [size] = await sql`select count(*)::int as n from big`;
    assert.deepEqual(size, { n: 4096 });
    // 4096^3 rows: far longer than the cancel delay.
    const long = sql`select count(*) from big a, big b, big c where a.n + b.n + c.n > 0`;
    const started = Date.now();
    setTimeout(() => long.cancel(), 300);
    await assert.rejects(long, { code: "57014" });
    assert.ok(Date.now() - started < 10_000, `cancel took ${Date.now() - started} ms`);
    const [after] = await sql`select 1 as one`;
    assert.deepEqual(after, { one: 1 });
  });

  test("startup with the parameters Redshift's drivers send; ParameterStatus as Redshift", async () => {
    const rs = postgres({
      ...server.connection(),
      max: 1,
      connect_timeout: 10,
      onnotice: () => {},
      connection: {
        client_protocol_version: "2",
        driver_version: "2.1.0.30",
        os_version: "Linux 6.1",
        plugin_name: "none",
      },
    });
    try {
      const [row] = await rs`select current_database() as db, current_user as u`;
      assert.deepEqual(row, { db: server.database, u: server.user });
      const params = rs.parameters as Record<string, string>;
      assert.equal(params.server_version, "8.0.2");
      assert.match(params.server_protocol_version ?? "", /^\d+$/, "server_protocol_version ParameterStatus");
    } finally {
      await rs.end({ timeout: 5 });
    }
  });

  test("errors carry SQLSTATEs and the connection goes on", async () => {
    const wrong: string[] = [];
    const check = async (name: string, q: Promise<unknown>, code: string) => {
      const got = await q.then(
        () => "no error",
        (e: { code?: string }) => e.code,
      );
      if (got !== code) wrong.push(`${name}: expected ${code}, got ${got}`);
      const [ok] = await sql`select 5 as five`;
      assert.deepEqual(ok, { five: 5 }, `connection after ${name}`);
    };
    await check("unknown table", sql`select * from nope`, "42P01");
    await check("unknown column", sql`select nope from fruit`, "42703");
    await check("syntax error", sql.unsafe("selec 1"), "42601");
    await check("division by zero", sql`select ${1}::int / 0`, "22012");
    await check("bad parameter", sql`select ${"abc"}::int`, "22P02");
    assert.deepEqual(wrong, []);
  });
});
