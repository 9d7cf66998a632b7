// tests/unit/lake/text-scan.test.ts
//! COPY's first look at a plain text file (native/textscan.cc: a mapped file searched 64 bytes at a
//! time) answers exactly as the JavaScript scan it replaces (blank.ts's mayHaveBlankLines and
//! endings.ts's EndingWatch): an empty line anywhere, at the very start, across a 64-byte block
//! edge; lines ending in CR LF, in a bare LF, or both; a bare CR (one not just before an LF),
//! also as a block's or the file's last byte. Thousands of random files of LF, CR and text, fed
//! to the JavaScript scan in random chunks. Under CI the addon must have built.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { nativeTextScan } from "../../../src/engine/index.js";
import { mayHaveBlankLines } from "../../../src/lake/copy/blank.js";
import { EndingWatch, watched } from "../../../src/lake/copy/endings.js";
import { withNativeAddon } from "../../helpers/native-addon.js";

/** A small deterministic generator (the same files every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function* chunks(bytes: Buffer, cuts: readonly number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (const c of [...cuts, bytes.length]) {
    yield bytes.subarray(at, c);
    at = c;
  }
}

/** The JavaScript scan: [blank, mixed, bare CR], over the bytes cut at `cuts`. */
async function javascript(bytes: Buffer, cuts: readonly number[]): Promise<[boolean, boolean, boolean]> {
  const blank = await mayHaveBlankLines(chunks(bytes, cuts));
  const watch = new EndingWatch();
  for await (const _ of watched(chunks(bytes, cuts), watch));
  return [blank, watch.mixed, watch.bareCr];
}

/** The reference: is there a CR not followed by an LF? */
const hasBareCr = (bytes: Buffer) => /\r(?!\n)/.test(bytes.toString("latin1"));

withNativeAddon("native text scan", () => {
  const scan = nativeTextScan() ?? assert.fail("no native text scan");

  test("the native scan gives the JavaScript scan's answers on thousands of random files", async () => {
    const next = random(42);
    const alphabet = ["\n", "\r", "a", "|", "\r\n", "\n\n", "xxxxxxxxxxxxxxxx"];
    let blanks = 0;
    let mixed = 0;
    let lone = 0;
    for (let k = 0; k < 3000; k++) {
      const parts: string[] = [];
      const n = Math.floor(next() * 60);
      // Mostly text, so LFs and CRs fall at every offset of a 64-byte block.
      for (let i = 0; i < n; i++)
        parts.push(
          next() < 0.7
            ? "abcdefghijk".slice(0, 1 + Math.floor(next() * 11))
            : (alphabet[Math.floor(next() * alphabet.length)] as string),
        );
      const bytes = Buffer.from(parts.join(""));
      const cuts = [...new Set(Array.from({ length: 3 }, () => Math.floor(next() * bytes.length)))].sort(
        (a, b) => a - b,
      );
      const [blank, both, bareCr] = await javascript(bytes, cuts);
      const got = scan.scanBytes(bytes);
      assert.deepEqual(
        [got.blank, got.crlf && got.bareLf, got.bareCr],
        [blank, both, bareCr],
        `${JSON.stringify(bytes.toString())} cut at ${cuts}`,
      );
      assert.equal(bareCr, hasBareCr(bytes), JSON.stringify(bytes.toString()));
      if (blank) blanks++;
      if (both) mixed++;
      if (bareCr) lone++;
    }
    // The files cover both answers of each question.
    assert.ok(blanks > 100 && blanks < 2900 && mixed > 100 && mixed < 2900, `${blanks} blank, ${mixed} mixed`);
    assert.ok(lone > 100 && lone < 2900, `${lone} with a bare CR`);
  });

  test("edge cases: empty file, a blank first line, a pair across a 64-byte block, endings alone", () => {
    const cases: [string, boolean, boolean, boolean][] = [
      ["", false, false, false],
      ["\n", true, false, true],
      ["\r\n", true, true, false],
      ["a\n", false, false, true],
      ["a\r\nb\r\n", false, true, false],
      ["a\r\nb\n", false, true, true],
      ["a\rb", false, false, false],
      [`${"x".repeat(63)}\n\n`, true, false, true],
      [`${"x".repeat(62)}\n\r\n`, true, true, true],
      [`${"x".repeat(63)}\r\n\r\n`, true, true, false],
      [`${"x".repeat(128)}\n${"y".repeat(64)}`, false, false, true],
    ];
    for (const [text, blank, crlf, bareLf] of cases) {
      const bareCr = hasBareCr(Buffer.from(text));
      assert.deepEqual(scan.scanBytes(Buffer.from(text)), { blank, crlf, bareLf, bareCr }, JSON.stringify(text));
    }
    // A bare CR as the last byte of a 64-byte block (its next byte in the next block), or of the file.
    for (const [text, bareCr] of [
      [`${"x".repeat(63)}\r\n`, false],
      [`${"x".repeat(63)}\ry`, true],
      [`${"x".repeat(63)}\r`, true],
      [`${"x".repeat(127)}\r`, true],
      [`${"x".repeat(126)}\r\n`, false],
      ["a\rb\n", true],
      ["\r", true],
    ] as const) {
      assert.equal(scan.scanBytes(Buffer.from(text)).bareCr, bareCr, JSON.stringify(text));
    }
  });

  test("a file is scanned as its bytes are; a missing file is an error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ls-textscan-"));
    try {
      const body = Buffer.from(`${"1|a\n".repeat(100000)}2|b\r\n\n3|c\n`);
      writeFileSync(join(dir, "f.txt"), body);
      assert.deepEqual(await scan.scanText(join(dir, "f.txt")), scan.scanBytes(body));
      assert.deepEqual(await scan.scanText(join(dir, "f.txt")), {
        blank: true,
        crlf: true,
        bareLf: true,
        bareCr: false,
      });
      writeFileSync(join(dir, "empty.txt"), "");
      assert.deepEqual(await scan.scanText(join(dir, "empty.txt")), {
        blank: false,
        crlf: false,
        bareLf: false,
        bareCr: false,
      });
      await assert.rejects(scan.scanText(join(dir, "missing.txt")), /open failed: No such file/);
      // Mapped a window at a time: an empty line, and a CR LF, across a window's edge (4 KiB windows here).
      const edge = (tail: string, head: string) =>
        Buffer.from(`${"x".repeat(4096 * 3 - tail.length)}${tail}${head}${"y".repeat(5000)}\n`);
      for (const [tail, head, want] of [
        ["\n", "\n", { blank: true, crlf: false, bareLf: true, bareCr: false }],
        ["\n\r", "\n", { blank: true, crlf: true, bareLf: true, bareCr: false }],
        ["\r", "\n", { blank: false, crlf: true, bareLf: true, bareCr: false }],
        ["a", "\n", { blank: false, crlf: false, bareLf: true, bareCr: false }],
        ["\r", "a", { blank: false, crlf: false, bareLf: true, bareCr: true }],
      ] as const) {
        const bytes = edge(tail, head);
        writeFileSync(join(dir, "edge.txt"), bytes);
        assert.deepEqual(await scan.scanText(join(dir, "edge.txt"), 4096), want, JSON.stringify([tail, head]));
        assert.deepEqual(scan.scanBytes(bytes), want);
      }
      assert.throws(() => scan.scanText(join(dir, "edge.txt"), 1000), /multiple of the page size/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
