// tests/unit/wire/data-row-native.test.ts
//! The native DataRow encoder (native/datarow.cc) against the JavaScript path, byte for byte, over
//! every type it reads raw (integers of each width, DECIMAL of each storage width, DATE, BOOLEAN,
//! VARCHAR, BLOB) and columns it takes as encoded cells (DOUBLE, TIMESTAMP, INTERVAL, binary
//! format), with NULLs and edge values, across chunk boundaries, slices and buffer growth. Under
//! CI the encoder must have built: a missing compiler fails the suite instead of falling back.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Engine } from "../../../src/engine/engine.js";
import { nativeEncoderStatus } from "../../../src/engine/native-rows.js";
import type { EngineChunk, EngineConnection } from "../../../src/engine/types.js";
import { BufferWriter } from "../../../src/wire/protocol/buffer-writer.js";
import { encodeDataRows } from "../../../src/wire/protocol/data-row.js";
import { withNativeAddon } from "../../helpers/native-addon.js";

let engine: Engine;
let conn: EngineConnection;

before(async () => {
  engine = await Engine.open({ dataDir: ":memory:" });
  await engine.createDatabase("dev");
  conn = await engine.connect("dev");
  await conn.run(`CREATE TABLE edge (
    b BOOLEAN, ti TINYINT, si SMALLINT, i INTEGER, bi BIGINT, uti UTINYINT, usi USMALLINT, ui UINTEGER,
    ubi UBIGINT, hi HUGEINT, uhi UHUGEINT, d4 DECIMAL(4,2), d9 DECIMAL(9,4), d18 DECIMAL(18,6), d18s0 DECIMAL(18,0),
    d38 DECIMAL(38,10), d38s0 DECIMAL(38,0), d38s38 DECIMAL(38,38), d20 DECIMAL(20,19), dt DATE, s VARCHAR,
    bl BLOB, f DOUBLE, ts TIMESTAMP, iv INTERVAL)`);
  await conn.run(`INSERT INTO edge VALUES
    (true, -128, -32768, -2147483648, -9223372036854775808, 0, 0, 0, 0,
     -170141183460469231731687303715884105728, 0, -99.99, -99999.9999, -999999999999.999999, -999999999999999999,
     '-9999999999999999999999999999.9999999999', '-99999999999999999999999999999999999999',
     '-0.99999999999999999999999999999999999999', '-9.9999999999999999999', '-infinity'::DATE, '', ''::BLOB,
     -1.5e300, '0001-01-01 00:00:00', INTERVAL '-3 days'),
    (false, 127, 32767, 2147483647, 9223372036854775807, 255, 65535, 4294967295, 18446744073709551615,
     170141183460469231731687303715884105727, 340282366920938463463374607431768211455, 99.99, 99999.9999,
     999999999999.999999, 999999999999999999, '9999999999999999999999999999.9999999999',
     '99999999999999999999999999999999999999', '0.99999999999999999999999999999999999999', '9.9999999999999999999',
     'infinity'::DATE, 'twelve bytes', '\\x00\\xFF\\x10'::BLOB, 3.25, '2262-04-11 23:47:16', INTERVAL '1 year 2 months'),
    (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     NULL, NULL, NULL, NULL, NULL, NULL),
    (true, 0, -1, -10, -4294967296, 1, 10, 100, 9007199254740993, -1, 18446744073709551616, 0, -0.0001,
     -0.000001, 0, -0.0000000001, -1, '0.00000000000000000000000000000000000001', '-0.0000000000000000001',
     DATE '0001-01-01' - 1, 'thirteen byte', 'a blob of more than twelve bytes'::BLOB, 0, NULL, NULL),
    (false, 1, 1, 1, 1, 2, 2, 2, 2, 10000000000000000000, 10000000000000000000, 0.5, 1, 1.5, 1,
     '12345678901234567890.1234567890', '12345678901234567890123456789012345678', 0.5, 1.5,
     DATE '4713-01-01' - INTERVAL '1 year' * 4713, 'ünïcødé — 多字节 🎉 long enough to be out of line', NULL, NULL, NULL, NULL),
    (NULL, 5, NULL, 7, NULL, 9, NULL, 11, NULL, 13, NULL, 1.05, NULL, 0.1, NULL, 1, NULL, NULL, 0, DATE '5881580-07-10',
     'é', NULL, NULL, NULL, NULL),
    (true, NULL, 300, NULL, 2147483648, NULL, 300, NULL, 4294967296, NULL, 1, NULL, 12.3456, NULL, -5, NULL, 7, NULL, NULL,
     DATE '-4712-01-01', repeat('x', 5000), NULL, NULL, NULL, NULL),
    (false, -1, -300, 2000000000, -9007199254740993, 100, 1000, 3000000000, 9223372036854775808,
     -99999999999999999999, 18446744073709551615, -0.01, -12.3456, 123.456789, 100, -1.5, 10, NULL, NULL,
     DATE '1999-12-31', 'a''quote"\\backslash\ttab', NULL, NULL, NULL, NULL)`);
  // 6000 generated rows: three chunks, NULLs at chunk edges, dates from 4713 BC to 30000 AD.
  await conn.run(`INSERT INTO edge SELECT
    CASE WHEN i % 3 = 0 THEN NULL ELSE i % 2 = 0 END, (i % 256 - 128)::TINYINT, (i * 37 % 65536 - 32768)::SMALLINT,
    CASE WHEN i % 2047 = 0 THEN NULL ELSE (i * 7919 - 20000000)::INTEGER END, i * -104729 * 1000003,
    (i % 256)::UTINYINT, (i % 65536)::USMALLINT, (i * 715827)::UINTEGER, (i::UBIGINT * 3000000000000000::UBIGINT),
    i::HUGEINT * '-170141183460469231731687303715884'::HUGEINT, i::UHUGEINT * '34028236692093846346337460743176'::UHUGEINT,
    ((i % 19999) - 9999) / 100, ((i * 4999) % 1999999 - 999999) / 10000, (i * 99991 - 300000000) / 1000,
    i * -100000000000000 + 7,
    CASE WHEN i % 2 = 0 THEN '-' ELSE '' END || (i * 1234567 % 99999999)::VARCHAR || '123456789012345678.' ||
      lpad((i * 7919 % 10000000000)::VARCHAR, 10, '0'),
    i::HUGEINT * '-1000000000000000000000'::HUGEINT, NULL, ((i % 100) - 50) / 7.0 / 10,
    CASE WHEN i % 2048 = 2047 THEN NULL ELSE DATE '1970-01-01' + ((i * 1234567) % 12000000 - 2400000)::INTEGER END,
    CASE WHEN i % 5 = 0 THEN NULL ELSE repeat(chr((65 + i % 26)::INTEGER), (i % 40)::INTEGER) || CASE WHEN i % 7 = 0 THEN 'ß€' ELSE '' END END,
    CASE WHEN i % 4 = 0 THEN NULL ELSE repeat('b', (i % 30)::INTEGER)::BLOB END,
    CASE WHEN i % 6 = 0 THEN NULL ELSE i / 7.0 END, TIMESTAMP '2020-01-01' + INTERVAL (i) MINUTE, NULL
    FROM range(6000) t(i)`);
});
after(async () => {
  await engine.close();
});

