// tests/unit/lake/copy-formats.test.ts
//! COPY of JSON, Parquet and FIXEDWIDTH; date and time formats; manifests; EXPLICIT_IDS.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { T } from "../../../src/sql/types.js";
import { type Harness, openHarness } from "./copy-harness.js";

let h: Harness;

function put(key: string, body: string | Buffer): string {
  return h.put("lake", key, body);
}

before(async () => {
  h = await openHarness();
  mkdirSync(join(h.lakeDir, "lake"), { recursive: true });
  await h.table("ev", [
    { name: "id", type: T.bigint, ddl: "BIGINT" },
    { name: "name", type: { id: "varchar", length: 20 }, ddl: "VARCHAR" },
    { name: "at", type: T.timestamp, ddl: "TIMESTAMP" },
    { name: "ok", type: T.boolean, ddl: "BOOLEAN" },
  ]);
});
after(() => h.close());

async function reset(): Promise<void> {
  await h.conn.run(`DELETE FROM "dev"."public"."ev"`);
  await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
}

async function all(): Promise<unknown[][]> {
  return h.rows(`SELECT id, name, CAST("at" AS VARCHAR), ok FROM dev.public.ev ORDER BY id`);
}

test("JSON 'auto' maps keys to columns; 'auto ignorecase' ignores their case", async () => {
  await reset();
  put(
    "json/a.json",
    '{"id": 1, "name": "x", "at": "2024-01-02 03:04:05", "ok": true}\n{"id": 2, "ok": false, "extra": 9}\n',
  );
  assert.equal((await h.copy("copy ev from 's3://lake/json/a.json' iam_role default json 'auto'")).rows, 2);
  assert.deepEqual(await all(), [
    [1n, "x", "2024-01-02 03:04:05", true],
    [2n, null, null, false],
  ]);
  await reset();
  put("json/b.json", '{"ID": 3, "Name": "y", "AT": "2024-01-02 03:04:05", "Ok": "t"}\n');
  await h.copy("copy ev from 's3://lake/json/b.json' iam_role default json 'auto ignorecase'");
  assert.deepEqual(await all(), [[3n, "y", "2024-01-02 03:04:05", true]]);
  await reset();
  await h.copy("copy ev from 's3://lake/json/b.json' iam_role default json 'auto'");
  assert.deepEqual(await all(), [[null, null, null, null]]);
});

test("JSON with a jsonpaths file", async () => {
  await reset();
  put("json/c.json", '{"a": {"id": 7, "tags": ["p", "q"]}, "when": 1700000000}\n');
  put("json/paths.json", JSON.stringify({ jsonpaths: ["$.a.id", "$['a']['tags'][1]", "$.when", "$.missing"] }));
  await h.copy(
    "copy ev from 's3://lake/json/c.json' iam_role default json 's3://lake/json/paths.json' timeformat 'epochsecs'",
  );
  assert.deepEqual(await all(), [[7n, "q", "2023-11-14 22:13:20", null]]);
  put("json/bad-paths.json", JSON.stringify({ jsonpaths: ["$.a"] }));
  await assert.rejects(
    h.copy("copy ev from 's3://lake/json/c.json' iam_role default json 's3://lake/json/bad-paths.json'"),
    /Number of jsonpaths \(1\) and the number of columns \(4\) should match/,
  );
});

test("Parquet maps columns by position; a file with the wrong column count fails the COPY", async () => {
  await reset();
  const path = put("pq/a.parquet", "");
  await h.conn.run(
    `COPY (SELECT * FROM (VALUES (1::INTEGER, 'p', TIMESTAMP '2024-05-06 07:08:09', true), (2, 'q', NULL, false)) v(a, b, c, d)) TO '${path}' (FORMAT parquet)`,
  );
  assert.equal((await h.copy("copy ev from 's3://lake/pq/a.parquet' iam_role default format as parquet")).rows, 2);
  assert.deepEqual(await all(), [
    [1n, "p", "2024-05-06 07:08:09", true],
    [2n, "q", null, false],
  ]);
  const bad = put("pq-bad/b.parquet", "");
  await h.conn.run(`COPY (SELECT 1 AS a, 'x' AS b) TO '${bad}' (FORMAT parquet)`);
  await reset();
  await assert.rejects(
    h.copy("copy ev from 's3://lake/pq-bad/' iam_role default parquet"),
    /incompatible Parquet schema in s3:\/\/lake\/pq-bad\/b\.parquet: the file has 2 columns/,
  );
  assert.deepEqual(await all(), []);
});

test("FIXEDWIDTH", async () => {
  await reset();
  put("fw/a.txt", "001abc       2024-01-02 03:04:05t\n002de        2024-01-03 00:00:00f\n");
  await h.copy("copy ev from 's3://lake/fw/a.txt' iam_role default fixedwidth 'id:3,name:10,at:19,ok:1'");
  assert.deepEqual(await all(), [
    [1n, "abc       ", "2024-01-02 03:04:05", true],
    [2n, "de        ", "2024-01-03 00:00:00", false],
  ]);
});

