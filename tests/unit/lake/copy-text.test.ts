// tests/unit/lake/copy-text.test.ts
//! COPY of delimited text and CSV from the local lake: options, conversions, load errors, MAXERROR.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { gzipSync } from "node:zlib";
import { T } from "../../../src/sql/types.js";
import { type Harness, openHarness } from "./copy-harness.js";

let h: Harness;

function put(key: string, body: string | Buffer): void {
  h.put("lake", key, body);
}

before(async () => {
  h = await openHarness();
  mkdirSync(join(h.lakeDir, "lake"), { recursive: true });
  await h.table("sales", [
    { name: "id", type: T.integer, ddl: "INTEGER" },
    { name: "name", type: { id: "varchar", length: 8 }, ddl: "VARCHAR" },
    { name: "price", type: { id: "decimal", precision: 8, scale: 2 }, ddl: "DECIMAL(8,2)" },
    { name: "sold", type: T.date, ddl: "DATE" },
  ]);
});
after(() => h.close());

async function reset(): Promise<void> {
  await h.conn.run(`DELETE FROM "dev"."public"."sales"`);
  await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
}

test("pipe-delimited text, the default, with NULL as \\N and empty numbers as NULL", async () => {
  await reset();
  put("sales/a.txt", "1|apple|1.50|2024-01-02\n2|pear|\\N|2024-02-03\n3||  |\\N\n");
  const r = await h.copy("copy sales from 's3://lake/sales/a.txt' iam_role default");
  assert.equal(r.rows, 3);
  assert.deepEqual(
    await h.rows(`SELECT id, name, CAST(price AS VARCHAR), CAST(sold AS VARCHAR) FROM dev.public.sales ORDER BY id`),
    [
      [1, "apple", "1.50", "2024-01-02"],
      [2, "pear", null, "2024-02-03"],
      [3, "", null, null],
    ],
  );
});

test("a prefix loads every file under it; tab delimiter; IGNOREHEADER; DATEFORMAT", async () => {
  await reset();
  put("multi/part_00", "id\tname\tprice\tsold\n10\ta\t1\t01/31/2024\n");
  put("multi/part_01", "id\tname\tprice\tsold\n11\tb\t2\t12/01/2023\n12\tc\t3\t02/29/2024\n");
  const r = await h.copy(
    "copy sales from 's3://lake/multi/part_' iam_role default delimiter '\\t' ignoreheader 1 dateformat 'MM/DD/YYYY'",
  );
  assert.equal(r.rows, 3);
  assert.equal(r.files, 2);
  assert.deepEqual(await h.rows(`SELECT id, CAST(sold AS VARCHAR) FROM dev.public.sales ORDER BY id`), [
    [10, "2024-01-31"],
    [11, "2023-12-01"],
    [12, "2024-02-29"],
  ]);
});

test("bad rows go to stl_load_errors; within MAXERROR the rest loads", async () => {
  await reset();
  put(
    "bad/x.txt",
    "1|ok|1|2024-01-01\nx|badint|1|2024-01-01\n3|toolongname|1|2024-01-01\n4|d|1|2024-13-01\n5|e|1\n6|f|1|2024-01-01|extra\n7|g|1|2024-01-01\n",
  );
  await assert.rejects(
    h.copy("copy sales from 's3://lake/bad/x.txt' iam_role default maxerror 4"),
    /Load into table 'sales' failed/,
  );
  assert.deepEqual(await h.rows(`SELECT count(*) FROM dev.public.sales`), [[0n]]);
  const failed = await h.loadErrors();
  assert.equal(failed.length, 5);
  await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
  const r = await h.copy("copy sales from 's3://lake/bad/x.txt' iam_role default maxerror 5");
  assert.equal(r.rows, 2);
  assert.equal(r.errors, 5);
  const errs = await h.loadErrors();
  assert.deepEqual(
    errs.map((e) => [e.line_number, e.colname, e.type, e.raw_field_value, e.err_code]),
    [
      [2n, "id", "int4", "x", 1207],
      [3n, "name", "varchar", "toolongname", 1204],
      [4n, "sold", "date", "2024-13-01", 1205],
      [5n, "", "", null, 1214],
      [6n, "", "", null, 1202],
    ],
  );
  assert.equal(errs[0]?.filename, "s3://lake/bad/x.txt");
  assert.equal(errs[0]?.raw_line, "x|badint|1|2024-01-01");
  assert.match(String(errs[0]?.err_reason), /Invalid digit, Value 'x'/);
});

