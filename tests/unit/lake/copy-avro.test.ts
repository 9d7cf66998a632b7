// tests/unit/lake/copy-avro.test.ts
//! COPY ... FORMAT AS AVRO from Avro container files written by avsc in the test: every primitive
//! and logical type, unions with null, nulls, the deflate and snappy codecs, several blocks, 'auto',
//! 'auto ignorecase', a jsonpaths file with nested paths, conversion errors into stl_load_errors
//! within MAXERROR, and corrupt / truncated / non-Avro files (a clear error, the table unchanged).

import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { finished } from "node:stream/promises";
import { crc32, gzipSync } from "node:zlib";
import { avroType } from "../../../src/lake/copy/avro.js";
import { T } from "../../../src/sql/types.js";
import { type Harness, openHarness } from "./copy-harness.js";

interface Encoder {
  write(v: unknown): boolean;
  end(): void;
  pipe(w: NodeJS.WritableStream): NodeJS.WritableStream;
}
const avsc = createRequire(import.meta.url)("avsc") as {
  createFileEncoder(path: string, type: unknown, opts?: Record<string, unknown>): Encoder & NodeJS.WritableStream;
};

const snappyjs = createRequire(import.meta.url)("snappyjs") as { compress(b: Buffer): Buffer };

/** Avro's snappy codec for avsc's encoder: snappyjs's block, then the data's big-endian CRC-32. */
const SNAPPY = {
  codec: "snappy",
  codecs: {
    snappy: (buf: Buffer, cb: (err: Error | null, out?: Buffer) => void) => {
      const sum = Buffer.alloc(4);
      sum.writeUInt32BE(crc32(buf));
      cb(null, Buffer.concat([snappyjs.compress(buf), sum]));
    },
  },
};

let h: Harness;

function path(key: string): string {
  const p = join(h.lakeDir, "lake", key);
  mkdirSync(join(p, ".."), { recursive: true });
  return p;
}

/** Writes `records` (unions wrapped: {"int": 5}) as an Avro container file at lake key `key`. */
async function writeAvro(key: string, schema: unknown, records: readonly unknown[], opts = {}): Promise<string> {
  const p = path(key);
  const enc = avsc.createFileEncoder(p, avroType(schema), { blockSize: 256, ...opts });
  // Given a type, avsc writes the header's schema from it and drops logicalType attributes (it
  // knows none); other writers keep the schema as given, so write that one.
  (enc as unknown as { _schema: unknown })._schema = schema;
  for (const r of records) enc.write(r);
  enc.end();
  await finished(enc);
  await new Promise((r) => setTimeout(r, 20));
  return p;
}

/** Big-endian two's complement of `n` in `size` bytes (Avro's decimal). */
function decimalBytes(n: bigint, size?: number): Buffer {
  const len =
    size ?? Math.max(1, Math.ceil((n < 0n ? (-n - 1n).toString(2).length + 1 : n.toString(2).length + 1) / 8));
  const out = Buffer.alloc(len);
  let v = n < 0n ? (1n << BigInt(8 * len)) + n : n;
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

const SCHEMA = {
  type: "record",
  name: "Row",
  namespace: "test.lake",
  fields: [
    { name: "id", type: "long" },
    { name: "small", type: "int" },
    { name: "n", type: ["null", "int"] },
    { name: "big", type: "long" },
    { name: "f", type: "float" },
    { name: "d", type: "double" },
    { name: "ok", type: "boolean" },
    { name: "name", type: ["null", "string"] },
    { name: "color", type: { type: "enum", name: "Color", symbols: ["RED", "GREEN"] } },
    { name: "price", type: { type: "bytes", logicalType: "decimal", precision: 10, scale: 2 } },
    {
      name: "amount",
      type: ["null", { type: "fixed", name: "Amt", size: 6, logicalType: "decimal", precision: 12, scale: 3 }],
    },
    { name: "day", type: { type: "int", logicalType: "date" } },
    { name: "at", type: { type: "long", logicalType: "timestamp-millis" } },
    { name: "at_us", type: ["null", { type: "long", logicalType: "timestamp-micros" }] },
    { name: "tags", type: { type: "array", items: "string" } },
    { name: "extra", type: "string" },
  ],
};

function row(i: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: BigInt(i),
    small: i * 10,
    n: i % 3 === 0 ? null : { int: i },
    big: 9007199254740993n + BigInt(i),
    f: 1.5 * i,
    d: i / 8,
    ok: i % 2 === 0,
    name: i % 4 === 0 ? null : { string: `n\u00e9-${i}-\u6f22` },
    color: i % 2 ? "RED" : "GREEN",
    price: decimalBytes(BigInt(i * 100 + 25) * (i % 5 === 0 ? -1n : 1n)),
    amount: i % 3 === 0 ? null : { "test.lake.Amt": decimalBytes(123456789n + BigInt(i), 6) },
    day: 19_723 + i, // 2024-01-01 + i
    at: BigInt(Date.UTC(2024, 0, 1, 12, 0, i) + 123),
    at_us: i % 3 === 0 ? null : { long: BigInt(Date.UTC(2024, 0, 1)) * 1000n + 456789n + BigInt(i) },
    tags: [`t${i}`, "x"],
    extra: "ignored",
    ...overrides,
  };
}

