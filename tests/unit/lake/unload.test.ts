// tests/unit/lake/unload.test.ts
//! UNLOAD to the local lake: formats, Redshift's file names, PARTITION BY, MANIFEST, overwrite
//! rules, MAXFILESIZE, and a UNLOAD -> COPY round trip.

import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { after, before, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { T } from "../../../src/sql/types.js";
import { type Harness, openHarness } from "./copy-harness.js";

let h: Harness;

function objects(prefix: string): string[] {
  const root = join(h.lakeDir, "lake");
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(root, p).split("\\").join("/"));
    }
  };
  walk(root);
  return out.filter((k) => k.startsWith(prefix)).sort();
}

function text(key: string): string {
  return readFileSync(join(h.lakeDir, "lake", key), "utf8");
}

before(async () => {
  h = await openHarness();
  mkdirSync(join(h.lakeDir, "lake"), { recursive: true });
  await h.table("venue", [
    { name: "id", type: T.integer, ddl: "INTEGER" },
    { name: "name", type: { id: "varchar", length: 30 }, ddl: "VARCHAR" },
    { name: "state", type: { id: "char", length: 2 }, ddl: "VARCHAR" },
    { name: "seats", type: { id: "decimal", precision: 10, scale: 2 }, ddl: "DECIMAL(10,2)" },
    { name: "opened", type: T.date, ddl: "DATE" },
  ]);
  await h.conn.run(
    `INSERT INTO dev.public.venue VALUES (1, 'Arena|One', 'NV', 1000.50, DATE '2001-02-03'), (2, 'Hall "B"', 'CA', NULL, NULL), (3, 'back\\slash', 'NV', 3, DATE '2020-12-31')`,
  );
});
after(() => h.close());

test("text: pipe-delimited, nulls as empty strings, one file named <prefix>0000_part_00", async () => {
  const r = await h.unload("unload ('select * from venue order by id') to 's3://lake/t1/venue_' iam_role default");
  assert.equal(r.rows, 3);
  assert.deepEqual(r.files, ["s3://lake/t1/venue_0000_part_00"]);
  assert.equal(
    text("t1/venue_0000_part_00"),
    '1|Arena|One|NV|1000.50|2001-02-03\n2|Hall "B"|CA||\n3|back\\slash|NV|3.00|2020-12-31\n',
  );
});

test("text with ESCAPE, ADDQUOTES, NULL AS, HEADER, DELIMITER, gzip", async () => {
  await h.unload(
    "unload ('select id, name, seats from venue order by id') to 's3://lake/t2/v_' iam_role default escape addquotes null as 'NULL' header delimiter ',' gzip",
  );
  assert.deepEqual(objects("t2/"), ["t2/v_0000_part_00.gz"]);
  const body = gunzipSync(readFileSync(join(h.lakeDir, "lake", "t2/v_0000_part_00.gz"))).toString("utf8");
  assert.equal(body, 'id,name,seats\n"1","Arena|One","1000.50"\n"2","Hall \\"B\\"",NULL\n"3","back\\\\slash","3.00"\n');
});

test("CSV and JSON", async () => {
  await h.unload("unload ('select id, name from venue order by id') to 's3://lake/t3/' iam_role default csv header");
  assert.equal(text("t3/0000_part_00.csv"), 'id,name\n1,Arena|One\n2,"Hall ""B"""\n3,back\\slash\n');
  await h.unload(
    "unload ('select id, seats from venue where id < 3 order by id') to 's3://lake/t4/' iam_role default format json",
  );
  const lines = text("t4/0000_part_00.json")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(lines, [
    { id: 1, seats: 1000.5 },
    { id: 2, seats: null },
  ]);
});