test("TIMEFORMAT: Redshift format strings, 'auto', epochs; ACCEPTANYDATE", async () => {
  await reset();
  put("tf/a.txt", "1|a|03/04/2024 13:14:15|t\n2|b|03/04/2024 01:02:03.250|f\n");
  await h.copy("copy ev from 's3://lake/tf/a.txt' iam_role default timeformat 'MM/DD/YYYY HH:MI:SS'");
  assert.deepEqual(await all(), [
    [1n, "a", "2024-03-04 13:14:15", true],
    [2n, "b", "2024-03-04 01:02:03.25", false],
  ]);
  await reset();
  put("tf/b.txt", "1|a|2024-03-04T13:14:15|yes\n2|b|03/04/2024 01:02:03|no\n3|c|2024-03-04|1\n");
  await h.copy("copy ev from 's3://lake/tf/b.txt' iam_role default timeformat 'auto'");
  assert.deepEqual(await all(), [
    [1n, "a", "2024-03-04 13:14:15", true],
    [2n, "b", "2024-03-04 01:02:03", false],
    [3n, "c", "2024-03-04 00:00:00", true],
  ]);
  await reset();
  put("tf/c.txt", "1|a|1700000000123|t\n");
  await h.copy("copy ev from 's3://lake/tf/c.txt' iam_role default timeformat 'epochmillisecs'");
  assert.deepEqual(await all(), [[1n, "a", "2023-11-14 22:13:20.123", true]]);
  await reset();
  put("tf/d.txt", "1|a|0000-00-00 00:00:00|t\n");
  await assert.rejects(h.copy("copy ev from 's3://lake/tf/d.txt' iam_role default"), /Load into table/);
  await h.copy("copy ev from 's3://lake/tf/d.txt' iam_role default acceptanydate");
  assert.deepEqual(await all(), [[1n, "a", null, true]]);
});

test("MANIFEST: mandatory entries must exist, optional ones may not", async () => {
  await reset();
  put("mf/one.txt", "1|one|2024-01-01 00:00:00|t\n");
  put("mf/two.txt", "2|two|2024-01-01 00:00:00|t\n");
  put(
    "mf/ok.manifest",
    JSON.stringify({
      entries: [
        { url: "s3://lake/mf/one.txt", mandatory: true },
        { url: "s3://lake/mf/two.txt", mandatory: false },
        { url: "s3://lake/mf/gone.txt", mandatory: false },
      ],
    }),
  );
  assert.equal((await h.copy("copy ev from 's3://lake/mf/ok.manifest' iam_role default manifest")).rows, 2);
  put("mf/bad.manifest", JSON.stringify({ entries: [{ url: "s3://lake/mf/gone.txt", mandatory: true }] }));
  await assert.rejects(
    h.copy("copy ev from 's3://lake/mf/bad.manifest' iam_role default manifest"),
    /s3:\/\/lake\/mf\/gone\.txt is mandatory/,
  );
  assert.equal((await all()).length, 2);
});

test("identity columns: skipped without EXPLICIT_IDS, loaded with it", async () => {
  await h.conn.run(`CREATE SEQUENCE "dev"."public"."idseq" START 100`);
  await h.table("ids", [
    {
      name: "id",
      type: T.integer,
      identity: { seed: 100, step: 1 },
      ddl: `INTEGER DEFAULT nextval('"dev"."public"."idseq"')`,
    },
    { name: "v", type: { id: "varchar", length: 5 }, ddl: "VARCHAR" },
  ]);
  put("ids/a.txt", "x\ny\n");
  await h.copy("copy ids from 's3://lake/ids/a.txt' iam_role default");
  put("ids/b.txt", "7|z\n");
  await h.copy("copy ids from 's3://lake/ids/b.txt' iam_role default explicit_ids");
  assert.deepEqual(await h.rows(`SELECT id, v FROM dev.public.ids ORDER BY v`), [
    [100, "x"],
    [101, "y"],
    [7, "z"],
  ]);
  await assert.rejects(h.copy("copy ids (id, v) from 's3://lake/ids/b.txt' iam_role default"), /EXPLICIT_IDS/);
});

test("DATEFORMAT: Redshift format strings and 'auto' over the common spellings", async () => {
  await h.table("days", [
    { name: "id", type: T.integer, ddl: "INTEGER" },
    { name: "d", type: T.date, ddl: "DATE" },
  ]);
  const cases: [string, string, string][] = [
    ["DD/MM/YYYY", "31/01/2024", "2024-01-31"],
    ["MM-DD-YYYY", "01-31-2024", "2024-01-31"],
    ["YYYYMMDD", "20240131", "2024-01-31"],
    ["MON DD YYYY", "Jan 31 2024", "2024-01-31"],
    ["DD.MM.YY", "31.01.24", "2024-01-31"],
    ["YYYY-MM-DD", "2024-01-31", "2024-01-31"],
  ];
  for (const [i, [fmt, text, want]] of cases.entries()) {
    put(`df/${i}.txt`, `${i}|${text}\n`);
    await h.copy(`copy days from 's3://lake/df/${i}.txt' iam_role default dateformat '${fmt}'`);
    assert.deepEqual(await h.rows(`SELECT d::VARCHAR FROM dev.public.days WHERE id = ${i}`), [[want]], fmt);
  }
  put(
    "df/auto.txt",
    "10|2024-01-31\n11|01/31/2024\n12|31 Jan 2024\n13|Jan 31 2024\n14|20240131\n15|January 31, 2024\n",
  );
  assert.equal((await h.copy("copy days from 's3://lake/df/auto.txt' iam_role default dateformat 'auto'")).rows, 6);
  assert.deepEqual(await h.rows("SELECT DISTINCT d::VARCHAR FROM dev.public.days WHERE id >= 10"), [["2024-01-31"]]);
});