const COLUMNS = [
  { name: "id", type: T.bigint, ddl: "BIGINT" },
  { name: "small", type: T.smallint, ddl: "SMALLINT" },
  { name: "n", type: T.integer, ddl: "INTEGER" },
  { name: "big", type: T.bigint, ddl: "BIGINT" },
  { name: "f", type: T.real, ddl: "REAL" },
  { name: "d", type: T.double, ddl: "DOUBLE" },
  { name: "ok", type: T.boolean, ddl: "BOOLEAN" },
  { name: "name", type: { id: "varchar", length: 20 }, ddl: "VARCHAR" },
  { name: "color", type: { id: "varchar", length: 10 }, ddl: "VARCHAR" },
  { name: "price", type: { id: "decimal", precision: 10, scale: 2 }, ddl: "DECIMAL(10,2)" },
  { name: "amount", type: { id: "decimal", precision: 12, scale: 3 }, ddl: "DECIMAL(12,3)" },
  { name: "day", type: T.date, ddl: "DATE" },
  { name: "at", type: T.timestamp, ddl: "TIMESTAMP" },
  { name: "at_us", type: T.timestamp, ddl: "TIMESTAMP" },
  { name: "tags", type: { id: "varchar", length: 40 }, ddl: "VARCHAR" },
  { name: "missing", type: { id: "varchar", length: 5 }, ddl: "VARCHAR" },
] as const;

const SELECT_ALL = `SELECT id, small, n, big, f, d, ok, name, color, price::VARCHAR, amount::VARCHAR, day::VARCHAR, "at"::VARCHAR, at_us::VARCHAR, tags, missing FROM dev.public.avro_all ORDER BY id`;

before(async () => {
  h = await openHarness();
  await h.table("avro_all", [...COLUMNS]);
});
after(() => h.close());

async function reset(): Promise<void> {
  await h.conn.run("DELETE FROM dev.public.avro_all");
  await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
}

test("AVRO 'auto': every type, logical types, unions with null, several blocks, deflate", async () => {
  await reset();
  const rows = Array.from({ length: 300 }, (_x, i) => row(i + 1));
  await writeAvro("all/a.avro", SCHEMA, rows.slice(0, 150));
  await writeAvro("all/b.avro", SCHEMA, rows.slice(150), { codec: "deflate" });
  const r = await h.copy("copy avro_all from 's3://lake/all/' iam_role default format as avro 'auto'");
  assert.deepEqual([r.rows, r.files, r.errors], [300, 2, 0]);
  const got = await h.rows(SELECT_ALL);
  assert.equal(got.length, 300);
  assert.deepEqual(got[0], [
    1n,
    10,
    1,
    9007199254740994n,
    1.5,
    0.125,
    false,
    "n\u00e9-1-\u6f22",
    "RED",
    "1.25",
    "123456.790",
    "2024-01-02",
    "2024-01-01 12:00:01.123",
    "2024-01-01 00:00:00.45679",
    '["t1","x"]',
    null,
  ]);
  // Nulls through unions; a negative decimal; i = 12: n, name, amount and at_us are null.
  assert.deepEqual(got[11]?.slice(0, 14), [
    12n,
    120,
    null,
    9007199254741005n,
    18,
    1.5,
    true,
    null,
    "GREEN",
    "12.25",
    null,
    "2024-01-13",
    "2024-01-01 12:00:12.123",
    null,
  ]);
  assert.equal(got[4]?.[9], "-5.25");
  const sums = await h.rows("SELECT sum(small), count(n), count(name), count(amount) FROM dev.public.avro_all");
  assert.deepEqual(sums, [[451500n, 200n, 225n, 200n]]);
});

