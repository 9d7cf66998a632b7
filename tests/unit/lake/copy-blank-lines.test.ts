// tests/unit/lake/copy-blank-lines.test.ts
//! Blank lines as Redshift reads them: without IGNOREBLANKLINES a blank line is a record with one
//! empty field (error 1214 for a multi-column load, a row for one column or with FILLRECORD); with
//! it they are skipped; either way later lines keep their numbers in stl_load_errors.

import assert from "node:assert/strict";
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
  await h.table("pairs", [
    { name: "id", type: T.integer, ddl: "INTEGER" },
    { name: "name", type: { id: "varchar", length: 20 }, ddl: "VARCHAR" },
  ]);
  await h.table("words", [{ name: "w", type: { id: "varchar", length: 20 }, ddl: "VARCHAR" }]);
});
after(() => h.close());

async function reset(): Promise<void> {
  await h.conn.run(`DELETE FROM "dev"."public"."pairs"`);
  await h.conn.run(`DELETE FROM "dev"."public"."words"`);
  await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
}

const pairs = () => h.rows(`SELECT id, name FROM dev.public.pairs ORDER BY id`);
const errors = async () =>
  (await h.loadErrors()).map((e) => [e.filename, e.line_number, e.err_code, e.raw_line, e.colname]);

test("a blank line without IGNOREBLANKLINES is a load error (1214) and the COPY fails, table unchanged", async () => {
  await reset();
  put("blank/a.txt", "1|a\n\n3|c\n");
  await assert.rejects(
    h.copy("copy pairs from 's3://lake/blank/a.txt' iam_role default"),
    /Load into table 'pairs' failed/,
  );
  assert.deepEqual(await pairs(), []);
  assert.deepEqual(await errors(), [["s3://lake/blank/a.txt", 2n, 1214, "", ""]]);
});

test("within MAXERROR blank lines are skipped as errors, and later lines keep their numbers", async () => {
  await reset();
  put("blank/b.txt", "1|a\n\n\n4|d\nx|bad\n6|f\n");
  const r = await h.copy("copy pairs from 's3://lake/blank/b.txt' iam_role default maxerror 3");
  assert.equal(r.rows, 3);
  assert.equal(r.errors, 3);
  assert.deepEqual(await pairs(), [
    [1, "a"],
    [4, "d"],
    [6, "f"],
  ]);
  assert.deepEqual(await errors(), [
    ["s3://lake/blank/b.txt", 2n, 1214, "", ""],
    ["s3://lake/blank/b.txt", 3n, 1214, "", ""],
    ["s3://lake/blank/b.txt", 5n, 1207, "x|bad", "id"],
  ]);
});

test("IGNOREBLANKLINES skips them; a bad line after them is reported at its own line", async () => {
  await reset();
  put("blank/c.txt", "1|a\n\n\n4|d\n");
  assert.equal((await h.copy("copy pairs from 's3://lake/blank/c.txt' iam_role default ignoreblanklines")).rows, 2);
  assert.deepEqual(await errors(), []);
  await reset();
  put("blank/d.txt", "1|a\r\n\r\n\r\nz|d\r\n");
  await h.copy("copy pairs from 's3://lake/blank/d.txt' iam_role default ignoreblanklines maxerror 1");
  assert.deepEqual(await errors(), [["s3://lake/blank/d.txt", 4n, 1207, "z|d", "id"]]);
  assert.deepEqual(await pairs(), [[1, "a"]]);
});

test("CSV: an empty line inside a quoted field is data, not a blank line", async () => {
  await reset();
  put("blank/e.csv", '1,"two\n\nlines"\n2,b\n');
  assert.equal((await h.copy("copy pairs from 's3://lake/blank/e.csv' iam_role default csv")).rows, 2);
  assert.deepEqual(await pairs(), [
    [1, "two\n\nlines"],
    [2, "b"],
  ]);
  put("blank/f.csv", "1,a\n\n2,b\n");
  await assert.rejects(h.copy("copy pairs from 's3://lake/blank/f.csv' iam_role default csv"), /failed/);
});

