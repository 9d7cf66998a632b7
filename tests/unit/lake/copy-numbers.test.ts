// tests/unit/lake/copy-numbers.test.ts
//! COPY's number and CHAR conversions give the same rows whichever path loads them: the fast path
//! (one INSERT straight from read_csv, for a clean file) and the full path (taken when any row is
//! bad). DuckDB's casts take more than Redshift does ('1.5', '1e3', '1_000', '0x1F' into an
//! INTEGER, '1_0.5' or '1.e2' into a DECIMAL): each of those is an invalid digit (1207) on both.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { FAST_PATH_BAD_ROW } from "../../../src/lake/copy/fast.js";
import { T } from "../../../src/sql/types.js";
import { type Harness, onFastPath, openHarness } from "./copy-harness.js";

let h: Harness;

before(async () => {
  h = await openHarness();
  await h.table("dated", [
    { name: "id", type: T.integer, ddl: "INTEGER" },
    { name: "d", type: T.date, ddl: "DATE" },
    { name: "n", type: T.date, notNull: true, ddl: "DATE" },
  ]);
  await h.table("nums", [
    { name: "id", type: T.integer, ddl: "INTEGER" },
    { name: "i", type: T.integer, ddl: "INTEGER" },
    { name: "b", type: T.bigint, ddl: "BIGINT" },
    { name: "d", type: { id: "decimal", precision: 8, scale: 2 }, ddl: "DECIMAL(8,2)" },
    { name: "c", type: { id: "char", length: 5 }, ddl: "VARCHAR" },
  ]);
});
after(() => h.close());

/** Runs a COPY, returning every statement it sent to DuckDB. */
async function copySeeingSql(copy: string): Promise<string[]> {
  return (await h.copySeeingSql(copy)).statements;
}

/** Runs a COPY of `lines` into nums; returns the rows, the load errors and whether the fast path loaded them. */
async function load(
  lines: readonly string[],
  extra = "",
): Promise<{ rows: unknown[][]; errors: unknown[][]; fast: boolean }> {
  await h.conn.run(`DELETE FROM "dev"."public"."nums"`);
  await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
  h.put("lake", "nums/x.txt", `${lines.join("\n")}\n`);
  const seen = await copySeeingSql(`copy nums from 's3://lake/nums/x.txt' iam_role default ${extra}`);
  const fast = onFastPath(seen);
  const rows = await h.rows(
    `SELECT id, i, b, CAST(d AS VARCHAR), c FROM "dev"."public"."nums" WHERE id IS NOT NULL ORDER BY id`,
  );
  const errors = (await h.loadErrors()).map((e) => [e.line_number, e.colname, e.raw_field_value, e.err_code]);
  return { rows, errors, fast };
}

const GOOD = [
  "1|5|9000000000|12|ab",
  "2| 5|+7|12.5|abcde",
  "3|+5 |-7|12.345|a",
  "4|007|0|-0.5|",
  "5|-12|-0|.5|x",
  "6|2147483647|12|+1.25|\\N",
];
const GOOD_ROWS = [
  [1, 5, 9000000000n, "12.00", "ab   "],
  [2, 5, 7n, "12.50", "abcde"],
  [3, 5, -7n, "12.34", "a    "],
  [4, 7, 0n, "-0.50", "     "],
  [5, -12, 0n, "0.50", "x    "],
  [6, 2147483647, 12n, "1.25", null],
];

test("signs, blanks around digits, leading zeros, truncated decimals and CHAR padding: the same on both paths", async () => {
  const fast = await load(GOOD);
  assert.equal(fast.fast, true, "a clean file loads on the fast path");
  assert.deepEqual(fast.rows, GOOD_ROWS);
  assert.deepEqual(fast.errors, []);
  // One bad row sends the load down the full path; the good rows come out the same.
  const full = await load([...GOOD, "7|x|0|0|z"], "maxerror 1");
  assert.equal(full.fast, false);
  assert.deepEqual(full.rows, GOOD_ROWS);
  assert.deepEqual(full.errors, [[7n, "i", "x", 1207]]);
});

