// tests/unit/lake/copy-lzop.test.ts
//! COPY ... LZOP: files made by Debian's `lzop` tool (fast and best compression, CRC-32 instead of
//! Adler-32, stored blocks, multi-block, concatenated, empty) decompress byte-identically through
//! our LZO1X decoder and load; damaged and truncated files fail with a clear error and the table
//! unchanged.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, test } from "node:test";
import { LzoError, lzo1xDecompress } from "../../../src/lake/copy/lzo1x.js";
import { lzopDecompressor } from "../../../src/lake/copy/lzop.js";
import { T } from "../../../src/sql/types.js";
import { type Harness, openHarness } from "./copy-harness.js";

const LZOP = "/usr/bin/lzop";

/** `input` compressed by the lzop tool with `args`; a missing tool fails the test (.ci/run installs it). */
function lzop(input: Buffer | string, ...args: string[]): Buffer {
  assert.ok(existsSync(LZOP), `${LZOP} is not installed: apt-get install lzop (.ci/run does)`);
  const r = spawnSync(LZOP, ["-c", ...args], { input, maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, r.stderr.toString());
  return r.stdout;
}

/** Decompresses through the streaming decoder, fed in `chunk`-byte pieces. */
async function unlzop(file: Buffer, chunk = 4093): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < file.length; i += chunk) pieces.push(file.subarray(i, i + chunk));
  const out: Buffer[] = [];
  for await (const b of Readable.from(pieces).pipe(lzopDecompressor())) out.push(b as Buffer);
  return Buffer.concat(out);
}

/** Text lines with repeats (compressible) and multi-byte UTF-8; `n` lines. */
function lines(n: number): string {
  let s = "";
  for (let i = 1; i <= n; i++) s += `${i}|item-${i % 113}-\u00e9\u6f22|${(i * 7) % 1000}.${i % 100}\n`;
  return s;
}

test("lzop's own files decompress byte-identically: -1, -9, --crc32, stored, empty, multi-block, concatenated", async () => {
  const text = Buffer.from(lines(40_000)); // ~1.3 MB: several 256 KiB blocks
  const random = randomBytes(600_000); // does not shrink: stored blocks
  for (const args of [["-1"], ["-9"], ["--crc32"], ["-3", "--no-checksum"]]) {
    const z = lzop(text, ...args);
    assert.ok(z.length < text.length / 2, `${args.join(" ")} compresses`);
    assert.deepEqual(await unlzop(z), text, `lzop ${args.join(" ")}`);
  }
  const small = Buffer.from(lines(300));
  assert.deepEqual(await unlzop(lzop(small, "-9"), 1), small, "fed a byte at a time");
  assert.deepEqual(await unlzop(lzop(random)), random);
  assert.deepEqual(await unlzop(lzop("")), Buffer.alloc(0));
  const both = Buffer.concat([lzop("first\n"), lzop(text, "-9")]);
  assert.deepEqual(await unlzop(both), Buffer.concat([Buffer.from("first\n"), text]));
});

test("damaged lzop input fails with a clear error", async () => {
  const z = lzop(lines(5000));
  const flipped = Buffer.from(z);
  flipped[Math.floor(z.length / 2)] ^= 0x55;
  await assert.rejects(unlzop(flipped), /checksum mismatch|overrun|distance|block/);
  await assert.rejects(unlzop(z.subarray(0, z.length - 100)), /unexpected end of file/);
  await assert.rejects(unlzop(Buffer.from("1|plain text, not lzop\n")), /not an lzop file/);
  const header = Buffer.from(z);
  header[20] ^= 0xff; // inside the header's checksummed fields
  await assert.rejects(unlzop(header), /header checksum mismatch|unsupported|filter/);
  await assert.rejects(unlzop(Buffer.concat([z, Buffer.from("junk")])), /not an lzop file/);
});

