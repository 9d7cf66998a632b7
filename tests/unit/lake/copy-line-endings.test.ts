// tests/unit/lake/copy-line-endings.test.ts
//! Files whose lines end partly in "\n" and partly in "\r\n" (a file appended to on two systems):
//! a CR just before the LF is part of the line ending, in delimited text and in CSV, so such a file
//! loads as if it had one kind of ending, on the fast path and on the full path, and every load
//! error keeps its line number in the file. Inside CSV quotes a CR is data. (zstd sources, which
//! only DuckDB can inflate, are not rewritten: a zstd file must keep to one kind of ending, and
//! one that does not fails with a clear error.)

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { gzipSync } from "node:zlib";
import { evenEndings, lineEndings } from "../../../src/lake/copy/endings.js";
import { T } from "../../../src/sql/types.js";
import { type Harness, openHarness } from "./copy-harness.js";

let h: Harness;

function put(key: string, body: string | Buffer): void {
  h.put("lake", key, body);
}

before(async () => {
  h = await openHarness();
  await h.table("pairs", [
    { name: "id", type: T.integer, ddl: "INTEGER" },
    { name: "name", type: { id: "varchar", length: 20 }, ddl: "VARCHAR" },
  ]);
});
after(() => h.close());

async function reset(): Promise<void> {
  await h.conn.run(`DELETE FROM "dev"."public"."pairs"`);
  await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
}

const pairs = () => h.rows(`SELECT id, name FROM dev.public.pairs ORDER BY id`);
const errors = async () =>
  (await h.loadErrors()).map((e) => [e.filename, e.line_number, e.err_code, e.raw_line, e.colname]);

test("delimited text with both endings loads every row, without the CRs", async () => {
  await reset();
  put("mixed/a.txt", "1|a\n2|b\r\n3|c\n4|d\r\n");
  put("mixed/b.txt", "5|e\r\n6|f\n7|g\r\n8|h");
  const r = await h.copy("copy pairs from 's3://lake/mixed/' iam_role default");
  assert.deepEqual([r.rows, r.errors, r.files], [8, 0, 2]);
  assert.deepEqual(await pairs(), [
    [1, "a"],
    [2, "b"],
    [3, "c"],
    [4, "d"],
    [5, "e"],
    [6, "f"],
    [7, "g"],
    [8, "h"],
  ]);
  assert.deepEqual(await errors(), []);
});

test("CSV with both endings loads; a CR inside quotes is data", async () => {
  await reset();
  put("mixedcsv/a.csv", '1,"a"\r\n2,b\n3,"c\r\nd"\n4,d\r\n');
  assert.equal((await h.copy("copy pairs from 's3://lake/mixedcsv/a.csv' iam_role default csv")).rows, 4);
  assert.deepEqual(await pairs(), [
    [1, "a"],
    [2, "b"],
    [3, "c\r\nd"],
    [4, "d"],
  ]);
});

test("inside a transaction block (no fast path) a mixed file loads the same", async () => {
  await reset();
  await h.conn.run("BEGIN TRANSACTION");
  await h.copy("copy pairs from 's3://lake/mixed/a.txt' iam_role default");
  await h.copy("copy pairs from 's3://lake/mixedcsv/a.csv' iam_role default csv");
  await h.conn.run("COMMIT");
  assert.deepEqual(await pairs(), [
    [1, "a"],
    [1, "a"],
    [2, "b"],
    [2, "b"],
    [3, "c"],
    [3, "c\r\nd"],
    [4, "d"],
    [4, "d"],
  ]);
});

test("a bad row in a mixed text file is reported at its line; the rest loads within MAXERROR", async () => {
  await reset();
  put("mixedbad/a.txt", "1|a\r\n2|b\nx|c\r\n4|d\n5|e\r\n");
  const r = await h.copy("copy pairs from 's3://lake/mixedbad/a.txt' iam_role default maxerror 1");
  assert.deepEqual([r.rows, r.errors], [4, 1]);
  assert.deepEqual(await pairs(), [
    [1, "a"],
    [2, "b"],
    [4, "d"],
    [5, "e"],
  ]);
  assert.deepEqual(await errors(), [["s3://lake/mixedbad/a.txt", 3n, 1207, "x|c", "id"]]);
});