test("PARTITION BY writes key=value folders; INCLUDE keeps the column in the files; a manifest lists them", async () => {
  const r = await h.unload(
    "unload ('select id, name, state from venue') to 's3://lake/t5/' iam_role default format parquet partition by (state) manifest verbose",
  );
  assert.equal(r.rows, 3);
  assert.deepEqual(objects("t5/"), [
    "t5/manifest",
    "t5/state=CA/0000_part_00.parquet",
    "t5/state=NV/0000_part_00.parquet",
  ]);
  const manifest = JSON.parse(text("t5/manifest"));
  assert.deepEqual(
    manifest.entries.map((e: { url: string; meta: { record_count: number } }) => [e.url, e.meta.record_count]),
    [
      ["s3://lake/t5/state=CA/0000_part_00.parquet", 1],
      ["s3://lake/t5/state=NV/0000_part_00.parquet", 2],
    ],
  );
  assert.deepEqual(
    manifest.schema.elements.map((e: { name: string }) => e.name),
    ["id", "name", "state"],
  );
  const nv = join(h.lakeDir, "lake", "t5/state=NV/0000_part_00.parquet");
  assert.deepEqual(
    (await h.conn.all(`SELECT * FROM read_parquet('${nv}', hive_partitioning = false) ORDER BY id`)).rows,
    [
      [1, "Arena|One"],
      [3, "back\\slash"],
    ],
  );
  await h.unload(
    "unload ('select id, state from venue') to 's3://lake/t6/' iam_role default parquet partition by (state) include",
  );
  const ca = join(h.lakeDir, "lake", "t6/state=CA/0000_part_00.parquet");
  assert.deepEqual((await h.conn.all(`SELECT id, state FROM read_parquet('${ca}')`)).rows, [[2, "CA"]]);
});

test("a non-empty destination needs ALLOWOVERWRITE or CLEANPATH", async () => {
  await h.unload("unload ('select 1') to 's3://lake/t7/x_' iam_role default");
  await assert.rejects(
    h.unload("unload ('select 2') to 's3://lake/t7/x_' iam_role default"),
    /unload destination on S3 is not empty/,
  );
  await h.unload("unload ('select 2') to 's3://lake/t7/x_' iam_role default allowoverwrite");
  assert.equal(text("t7/x_0000_part_00"), "2\n");
  await h.unload("unload ('select 3') to 's3://lake/t7/x_' iam_role default parallel off cleanpath");
  assert.deepEqual(objects("t7/"), ["t7/x_000"]);
  assert.equal(text("t7/x_000"), "3\n");
});

test("MAXFILESIZE splits the output into numbered parts", async () => {
  const r = await h.unload(
    "unload ('select i, repeat(''x'', 100) as pad from generate_series(1, 150000) as g(i)') to 's3://lake/t8/big_' iam_role default csv maxfilesize 5 mb",
  );
  assert.equal(r.rows, 150000);
  const parts = objects("t8/");
  assert.ok(parts.length >= 3, `parts: ${parts.join(", ")}`);
  assert.equal(parts[0], "t8/big_0000_part_00.csv");
  assert.equal(parts[1], "t8/big_0000_part_01.csv");
  for (const p of parts) assert.ok(statSync(join(h.lakeDir, "lake", p)).size < 7 * 1024 * 1024);
});

test("a failing query leaves nothing behind", async () => {
  await assert.rejects(
    h.unload("unload ('select cast(name as integer) from venue') to 's3://lake/t9/' iam_role default"),
    /Could not convert|convert/i,
  );
  assert.deepEqual(objects("t9/"), []);
  assert.equal(
    existsSync(join(h.lakeDir, ".lakeshift", "unload"))
      ? readdirSync(join(h.lakeDir, ".lakeshift", "unload")).length
      : 0,
    0,
  );
  await assert.rejects(
    h.unload("unload ('select 1') to 's3://no-such-bucket/x' iam_role default"),
    /bucket does not exist/,
  );
});

test("UNLOAD then COPY reproduces the table, for every format", async () => {
  await h.table("venue2", [
    { name: "id", type: T.integer, ddl: "INTEGER" },
    { name: "name", type: { id: "varchar", length: 30 }, ddl: "VARCHAR" },
    { name: "state", type: { id: "char", length: 2 }, ddl: "VARCHAR" },
    { name: "seats", type: { id: "decimal", precision: 10, scale: 2 }, ddl: "DECIMAL(10,2)" },
    { name: "opened", type: T.date, ddl: "DATE" },
  ]);
  const want = await h.rows("SELECT * FROM dev.public.venue ORDER BY id");
  const cases: [string, string][] = [
    ["format parquet", "format parquet"],
    ["csv null as '\\N'", "csv null as '\\N'"],
    ["escape null as '\\N'", "escape"],
    ["format json", "json 'auto'"],
  ];
  for (const [i, [out, back]] of cases.entries()) {
    await h.conn.run("DELETE FROM dev.public.venue2");
    await h.unload(`unload ('select * from venue') to 's3://lake/rt${i}/' iam_role default ${out}`);
    await h.copy(`copy venue2 from 's3://lake/rt${i}/' iam_role default ${back}`);
    assert.deepEqual(await h.rows("SELECT * FROM dev.public.venue2 ORDER BY id"), want, out);
  }
});