test("'auto' matches names exactly; 'auto ignorecase' ignores case; jsonpaths pick nested values", async () => {
  await reset();
  const schema = {
    type: "record",
    name: "Upper",
    fields: [
      { name: "ID", type: "long" },
      { name: "Small", type: "int" },
      {
        name: "inner",
        type: [
          "null",
          {
            type: "record",
            name: "Inner",
            fields: [
              { name: "label", type: "string" },
              { name: "list", type: { type: "array", items: "int" } },
            ],
          },
        ],
      },
      { name: "props", type: { type: "map", values: "string" } },
    ],
  };
  const recs = [
    { ID: 7n, Small: 3, inner: { Inner: { label: "seven", list: [70, 71] } }, props: { color: "RED" } },
    { ID: 8n, Small: 4, inner: null, props: {} },
  ];
  await writeAvro("upper/u.avro", schema, recs);
  await h.copy("copy avro_all from 's3://lake/upper/u.avro' iam_role default format as avro 'auto'");
  assert.deepEqual(await h.rows("SELECT id, small FROM dev.public.avro_all ORDER BY 1"), [
    [null, null],
    [null, null],
  ]);
  await reset();
  await h.copy("copy avro_all from 's3://lake/upper/u.avro' iam_role default format avro 'auto ignorecase'");
  assert.deepEqual(await h.rows("SELECT id, small FROM dev.public.avro_all ORDER BY 1"), [
    [7n, 3],
    [8n, 4],
  ]);
  await reset();
  const paths = [
    "$.ID",
    "$['Small']",
    "$.inner.list[1]",
    "$.nothere",
    "$.inner.list[0]",
    "$.inner.list[5]",
    "$.nothere",
    "$.inner.label",
    "$.props.color",
    "$.Small",
    "$.Small",
    "$.nothere",
    "$.nothere",
    "$.nothere",
    '$["inner"]',
    "$.nothere",
  ];
  writeFileSync(path("paths/p.json"), JSON.stringify({ jsonpaths: paths }));
  await h.copy(
    "copy avro_all (id, small, n, big, f, d, ok, name, color, price, amount, day, at, at_us, tags, missing) from 's3://lake/upper/u.avro' iam_role default avro 's3://lake/paths/p.json' maxerror 10",
  );
  const got = await h.rows("SELECT id, small, n, big, f, name, color, tags FROM dev.public.avro_all ORDER BY id");
  assert.deepEqual(got, [
    [7n, 3, 71, null, 70, "seven", "RED", '{"label":"seven","list":[70,71]}'],
    [8n, 4, null, null, null, null, null, null],
  ]);
});

test("values that do not fit go to stl_load_errors within MAXERROR; past it the table is unchanged", async () => {
  await reset();
  const schema = {
    type: "record",
    name: "R",
    fields: [
      { name: "id", type: "long" },
      { name: "small", type: "int" },
      { name: "name", type: "string" },
    ],
  };
  const recs = [
    { id: 1n, small: 5, name: "ok" },
    { id: 2n, small: 70_000, name: "too big for smallint" },
    { id: 3n, small: 6, name: "a name that is longer than twenty bytes" },
  ];
  await writeAvro("errs/e.avro", schema, recs);
  await assert.rejects(h.copy("copy avro_all from 's3://lake/errs/e.avro' iam_role default avro 'auto'"), /failed/);
  assert.deepEqual(await h.rows("SELECT count(*) FROM dev.public.avro_all"), [[0n]]);
  await reset();
  const r = await h.copy("copy avro_all from 's3://lake/errs/e.avro' iam_role default avro 'auto' maxerror 2");
  assert.deepEqual([r.rows, r.errors], [1, 2]);
  const errors = (await h.loadErrors()).map((e) => [e.line_number, String(e.colname).trim(), e.filename]);
  assert.deepEqual(
    errors.filter((e) => e[0] !== undefined),
    [
      [2n, "small", "s3://lake/errs/e.avro"],
      [3n, "name", "s3://lake/errs/e.avro"],
    ],
  );
});