test("the LZO1X decoder refuses out-of-range matches and overruns instead of reading past them", () => {
  // A far match (distance 16385) before any output, then a literal run longer than the input.
  assert.throws(() => lzo1xDecompress(Uint8Array.from([0x11, 0x04, 0x00]), new Uint8Array(8)), /before the start/);
  assert.throws(() => lzo1xDecompress(Uint8Array.from([0x20 + 17, 1, 2]), new Uint8Array(40)), LzoError);
  // Two literals, then the end marker: exact; one byte of output too few is an overrun.
  assert.doesNotThrow(() => lzo1xDecompress(Uint8Array.from([19, 65, 66, 0x11, 0, 0]), new Uint8Array(2)));
  assert.throws(() => lzo1xDecompress(Uint8Array.from([19, 65, 66, 0x11, 0, 0]), new Uint8Array(1)), /overrun/);
  assert.throws(() => lzo1xDecompress(Uint8Array.from([19, 65, 66, 0x11, 0, 0]), new Uint8Array(3)), /says 3/);
});

let h: Harness;

function put(key: string, body: string | Buffer): void {
  const path = join(h.lakeDir, "lake", key);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, body);
}

before(async () => {
  h = await openHarness();
  await h.table("items", [
    { name: "id", type: T.integer, ddl: "INTEGER" },
    { name: "label", type: { id: "varchar", length: 40 }, ddl: "VARCHAR" },
    { name: "price", type: { id: "decimal", precision: 8, scale: 2 }, ddl: "DECIMAL(8,2)" },
  ]);
});
after(() => h.close());

test("COPY ... LZOP loads multi-block files under a prefix, CSV and JSON too; a damaged one fails the COPY, the table unchanged", async () => {
  put("lz/part_00.lzo", lzop(lines(30_000), "-1"));
  put("lz/part_01.lzo", lzop(`${lines(30_000).replaceAll(/^(\d+)\|/gm, (_m, n) => `${Number(n) + 30_000}|`)}`, "-9"));
  const r = await h.copy("copy items from 's3://lake/lz/part_' iam_role default lzop");
  assert.deepEqual([r.rows, r.files], [60_000, 2]);
  assert.deepEqual(await h.rows("SELECT count(DISTINCT id), min(id), max(id) FROM dev.public.items"), [
    [60_000n, 1, 60_000],
  ]);
  assert.deepEqual(await h.rows("SELECT label, price::VARCHAR FROM dev.public.items WHERE id = 30001"), [
    ["item-1-\u00e9\u6f22", "7.10"],
  ]);
  const csv = lzop('7,"a, quoted\nlabel",1.25\n', "--crc32");
  put("lzc/x.csv.lzo", csv);
  await h.copy("copy items from 's3://lake/lzc/x.csv.lzo' iam_role default csv lzop");
  assert.deepEqual(await h.rows("SELECT label FROM dev.public.items WHERE id = 7 AND price = 1.25"), [
    ["a, quoted\nlabel"],
  ]);
  put("lzj/x.json.lzo", lzop('{"id": 0, "label": "from json", "price": 2.5}\n'));
  await h.copy("copy items from 's3://lake/lzj/x.json.lzo' iam_role default format as json 'auto' lzop");
  assert.deepEqual(await h.rows("SELECT label, price::VARCHAR FROM dev.public.items WHERE id = 0"), [
    ["from json", "2.50"],
  ]);
  const bad = Buffer.from(lzop(lines(20_000)));
  bad[bad.length >> 1] ^= 0x5a;
  put("lzbad/a.lzo", bad);
  await assert.rejects(
    h.copy("copy items from 's3://lake/lzbad/a.lzo' iam_role default lzop"),
    /lzop decompression failed for s3:\/\/lake\/lzbad\/a\.lzo: .*(checksum mismatch|overrun|distance|block)/,
  );
  assert.deepEqual(await h.rows("SELECT count(*) FROM dev.public.items"), [[60_002n]]);
});