test("one column: a blank line loads an empty value; FILLRECORD loads it with the rest NULL", async () => {
  await reset();
  put("blank/w.txt", "apple\n\npear\n");
  assert.equal((await h.copy("copy words from 's3://lake/blank/w.txt' iam_role default")).rows, 3);
  assert.deepEqual(await h.rows(`SELECT w FROM dev.public.words ORDER BY w`), [[""], ["apple"], ["pear"]]);
  put("blank/g.txt", "1|a\n\n3|c\n");
  assert.equal((await h.copy("copy pairs from 's3://lake/blank/g.txt' iam_role default fillrecord")).rows, 3);
  assert.deepEqual(await pairs(), [
    [1, "a"],
    [3, "c"],
    [null, null],
  ]);
});

test("gzip sources and COPY inside a transaction block treat blank lines the same", async () => {
  await reset();
  put("blank/h.txt.gz", gzipSync("1|a\n2|b\n\n"));
  await assert.rejects(h.copy("copy pairs from 's3://lake/blank/h.txt.gz' iam_role default gzip"), /failed/);
  assert.deepEqual(await errors(), [["s3://lake/blank/h.txt.gz", 3n, 1214, "", ""]]);
  await reset();
  await h.conn.run("BEGIN TRANSACTION");
  await h.copy("copy pairs from 's3://lake/blank/b.txt' iam_role default maxerror 3");
  await h.conn.run("COMMIT");
  assert.deepEqual(
    (await errors()).map((e) => e[1]),
    [2n, 3n, 5n],
  );
  assert.equal((await pairs()).length, 3);
});

test("escaped text (read line by line) has the same blank-line rule", async () => {
  await reset();
  put("blank/i.txt", "1|a\\|b\n\n3|c\n");
  await h.copy("copy pairs from 's3://lake/blank/i.txt' iam_role default escape maxerror 1");
  assert.deepEqual(await pairs(), [
    [1, "a|b"],
    [3, "c"],
  ]);
  assert.deepEqual(await errors(), [["s3://lake/blank/i.txt", 2n, 1214, "", ""]]);
});

test("zstd CSV: an empty line inside quotes is data, as in plain and gzip files; one outside is blank", async () => {
  await reset();
  // printf '1,"two\n\nlines"\n2,b\n' | zstd
  put("blank/z.csv.zst", Buffer.from("KLUv/QRYmQAAMSwidHdvCgpsaW5lcyIKMixiCrcng84=", "base64"));
  assert.equal((await h.copy("copy pairs from 's3://lake/blank/z.csv.zst' iam_role default csv zstd")).rows, 2);
  assert.deepEqual(await pairs(), [
    [1, "two\n\nlines"],
    [2, "b"],
  ]);
  // printf '1,a\n\n2,"x\n\ny"\n3,c\n' | zstd, and the same with CR LF endings; and gzip, for comparison
  const plain = '1,a\n\n2,"x\n\ny"\n3,c\n';
  const sources: [string, Buffer, string][] = [
    ["blank/y.csv.zst", Buffer.from("KLUv/QRYkQAAMSxhCgoyLCJ4Cgp5IgozLGMK9+UZiQ==", "base64"), "zstd"],
    ["blank/x.csv.zst", Buffer.from("KLUv/QRYwQAAMSxhDQoNCjIsIngNCg0KeSINCjMsYw0KqFhDVg==", "base64"), "zstd"],
    ["blank/y.csv.gz", gzipSync(plain), "gzip"],
  ];
  for (const [key, body, codec] of sources) {
    await reset();
    put(key, body);
    const r = await h.copy(`copy pairs from 's3://lake/${key}' iam_role default csv ${codec} maxerror 1`);
    assert.deepEqual([r.rows, r.errors], [3, 1], key);
    assert.deepEqual(await errors(), [[`s3://lake/${key}`, 2n, 1214, "", ""]], key);
    const names = (await pairs()).map((p) => String(p[1]).replaceAll("\r", ""));
    assert.deepEqual(names, ["a", "x\n\ny", "c"], key);
  }
});
