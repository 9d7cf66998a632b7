// tests/unit/translate/semantics.test.ts
//! Redshift semantics checked by running the translated SQL on a real in-memory DuckDB.

import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { DuckDBConnection } from "@duckdb/node-api";
import { run, testDuck } from "./fixture.js";

let con: DuckDBConnection;
before(async () => {
  con = await testDuck();
});

async function one(sql: string): Promise<unknown> {
  return (await run(con, sql))[0]?.[0];
}

test("DATEADD adds whole dateparts, clamping at the end of the month", async () => {
  assert.equal(await one("select dateadd(month, 1, '2024-01-31')"), "2024-02-29 00:00:00");
  assert.equal(await one("select dateadd(day, -1, date '2024-03-01')"), "2024-02-29 00:00:00");
  assert.equal(await one("select dateadd(yrs, 1, '2024-02-29')"), "2025-02-28 00:00:00");
  assert.equal(await one("select dateadd(qtr, 1, '2024-01-15 10:00:00')"), "2024-04-15 10:00:00");
  assert.equal(await one("select dateadd(w, 2, '2024-01-01')"), "2024-01-15 00:00:00");
  assert.equal(await one("select dateadd(hrs, 25, '2024-01-01')"), "2024-01-02 01:00:00");
  assert.equal(await one("select dateadd(mins, 90, '2024-01-01')"), "2024-01-01 01:30:00");
  assert.equal(await one("select dateadd(s, 61, '2024-01-01')"), "2024-01-01 00:01:01");
  assert.equal(await one("select dateadd(ms, 1500, '2024-01-01')"), "2024-01-01 00:00:01.5");
});

test("DATEDIFF counts datepart boundaries crossed", async () => {
  assert.equal(await one("select datediff(year, '2023-12-31', '2024-01-01')"), "1");
  assert.equal(await one("select datediff(year, '2024-01-01', '2024-12-31')"), "0");
  assert.equal(await one("select datediff(month, '2024-01-31', '2024-02-01')"), "1");
  assert.equal(await one("select datediff(qtr, '2024-03-31', '2024-04-01')"), "1");
  assert.equal(await one("select datediff(week, '2024-01-06', '2024-01-08')"), "1");
  assert.equal(await one("select datediff(week, '2024-01-08', '2024-01-14')"), "0");
  assert.equal(await one("select datediff(week, '2009-01-01', '2009-12-31')"), "52");
  assert.equal(await one("select datediff(day, '2024-01-01 23:59', '2024-01-02 00:01')"), "1");
  assert.equal(await one("select datediff(hour, '2024-01-01 10:59', '2024-01-01 11:00')"), "1");
  assert.equal(await one("select datediff(day, '2024-01-10', '2024-01-01')"), "-9");
});

test("DATE_PART, EXTRACT and DATE_TRUNC with abbreviations", async () => {
  assert.equal(await one("select date_part(dow, date '2024-01-07')"), 0);
  assert.equal(await one("select extract(year from date '2024-05-17')"), 2024);
  assert.equal(await one("select date_trunc('week', date '2024-01-10')"), "2024-01-08 00:00:00");
  assert.equal(await one("select date_trunc(mon, timestamp '2024-05-17 10:00')"), "2024-05-01 00:00:00");
});

test("DECODE matches NULL with NULL", async () => {
  assert.equal(await one("select decode(null, null, 'null', 'other')"), "null");
  assert.equal(await one("select decode(2, 1, 'one', 2, 'two', 'other')"), "two");
  assert.equal(await one("select decode(3, 1, 'one')"), null);
  assert.equal(await one("select nvl(null, 'x')"), "x");
  assert.equal(await one("select nvl2(null, 'a', 'b')"), "b");
});

test("integer AVG truncates toward zero and SUM of integers is BIGINT", async () => {
  assert.equal(await one("select avg(x) from (select 1 as x union all select 2)"), "1");
  assert.equal(await one("select avg(x) from (select -1 as x union all select -2)"), "-1");
  const r = await con.runAndReadAll("SELECT CAST(sum(x) AS BIGINT) FROM (SELECT 1 AS x)");
  assert.equal(String(r.columnTypes()[0]), "BIGINT");
  assert.equal(await one("select 7 / 2"), 3);
  assert.equal(await one("select -7 / 2"), -3);
  assert.equal(await one("select 7.0 / 2"), "3.500000000000");
});

