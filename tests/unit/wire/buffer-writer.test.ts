// tests/unit/wire/buffer-writer.test.ts
//! BufferWriter's slab reuse: a slab is written over only after every buffer taken from it was
//! released (the socket wrote it), only when the caller opted in, and never a pooled small Buffer.

import assert from "node:assert/strict";
import { test } from "node:test";
import { BufferWriter } from "../../../src/wire/protocol/buffer-writer.js";

const SLAB = 128 * 1024;

/** Fills the writer's current slab with byte v and takes it (a flush of a full slab). */
function fillAndTake(w: BufferWriter, v: number): Buffer {
  const n = w.buf.length - w.pos;
  w.ensure(n);
  w.buf.fill(v, w.pos, w.pos + n);
  w.pos += n;
  return w.take();
}

test("a released slab is reused; an unreleased one keeps its bytes", () => {
  const w = new BufferWriter(SLAB);
  w.recycle = true;
  const a = fillAndTake(w, 1);
  w.ensure(10);
  const b = fillAndTake(w, 2);
  assert.notEqual(a.buffer, b.buffer, "a full slab is replaced");
  // a is still outstanding (not released): the next slab must be new, and a keeps its bytes.
  w.ensure(10);
  const c = fillAndTake(w, 3);
  assert.notEqual(c.buffer, a.buffer);
  assert.ok(
    a.every((x) => x === 1),
    "an unreleased buffer is never written over",
  );
  w.release(b);
  w.ensure(10);
  assert.equal(w.buf.buffer, b.buffer, "the released slab comes back");
  const d = fillAndTake(w, 4);
  assert.ok(d.every((x) => x === 4));
  assert.ok(a.every((x) => x === 1));
});

test("several buffers from one slab: reused only when all are released", () => {
  const w = new BufferWriter(SLAB);
  w.recycle = true;
  w.ensure(100);
  w.pos += 100;
  const first = w.take();
  const rest = fillAndTake(w, 5);
  assert.equal(first.buffer, rest.buffer);
  w.release(rest);
  w.ensure(10);
  assert.notEqual(w.buf.buffer, first.buffer, "one buffer of the slab is still out");
  fillAndTake(w, 6);
  w.release(first);
  w.ensure(10);
  assert.equal(w.buf.buffer, first.buffer);
});

test("without recycle, or for small pooled slabs, nothing is reused", () => {
  const w = new BufferWriter(SLAB);
  const a = fillAndTake(w, 7);
  w.release(a);
  w.ensure(10);
  assert.notEqual(w.buf.buffer, a.buffer);
  const small = new BufferWriter(64);
  small.recycle = true;
  const s = fillAndTake(small, 8);
  small.release(s);
  fillAndTake(small, 9);
  assert.ok(
    s.every((x) => x === 8),
    "a Buffer from Node's shared pool is never written over",
  );
});
