// tests/unit/lake/copy-avro-range.test.ts
//! Avro dates and timestamps outside Redshift's range, 4713 BC to 294276 AD (a timestamp-millis
//! far beyond year 294276, a timestamp-micros at the edge of a long, a date of ±(2^31-1) days,
//! which DuckDB would take for infinity): each is a load error in stl_load_errors (1205 date, 1206
//! timestamp) naming the column and the raw value, into a VARCHAR column too; the first and last
//! days of the range load. Within MAXERROR the rest loads, past it the COPY fails and the table
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

const DATE_SCHEMA = {
  type: "record",
  name: "Day",
  fields: [
    { name: "id", type: "long" },
    { name: "d", type: { type: "int", logicalType: "date" } },
    { name: "d2", type: ["null", { type: "int", logicalType: "date" }] },
    { name: "t", type: ["null", { type: "long", logicalType: "timestamp-micros" }] },
  ],
};

const FIRST_DAY = -2_440_588; // 4714-11-24 BC (Redshift's "4713 BC": Julian day 0)
const LAST_DAY = 106_762_939; // 294276-12-31
const DAY_US = 86_400_000_000n;
const INT_MAX = 2_147_483_647; // DuckDB's date 'infinity'

const DATE_RECORDS = [
  { id: 1n, d: 19_724, d2: { int: FIRST_DAY }, t: { long: BigInt(FIRST_DAY) * DAY_US } },
  { id: 2n, d: INT_MAX, d2: null, t: null },
  { id: 3n, d: -INT_MAX, d2: { int: -INT_MAX - 1 }, t: null },
  { id: 4n, d: LAST_DAY, d2: { int: LAST_DAY + 1 }, t: null },
  { id: 5n, d: FIRST_DAY - 1, d2: null, t: { long: BigInt(FIRST_DAY) * DAY_US - 1n } },
];

before(async () => {
  h = await openHarness();
  await h.table("events", [
    { name: "id", type: T.bigint, ddl: "BIGINT" },
    { name: "at", type: T.timestamp, ddl: "TIMESTAMP" },
    { name: "at_us", type: T.timestamp, ddl: "TIMESTAMP" },
  ]);
  await h.table("events_text", [
    { name: "id", type: T.bigint, ddl: "BIGINT" },
    { name: "at", type: { id: "varchar", length: 40 }, ddl: "VARCHAR(40)" },
    { name: "at_us", type: { id: "varchar", length: 40 }, ddl: "VARCHAR(40)" },
  ]);
  await h.table("days", [
    { name: "id", type: T.bigint, ddl: "BIGINT" },
    { name: "d", type: T.date, ddl: "DATE" },
    { name: "d2", type: T.date, ddl: "DATE" },
    { name: "t", type: T.timestamp, ddl: "TIMESTAMP" },
  ]);
  await h.table("days_text", [
    { name: "id", type: T.bigint, ddl: "BIGINT" },
    { name: "d", type: { id: "varchar", length: 40 }, ddl: "VARCHAR(40)" },
    { name: "d2", type: { id: "varchar", length: 40 }, ddl: "VARCHAR(40)" },
    { name: "t", type: { id: "varchar", length: 40 }, ddl: "VARCHAR(40)" },
  ]);
  await writeAvro("range/a.avro", SCHEMA, RECORDS);
  await writeAvro("range/b.avro", SCHEMA, [{ id: 5n, at: GOOD_MS + 1n, at_us: null }]);
  await writeAvro("dates/a.avro", DATE_SCHEMA, DATE_RECORDS);
  await writeAvro("dates-ok/a.avro", DATE_SCHEMA, [DATE_RECORDS[0]]);
});
after(() => h.close());