/** The same chunk without its native encoder: encodeDataRows then takes the JavaScript path. */
function jsOnly(chunk: EngineChunk): EngineChunk {
  return {
    rowCount: chunk.rowCount,
    columnCount: chunk.columnCount,
    cells: (c, form) => chunk.cells(c, form),
    values: (c) => chunk.values(c),
  };
}

/** Every chunk of sql, encoded in slices both ways; returns [native, js] byte streams. */
async function encodeBoth(sql: string, formats: number[], slab: number, slice: number): Promise<[Buffer, Buffer]> {
  const s = await conn.stream(sql);
  const native = new BufferWriter(slab);
  const js = new BufferWriter(slab);
  const nativeParts: Buffer[] = [];
  const jsParts: Buffer[] = [];
  let chunks = 0;
  for (let ch = await s.next(); ch; ch = await s.next()) {
    chunks++;
    assert.equal(typeof ch.writeDataRows, "function", "a DuckDB chunk offers the native encoder");
    for (let start = 0; start < ch.rowCount; start += slice) {
      const end = Math.min(ch.rowCount, start + slice);
      encodeDataRows({ chunk: ch, start, end }, formats, native);
      encodeDataRows({ chunk: jsOnly(ch), start, end }, formats, js);
      nativeParts.push(Buffer.from(native.take()));
      jsParts.push(Buffer.from(js.take()));
    }
  }
  s.close();
  assert.ok(chunks >= 3, "the rows span several chunks");
  return [Buffer.concat(nativeParts), Buffer.concat(jsParts)];
}

function firstDifference(a: Buffer, b: Buffer): string {
  for (let i = 0; i < Math.min(a.length, b.length); i++)
    if (a[i] !== b[i])
      return `at byte ${i}: native …${a.subarray(Math.max(0, i - 40), i + 40).toString("latin1")}… js …${b.subarray(Math.max(0, i - 40), i + 40).toString("latin1")}…`;
  return `lengths ${a.length} vs ${b.length}`;
}

withNativeAddon("native DataRow encoder", () => {
  test("native DataRows are byte-identical to JavaScript's: every type, text format", async () => {
    const [native, js] = await encodeBoth("SELECT * FROM edge", [0], 1 << 16, 4096);
    assert.ok(native.length > 100000);
    // The first chunk checked reading DuckDB's vectors in place against copies of them.
    assert.ok(nativeEncoderStatus().inPlace, "vectors are read in place");
    assert.ok(native.equals(js), firstDifference(native, js));
    // Spot checks on the bytes themselves, independent of either encoder.
    const text = native.toString("utf8");
    for (const v of [
      "-170141183460469231731687303715884105728",
      "340282366920938463463374607431768211455",
      "-0.99999999999999999999999999999999999999",
      "-9999999999999999999999999999.9999999999",
      "18446744073709551615",
      "-infinity",
      "0001-12-31 BC",
      "4713-01-01 BC",
      "5881580-07-10",
      "9007199254740993",
      "ünïcødé — 多字节 🎉",
    ])
      assert.ok(text.includes(v), v);
  });

  test("native DataRows match JavaScript's with binary columns, small slices and a tiny buffer", async () => {
    const cols = await conn.all("SELECT * FROM edge LIMIT 0");
    // Binary for the integer, date, double and timestamp columns (as a driver asks), text elsewhere.
    const binary = new Set(["si", "i", "bi", "dt", "f", "ts", "bl", "s"]);
    const formats = cols.columns.map((c) => (binary.has(c.name) ? 1 : 0));
    const [native, js] = await encodeBoth("SELECT * FROM edge", formats, 64, 333);
    assert.ok(native.equals(js), firstDifference(native, js));
    const [n1, j1] = await encodeBoth("SELECT s, bl, i FROM edge", [0], 16, 1);
    assert.ok(n1.equals(j1), firstDifference(n1, j1));
  });
});