test("LISTAGG keeps WITHIN GROUP order and defaults to no delimiter", async () => {
  const sql =
    "select listagg(x, ',') within group (order by x desc) from (select 'a' as x union all select 'c' union all select 'b')";
  assert.equal(await one(sql), "c,b,a");
  assert.equal(
    await one("select listagg(x) within group (order by x) from (select 'a' as x union all select 'b')"),
    "ab",
  );
});

test("VARCHAR(n) counts bytes and CHAR(n) pads", async () => {
  await con.run("BEGIN");
  try {
    await run(con, "insert into t (c) values ('ééééé')");
    await assert.rejects(run(con, "insert into t (c) values ('éééééé')"), /CHECK constraint/);
  } finally {
    await con.run("ROLLBACK");
  }
  await con.run("BEGIN");
  try {
    await run(con, "insert into t (a, ch) values (1, 'ab')");
    assert.deepEqual(await run(con, "select ch, len(ch), octet_length(ch) from t where ch = 'ab'"), [["ab   ", 2, 5]]);
    assert.deepEqual(await run(con, "select count(*) from t where ch = 'ab   '"), [["1"]]);
  } finally {
    await con.run("ROLLBACK");
  }
});

test("IDENTITY columns take their sequence", async () => {
  await con.run("BEGIN");
  try {
    await run(con, "insert into ident (name) values ('a'), ('b')");
    await run(con, "insert into ident (id, name) values (default, 'c')");
    assert.deepEqual(await run(con, "select id, name from ident order by id"), [
      ["1", "a"],
      ["2", "b"],
      ["3", "c"],
    ]);
  } finally {
    await con.run("ROLLBACK");
  }
});

test("set operations keep ALL vs distinct", async () => {
  assert.equal(await one("select count(*) from (select 1 as a union select 1)"), "1");
  assert.equal(await one("select count(*) from (select 1 as a union all select 1)"), "2");
  assert.equal(await one("select count(*) from (select 1 as a union all select 1 minus select 2)"), "1");
});

test("ORDER BY puts NULLs last ascending and first descending", async () => {
  const rows = await run(con, "select x from (select 1 as x union all select null) order by x desc");
  assert.deepEqual(rows, [[null], [1]]);
  const asc = await run(con, "select x from (select 1 as x union all select null) order by x");
  assert.deepEqual(asc, [[1], [null]]);
});

test("lateral column aliases and LIKE's default backslash escape", async () => {
  assert.equal(await one("select 2 as k, k * 10 as m order by m"), 2);
  assert.deepEqual((await run(con, "select 2 as k, k * 10 as m"))[0], [2, 20]);
  assert.equal(await one("select 'a_b' like 'a\\_b'"), true);
  assert.equal(await one("select 'axb' like 'a\\_b'"), false);
});

test("recursive CTE, QUALIFY, TOP", async () => {
  assert.equal(
    await one("with recursive n(i) as (select 1 union all select i + 1 from n where i < 5) select sum(i) from n"),
    "15",
  );
  const q =
    "select x from (select 1 as x union all select 2 union all select 3) qualify row_number() over (order by x desc) = 1";
  assert.equal(await one(q), 3);
  assert.equal(
    (await run(con, "select top 2 x from (select 1 as x union all select 2 union all select 3) order by x")).length,
    2,
  );
});

test("string functions keep Redshift's meaning", async () => {
  assert.equal(await one("select substring('abcdef', -1, 3)"), "a");
  assert.equal(await one("select substring('abcdef', 2, 3)"), "bcd");
  assert.equal(await one("select charindex('c', 'abcdef')"), 3);
  assert.equal(await one("select split_part('a,b,c', ',', 2)"), "b");
  assert.equal(await one("select concat('a', 'b')"), "ab");
  assert.equal(await one("select 'a' || null"), null);
  assert.equal(await one("select lpad('7', 3, '0')"), "007");
  assert.equal(
    await one("select to_char(timestamp '2024-03-05 14:07:09', 'YYYY-MM-DD HH24:MI:SS')"),
    "2024-03-05 14:07:09",
  );
  assert.equal(await one("select to_char(date '2024-03-05', 'MON DD YYYY')"), "MAR 05 2024");
  assert.equal(await one("select to_date('05/03/2024', 'DD/MM/YYYY')"), "2024-03-05");
});