test("FIXEDWIDTH text pads and cuts each field to its width", async () => {
  await h.unload(
    "unload ('select id, name, state from venue order by id') to 's3://lake/fw/v_' iam_role default fixedwidth 'id:3,name:6,state:2'",
  );
  assert.equal(text("fw/v_0000_part_00"), '1  Arena|NV\n2  Hall "CA\n3  back\\sNV\n');
  await assert.rejects(
    h.unload("unload ('select id from venue') to 's3://lake/fw2/' iam_role default fixedwidth 'id:3,x:2'"),
    /FIXEDWIDTH gives 2 widths for 1 columns/,
  );
});

// JSON is left out here: DuckDB's JSON reader parses numbers as doubles, so BIGINT and DECIMAL
// extremes lose digits on the way back (the venue round trip above covers JSON).
test("UNLOAD -> COPY round trip over every common type (Parquet, CSV, text)", async () => {
  const cols = [
    { name: "s", type: T.smallint, ddl: "SMALLINT" },
    { name: "i", type: T.integer, ddl: "INTEGER" },
    { name: "b", type: T.bigint, ddl: "BIGINT" },
    { name: "n", type: { id: "decimal" as const, precision: 18, scale: 4 }, ddl: "DECIMAL(18,4)" },
    { name: "r", type: T.real, ddl: "REAL" },
    { name: "d", type: T.double, ddl: "DOUBLE" },
    { name: "ok", type: T.boolean, ddl: "BOOLEAN" },
    { name: "v", type: { id: "varchar" as const, length: 40 }, ddl: "VARCHAR" },
    { name: "dt", type: T.date, ddl: "DATE" },
    { name: "ts", type: T.timestamp, ddl: "TIMESTAMP" },
    { name: "tz", type: T.timestamptz, ddl: "TIMESTAMPTZ" },
    { name: "tm", type: T.time, ddl: "TIME" },
  ];
  await h.table("alltypes", cols);
  await h.table("alltypes2", cols);
  await h.conn.run(`SET TimeZone = 'UTC'`);
  await h.conn.run(
    `INSERT INTO dev.public.alltypes VALUES
       (-32768, -2147483648, -9223372036854775808, -12345678901234.5678, 1.5, -2.25e-300, true, 'x|y,"z" \u00e9\u65e5', DATE '0001-01-01', TIMESTAMP '1999-12-31 23:59:59.123456', TIMESTAMPTZ '2024-06-01 12:00:00+00', TIME '23:59:59.5'),
       (32767, 2147483647, 9223372036854775807, 99999999999999.9999, -3.25, 1e300, false, '', DATE '9999-12-31', TIMESTAMP '2024-02-29 00:00:00', TIMESTAMPTZ '1970-01-01 00:00:00+00', TIME '00:00:00'),
       (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
  );
  const want = await h.rows("SELECT * FROM dev.public.alltypes ORDER BY i NULLS LAST");
  const formats: [string, string][] = [
    ["format parquet", "format parquet"],
    ["csv null as '\\\\N'", "csv null as '\\\\N'"],
    ["delimiter '\\t' null as '\\N' escape", "delimiter '\\t' escape"],
  ];
  for (const [i, [out, back]] of formats.entries()) {
    await h.conn.run("DELETE FROM dev.public.alltypes2");
    await h.unload(`unload ('select * from alltypes') to 's3://lake/all${i}/' iam_role default ${out}`);
    await h.copy(`copy alltypes2 from 's3://lake/all${i}/' iam_role default ${back} timeformat 'auto'`);
    assert.deepEqual(await h.rows("SELECT * FROM dev.public.alltypes2 ORDER BY i NULLS LAST"), want, out);
  }
});
