// tests/unit/wire/data-row.test.ts
//! DataRow messages encoded from real DuckDB chunks, decoded back and compared with the cells.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Engine } from "../../../src/engine/engine.js";
import type { EngineChunk, EngineConnection } from "../../../src/engine/types.js";
import { BufferWriter } from "../../../src/wire/protocol/buffer-writer.js";
import { encodeDataRows } from "../../../src/wire/protocol/data-row.js";

let engine: Engine;
let conn: EngineConnection;

before(async () => {
  engine = await Engine.open({ dataDir: ":memory:" });
  await engine.createDatabase("dev");
  conn = await engine.connect("dev");
});
after(async () => {
  await engine.close();
});

/** Splits a byte stream into DataRow messages, each as its list of cells (null for -1). */
function decode(buf: Buffer): (Buffer | null)[][] {
  const rows: (Buffer | null)[][] = [];
  let p = 0;
  while (p < buf.length) {
    assert.equal(buf[p], 0x44, `message type at ${p}`);
    const len = buf.readInt32BE(p + 1);
    const end = p + 1 + len;
    const n = buf.readInt16BE(p + 5);
    let q = p + 7;
    const cells: (Buffer | null)[] = [];
    for (let c = 0; c < n; c++) {
      const l = buf.readInt32BE(q);
      q += 4;
      if (l === -1) cells.push(null);
      else {
        cells.push(buf.subarray(q, q + l));
        q += l;
      }
    }
    assert.equal(q, end, "message length matches its cells");
    rows.push(cells);
    p = end;
  }
  return rows;
}

function expectedRows(chunk: EngineChunk, formats: number[], start: number, end: number): (Buffer | null)[][] {
  const out: (Buffer | null)[][] = [];
  for (let r = start; r < end; r++) {
    const row: (Buffer | null)[] = [];
    for (let c = 0; c < chunk.columnCount; c++) {
      const cv = chunk.cells(c, formats[c] === 1 ? "binary-be" : "text");
      row.push(cv.nulls?.[r] === 1 ? null : Buffer.from(cv.bytes.subarray(cv.offsets[r]!, cv.offsets[r + 1]!)));
    }
    out.push(row);
  }
  return out;
}

const SQL = `SELECT
  CASE WHEN i % 5 = 0 THEN NULL ELSE (i - 3000)::INTEGER END AS n,
  CASE WHEN i % 7 = 0 THEN NULL ELSE repeat('é', (i % 20)::INTEGER) || i END AS s,
  (DATE '2000-01-01' + (i - 2000)::INTEGER) AS d,
  (i * 1.5)::DOUBLE::VARCHAR AS t,
  '' AS e,
  repeat('x', (i % 200)::INTEGER) AS long
FROM range(5000) r(i) ORDER BY i`;
const FORMATS = [1, 0, 1, 0, 0, 0];

test("every row of every chunk decodes to its cells, text and binary mixed", async () => {
  const s = await conn.stream(SQL);
  let total = 0;
  for (let ch = await s.next(); ch; ch = await s.next()) {
    const out = new BufferWriter(1024);
    encodeDataRows({ chunk: ch, start: 0, end: ch.rowCount }, FORMATS, out);
    const rows = decode(out.take());
    assert.equal(rows.length, ch.rowCount);
    assert.deepEqual(rows, expectedRows(ch, FORMATS, 0, ch.rowCount));
    total += rows.length;
  }
  assert.equal(total, 5000);
  // Spot check against values the test knows independently.
  const one = await conn.stream("SELECT 'abc' AS a, NULL::VARCHAR AS b, -2::INTEGER AS c, '' AS d");
  const ch = (await one.next())!;
  const out = new BufferWriter();
  encodeDataRows({ chunk: ch, start: 0, end: 1 }, [0, 0, 1, 0], out);
  assert.deepEqual(
    [...out.take()],
    [0x44, 0, 0, 0, 29, 0, 4, 0, 0, 0, 3, 97, 98, 99, 255, 255, 255, 255, 0, 0, 0, 4, 255, 255, 255, 254, 0, 0, 0, 0],
  );
  one.close();
});

test("slices of a chunk, a single format for all columns, and take() leaves handed-out bytes alone", async () => {
  const s = await conn.stream(SQL);
  const ch = (await s.next())!;
  const out = new BufferWriter(4096);
  encodeDataRows({ chunk: ch, start: 10, end: 25 }, [0], out);
  const first = out.take();
  const copy = Buffer.from(first);
  encodeDataRows({ chunk: ch, start: 25, end: ch.rowCount }, [0, 0, 0, 0, 0, 0], out);
  encodeDataRows({ chunk: ch, start: 3, end: 3 }, [0], out);
  const second = out.take();
  assert.deepEqual(first, copy, "later writes do not touch bytes already taken");
  const text = [0, 0, 0, 0, 0, 0];
  assert.deepEqual(decode(first), expectedRows(ch, text, 10, 25));
  assert.deepEqual(decode(second), expectedRows(ch, text, 25, ch.rowCount));
  assert.equal(out.take().length, 0);
  s.close();
});

test("BufferWriter writes, grows and frames messages across a slab change", () => {
  const w = new BufferWriter(16);
  const mark = w.beginMessage(0x54);
  w.int16(1);
  w.cstring("a column name longer than the slab");
  w.int32(-1);
  w.byte(7);
  w.bytes(new Uint8Array([1, 2, 3]));
  w.endMessage(mark);
  const b = w.take();
  assert.equal(b[0], 0x54);
  assert.equal(b.readInt32BE(1), b.length - 1);
  assert.equal(b.readInt16BE(5), 1);
  assert.equal(b.subarray(7, 7 + 34).toString(), "a column name longer than the slab");
  assert.equal(b[41], 0);
  assert.equal(b.readInt32BE(42), -1);
  assert.deepEqual([...b.subarray(46)], [7, 1, 2, 3]);
  assert.equal(w.length, 0);
});

test("a large result encoded chunk by chunk: the slab grows ahead, taken bytes stay intact", async () => {
  // Many chunks between takes (as between 1 MiB socket flushes): every chunk's rows come back
  // exactly, earlier takes are never overwritten, and the slab is not replaced once per chunk.
  const s = await conn.stream(`${SQL.replace("range(5000)", "range(40000)")}`);
  const out = new BufferWriter(1024);
  const taken: { bytes: Buffer; copy: Buffer; expected: (Buffer | null)[][] }[] = [];
  let pending: (Buffer | null)[][] = [];
  let slabs = 0;
  let lastSlab: Uint8Array | null = null;
  for (let ch = await s.next(); ch; ch = await s.next()) {
    encodeDataRows({ chunk: ch, start: 0, end: ch.rowCount }, FORMATS, out);
    if (out.buf !== lastSlab) slabs++;
    lastSlab = out.buf;
    pending.push(...expectedRows(ch, FORMATS, 0, ch.rowCount));
    if (out.length >= 64 * 1024) {
      const bytes = out.take();
      taken.push({ bytes, copy: Buffer.from(bytes), expected: pending });
      pending = [];
    }
  }
  const rest = out.take();
  taken.push({ bytes: rest, copy: Buffer.from(rest), expected: pending });
  let rows = 0;
  for (const t of taken) {
    assert.deepEqual(t.bytes, t.copy, "a taken buffer is never written again");
    assert.deepEqual(decode(t.bytes), t.expected);
    rows += t.expected.length;
  }
  assert.equal(rows, 40000);
  assert.ok(slabs < taken.length, `${slabs} slabs for ${taken.length} takes`);
});