test("session functions are constants from the context", async () => {
  assert.equal(await one("select getdate()"), "2024-03-15 10:20:30");
  assert.equal(await one("select 7 / nullif(0, 0)"), null);
  await assert.rejects(run(con, "select a / (a - a) from (select 1 as a)"), /\[22012\] division by zero/);
  await assert.rejects(run(con, "select 5 % 0"), /division by zero/);
  assert.equal(await one("select date_part(second, timestamp '2023-01-04 04:05:06.789')"), 6.789);
  assert.equal(await one("select current_database()"), "dev");
  assert.match(String(await one("select version()")), /^PostgreSQL 8\.0\.2 .* Redshift 1\.0\.12345$/);
});

test("SUPER navigation reads JSON paths", async () => {
  await con.run("BEGIN");
  try {
    await con.run(`INSERT INTO dev.public.t (a, j) VALUES (1, '{"a": [1, {"c": "q"}], "b": 2}')`);
    assert.deepEqual(await run(con, "select j.a[1].c, j.b, j.nope from t where a = 1"), [['"q"', "2", null]]);
  } finally {
    await con.run("ROLLBACK");
  }
});

test("VARCHAR and CHAR comparisons ignore trailing blanks", async () => {
  await con.run("BEGIN");
  try {
    await run(con, "insert into u (a, x) values (1, 'ab  '), (2, 'ab'), (3, 'abc'), (4, 'a')");
    assert.equal(await one("select count(*) from u where x = 'ab'"), "2");
    assert.equal(await one("select count(*) from u where x = 'ab  '"), "2");
    assert.equal(await one("select count(*) from u where x <> 'ab'"), "2");
    assert.equal(await one("select count(*) from u where x in ('ab', 'a ')"), "3");
    assert.equal(await one("select count(*) from u a join u b on a.x = b.x"), "6");
    assert.equal(await one("select len(x) from u where a = 1"), 4);
  } finally {
    await con.run("ROLLBACK");
  }
});

test("TO_CHAR with number formats", async () => {
  const cases: [string, string][] = [
    ["to_char(485, '999')", " 485"],
    ["to_char(-485, '999')", "-485"],
    ["to_char(12, '9999')", "   12"],
    ["to_char(1485, '9,999')", " 1,485"],
    ["to_char(1234.5, '9G999D99')", " 1,234.50"],
    ["to_char(0.5, '9.99')", "  .50"],
    ["to_char(0.1, '0.9')", " 0.1"],
    ["to_char(-12, '0000')", "-0012"],
    ["to_char(12, 'FM999')", "12"],
    ["to_char(1.5, 'FM9.99')", "1.5"],
    ["to_char(12345, '999')", "####"],
  ];
  for (const [expr, expected] of cases) assert.equal(await one(`select ${expr}`), expected, expr);
});

test("SIMILAR TO with a constant pattern", async () => {
  assert.equal(await one("select 'abc' similar to '(a|b)%'"), true);
  assert.equal(await one("select 'abc' similar to 'a.c'"), false);
  assert.equal(await one("select 'a.c' similar to 'a.c'"), true);
  assert.equal(await one("select 'abc' not similar to 'a_c'"), false);
});

test("JSON functions and INITCAP", async () => {
  const doc = `'{"f2":{"f3":1},"f4":{"f5":99,"f6":"star"}}'`;
  assert.equal(await one(`select json_extract_path_text(${doc}, 'f4', 'f6')`), "star");
  assert.equal(await one(`select json_extract_path_text(${doc}, 'nope')`), null);
  assert.equal(await one("select json_extract_path_text('{bad', 'f4', true)"), null);
  assert.equal(await one("select json_extract_array_element_text('[111,112,113]', 2)"), "113");
  assert.equal(await one("select json_array_length('[1,2,[3]]')"), 3);
  assert.equal(await one('select json_parse(\'{"a": {"b": 7}}\').a.b'), "7");
  assert.equal(await one("select initcap('hELLO wORLD-foo')"), "Hello World-Foo");
});

test("CONVERT_TIMEZONE reads TIMESTAMPs in the source zone and TIMESTAMPTZ as instants", async () => {
  assert.equal(
    await one("select convert_timezone('America/New_York', timestamp '2024-01-01 12:00:00')"),
    "2024-01-01 07:00:00",
  );
  assert.equal(
    await one("select convert_timezone('UTC', 'Asia/Tokyo', timestamp '2024-01-01 12:00:00')"),
    "2024-01-01 21:00:00",
  );
  assert.equal(
    await one("select convert_timezone('Asia/Tokyo', timestamptz '2024-01-01 12:00:00+00')"),
    "2024-01-01 21:00:00",
  );
});
