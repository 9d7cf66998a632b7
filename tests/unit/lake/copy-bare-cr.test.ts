// tests/unit/lake/copy-bare-cr.test.ts
//! A bare CR (one not just before an LF) is data in delimited text and CSV, as in Redshift, where
//! only the LF ends a line: a file of old Mac line endings ("1|a\r2|b\r") is one long line (a 1202
//! 'Extra column(s) found' load error, or one value holding the CRs), never rows DuckDB's reader
//! split at each CR; a CR inside a field of an LF file stays in the value. The same on the fast
//! path (autocommit), the full path (a transaction block), with IGNOREBLANKLINES (no blank-line
//! scan), for ESCAPE text (read line by line), gzip sources, CSV quotes and ACCEPTINVCHARS.
//! Past MAXERROR the COPY fails and the table is unchanged. A zstd file (which only DuckDB can
//! inflate, so it cannot be rewritten) with old Mac endings fails with a clear error.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { gzipSync } from "node:zlib";
import { bareCrInFirstLine, evenEndings, lineEndings } from "../../../src/lake/copy/endings.js";
import { T } from "../../../src/sql/types.js";
import { type Harness, openHarness } from "./copy-harness.js";

let h: Harness;

before(async () => {
  h = await openHarness();
  await h.table("pairs", [
    { name: "id", type: T.integer, ddl: "INTEGER" },
    { name: "name", type: { id: "varchar", length: 20 }, ddl: "VARCHAR(20)" },
  ]);
  await h.table("notes", [{ name: "body", type: { id: "varchar", length: 40 }, ddl: "VARCHAR(40)" }]);
});
after(() => h.close());

async function reset(): Promise<void> {
  await h.conn.run(`DELETE FROM "dev"."public"."pairs"`);
  await h.conn.run(`DELETE FROM "dev"."public"."notes"`);
  await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
}

const pairs = () => h.rows(`SELECT id, name FROM dev.public.pairs ORDER BY id`);
const errors = async () =>
  (await h.loadErrors()).map((e) => [e.filename, e.line_number, e.err_code, e.raw_line, String(e.err_reason).trim()]);

/** Runs the COPY in autocommit (the fast path first) or inside a transaction block (the full path). */
async function copy(sql: string, inBlock: boolean) {
  if (!inBlock) return h.copy(sql);
  await h.conn.run("BEGIN TRANSACTION");
  try {
    const r = await h.copy(sql);
    await h.conn.run("COMMIT");
    return r;
  } catch (e) {
    await h.conn.run("ROLLBACK");
    throw e;
  }
}

const WAYS = [
  ["autocommit", false, ""],
  ["a transaction block", true, ""],
  ["IGNOREBLANKLINES", false, " ignoreblanklines"],
] as const;

