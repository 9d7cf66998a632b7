// tests/unit/engine/numeric.test.ts
//! Binary NUMERIC byte for byte against a real PostgreSQL 15 (started for the test, or the one
//! LAKESHIFT_SQL_PG_URL names): encodeNumeric and DuckDB DECIMAL vectors (int16, int32, int64 and
//! int128 storage) give numeric_send's bytes; decodeNumeric reads them back as numeric's text.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import pg from "pg";
import { PostgresSystem } from "../../../bench/systems/postgres.js";
import { decodeNumeric, encodeNumeric } from "../../../src/engine/cells-numeric.js";
import { Engine } from "../../../src/engine/engine.js";
import type { EngineConnection } from "../../../src/engine/types.js";

/** Values as Postgres prints them: the scale written is the dscale. */
const CASES = [
  "0",
  "0.00",
  "1.50",
  "-1.50",
  "100",
  "10000",
  "12345678",
  "-1234.567",
  "0.0001",
  "0.00000001",
  "-0.000012300",
  "99999999.99",
  "123456789012345678",
  "-9223372036854775808",
  "12345678901234567890123456789012345678",
  "-1234567890123456789012345678.9012345678",
  "0.12345678901234567890123456789012345678",
  "10000000000000000000000000000000000000",
  "1.0000000000000000000000000000000000000",
];

const url = process.env.LAKESHIFT_SQL_PG_URL;
let server: PostgresSystem | undefined;
let client: pg.Client;
let engine: Engine;
let conn: EngineConnection;
const dir = mkdtempSync(join(tmpdir(), "lakeshift-numeric-"));

before(async () => {
  let target: pg.ClientConfig = { connectionString: url };
  if (!url) {
    server = new PostgresSystem();
    await server.start();
    target = server.pgTarget();
  }
  client = new pg.Client(target);
  await client.connect();
  engine = await Engine.open({ dataDir: dir });
  await engine.createDatabase("dev");
  conn = await engine.connect("dev");
});
after(async () => {
  await client?.end();
  await server?.stop();
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** numeric_send(v::numeric) and v::numeric::text from Postgres. */
async function postgres(v: string): Promise<{ bytes: number[]; text: string }> {
  const r = await client.query({ text: "select numeric_send($1::numeric) as b, $1::numeric::text as t", values: [v] });
  return { bytes: [...(r.rows[0].b as Buffer)], text: r.rows[0].t as string };
}

function unscaled(v: string): { value: bigint; scale: number } {
  const dot = v.indexOf(".");
  return dot < 0 ? { value: BigInt(v), scale: 0 } : { value: BigInt(v.replace(".", "")), scale: v.length - dot - 1 };
}

function hex(bytes: Iterable<number>): string {
  return Buffer.from([...bytes]).toString("hex");
}

test("encodeNumeric gives numeric_send's bytes: zero, negatives, 38 digits, scale beyond the digits, trailing zeros", async () => {
  for (const v of CASES) {
    const pgv = await postgres(v);
    const { value, scale } = unscaled(v);
    assert.equal(hex(encodeNumeric(value, scale)), hex(pgv.bytes), v);
  }
});

test("decodeNumeric reads numeric_send's bytes back as numeric's text, NaN and ±Infinity included", async () => {
  for (const v of [...CASES, "NaN", "Infinity", "-Infinity", "-0.00", "0.5e-3", "1e20"]) {
    const pgv = await postgres(v);
    assert.equal(decodeNumeric(Uint8Array.from(pgv.bytes)), pgv.text, v);
  }
});

test("DECIMAL vectors of every storage width encode like numeric_send, NULLs included", async () => {
  for (const v of CASES) {
    const { scale } = unscaled(v);
    const digits = v.replace(/[-.]/g, "").length;
    const pgv = await postgres(v);
    for (const width of [4, 9, 18, 38]) {
      if (width < Math.max(digits, scale) || width < scale) continue;
      const s = await conn.stream(
        `SELECT x FROM (VALUES (CAST('${v}' AS DECIMAL(${width},${scale}))), (NULL)) AS t(x) ORDER BY x NULLS LAST`,
      );
      const ch = (await s.next())!;
      assert.equal(s.columns[0]!.type, `DECIMAL(${width},${scale})`);
      const cv = ch.cells(0, "binary-be");
      assert.equal(
        hex(cv.bytes.subarray(cv.offsets[0]!, cv.offsets[1]!)),
        hex(pgv.bytes),
        `${v} as DECIMAL(${width},${scale})`,
      );
      assert.equal(cv.nulls?.[1], 1);
      assert.equal(cv.offsets[2], cv.offsets[1]);
      s.close();
    }
  }
});

test("malformed binary NUMERIC is refused (undefined), never misread", () => {
  const ok = encodeNumeric(-15n, 1);
  assert.equal(decodeNumeric(ok), "-1.5");
  assert.equal(decodeNumeric(ok.subarray(0, 7)), undefined, "short header");
  assert.equal(decodeNumeric(ok.subarray(0, ok.length - 1)), undefined, "ndigits disagrees with the length");
  const badSign = ok.slice();
  badSign[4] = 0x12;
  assert.equal(decodeNumeric(badSign), undefined, "unknown sign");
  const badDigit = ok.slice();
  badDigit[8] = 0x27;
  badDigit[9] = 0x10; // 10000
  assert.equal(decodeNumeric(badDigit), undefined, "digit beyond 9999");
  const negCount = ok.slice();
  negCount[0] = 0xff;
  assert.equal(decodeNumeric(negCount), undefined, "negative ndigits");
});
