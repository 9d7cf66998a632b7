// tests/unit/engine/cells-native-text.test.ts
//! Text cells written from raw integer, DECIMAL, DATE and BOOLEAN vectors, checked against
//! DuckDB's own VARCHAR cast (which prints these types as Postgres does) and, where the two
//! differ (BC dates), against Postgres's spelling.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { nativeTextType } from "../../../src/engine/cells-native-text.js";
import { Engine } from "../../../src/engine/engine.js";
import type { CellVector, EngineConnection } from "../../../src/engine/types.js";

let engine: Engine;
let conn: EngineConnection;
const decoder = new TextDecoder();

before(async () => {
  engine = await Engine.open({ dataDir: ":memory:" });
  await engine.createDatabase("dev");
  conn = await engine.connect("dev");
});
after(async () => {
  await engine.close();
});

function texts(cv: CellVector, n: number): (string | null)[] {
  const out: (string | null)[] = [];
  for (let r = 0; r < n; r++) {
    out.push(cv.nulls?.[r] === 1 ? null : decoder.decode(cv.bytes.subarray(cv.offsets[r]!, cv.offsets[r + 1]!)));
  }
  return out;
}

/** Column 0 as native text cells and column 1 as DuckDB's VARCHAR cast, over every chunk. */
async function both(expr: string, from: string): Promise<{ native: (string | null)[]; cast: (string | null)[] }> {
  const s = await conn.stream(`SELECT ${expr} AS v, CAST(${expr} AS VARCHAR) AS c FROM ${from}`);
  const native: (string | null)[] = [];
  const cast: (string | null)[] = [];
  for (let ch = await s.next(); ch; ch = await s.next()) {
    native.push(...texts(ch.cells(0, "text"), ch.rowCount));
    cast.push(...texts(ch.cells(1, "text"), ch.rowCount));
  }
  s.close();
  return { native, cast };
}

test("nativeTextType: integers of every width, DECIMAL, DATE, BOOLEAN", () => {
  for (const t of [
    "BOOLEAN",
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
  ])
    assert.ok(nativeTextType(t), t);
  for (const t of ["HUGEINT", "UHUGEINT", "DATE", "DECIMAL(4,1)", "DECIMAL(18,0)", "DECIMAL(19,2)", "DECIMAL(38,10)"])
    assert.ok(nativeTextType(t), t);
  for (const t of ["DOUBLE", "REAL", "TIMESTAMP", "VARCHAR", "INTERVAL", "TIME", "UUID"])
    assert.ok(!nativeTextType(t), t);
});

test("integers of the other widths and DECIMAL(19..38): as DuckDB's VARCHAR cast prints them", async () => {
  const cases: [string, string[]][] = [
    ["TINYINT", ["-128", "127", "0", "-1"]],
    ["UTINYINT", ["0", "255"]],
    ["USMALLINT", ["0", "65535"]],
    ["UINTEGER", ["0", "4294967295", "2147483648"]],
    ["UBIGINT", ["0", "18446744073709551615", "9007199254740993", "4294967296"]],
    ["HUGEINT", ["-170141183460469231731687303715884105728", "170141183460469231731687303715884105727", "-1", "0"]],
    ["UHUGEINT", ["0", "340282366920938463463374607431768211455", "18446744073709551616"]],
    ["DECIMAL(19,2)", ["0", "-0.01", "99999999999999999.99", "-99999999999999999.99"]],
    ["DECIMAL(38,10)", ["-9999999999999999999999999999.9999999999", "0.0000000001", "-1", "12345678901234567890.5"]],
    ["DECIMAL(38,0)", ["99999999999999999999999999999999999999", "-99999999999999999999999999999999999999", "0"]],
  ];
  for (const [type, vals] of cases) {
    const rows = [...vals.map((v) => `(CAST('${v}' AS ${type}))`), "(NULL)"].join(", ");
    const r = await both("x", `(VALUES ${rows}) t(x)`);
    assert.deepEqual(r.native, r.cast, type);
    assert.equal(r.native.at(-1), null);
  }
  // Postgres writes the leading zero of a scale-38 numeric (DuckDB's cast leaves it out).
  const frac = await both("x", "(VALUES (CAST('-0.00000000000000000000000000000000000001' AS DECIMAL(38,38)))) t(x)");
  assert.deepEqual(frac.native, ["-0.00000000000000000000000000000000000001"]);
});