async function reset(): Promise<void> {
  for (const t of ["events", "events_text", "days", "days_text"]) await h.conn.run(`DELETE FROM dev.public.${t}`);
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

test("an Avro timestamp loads into VARCHAR as the timestamp's text; one out of range is a 1206 load error there too", async () => {
  await reset();
  const r = await h.copy("copy events_text from 's3://lake/range/' iam_role default format as avro 'auto' maxerror 3");
  assert.deepEqual([r.rows, r.errors], [2, 3]);
  // The same text as the TIMESTAMP columns give, not the Avro number.
  assert.deepEqual(await h.rows(`SELECT id, "at", at_us FROM dev.public.events_text ORDER BY id`), [
    [1n, "2024-01-02 03:04:05.678", "2024-01-02 03:04:05.678009"],
    [5n, "2024-01-02 03:04:05.679", null],
  ]);
  const logged = await h.loadErrors();
  assert.deepEqual(
    logged.map((e) => [e.filename, e.line_number, String(e.colname).trim(), e.raw_field_value]),
    EXPECTED_ERRORS,
  );
  assert.deepEqual(
    logged.map((e) => [e.err_code, String(e.type).trim(), String(e.err_reason).trim()]),
    EXPECTED_ERRORS.map(() => [1206, "varchar", "Invalid timestamp format or value"]),
  );

  // A file with every timestamp in range (staged typed, not as text) gives the same text.
  await reset();
  await h.copy("copy events_text from 's3://lake/range/b.avro' iam_role default format as avro 'auto'");
  assert.deepEqual(await h.rows(`SELECT id, "at", at_us FROM dev.public.events_text`), [
    [5n, "2024-01-02 03:04:05.679", null],
  ]);
});

const DATE_ERRORS = [
  [2n, "d", String(INT_MAX), 1205],
  [3n, "d", String(-INT_MAX), 1205],
  [3n, "d2", String(-INT_MAX - 1), 1205],
  [4n, "d2", String(LAST_DAY + 1), 1205],
  [5n, "d", String(FIRST_DAY - 1), 1205],
  [5n, "t", String(BigInt(FIRST_DAY) * DAY_US - 1n), 1206],
];
const dateErrors = async () =>
  (await h.loadErrors()).map((e) => [e.line_number, String(e.colname).trim(), e.raw_field_value, e.err_code]);

test("Avro dates outside 4713 BC to 294276 AD are 1205 load errors, never infinity; the first and last days load", async () => {
  await reset();
  const r = await h.copy("copy days from 's3://lake/dates/' iam_role default format as avro 'auto' maxerror 4");
  assert.deepEqual([r.rows, r.errors], [1, 4]);
  assert.deepEqual(
    await h.rows(`SELECT id, CAST(d AS VARCHAR), CAST(d2 AS VARCHAR), CAST(t AS VARCHAR) FROM dev.public.days`),
    [[1n, "2024-01-02", "4714-11-24 (BC)", "4714-11-24 (BC) 00:00:00"]],
  );
  // One error row per line: each line's first failing column.
  assert.deepEqual(await dateErrors(), [DATE_ERRORS[0], DATE_ERRORS[1], DATE_ERRORS[3], DATE_ERRORS[4]]);
  assert.deepEqual(
    (await h.loadErrors()).map((e) => String(e.err_reason).trim()),
    DATE_ERRORS.slice(0, 4).map(() => "Invalid Date Format - length must be 10 or more"),
  );
  assert.deepEqual(await h.rows(`SELECT count(*) FROM dev.public.days WHERE isinf(d) OR isinf(d2)`), [[0n]]);
});

test("the last day loads; past MAXERROR an Avro date out of range fails the COPY and the table is unchanged", async () => {
  await reset();
  await h.conn.run("INSERT INTO dev.public.days VALUES (99, DATE '2000-01-01', NULL, NULL)");
  await assert.rejects(
    h.copy("copy days from 's3://lake/dates/' iam_role default format as avro 'auto' maxerror 3"),
    (e: Error & { detail?: string }) =>
      /Load into table 'days' failed/.test(e.message) &&
      /line 2 of s3:\/\/lake\/dates\/a\.avro, column d/.test(e.detail ?? ""),
  );
  assert.deepEqual(await h.rows(`SELECT id, CAST(d AS VARCHAR) FROM dev.public.days`), [[99n, "2000-01-01"]]);
  await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
  // Record 4 alone (d = 294276-12-31; d2 one day later) loads its d when d2 is not loaded.
  await h.copy("copy days (id, d) from 's3://lake/dates/' iam_role default format as avro 'auto' maxerror 10");
  assert.deepEqual(await h.rows(`SELECT CAST(d AS VARCHAR) FROM dev.public.days WHERE id = 4`), [["294276-12-31"]]);
});

test("Avro dates load into VARCHAR as date text; one out of range is a 1205 load error there too", async () => {
  await reset();
  const r = await h.copy("copy days_text from 's3://lake/dates/' iam_role default format as avro 'auto' maxerror 4");
  assert.deepEqual([r.rows, r.errors], [1, 4]);
  assert.deepEqual(await h.rows(`SELECT id, d, d2, t FROM dev.public.days_text`), [
    [1n, "2024-01-02", "4714-11-24 (BC)", "4714-11-24 (BC) 00:00:00"],
  ]);
  assert.deepEqual(await dateErrors(), [DATE_ERRORS[0], DATE_ERRORS[1], DATE_ERRORS[3], DATE_ERRORS[4]]);
  await reset();
  await h.copy("copy days_text from 's3://lake/dates-ok/' iam_role default format as avro 'auto'");
  assert.deepEqual(await h.rows(`SELECT id, d, d2, t FROM dev.public.days_text`), [
    [1n, "2024-01-02", "4714-11-24 (BC)", "4714-11-24 (BC) 00:00:00"],
  ]);
});
