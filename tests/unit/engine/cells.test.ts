// tests/unit/engine/cells.test.ts
//! CellVectors read raw from DuckDB vectors, checked against DuckDB's own JS values.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { Engine } from "../../../src/engine/engine.js";
import type { CellVector, EngineConnection } from "../../../src/engine/types.js";

let engine: Engine;
let conn: EngineConnection;
const dir = mkdtempSync(join(tmpdir(), "lakeshift-cells-"));
const decoder = new TextDecoder();

before(async () => {
  engine = await Engine.open({ dataDir: dir });
  await engine.createDatabase("dev");
  conn = await engine.connect("dev");
});
after(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

function texts(cv: CellVector, n: number): (string | null)[] {
  const out: (string | null)[] = [];
  for (let r = 0; r < n; r++) {
    out.push(cv.nulls?.[r] === 1 ? null : decoder.decode(cv.bytes.subarray(cv.offsets[r]!, cv.offsets[r + 1]!)));
  }
  return out;
}

/** Streams `sql` and returns column 0 as decoded cells and as DuckDB's JS values, all chunks. */
async function collect(
  sql: string,
  params?: unknown[],
): Promise<{ cells: (string | null)[]; values: unknown[]; chunks: number }> {
  const s = await conn.stream(sql, params);
  const cells: (string | null)[] = [];
  const values: unknown[] = [];
  let chunks = 0;
  for (let ch = await s.next(); ch; ch = await s.next()) {
    chunks++;
    const cv = ch.cells(0, "text");
    assert.equal(cv.offsets.length, ch.rowCount + 1);
    assert.equal(ch.cells(0, "text"), cv, "cells are computed once per column and form");
    cells.push(...texts(cv, ch.rowCount));
    values.push(...ch.values(0));
  }
  s.close();
  return { cells, values, chunks };
}

test("text cells: empty, NULL, 12/13 bytes, multi-byte UTF-8, long strings", async () => {
  const samples = [
    "",
    null,
    "a",
    "123456789012",
    "1234567890123",
    "héllo wörld",
    "日本語のテキスト",
    "emoji 🎉🎉",
    "é".repeat(6),
    "x".repeat(13),
    "y".repeat(5000),
    "z".repeat(100),
  ];
  const values = samples.map((s) => (s === null ? "(NULL)" : `('${s}')`)).join(", ");
  const r = await collect(`SELECT * FROM (VALUES ${values}) t(s)`);
  assert.deepEqual(r.cells, samples);
  assert.deepEqual(r.values, samples);
});

test("text cells: all-valid and some-null vectors, many chunks, in order", async () => {
  const allValid = await collect("SELECT 'row ' || i || repeat('-', i % 30) FROM range(10000) r(i) ORDER BY i");
  assert.ok(allValid.chunks >= 4);
  assert.equal(allValid.cells.length, 10000);
  assert.deepEqual(allValid.cells, allValid.values);
  assert.equal(allValid.cells[9999], `row 9999${"-".repeat(9999 % 30)}`);
  const someNull = await collect(
    "SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE repeat(chr(65 + (i % 26)::INTEGER), (i % 40)::INTEGER) END FROM range(5000) r(i) ORDER BY i",
  );
  assert.deepEqual(someNull.cells, someNull.values);
  assert.equal(someNull.cells[7], null);
  // Vectors over the reusable scratch buffer's 16 MB get a buffer of their own.
  const huge = await collect("SELECT repeat('ab', 5000) || i FROM range(3000) r(i) ORDER BY i");
  assert.deepEqual(huge.cells, huge.values);
  const allNull = await collect("SELECT NULL::VARCHAR FROM range(3000)");
  assert.deepEqual(allNull.cells, new Array(3000).fill(null));
});

test("text cells from stored tables, pointers in any order", async () => {
  await conn.run(
    "CREATE TABLE words AS SELECT i, CASE WHEN i % 11 = 0 THEN NULL ELSE md5(i::VARCHAR) || repeat('ü', (i % 9)::INTEGER) END AS w, (['DELIVER IN PERSON','NONE','TAKE BACK RETURN'])[(i % 3) + 1] AS k FROM range(20000) r(i)",
  );
  await conn.run("CHECKPOINT");
  for (const sql of [
    "SELECT w FROM words ORDER BY i",
    "SELECT w FROM words ORDER BY hash(i)",
    "SELECT k FROM words ORDER BY hash(i * 3)",
    "SELECT w FROM words WHERE i % 3 = 1",
  ]) {
    const r = await collect(sql);
    assert.deepEqual(r.cells, r.values, sql);
  }
});

test("text cells with prepared parameters, BLOB bytes, and the fallback for non-VARCHAR columns", async () => {
  const p = await collect("SELECT $1 || i FROM range($2::INTEGER) r(i)", ["p", 3]);
  assert.deepEqual(p.cells, ["p0", "p1", "p2"]);
  const s = await conn.stream("SELECT '\\x00\\xFF\\x41'::BLOB AS b, 42 AS n, NULL::INTEGER AS z");
  const ch = (await s.next())!;
  const b = ch.cells(0);
  assert.deepEqual([...b.bytes.subarray(b.offsets[0]!, b.offsets[1]!)], [0, 255, 65]);
  assert.deepEqual(texts(ch.cells(1, "text"), 1), ["42"]);
  assert.deepEqual(texts(ch.cells(2, "text"), 1), [null]);
  s.close();
});

/** Binary cells of column 0 for each row, as byte arrays (null for NULL). */
async function binary(sql: string): Promise<(number[] | null)[]> {
  const s = await conn.stream(sql);
  const out: (number[] | null)[] = [];
  for (let ch = await s.next(); ch; ch = await s.next()) {
    const cv = ch.cells(0, "binary-be");
    for (let r = 0; r < ch.rowCount; r++) {
      out.push(cv.nulls?.[r] === 1 ? null : [...cv.bytes.subarray(cv.offsets[r]!, cv.offsets[r + 1]!)]);
    }
  }
  s.close();
  return out;
}

function be(width: number, write: (v: DataView) => void): number[] {
  const v = new DataView(new ArrayBuffer(width));
  write(v);
  return [...new Uint8Array(v.buffer)];
}

test("binary-be cells for each numeric and date type, with negatives, NULLs and infinities", async () => {
  const cases: [string, string[], (number[] | null)[]][] = [
    ["BOOLEAN", ["true", "false", "NULL"], [[1], [0], null]],
    ["TINYINT", ["-2", "127"], [be(2, (v) => v.setInt16(0, -2)), be(2, (v) => v.setInt16(0, 127))]],
    ["SMALLINT", ["-2", "32767", "NULL"], [be(2, (v) => v.setInt16(0, -2)), be(2, (v) => v.setInt16(0, 32767)), null]],
    [
      "INTEGER",
      ["-5", "2147483647", "-2147483648"],
      [-5, 2147483647, -2147483648].map((x) => be(4, (v) => v.setInt32(0, x))),
    ],
    [
      "BIGINT",
      ["-1099511627776", "9223372036854775807", "NULL"],
      [be(8, (v) => v.setBigInt64(0, -1099511627776n)), be(8, (v) => v.setBigInt64(0, 9223372036854775807n)), null],
    ],
    ["REAL", ["-1.5", "3.25"], [-1.5, 3.25].map((x) => be(4, (v) => v.setFloat32(0, x)))],
    ["DOUBLE", ["-2.25", "1e300"], [-2.25, 1e300].map((x) => be(8, (v) => v.setFloat64(0, x)))],
    [
      "DATE",
      ["'1999-12-31'", "'2000-01-02'", "'1970-01-01'", "'infinity'", "'-infinity'", "NULL"],
      [...[-1, 1, -10957, 2147483647, -2147483648].map((x) => be(4, (v) => v.setInt32(0, x))), null],
    ],
    [
      "TIMESTAMP",
      [
        "'1999-12-31 23:59:59.999999'",
        "'2000-01-01 00:00:01'",
        "'1970-01-01'",
        "'1900-06-01 12:00:00.5'",
        "'infinity'",
        "'-infinity'",
      ],
      [
        ...[-1n, 1000000n, -946684800000000n, -3142583999500000n, 9223372036854775807n, -9223372036854775808n].map(
          (x) => be(8, (v) => v.setBigInt64(0, x)),
        ),
      ],
    ],
    [
      "TIMESTAMPTZ",
      ["'2000-01-01 00:00:00+00'", "'1999-12-31 23:00:00-02'"],
      [0n, 3600000000n].map((x) => be(8, (v) => v.setBigInt64(0, x))),
    ],
  ];
  for (const [type, literals, expected] of cases) {
    const sql = `SELECT v::${type} FROM (VALUES ${literals.map((l, i) => `(${i}, ${l})`).join(", ")}) t(i, v) ORDER BY i`;
    assert.deepEqual(await binary(sql), expected, type);
  }
  // Many chunks, some NULLs.
  const many = await binary(
    "SELECT CASE WHEN i % 5 = 0 THEN NULL ELSE (i - 5000)::INTEGER END FROM range(10000) r(i) ORDER BY i",
  );
  assert.equal(many.length, 10000);
  assert.equal(many[0], null);
  assert.deepEqual(
    many[9999],
    be(4, (v) => v.setInt32(0, 4999)),
  );
  assert.deepEqual(
    many[1],
    be(4, (v) => v.setInt32(0, -4999)),
  );
  // DECIMAL goes out as binary NUMERIC (tests/unit/engine/numeric.test.ts); HUGEINT has no binary form here.
  // (TIMETZ and INTERVAL are checked against PostgreSQL's bytes in tests/e2e/binary-results.test.ts.)
  assert.deepEqual(await binary("SELECT 1.5::DECIMAL(15,2)"), [[0, 2, 0, 0, 0, 0, 0, 2, 0, 1, 0x13, 0x88]]);
  await assert.rejects(binary("SELECT 1::HUGEINT"), (e: { sqlstate?: string }) => e.sqlstate === "0A000");
});

test("stream yields every row in order across many chunks and closes early cleanly", async () => {
  const s = await conn.stream("SELECT i::INTEGER AS i, (i * 2)::VARCHAR AS d FROM range(100000) r(i) ORDER BY i");
  assert.deepEqual(s.columns, [
    { name: "i", type: "INTEGER" },
    { name: "d", type: "VARCHAR" },
  ]);
  let expect = 0;
  let chunks = 0;
  for (let ch = await s.next(); ch; ch = await s.next()) {
    chunks++;
    const ints = ch.values(0) as number[];
    const ds = texts(ch.cells(1), ch.rowCount);
    for (let r = 0; r < ch.rowCount; r++) {
      assert.equal(ints[r], expect);
      assert.equal(ds[r], String(expect * 2));
      expect++;
    }
  }
  assert.equal(expect, 100000);
  assert.ok(chunks > 10);
  assert.equal(await s.next(), null);
  s.close();
  const early = await conn.stream("SELECT * FROM range(1000000)");
  assert.ok(await early.next());
  early.close();
  early.close();
  assert.equal(await early.next(), null);
  // The connection goes on after a stream closed early.
  assert.deepEqual((await conn.all("SELECT 7::INTEGER")).rows, [[7]]);
});

test("hasBinaryForm names exactly the types binary-be serves", async () => {
  const { hasBinaryForm } = await import("../../../src/engine/index.js");
  for (const t of ["INTEGER", "DATE", "TIMESTAMP WITH TIME ZONE", "FLOAT", "VARCHAR", "BLOB", "DECIMAL(15,2)"])
    assert.ok(hasBinaryForm(t), t);
  for (const t of ["DECIMAL", "HUGEINT", "UUID", "INTEGER[]", "toString"]) assert.ok(!hasBinaryForm(t), t);
  const s = await conn.stream(
    "SELECT 1.5::FLOAT AS f, TIME '01:02:03.5' AS t, 200::UTINYINT AS u, 65535::USMALLINT AS us, 4294967295::UINTEGER AS ui",
  );
  const ch = (await s.next())!;
  assert.deepEqual(
    s.columns.map((c) => c.type),
    ["FLOAT", "TIME", "UTINYINT", "USMALLINT", "UINTEGER"],
  );
  const bytes = (c: number) => [...ch.cells(c, "binary-be").bytes];
  assert.deepEqual(
    bytes(0),
    be(4, (v) => v.setFloat32(0, 1.5)),
  );
  assert.deepEqual(
    bytes(1),
    be(8, (v) => v.setBigInt64(0, 3723500000n)),
  );
  assert.deepEqual(bytes(2), [0, 200]);
  assert.deepEqual(bytes(3), [0, 0, 255, 255]);
  assert.deepEqual(bytes(4), [0, 0, 0, 0, 255, 255, 255, 255]);
  s.close();
});

test("an unfinished stream survives another statement on its connection (suspended portal)", async () => {
  const s = await conn.stream("SELECT i::INTEGER AS i FROM range(50000) r(i) ORDER BY i");
  const first = (await s.next())!;
  let seen = first.rowCount;
  assert.deepEqual((await conn.all("SELECT 41 + 1 AS x")).rows, [[42]]);
  await conn.run("CREATE TABLE IF NOT EXISTS side (a INTEGER)");
  let expect = seen;
  for (let ch = await s.next(); ch; ch = await s.next()) {
    const v = ch.values(0) as number[];
    assert.equal(v[0], expect);
    expect += ch.rowCount;
    seen += ch.rowCount;
  }
  assert.equal(seen, 50000);

  // Past the in-memory limit the stream fails instead of ending early.
  const big = await conn.stream("SELECT i FROM range(3000000) r(i)");
  assert.ok(await big.next());
  await conn.run("SELECT 1");
  let rows = 0;
  await assert.rejects(
    (async () => {
      for (let ch = await big.next(); ch; ch = await big.next()) rows += ch.rowCount;
    })(),
    (e: { sqlstate?: string }) => e.sqlstate === "0A000",
  );
  assert.ok(rows >= 1000000 && rows < 3000000, String(rows));
});