test("a line with several columns too many is one load error (MAXERROR counts lines), and the lines after keep their numbers", async () => {
  await reset();
  put("extra/x.txt", "1|a|1|2024-01-01|x|y|z\n2|b|1|2024-01-01\n3|c|1|2024-01-01|x|y\nq|d|1|2024-01-01\n");
  put("extra/y.csv", "4,e,1,2024-01-01,x,y,z\n5,f,1,2024-01-01\n");
  for (const [url, opts] of [
    ["extra/x.txt", ""],
    ["extra/y.csv", " csv"],
  ] as const) {
    for (const inBlock of [false, true]) {
      await reset();
      if (inBlock) await h.conn.run("BEGIN TRANSACTION");
      const r = await h.copy(`copy sales from 's3://lake/${url}' iam_role default maxerror 3${opts}`);
      if (inBlock) await h.conn.run("COMMIT");
      const want = url.endsWith(".txt") ? [1, 3] : [1, 1];
      assert.deepEqual([r.rows, r.errors], want, `${url} in a block: ${inBlock}`);
      assert.deepEqual(
        (await h.loadErrors()).map((e) => [e.line_number, e.err_code]),
        url.endsWith(".txt")
          ? [
              [1n, 1202],
              [3n, 1202],
              [4n, 1207],
            ]
          : [[1n, 1202]],
      );
    }
  }
});

test("TRUNCATECOLUMNS cuts at a byte count without splitting a character; ROUNDEC; FILLRECORD", async () => {
  await reset();
  put("trunc/x.txt", "1|h\u00e9h\u00e9h\u00e9h\u00e9|1.239|2024-01-01\n2|abc|1.231\n");
  const r = await h.copy("copy sales from 's3://lake/trunc/x.txt' iam_role default truncatecolumns roundec fillrecord");
  assert.equal(r.rows, 2);
  assert.deepEqual(
    await h.rows(
      `SELECT id, name, strlen(name), CAST(price AS VARCHAR), CAST(sold AS VARCHAR) FROM dev.public.sales ORDER BY id`,
    ),
    [
      [1, "h\u00e9h\u00e9h", 7n, "1.24", "2024-01-01"],
      [2, "abc", 3n, "1.23", null],
    ],
  );
  await reset();
  await h.copy("copy sales from 's3://lake/trunc/x.txt' iam_role default truncatecolumns fillrecord");
  assert.deepEqual(await h.rows(`SELECT CAST(price AS VARCHAR) FROM dev.public.sales ORDER BY id`), [
    ["1.23"],
    ["1.23"],
  ]);
});

test("CSV: quoted delimiters, embedded newlines, doubled quotes, QUOTE AS, gzip", async () => {
  await reset();
  put(
    "csv/a.csv.gz",
    gzipSync(Buffer.from('1,"a,b",1.5,2024-01-01\n2,"line\nbreak",2,2024-01-02\n3,"say ""hi""",3,\n')),
  );
  const r = await h.copy("copy sales from 's3://lake/csv/a.csv.gz' iam_role default csv gzip truncatecolumns");
  assert.equal(r.rows, 3);
  assert.deepEqual(await h.rows(`SELECT id, name FROM dev.public.sales ORDER BY id`), [
    [1, "a,b"],
    [2, "line\nbre"],
    [3, 'say "hi"'],
  ]);
  await reset();
  put("csv/q.csv", "1;%x;y%;1;2024-01-01\n");
  await h.copy("copy sales from 's3://lake/csv/q.csv' iam_role default csv quote as '%' delimiter ';'");
  assert.deepEqual(await h.rows(`SELECT name FROM dev.public.sales`), [["x;y"]]);
});

test("ESCAPE: backslash-escaped delimiters and backslashes", async () => {
  await reset();
  put("esc/x.txt", "1|a\\|b|1|2024-01-01\n2|c\\\\d|1|2024-01-01\n");
  await h.copy("copy sales from 's3://lake/esc/x.txt' iam_role default escape");
  assert.deepEqual(await h.rows(`SELECT name FROM dev.public.sales ORDER BY id`), [["a|b"], ["c\\d"]]);
});

test("EMPTYASNULL, BLANKSASNULL, NULL AS", async () => {
  await reset();
  put("nul/x.txt", "1||1|2024-01-01\n2|   |1|2024-01-01\n3|NA|1|2024-01-01\n");
  await h.copy("copy sales from 's3://lake/nul/x.txt' iam_role default emptyasnull blanksasnull null as 'NA'");
  assert.deepEqual(await h.rows(`SELECT id, name FROM dev.public.sales ORDER BY id`), [
    [1, null],
    [2, null],
    [3, null],
  ]);
});

test("invalid UTF-8: an error without ACCEPTINVCHARS, replaced with it", async () => {
  await reset();
  put(
    "utf/x.txt",
    Buffer.concat([
      Buffer.from("1|ok|1|2024-01-01\n2|b"),
      Buffer.from([0xff]),
      Buffer.from("d|1|2024-01-01\n3|\u00e9|1|2024-01-01\n"),
    ]),
  );
  await assert.rejects(h.copy("copy sales from 's3://lake/utf/x.txt' iam_role default"), /Load into table/);
  const errs = await h.loadErrors();
  assert.deepEqual(
    errs.map((e) => [e.line_number, e.err_code]),
    [[2n, 1220]],
  );
  const r = await h.copy("copy sales from 's3://lake/utf/x.txt' iam_role default acceptinvchars");
  assert.equal(r.rows, 3);
  assert.deepEqual(await h.rows(`SELECT id, name FROM dev.public.sales ORDER BY id`), [
    [1, "ok"],
    [2, "b?d"],
    [3, "\u00e9"],
  ]);
});