for (const [way, inBlock, extra] of WAYS) {
  test(`old Mac endings are one line, a 1202 load error, not rows (${way})`, async () => {
    await reset();
    h.put("lake", "mac/a.txt", "1|a\r2|b\r");
    h.put("lake", "mac/b.csv", "3,c\r4,d\r");
    let r = await copy(`copy pairs from 's3://lake/mac/a.txt' iam_role default maxerror 1${extra}`, inBlock);
    assert.deepEqual([r.rows, r.errors], [0, 1]);
    r = await copy(`copy pairs from 's3://lake/mac/b.csv' iam_role default csv maxerror 1${extra}`, inBlock);
    assert.deepEqual([r.rows, r.errors], [0, 1]);
    assert.deepEqual(await pairs(), []);
    assert.deepEqual(await errors(), [
      ["s3://lake/mac/a.txt", 1n, 1202, "1|a\r2|b\r", "Extra column(s) found"],
      ["s3://lake/mac/b.csv", 1n, 1202, "3,c\r4,d\r", "Extra column(s) found"],
    ]);
  });

  test(`a one-column table takes the whole line, CRs and all (${way})`, async () => {
    await reset();
    h.put("lake", "mac/note.txt", "first\rsecond\r");
    const r = await copy(`copy notes from 's3://lake/mac/note.txt' iam_role default${extra}`, inBlock);
    assert.deepEqual([r.rows, r.errors], [1, 0]);
    assert.deepEqual(await h.rows("SELECT body FROM dev.public.notes"), [["first\rsecond\r"]]);
  });

  test(`a CR inside a field of an LF file is data; line numbers count LFs (${way})`, async () => {
    await reset();
    h.put("lake", "mid/a.txt", "1|a\rb\n2|b\rx|c\n3|c\n");
    h.put("lake", "mid/b.csv", '4,"d\re"\n5,f\rg\n');
    h.put("lake", "mid/c.txt", "6|h\rh\r\n7|i\r\n");
    let r = await copy(`copy pairs from 's3://lake/mid/a.txt' iam_role default maxerror 1${extra}`, inBlock);
    assert.deepEqual([r.rows, r.errors], [2, 1]);
    r = await copy(`copy pairs from 's3://lake/mid/b.csv' iam_role default csv${extra}`, inBlock);
    assert.deepEqual([r.rows, r.errors], [2, 0]);
    // CR LF endings (the CR part of the ending) with a bare CR in a field.
    r = await copy(`copy pairs from 's3://lake/mid/c.txt' iam_role default${extra}`, inBlock);
    assert.deepEqual([r.rows, r.errors], [2, 0]);
    assert.deepEqual(await pairs(), [
      [1, "a\rb"],
      [3, "c"],
      [4, "d\re"],
      [5, "f\rg"],
      [6, "h\rh"],
      [7, "i"],
    ]);
    assert.deepEqual(await errors(), [["s3://lake/mid/a.txt", 2n, 1202, "2|b\rx|c", "Extra column(s) found"]]);
  });
}

test("past MAXERROR an old Mac file fails the COPY, naming the error, and the table is unchanged", async () => {
  await reset();
  await h.conn.run(`INSERT INTO dev.public.pairs VALUES (9, 'kept')`);
  h.put("lake", "mac/c.txt", "1|a\r2|b\r");
  for (const inBlock of [false, true]) {
    await assert.rejects(
      copy("copy pairs from 's3://lake/mac/c.txt' iam_role default", inBlock),
      (e: Error & { sqlstate?: string; detail?: string }) =>
        /Load into table 'pairs' failed/.test(e.message) &&
        /Extra column\(s\) found \(line 1 of s3:\/\/lake\/mac\/c\.txt\)/.test(e.detail ?? ""),
    );
    assert.deepEqual(await pairs(), [[9, "kept"]]);
  }
});

test("ESCAPE text (read line by line) and gzip sources keep bare CRs as data", async () => {
  await reset();
  h.put("lake", "esc/a.txt", "1|a\\|b\rc\n2|d\n");
  h.put("lake", "esc/b.txt", "3|e\r4|f\r");
  let r = await h.copy("copy pairs from 's3://lake/esc/a.txt' iam_role default escape");
  assert.deepEqual([r.rows, r.errors], [2, 0]);
  r = await h.copy("copy pairs from 's3://lake/esc/b.txt' iam_role default escape maxerror 1");
  assert.deepEqual([r.rows, r.errors], [0, 1]);
  h.put("lake", "gz/a.txt.gz", gzipSync("5|g\r6|h\r"));
  h.put("lake", "gz/b.txt.gz", gzipSync("7|i\rj\n"));
  r = await h.copy("copy pairs from 's3://lake/gz/' iam_role default gzip maxerror 1");
  assert.deepEqual([r.rows, r.errors], [1, 1]);
  assert.deepEqual(await pairs(), [
    [1, "a|b\rc"],
    [2, "d"],
    [7, "i\rj"],
  ]);
  assert.deepEqual(
    (await errors()).map((e) => e.slice(0, 4)),
    [
      ["s3://lake/esc/b.txt", 1n, 1202, "3|e\r4|f\r"],
      ["s3://lake/gz/a.txt.gz", 1n, 1202, "5|g\r6|h\r"],
    ],
  );
});

