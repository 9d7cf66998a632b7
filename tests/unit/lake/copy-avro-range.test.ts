// tests/unit/lake/copy-avro-range.test.ts
//! Avro timestamps our reader cannot convert (a timestamp-millis far beyond year 294276, a
//! timestamp-micros at the edge of a long): each is a load error in stl_load_errors naming the
//! column and the raw value; within MAXERROR the rest loads, past it the COPY fails and the table
//! is unchanged.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { finished } from "node:stream/promises";
import { avroType } from "../../../src/lake/copy/avro.js";
import { T } from "../../../src/sql/types.js";
import { type Harness, openHarness } from "./copy-harness.js";

const avsc = createRequire(import.meta.url)("avsc") as {
  createFileEncoder(
    path: string,
    type: unknown,
    opts?: Record<string, unknown>,
  ): NodeJS.WritableStream & { write(v: unknown): boolean };
};

let h: Harness;

async function writeAvro(key: string, schema: unknown, records: readonly unknown[]): Promise<void> {
  const p = join(h.lakeDir, "lake", key);
  mkdirSync(join(p, ".."), { recursive: true });
  const enc = avsc.createFileEncoder(p, avroType(schema), { blockSize: 256 });
  (enc as unknown as { _schema: unknown })._schema = schema; // keep the logicalType attributes
  for (const r of records) enc.write(r);
  enc.end();
  await finished(enc);
  await new Promise((r) => setTimeout(r, 20));
}

const SCHEMA = {
  type: "record",
  name: "Ev",
  fields: [
    { name: "id", type: "long" },
    { name: "at", type: { type: "long", logicalType: "timestamp-millis" } },
    { name: "at_us", type: ["null", { type: "long", logicalType: "timestamp-micros" }] },
  ],
};

const GOOD_MS = BigInt(Date.UTC(2024, 0, 2, 3, 4, 5)) + 678n;
const FAR_MS = 9_000_000_000_000_000_000n; // about year 285 million
const EDGE_US = 9_223_372_036_854_775_807n; // the largest long: DuckDB's infinity, no timestamp

const RECORDS = [
  { id: 1n, at: GOOD_MS, at_us: { long: GOOD_MS * 1000n + 9n } },
  { id: 2n, at: FAR_MS, at_us: null },
  { id: 3n, at: GOOD_MS, at_us: { long: EDGE_US } },
  { id: 4n, at: -FAR_MS, at_us: { long: -GOOD_MS * 1000n } },
];

before(async () => {
  h = await openHarness();
  await h.table("events", [
    { name: "id", type: T.bigint, ddl: "BIGINT" },
    { name: "at", type: T.timestamp, ddl: "TIMESTAMP" },
    { name: "at_us", type: T.timestamp, ddl: "TIMESTAMP" },
  ]);
  await writeAvro("range/a.avro", SCHEMA, RECORDS);
  await writeAvro("range/b.avro", SCHEMA, [{ id: 5n, at: GOOD_MS + 1n, at_us: null }]);
});
after(() => h.close());

async function reset(): Promise<void> {
  await h.conn.run("DELETE FROM dev.public.events");
  await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
}

const events = () =>
  h.rows(`SELECT id, CAST("at" AS VARCHAR), CAST(at_us AS VARCHAR) FROM dev.public.events ORDER BY id`);
const errors = async () =>
  (await h.loadErrors()).map((e) => [e.filename, e.line_number, String(e.colname).trim(), e.raw_field_value]);

const EXPECTED_ERRORS = [
  ["s3://lake/range/a.avro", 2n, "at", String(FAR_MS)],
  ["s3://lake/range/a.avro", 3n, "at_us", String(EDGE_US)],
  ["s3://lake/range/a.avro", 4n, "at", String(-FAR_MS)],
];

test("within MAXERROR an unconvertible Avro timestamp is a load error row; the rest loads", async () => {
  await reset();
  const r = await h.copy("copy events from 's3://lake/range/' iam_role default format as avro 'auto' maxerror 3");
  assert.deepEqual([r.rows, r.errors, r.files], [2, 3, 2]);
  assert.deepEqual(await events(), [
    [1n, "2024-01-02 03:04:05.678", "2024-01-02 03:04:05.678009"],
    [5n, "2024-01-02 03:04:05.679", null],
  ]);
  assert.deepEqual(await errors(), EXPECTED_ERRORS);
  assert.deepEqual(
    (await h.loadErrors()).map((e) => [e.err_code, String(e.err_reason).trim()]),
    EXPECTED_ERRORS.map(() => [1206, "Invalid timestamp format or value"]),
  );
});

test("past MAXERROR the COPY fails, the errors are recorded and the table is unchanged", async () => {
  await reset();
  await h.conn.run("INSERT INTO dev.public.events VALUES (99, NULL, NULL)");
  await assert.rejects(
    h.copy("copy events from 's3://lake/range/' iam_role default format as avro 'auto' maxerror 2"),
    /Load into table 'events' failed/,
  );
  assert.deepEqual(await events(), [[99n, null, null]]);
  assert.deepEqual((await errors()).slice(0, 3), EXPECTED_ERRORS);
});