test("missing source: a clear error and nothing loaded", async () => {
  await reset();
  await assert.rejects(
    h.copy("copy sales from 's3://lake/nothing/here' iam_role default"),
    /prefix 'nothing\/here' does not exist/,
  );
  await assert.rejects(h.copy("copy sales from 's3://no-bucket/x' iam_role default"), /bucket does not exist/);
});

test("BZIP2 and ZSTD sources; a damaged bzip2 stream fails the COPY", async () => {
  await h.table("words", [
    { name: "id", type: T.integer, ddl: "INTEGER" },
    { name: "w", type: { id: "varchar", length: 10 }, ddl: "VARCHAR" },
  ]);
  // printf '1|alpha\n2|été\n' | bzip2 -9, and printf '1|alpha\n2|beta\n' | zstd
  const bz = Buffer.from("QlpoOTFBWSZTWaW10AYAAAFJlAAQMAAgREQEACAIACAAIgNDIIBppoQlrRBzTzcfF3JFOFCQpbXQBg==", "base64");
  put("bz/a.txt.bz2", bz);
  await h.copy("copy words from 's3://lake/bz/a.txt.bz2' iam_role default bzip2");
  assert.deepEqual(await h.rows("SELECT id, w FROM dev.public.words ORDER BY id"), [
    [1, "alpha"],
    [2, "\u00e9t\u00e9"],
  ]);
  await h.conn.run("DELETE FROM dev.public.words");
  put("zs/a.txt.zst", Buffer.from("KLUv/QRYeQAAMXxhbHBoYQoyfGJldGEK+R/iOQ==", "base64"));
  await h.copy("copy words from 's3://lake/zs/a.txt.zst' iam_role default zstd");
  assert.deepEqual(await h.rows("SELECT id, w FROM dev.public.words ORDER BY id"), [
    [1, "alpha"],
    [2, "beta"],
  ]);
  put("bz/bad.bz2", bz.subarray(0, 30));
  await assert.rejects(
    h.copy("copy words from 's3://lake/bz/bad.bz2' iam_role default bzip2"),
    /bzip2 decompression failed for s3:\/\/lake\/bz\/bad\.bz2/,
  );
  assert.equal((await h.rows("SELECT count(*) FROM dev.public.words"))[0]?.[0], 2n);
});

test("REMOVEQUOTES, TRIMBLANKS, IGNOREBLANKLINES, multi-byte UTF-8 counted in bytes", async () => {
  await reset();
  put(
    "rq/x.txt",
    '"1"|"quoted"|1|2024-01-01\n\n2|trail   |1|2024-01-01\n3|\u65e5\u672c|1|2024-01-01\n4|\u65e5\u672c\u8a9e|1|2024-01-01\n',
  );
  await assert.rejects(
    h.copy("copy sales from 's3://lake/rq/x.txt' iam_role default removequotes trimblanks ignoreblanklines"),
    /Load into table/,
  );
  const errs = await h.loadErrors();
  assert.deepEqual(
    errs.map((e) => [e.line_number, e.colname, e.err_code]),
    [[5n, "name", 1204]],
  );
  await h.copy(
    "copy sales from 's3://lake/rq/x.txt' iam_role default removequotes trimblanks ignoreblanklines maxerror 1",
  );
  assert.deepEqual(await h.rows("SELECT id, name FROM dev.public.sales ORDER BY id"), [
    [1, "quoted"],
    [2, "trail"],
    [3, "\u65e5\u672c"],
  ]);
});

test("CSV with invalid UTF-8: an error without ACCEPTINVCHARS, replaced with it, at the right line", async () => {
  await reset();
  put(
    "utfcsv/x.csv",
    Buffer.concat([
      Buffer.from('1,"ok",1,2024-01-01\n2,"b'),
      Buffer.from([0xff]),
      Buffer.from('d",1,2024-01-01\n3,"\u00e9",1,2024-01-01\n'),
    ]),
  );
  await assert.rejects(h.copy("copy sales from 's3://lake/utfcsv/x.csv' iam_role default csv"), /Load into table/);
  assert.deepEqual(
    (await h.loadErrors()).map((e) => [e.line_number, e.err_code]),
    [[2n, 1220]],
  );
  const r = await h.copy("copy sales from 's3://lake/utfcsv/x.csv' iam_role default csv acceptinvchars as '^'");
  assert.equal(r.rows, 3);
  assert.deepEqual(await h.rows("SELECT id, name FROM dev.public.sales ORDER BY id"), [
    [1, "ok"],
    [2, "b^d"],
    [3, "\u00e9"],
  ]);
});
