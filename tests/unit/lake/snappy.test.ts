// tests/unit/lake/snappy.test.ts
//! The snappy block decoder (Avro's snappy codec) against snappyjs's compressor, an independent
//! implementation, on text that compresses into back-references; hand-made blocks for the forms
//! a 64 KiB-block compressor never writes (4-byte offsets, long literal lengths, overlapping
//! runs); and damaged blocks, which throw instead of returning wrong bytes.

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { test } from "node:test";
import { SnappyError, snappyUncompress } from "../../../src/lake/copy/snappy.js";

const snappyjs = createRequire(import.meta.url)("snappyjs") as { compress(b: Buffer): Buffer };

test("blocks from snappyjs decode to their input", () => {
  const repetitive = Buffer.from(
    Array.from({ length: 5000 }, (_x, i) => `row ${i % 97}|naïve 漢字 value ${i % 13}\n`).join(""),
  );
  const inputs = [Buffer.alloc(0), Buffer.from("a"), randomBytes(70_000), repetitive, Buffer.alloc(100_000, 7)];
  for (const input of inputs) {
    const block = snappyjs.compress(input);
    if (input === repetitive) assert.ok(block.length < input.length / 4, "back-references were used");
    assert.deepEqual(snappyUncompress(block), input);
  }
});

test("hand-made blocks: long literal lengths, 2- and 4-byte offsets, overlapping copies", () => {
  const lit = Buffer.from("abcdefghij".repeat(10)); // 100 bytes: literal length in one extra byte (tag 60)
  const block = Buffer.concat([
    Buffer.from([100 + 8 + 6]), // varint 114 = 100 literal + 6 copied + 8 copied
    Buffer.from([60 << 2, 99]),
    lit,
    Buffer.from([((6 - 1) << 2) | 2, 100, 0]), // copy 6 bytes from 100 back (2-byte offset)
    Buffer.from([((8 - 1) << 2) | 3, 1, 0, 0, 0]), // copy 8 bytes from 1 back (4-byte offset): a run
  ]);
  const out = snappyUncompress(block);
  assert.equal(out.length, 114);
  assert.equal(out.subarray(0, 100).toString(), lit.toString());
  assert.equal(out.subarray(100, 106).toString(), "abcdef");
  assert.equal(out.subarray(106).toString(), "ffffffff");
});

test("damaged blocks throw SnappyError", () => {
  const good = snappyjs.compress(Buffer.from("hello hello hello hello hello"));
  const cases: [string, Buffer, RegExp][] = [
    ["truncated", good.subarray(0, good.length - 3), /runs past the input|truncated|declared/],
    ["length too short", Buffer.concat([Buffer.from([3]), good.subarray(1)]), /past the declared length/],
    ["offset before the start", Buffer.from([5, 0, 0x61, ((4 - 4) << 2) | 1, 9]), /offset outside the output/],
    ["zero offset", Buffer.from([5, 0, 0x61, 1, 0]), /offset outside the output/],
    ["length without end", Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), /varint too long|truncated/],
    ["less than declared", Buffer.from([9, 0, 0x61]), /1 bytes decoded, 9 declared/],
  ];
  for (const [what, block, why] of cases) {
    assert.throws(
      () => snappyUncompress(block),
      (e: unknown) => e instanceof SnappyError && why.test(String(e)),
      what,
    );
  }
});