test("integers: extremes, zero, negatives, NULLs, across chunk boundaries", async () => {
  const values = "(VALUES (0), (1), (-1), (9), (10), (-10), (99), (100), (12345), (-32768), (32767), (NULL))";
  for (const t of ["SMALLINT", "INTEGER", "BIGINT"]) {
    const r = await both(`CAST(x AS ${t})`, `${values} t(x)`);
    assert.deepEqual(r.native, r.cast, t);
  }
  const ext = await both(
    "x",
    "(VALUES (CAST(-2147483648 AS BIGINT)), (2147483647), (-9223372036854775808), (9223372036854775807), (9007199254740991), (9007199254740993), (-9007199254740993), (4294967296), (-4294967296)) t(x)",
  );
  assert.deepEqual(ext.native, ext.cast);
  assert.ok(ext.native.includes("-9223372036854775808") && ext.native.includes("9007199254740993"));
  const int32 = await both("CAST(x AS INTEGER)", "(VALUES (-2147483648), (2147483647)) t(x)");
  assert.deepEqual(int32.native, ["-2147483648", "2147483647"]);
  // 5000 rows: three chunks, with NULLs at the chunk edges.
  const many = await both(
    "CASE WHEN i % 2047 = 0 THEN NULL ELSE (i * 7919 - 20000000)::INTEGER END",
    "range(5000) t(i)",
  );
  assert.equal(many.native.length, 5000);
  assert.deepEqual(many.native, many.cast);
  assert.equal(many.native[2047], null);
});

test("DECIMAL: every storage width, scale 0 to 18, signs, zero, beyond 2^53", async () => {
  const cases: [string, string[]][] = [
    ["DECIMAL(4,1)", ["0", "-0.5", "999.9", "-999.9", "0.1", "12"]],
    ["DECIMAL(4,0)", ["0", "-9999", "9999", "7"]],
    ["DECIMAL(9,4)", ["0", "0.0001", "-0.0001", "12345.6789", "-99999.9999", "1"]],
    ["DECIMAL(15,2)", ["0", "0.5", "-0.5", "-0.05", "1234567890123.45", "-9999999999999.99", "100"]],
    ["DECIMAL(18,0)", ["999999999999999999", "-999999999999999999", "9007199254740993", "0"]],
    ["DECIMAL(18,6)", ["123456789012.345678", "-123456789012.345678", "0.000001", "-0.000001"]],
  ];
  for (const [type, vals] of cases) {
    const rows = [...vals.map((v) => `(CAST('${v}' AS ${type}))`), "(NULL)"].join(", ");
    const r = await both("x", `(VALUES ${rows}) t(x)`);
    assert.deepEqual(r.native, r.cast, type);
    assert.equal(r.native.at(-1), null);
  }
  // DuckDB prints DECIMAL(18,18) without the leading zero; Postgres prints it.
  const frac = await both(
    "x",
    "(VALUES (CAST('0.999999999999999999' AS DECIMAL(18,18))), (CAST('-0.000000000000000001' AS DECIMAL(18,18))), (CAST(0 AS DECIMAL(18,18)))) t(x)",
  );
  assert.deepEqual(frac.native, ["0.999999999999999999", "-0.000000000000000001", "0.000000000000000000"]);
  // Values just below a multiple of 10^scale, where a floating-point quotient rounds up.
  const edge = await both(
    "CAST(x AS DECIMAL(18,4))",
    "(VALUES (899999999999.9999), (900719925474.0991), (-899999999999.9999)) t(x)",
  );
  assert.deepEqual(edge.native, edge.cast);
  const pg = await both("x", "(VALUES (CAST('-0.5' AS DECIMAL(15,2))), (CAST('3' AS DECIMAL(15,2)))) t(x)");
  assert.deepEqual(pg.native, ["-0.50", "3.00"], "exactly `scale` fraction digits, as Postgres prints numeric");
});

test("DATE: Postgres's spelling, BC years, five-digit years, infinities", async () => {
  const r = await both(
    "x",
    "(VALUES (DATE '1970-01-01'), (DATE '1969-12-31'), (DATE '2000-02-29'), (DATE '1900-03-01'), (DATE '0001-01-01'), (DATE '0099-12-31'), (DATE '9999-12-31'), (DATE '1582-10-15'), (DATE '1995-03-17'), (NULL)) t(x)",
  );
  assert.deepEqual(r.native, r.cast);
  const wide = await both("DATE '1992-01-01' + CAST(i * 37 AS INTEGER)", "range(3000) t(i)");
  assert.deepEqual(wide.native, wide.cast);
  const far = await conn.stream(
    "SELECT x FROM (VALUES (CAST(DATE '0001-03-15' - INTERVAL 1 YEAR AS DATE)), (CAST('-infinity' AS DATE)), (CAST('infinity' AS DATE)), (DATE '0001-01-01' - 1), (CAST('10000-01-01' AS DATE))) t(x)",
  );
  const ch = await far.next();
  assert.ok(ch);
  assert.deepEqual(texts(ch.cells(0, "text"), ch.rowCount), [
    "0001-03-15 BC",
    "-infinity",
    "infinity",
    "0001-12-31 BC",
    "10000-01-01",
  ]);
  far.close();
});

test("BOOLEAN: t, f and NULL", async () => {
  const s = await conn.stream("SELECT x FROM (VALUES (true), (false), (NULL)) t(x)");
  const ch = await s.next();
  assert.ok(ch);
  assert.deepEqual(texts(ch.cells(0, "text"), ch.rowCount), ["t", "f", null]);
  s.close();
});