test("past MAXERROR a mixed file fails the COPY and leaves the table unchanged", async () => {
  await reset();
  await assert.rejects(
    h.copy("copy pairs from 's3://lake/mixedbad/a.txt' iam_role default"),
    /Load into table 'pairs' failed/,
  );
  assert.deepEqual(await pairs(), []);
  assert.deepEqual(await errors(), [["s3://lake/mixedbad/a.txt", 3n, 1207, "x|c", "id"]]);
});

test("a bad row in a mixed CSV file is reported at its line", async () => {
  await reset();
  put("mixedbad/b.csv", '1,a\r\n2,"b"\nx,c\r\n4,d\n');
  const r = await h.copy("copy pairs from 's3://lake/mixedbad/b.csv' iam_role default csv maxerror 1");
  assert.deepEqual([r.rows, r.errors], [3, 1]);
  assert.deepEqual(await pairs(), [
    [1, "a"],
    [2, "b"],
    [4, "d"],
  ]);
  assert.deepEqual(
    (await errors()).map((e) => e.slice(0, 3)),
    [["s3://lake/mixedbad/b.csv", 3n, 1207]],
  );
});

test("ESCAPE text (read line by line) with both endings", async () => {
  await reset();
  put("mixedesc/a.txt", "1|a\\|b\r\n2|b\nx|c\r\n4|d\n");
  const r = await h.copy("copy pairs from 's3://lake/mixedesc/a.txt' iam_role default escape maxerror 1");
  assert.deepEqual([r.rows, r.errors], [3, 1]);
  assert.deepEqual(await pairs(), [
    [1, "a|b"],
    [2, "b"],
    [4, "d"],
  ]);
  assert.deepEqual(await errors(), [["s3://lake/mixedesc/a.txt", 3n, 1207, "x|c", "id"]]);
});

test("\\r\\n blank lines in a mixed file: skipped with IGNOREBLANKLINES, load errors without; numbers stay right", async () => {
  await reset();
  put("mixedblank/a.txt", "1|a\r\n\r\n2|b\n\nx|c\r\n4|d\n");
  let r = await h.copy("copy pairs from 's3://lake/mixedblank/a.txt' iam_role default ignoreblanklines maxerror 1");
  assert.deepEqual([r.rows, r.errors], [3, 1]);
  assert.deepEqual(await errors(), [["s3://lake/mixedblank/a.txt", 5n, 1207, "x|c", "id"]]);
  assert.deepEqual(await pairs(), [
    [1, "a"],
    [2, "b"],
    [4, "d"],
  ]);
  await reset();
  r = await h.copy("copy pairs from 's3://lake/mixedblank/a.txt' iam_role default maxerror 3");
  assert.deepEqual([r.rows, r.errors], [3, 3]);
  assert.deepEqual(await errors(), [
    ["s3://lake/mixedblank/a.txt", 2n, 1214, "", ""],
    ["s3://lake/mixedblank/a.txt", 4n, 1214, "", ""],
    ["s3://lake/mixedblank/a.txt", 5n, 1207, "x|c", "id"],
  ]);
});