test("ACCEPTINVCHARS: a CSV line with a bare CR and invalid UTF-8 is read again with its CR", async () => {
  await reset();
  h.put("lake", "inv/a.csv", Buffer.concat([Buffer.from('1,"a\rb'), Buffer.from([0xff]), Buffer.from('"\n2,c\r\n')]));
  const r = await h.copy("copy pairs from 's3://lake/inv/a.csv' iam_role default csv acceptinvchars");
  assert.deepEqual([r.rows, r.errors], [2, 0]);
  assert.deepEqual(await pairs(), [
    [1, "a\rb?"],
    [2, "c"],
  ]);
});

test("a file holding both bare CRs and U+FDD0 fails with a clear error (22P04); the table is unchanged", async () => {
  await reset();
  await h.conn.run(`INSERT INTO dev.public.pairs VALUES (9, 'kept')`);
  h.put("lake", "mark/a.txt", "1|a\r2|\ufdd0\n");
  await assert.rejects(
    h.copy("copy pairs from 's3://lake/mark/a.txt' iam_role default"),
    (e: Error & { sqlstate?: string }) =>
      e.sqlstate === "22P04" &&
      /cannot read s3:\/\/lake\/mark\/a\.txt: .*bare carriage returns .*U\+FDD0/.test(e.message),
  );
  assert.deepEqual(await pairs(), [[9, "kept"]]);
  // Without a bare CR the character is data like any other.
  h.put("lake", "mark/b.txt", "1|\ufdd0\r\n2|b\n");
  await h.copy("copy pairs from 's3://lake/mark/b.txt' iam_role default");
  assert.deepEqual(await pairs(), [
    [1, "\ufdd0"],
    [2, "b"],
    [9, "kept"],
  ]);
});

test("a zstd file with old Mac endings fails with a clear error (22P04); the table is unchanged", async () => {
  await reset();
  await h.conn.run(`INSERT INTO dev.public.pairs VALUES (9, 'kept')`);
  // printf '1|a\r2|b\r' | zstd
  h.put("lake", "zst/mac.txt.zst", Buffer.from("KLUv/QRYQQAAMXxhDTJ8Yg15/6J8", "base64"));
  for (const inBlock of [false, true]) {
    await assert.rejects(
      copy("copy pairs from 's3://lake/zst/mac.txt.zst' iam_role default zstd maxerror 5", inBlock),
      (e: Error & { sqlstate?: string; detail?: string }) =>
        e.sqlstate === "22P04" &&
        /cannot read the ZSTD file s3:\/\/lake\/zst\/mac\.txt\.zst: its lines end in bare carriage returns/.test(
          e.message,
        ) &&
        /Recompress/.test(e.detail ?? ""),
    );
    assert.deepEqual(await pairs(), [[9, "kept"]]);
  }
});

test("the scans and the rewrite give the same answers wherever the chunks split", async () => {
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
    return Buffer.concat(parts).toString("utf8");
  };
  const M = "\ufdd0";
  const cases: [string, number | undefined, boolean, boolean, string][] = [
    // text, CSV quote, bare CR in the first line, anywhere, the rewrite
    ["1|a\r2|b\r", undefined, true, true, `1|a${M}2|b${M}`],
    ["1|a\r\n2|b\rc\n", undefined, false, true, `1|a\n2|b${M}c\n`],
    ['1,"a\r\nb\rc"\r\n2,d\r', 0x22, false, true, `1,"a\r\nb${M}c"\n2,d${M}`],
    ["1|a\r\n2|b\r\n", undefined, false, false, "1|a\n2|b\n"],
    ["1|a\r", undefined, true, true, `1|a${M}`],
  ];
  for (const [text, quote, first, any, even] of cases) {
    const bytes = Buffer.from(text);
    for (let i = 0; i <= bytes.length; i++) {
      for (let j = i; j <= bytes.length; j++) {
        const at = `${JSON.stringify(text)} split at ${i}, ${j}`;
        assert.equal(await bareCrInFirstLine(chunks(bytes, [i, j])), first, at);
        assert.equal((await lineEndings(chunks(bytes, [i, j]))).bareCr, any, at);
        assert.equal(await collect(evenEndings(chunks(bytes, [i, j]), quote)), even, at);
      }
    }
  }
});