test("what DuckDB's casts take but Redshift does not is an invalid digit, on the fast path's file too", async () => {
  const bad = [
    ["1.5", "i"],
    ["1e3", "i"],
    ["1E2", "i"],
    ["1_000", "i"],
    ["0x1F", "i"],
    ["0b101", "i"],
  ];
  // '12.345x': the cut of extra decimals takes digits only (it used to leave 12.34).
  const badDec = ["1_0.5", "1e3", "1.e2", "1.5E2", "1,5", "12.345x", "1.2.345"];
  const lines = [
    "1|1|1|1|a",
    ...bad.map(([v], k) => `${k + 2}|${v}|1|1|a`),
    ...badDec.map((v, k) => `${k + 2 + bad.length}|1|1|${v}|a`),
  ];
  // Without MAXERROR the load fails and leaves the table empty.
  await assert.rejects(load(lines), /Load into table 'nums' failed/);
  assert.deepEqual(await h.rows(`SELECT count(*) FROM "dev"."public"."nums"`), [[0n]]);
  const r = await load(lines, "maxerror 100");
  assert.deepEqual(r.rows, [[1, 1, 1n, "1.00", "a    "]]);
  assert.deepEqual(r.errors, [
    ...bad.map(([v, col], k) => [BigInt(k + 2), col, v, 1207]),
    ...badDec.map((v, k) => [BigInt(k + 2 + bad.length), "d", v, 1207]),
  ]);
});

test("a CHAR longer than its width is too long (1204) on both paths", async () => {
  const r = await load(["1|1|1|1|abcdef", "2|1|1|1|a"], "maxerror 5");
  assert.deepEqual(r.rows, [[2, 1, 1n, "1.00", "a    "]]);
  assert.deepEqual(r.errors, [[1n, "c", "abcdef", 1204]]);
});

/** COPY into dated; returns the rows, the load errors, whether the fast path loaded them and whether it read dates as DATE. */
async function loadDates(body: string, extra = "") {
  await h.conn.run(`DELETE FROM "dev"."public"."dated"`);
  await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
  h.put("lake", "dated/x.txt", body);
  const seen = await copySeeingSql(`copy dated from 's3://lake/dated/x.txt' iam_role default ${extra}`);
  const last = seen.findLast((s) => s.includes(FAST_PATH_BAD_ROW)) ?? "";
  return {
    rows: await h.rows(`SELECT id, CAST(d AS VARCHAR), CAST(n AS VARCHAR) FROM "dev"."public"."dated" ORDER BY id`),
    errors: (await h.loadErrors()).map((e) => [e.line_number, e.colname, e.err_code]),
    fast: onFastPath(seen),
    typedRead: last.includes("'DATE'"),
  };
}

test("dates in the default format are read as DATE by the reader; an empty one makes it read text again", async () => {
  const clean = await loadDates("1|2024-01-02|2024-02-03\n2|\\N|1992-07-22\n");
  assert.deepEqual(clean.rows, [
    [1, "2024-01-02", "2024-02-03"],
    [2, null, "1992-07-22"],
  ]);
  assert.deepEqual([clean.fast, clean.typedRead], [true, true]);
  // An empty date is NULL to COPY, but DuckDB's reader refuses it as a DATE: the second try reads text.
  const empty = await loadDates("1||2024-02-03\n2|  |2024-02-04\n");
  assert.deepEqual(empty.rows, [
    [1, null, "2024-02-03"],
    [2, null, "2024-02-04"],
  ]);
  assert.deepEqual([empty.fast, empty.typedRead, empty.errors], [true, false, []]);
  // NULL in the NOT NULL column and a bad date: the full path records both.
  const bad = await loadDates("1|2024-01-02|\\N\n2|2024-13-01|2024-01-01\n3|2024-01-03|2024-01-03\n", "maxerror 5");
  assert.deepEqual(bad.rows, [[3, "2024-01-03", "2024-01-03"]]);
  assert.equal(bad.fast, false);
  assert.deepEqual(bad.errors, [
    [1n, "n", 1213],
    [2n, "d", 1205],
  ]);
  // Another DATEFORMAT converts in SQL, from text.
  const other = await loadDates("1|02.01.2024|03.02.2024\n", "dateformat 'DD.MM.YYYY'");
  assert.deepEqual(other.rows, [[1, "2024-01-02", "2024-02-03"]]);
  assert.deepEqual([other.fast, other.typedRead], [true, false]);
});
