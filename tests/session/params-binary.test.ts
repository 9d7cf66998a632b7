// tests/session/params-binary.test.ts
//! Binary Bind parameters decoded from the bytes a real PostgreSQL 15 sends for each type
//! (<type>_send), then cast by DuckDB to the placeholder's type: the value must equal DuckDB's cast
//! of the same literal. Bad bytes get 22023, a type without a binary form 0A000.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import pg from "pg";
import { PostgresSystem } from "../../bench/systems/postgres.js";
import type { LakeshiftError } from "../../src/common/errors.js";
import { Engine } from "../../src/engine/engine.js";
import type { EngineConnection } from "../../src/engine/types.js";
import { BINARY_PARAM_OIDS, decodeBinaryParam } from "../../src/session/params-binary.js";
import { decodeParam } from "../../src/session/params.js";

const url = process.env.LAKESHIFT_SQL_PG_URL;
let server: PostgresSystem | undefined;
let client: pg.Client;
let engine: Engine;
let conn: EngineConnection;
const dir = mkdtempSync(join(tmpdir(), "lakeshift-params-"));

before(async () => {
  let target: pg.ClientConfig = { connectionString: url };
  if (!url) {
    server = new PostgresSystem();
    await server.start();
    target = server.pgTarget();
  }
  client = new pg.Client(target);
  await client.connect();
  await client.query("set timezone = 'UTC'");
  engine = await Engine.open({ dataDir: dir });
  await engine.createDatabase("dev");
  conn = await engine.connect("dev");
  await conn.run("SET TimeZone = 'UTC'");
});
after(async () => {
  await client?.end();
  await server?.stop();
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Postgres send functions not named <type>_send. */
const SEND: Record<string, string> = { oid: "oidsend", '"char"': "charsend", bytea: "byteasend" };

/** [Postgres type, its OID, DuckDB type, literal] */
const CASES: readonly (readonly [string, number, string, string])[] = [
  ["time", 1083, "TIME", "01:02:03"],
  ["time", 1083, "TIME", "23:59:59.999999"],
  ["time", 1083, "TIME", "00:00:00"],
  ["timetz", 1266, "TIMETZ", "01:02:03.5-05:30"],
  ["timetz", 1266, "TIMETZ", "23:00:00+14"],
  ["interval", 1186, "INTERVAL", "1 year 2 mons 3 days 04:05:06.000007"],
  ["interval", 1186, "INTERVAL", "-3 days -00:00:01"],
  ["numeric", 1700, "DECIMAL(38,10)", "-1234567890123456789012345678.9012345600"],
  ["numeric", 1700, "DECIMAL(10,4)", "0.0001"],
  ["date", 1082, "DATE", "1999-12-31"],
  ["timestamp", 1114, "TIMESTAMP", "1999-12-31 23:59:59.9985"],
  ["timestamp", 1114, "TIMESTAMP", "2024-02-29 13:14:15.123456"],
  ["timestamptz", 1184, "TIMESTAMPTZ", "1969-07-20 20:17:40.5+00"],
  ["uuid", 2950, "UUID", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"],
  ["jsonb", 3802, "JSON", '{"a": [1, 2]}'],
  ["json", 114, "JSON", '{"a":[1,2]}'],
  ["oid", 26, "UBIGINT", "4000000000"],
  ['"char"', 18, "VARCHAR", "x"],
  ["bytea", 17, "BLOB", "\\x00ff10"],
];

test("each binary parameter type decodes to the value DuckDB gets from the same literal", async () => {
  for (const [pgType, oid, duckType, literal] of CASES) {
    const fn = SEND[pgType] ?? `${pgType}_send`;
    const sent = await client.query({ text: `select ${fn}($1::${pgType}) as b`, values: [literal] });
    const bytes = Uint8Array.from(sent.rows[0].b as Buffer);
    const value = decodeBinaryParam(bytes, oid);
    const got = await conn.all(`SELECT CAST($1 AS ${duckType})::VARCHAR`, [value]);
    const want = await conn.all(
      duckType === "BLOB" ? "SELECT '\\x00\\xFF\\x10'::BLOB::VARCHAR" : `SELECT CAST($1 AS ${duckType})::VARCHAR`,
      duckType === "BLOB" ? [] : [literal],
    );
    assert.deepEqual(got.rows, want.rows, `${pgType} ${literal} -> ${String(value)}`);
  }
});

test("malformed bytes get 22023; types without a binary form get 0A000 naming the OID", () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return `${(e as LakeshiftError).sqlstate} ${(e as Error).message}`;
    }
    return "no error";
  };
  assert.match(
    code(() => decodeParam(new Uint8Array(7), 1, 1083)),
    /^22023 incorrect binary data format.*oid 1083/,
  );
  assert.match(
    code(() => decodeParam(new Uint8Array(8), 1, 1266)),
    /^22023 /,
  );
  assert.match(
    code(() => decodeParam(new Uint8Array([0, 1, 0, 0, 0, 0, 0, 0]), 1, 1700)),
    /^22023 /,
  );
  // 25 hours is not a time of day.
  const late = new Uint8Array(8);
  new DataView(late.buffer).setBigInt64(0, 90000000000n);
  assert.match(
    code(() => decodeParam(late, 1, 1083)),
    /^22023 /,
  );
  assert.match(
    code(() => decodeParam(new Uint8Array([2, 123]), 1, 3802)),
    /^22023 /,
    "jsonb version 2",
  );
  assert.match(
    code(() => decodeParam(new Uint8Array(4), 1, 600)),
    /^0A000 binary format for parameter type oid 600/,
  );
  assert.ok(BINARY_PARAM_OIDS.includes(1083) && BINARY_PARAM_OIDS.includes(1700) && !BINARY_PARAM_OIDS.includes(600));
});