test("snappy-coded Avro files load; a damaged snappy block fails the COPY naming the file", async () => {
  await reset();
  const rows = Array.from({ length: 300 }, (_x, i) => row(i + 1));
  await writeAvro("snappy/a.avro", SCHEMA, rows, SNAPPY);
  const r = await h.copy("copy avro_all from 's3://lake/snappy/a.avro' iam_role default format as avro 'auto'");
  assert.deepEqual([r.rows, r.files, r.errors], [300, 1, 0]);
  const viaSnappy = await h.rows(SELECT_ALL);
  // The same rows through the deflate codec.
  await reset();
  await writeAvro("snappy/deflate.avro", SCHEMA, rows, { codec: "deflate" });
  await h.copy("copy avro_all from 's3://lake/snappy/deflate.avro' iam_role default format as avro 'auto'");
  assert.deepEqual(await h.rows(SELECT_ALL), viaSnappy);

  const bytes = readFileSync(path("snappy/a.avro"));
  const damaged = Buffer.from(bytes);
  for (let i = Math.floor(bytes.length * 0.5); i < Math.floor(bytes.length * 0.5) + 16; i++) damaged[i] ^= 0x5a;
  writeFileSync(path("bad-snappy/d.avro"), damaged);
  await assert.rejects(
    h.copy("copy avro_all from 's3://lake/bad-snappy/d.avro' iam_role default avro 'auto'"),
    /Invalid Avro file s3:\/\/lake\/bad-snappy\/d\.avro: /,
  );
  assert.deepEqual(await h.rows("SELECT count(*) FROM dev.public.avro_all"), [[300n]]);
});

test("GZIP-compressed Avro files are inflated first", async () => {
  await reset();
  const p = await writeAvro("gz/src.avro", SCHEMA, [row(1), row(2)], { codec: "deflate" });
  writeFileSync(path("gz/a.avro.gz"), gzipSync(readFileSync(p)));
  const r = await h.copy("copy avro_all from 's3://lake/gz/a.avro.gz' iam_role default format as avro 'auto' gzip");
  assert.equal(r.rows, 2);
  assert.deepEqual(await h.rows("SELECT id, name FROM dev.public.avro_all ORDER BY id"), [
    [1n, "n\u00e9-1-\u6f22"],
    [2n, "n\u00e9-2-\u6f22"],
  ]);
});

test("corrupt, truncated and non-Avro files fail the COPY naming the file; the table is unchanged", async () => {
  await reset();
  const good = await writeAvro(
    "bad/src.avro",
    SCHEMA,
    Array.from({ length: 200 }, (_x, i) => row(i + 1)),
    { codec: "deflate" },
  );
  const bytes = readFileSync(good);
  const corrupt = Buffer.from(bytes);
  for (let i = Math.floor(bytes.length * 0.6); i < Math.floor(bytes.length * 0.6) + 40; i++) corrupt[i] ^= 0xa5;
  writeFileSync(path("bad/corrupt.avro"), corrupt);
  writeFileSync(path("bad/truncated.avro"), bytes.subarray(0, Math.floor(bytes.length * 0.7)));
  writeFileSync(path("bad/text.avro"), "1|not avro\n");
  for (const [key, why] of [
    ["corrupt", /Invalid Avro file s3:\/\/lake\/bad\/corrupt\.avro: /],
    ["truncated", /Invalid Avro file s3:\/\/lake\/bad\/truncated\.avro: /],
    ["text", /Invalid Avro file s3:\/\/lake\/bad\/text\.avro: not an Avro object container file/],
  ] as const) {
    await assert.rejects(h.copy(`copy avro_all from 's3://lake/bad/${key}.avro' iam_role default avro 'auto'`), why);
    assert.deepEqual(await h.rows("SELECT count(*) FROM dev.public.avro_all"), [[0n]]);
  }
  await assert.rejects(
    h.copy("copy avro_all from 's3://lake/bad/src.avro' iam_role default format as orc"),
    /ORC is not supported/,
  );
  await assert.rejects(
    h.copy("copy avro_all from 's3://lake/bad/src.avro' iam_role default format as avro 'auto' zstd"),
    /ZSTD cannot be used with FORMAT AVRO/,
  );
});
