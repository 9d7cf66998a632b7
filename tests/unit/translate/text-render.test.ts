// tests/unit/translate/text-render.test.ts
//! textRenderExpr on a real DuckDB: every type rendered as Postgres's text output would.

import assert from "node:assert/strict";
import { test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { sqlTypeFromDuck, textRenderExpr } from "../../../src/translate/index.js";

const CASES: readonly (readonly [string, string, string | null])[] = [
  ["TRUE", "BOOLEAN", "t"],
  ["FALSE", "BOOLEAN", "f"],
  ["CAST(NULL AS BOOLEAN)", "BOOLEAN", null],
  ["CAST(42 AS INTEGER)", "INTEGER", "42"],
  ["CAST(-7 AS BIGINT)", "BIGINT", "-7"],
  ["CAST(1.0 AS DOUBLE)", "DOUBLE", "1"],
  ["CAST(0.1 AS DOUBLE)", "DOUBLE", "0.1"],
  ["CAST(-2.5 AS DOUBLE)", "DOUBLE", "-2.5"],
  ["CAST(1e20 AS DOUBLE)", "DOUBLE", "1e+20"],
  ["CAST(1e15 AS DOUBLE)", "DOUBLE", "1e+15"],
  ["CAST(1234567890123456.7 AS DOUBLE)", "DOUBLE", "1.2345678901234568e+15"],
  ["CAST(123456789012345 AS DOUBLE)", "DOUBLE", "123456789012345"],
  ["CAST(0.0001 AS DOUBLE)", "DOUBLE", "0.0001"],
  ["CAST(0.00001 AS DOUBLE)", "DOUBLE", "1e-05"],
  ["CAST('inf' AS DOUBLE)", "DOUBLE", "Infinity"],
  ["CAST('-inf' AS DOUBLE)", "DOUBLE", "-Infinity"],
  ["CAST('nan' AS DOUBLE)", "DOUBLE", "NaN"],
  ["CAST('-0' AS DOUBLE)", "DOUBLE", "-0"],
  ["CAST(1.5 AS REAL)", "FLOAT", "1.5"],
  ["CAST(0.1 AS REAL)", "FLOAT", "0.1"],
  ["CAST(123456 AS REAL)", "FLOAT", "123456"],
  ["CAST(1000000 AS REAL)", "FLOAT", "1e+06"],
  ["CAST(1234567 AS REAL)", "FLOAT", "1.234567e+06"],
  ["CAST(1.50 AS DECIMAL(10,2))", "DECIMAL(10,2)", "1.50"],
  ["DATE '2024-01-05'", "DATE", "2024-01-05"],
  ["TIMESTAMP '2024-01-05 10:00:00'", "TIMESTAMP", "2024-01-05 10:00:00"],
  ["TIMESTAMP '2024-01-05 10:00:00.5'", "TIMESTAMP", "2024-01-05 10:00:00.5"],
  ["TIMESTAMPTZ '2024-01-05 10:00:00+02'", "TIMESTAMP WITH TIME ZONE", "2024-01-05 09:00:00+01"],
  ["TIME '10:00:00'", "TIME", "10:00:00"],
  ["INTERVAL '1 day 2 hours'", "INTERVAL", "1 day 02:00:00"],
  ["INTERVAL '3 months'", "INTERVAL", "3 mons"],
  ["INTERVAL '1 month'", "INTERVAL", "1 mon"],
  ["INTERVAL '1 year 2 months 3 days 04:05:06.5'", "INTERVAL", "1 year 2 mons 3 days 04:05:06.5"],
  ["INTERVAL '0 seconds'", "INTERVAL", "00:00:00"],
  ["INTERVAL '-1 day'", "INTERVAL", "-1 days"],
  ["INTERVAL '25 hours'", "INTERVAL", "25:00:00"],
  ["INTERVAL '-2 hours'", "INTERVAL", "-02:00:00"],
  ["INTERVAL '-14 months'", "INTERVAL", "-1 years -2 mons"],
  ["'\\x01\\xAB'::BLOB", "BLOB", "01ab"],
  ["[1, 2]", "INTEGER[]", "{1,2}"],
  ["['a b', 'c', '', NULL]", "VARCHAR[]", '{"a b",c,"",NULL}'],
  ["[TRUE, FALSE]", "BOOLEAN[]", "{t,f}"],
  ["'héllo'", "VARCHAR", "héllo"],
  ["'{\"a\": 1}'::JSON", "JSON", '{"a": 1}'],
  ["CAST(170141183460469231731687303715884105727 AS HUGEINT)", "HUGEINT", "170141183460469231731687303715884105727"],
];

test("textRenderExpr renders each DuckDB type in Postgres text format", async () => {
  const inst = await DuckDBInstance.create(":memory:");
  const con = await inst.connect();
  await con.run("SET TimeZone = 'Europe/Paris'");
  for (const [value, type, expected] of CASES) {
    const sql = `SELECT ${textRenderExpr('"x"', type, { extraFloatDigits: 1 })} FROM (SELECT ${value} AS "x")`;
    const r = await con.runAndReadAll(sql);
    const types = r.columnTypes().map(String);
    assert.equal(types[0], "VARCHAR", sql);
    assert.equal(r.getRowsJson()[0]?.[0] ?? null, expected, `${value} as ${type}`);
    const actualType = (await con.runAndReadAll(`SELECT ${value}`)).columnTypes().map(String)[0];
    if (type !== "JSON") assert.equal(actualType, type, `fixture type of ${value}`);
  }
});

test("extra_float_digits 0 (Redshift's default) prints 15 / 6 significant digits", async () => {
  const inst = await DuckDBInstance.create(":memory:");
  const con = await inst.connect();
  const cases: [string, string, string, number][] = [
    ["CAST(1 AS DOUBLE) / 3", "DOUBLE", "0.333333333333333", 0],
    ["CAST(2 AS DOUBLE) / 3 * 1000000", "DOUBLE", "666666.666666667", 0],
    ["CAST(1 AS REAL) / CAST(3 AS REAL)", "FLOAT", "0.333333", 0],
    ["CAST(100 AS DOUBLE)", "DOUBLE", "100", 0],
    ["CAST(1e20 AS DOUBLE)", "DOUBLE", "1e+20", 0],
    ["CAST('-inf' AS DOUBLE)", "DOUBLE", "-Infinity", 0],
    ["CAST(1 AS DOUBLE) / 3", "DOUBLE", "0.33333333333333", -1],
    ["[CAST(1 AS DOUBLE) / 3]", "DOUBLE[]", "{0.333333333333333}", 0],
  ];
  for (const [value, type, expected, efd] of cases) {
    const sql = `SELECT ${textRenderExpr('"x"', type, { extraFloatDigits: efd })} FROM (SELECT ${value} AS "x")`;
    assert.equal((await con.runAndReadAll(sql)).getRowsJson()[0]?.[0], expected, sql);
  }
});

test("sqlTypeFromDuck maps DuckDB result types to Redshift types", () => {
  assert.deepEqual(sqlTypeFromDuck("DECIMAL(15,2)"), { id: "decimal", precision: 15, scale: 2 });
  assert.equal(sqlTypeFromDuck("INTEGER").id, "integer");
  assert.equal(sqlTypeFromDuck("BIGINT").id, "bigint");
  assert.equal(sqlTypeFromDuck("HUGEINT").id, "decimal");
  assert.equal(sqlTypeFromDuck("TIMESTAMP WITH TIME ZONE").id, "timestamptz");
  assert.equal(sqlTypeFromDuck("VARCHAR").id, "varchar");
  assert.equal(sqlTypeFromDuck("BLOB").id, "varbyte");
  assert.equal(sqlTypeFromDuck("JSON").id, "super");
  assert.equal(sqlTypeFromDuck("INTEGER[]").id, "text");
  assert.equal(sqlTypeFromDuck("FLOAT").id, "real");
});