test("gzip sources with both endings", async () => {
  await reset();
  put("mixedgz/a.txt.gz", gzipSync("1|a\r\n2|b\nx|c\r\n\r\n5|e\n"));
  const r = await h.copy("copy pairs from 's3://lake/mixedgz/a.txt.gz' iam_role default gzip maxerror 2");
  assert.deepEqual([r.rows, r.errors], [3, 2]);
  assert.deepEqual(await errors(), [
    ["s3://lake/mixedgz/a.txt.gz", 3n, 1207, "x|c", "id"],
    ["s3://lake/mixedgz/a.txt.gz", 4n, 1214, "", ""],
  ]);
  assert.deepEqual(await pairs(), [
    [1, "a"],
    [2, "b"],
    [5, "e"],
  ]);
  await reset();
  put("mixedgz/b.txt.gz", gzipSync("1|a\r\n2|b\n3|c\r\n"));
  assert.equal((await h.copy("copy pairs from 's3://lake/mixedgz/b.txt.gz' iam_role default gzip")).rows, 3);
  assert.deepEqual(await pairs(), [
    [1, "a"],
    [2, "b"],
    [3, "c"],
  ]);
});

test("a zstd file with both endings fails with a clear error (22P04) and leaves the table as it was", async () => {
  await reset();
  await h.conn.run(`INSERT INTO dev.public.pairs VALUES (9, 'kept')`);
  // printf '1|a\r\n2|b\n3|c\r\n' | zstd
  put("endings/mixed.txt.zst", Buffer.from("KLUv/QRYcQAAMXxhDQoyfGIKM3xjDQqgtqQW", "base64"));
  await assert.rejects(
    h.copy("copy pairs from 's3://lake/endings/mixed.txt.zst' iam_role default zstd"),
    (e: Error & { sqlstate?: string; detail?: string }) => {
      assert.equal(e.sqlstate, "22P04");
      assert.match(
        e.message,
        /cannot read the ZSTD file s3:\/\/lake\/endings\/mixed\.txt\.zst: .*one kind of line ending/,
      );
      assert.match(e.detail ?? "", /Recompress/);
      return true;
    },
  );
  assert.deepEqual(await pairs(), [[9, "kept"]]);
  // The same lines all ending in CR LF load: printf '1|a\r\n2|b\r\n3|c\r\n' | zstd
  put("endings/crlf.txt.zst", Buffer.from("KLUv/QRYeQAAMXxhDQoyfGINCjN8Yw0KFKrEIw==", "base64"));
  await reset();
  assert.equal((await h.copy("copy pairs from 's3://lake/endings/crlf.txt.zst' iam_role default zstd")).rows, 3);
  assert.deepEqual(await pairs(), [
    [1, "a"],
    [2, "b"],
    [3, "c"],
  ]);
});

test("the ending scan and the rewrite give the same answer wherever the chunks split", async () => {
  const chunks = async function* (b: Buffer, at: number[]) {
    let from = 0;
    for (const to of [...at, b.length]) {
      yield b.subarray(from, to);
      from = to;
    }
  };
  const collect = async (src: AsyncIterable<Buffer>) => {
    const parts: Buffer[] = [];
    for await (const c of src) parts.push(Buffer.from(c));
    return Buffer.concat(parts).toString("latin1");
  };
  const csv = Buffer.from('1,"a\r\nb"\r\n2,c\n3,\r\r\n');
  const unix = Buffer.from("1|a\n2|b\n");
  const windows = Buffer.from("1|a\r\n2|b\r\n");
  for (let i = 0; i <= csv.length; i++) {
    for (let j = i; j <= csv.length; j++) {
      assert.equal((await lineEndings(chunks(csv, [i, j]))).mixed, true, `split at ${i}, ${j}`);
      // The bare CR is marked (U+FDD0, bytes EF B7 90), for the readers to turn back.
      assert.equal(
        await collect(evenEndings(chunks(csv, [i, j]), 0x22)),
        '1,"a\r\nb"\n2,c\n3,\xef\xb7\x90\n',
        `split at ${i}, ${j}`,
      );
    }
  }
  for (let i = 0; i <= windows.length; i++) {
    assert.equal((await lineEndings(chunks(windows, [i]))).mixed, false);
    assert.equal((await lineEndings(chunks(unix, [Math.min(i, unix.length)]))).mixed, false);
    assert.equal(await collect(evenEndings(chunks(windows, [i]), undefined)), "1|a\n2|b\n");
  }
});
