// src/wire/protocol/data-row.ts
//! DataRow ('D') messages straight from chunk cells: 'D', int32 length, int16 column count, then
//! per column an int32 length (-1 for NULL) and the bytes. One size estimate and one ensure() per
//! slice; short cells are copied with a byte loop, which beats a native copy per cell. Chunks
//! straight from DuckDB are encoded by the native encoder when it is built (EngineChunk.writeDataRows).

import type { RowSlice } from "../../session/api.js";

/** Where rows are written: BufferWriter implements it (any writer exposing its buffer can). */
export interface RowSink {
  /** Current buffer; valid for writes in [pos, pos + n) after ensure(n). */
  readonly buf: Uint8Array;
  /** Next write position; encodeDataRows advances it. */
  pos: number;
  ensure(n: number): void;
}

/** Cells longer than this are copied with one native set() instead of a byte loop. */
const NATIVE_COPY_FROM = 48;
const DATA_ROW = 0x44;

/**
 * Appends one DataRow message per row of slice (rows [start, end) of its chunk) to `out`.
 * formats[c] 1 means column c is sent in binary (chunk.cells(c, 'binary-be')), else text; a
 * single entry applies to every column, as in a Bind message.
 */
export function encodeDataRows(slice: RowSlice, formats: readonly number[], out: RowSink): void {
  const { chunk, start, end } = slice;
  if (end <= start) return;
  if (chunk.writeDataRows?.(start, end, formats, out)) return;
  const n = chunk.columnCount;
  const bytesOf: Uint8Array[] = new Array(n);
  const offsetsOf: Int32Array[] = new Array(n);
  const nullsOf: (Uint8Array | null)[] = new Array(n);
  let size = (end - start) * (7 + 4 * n);
  for (let c = 0; c < n; c++) {
    const f = formats.length === 1 ? formats[0] : formats[c];
    const cv = chunk.cells(c, f === 1 ? "binary-be" : "text");
    bytesOf[c] = cv.bytes;
    offsetsOf[c] = cv.offsets;
    nullsOf[c] = cv.nulls;
    size += cv.offsets[end]! - cv.offsets[start]!;
  }
  out.ensure(size);
  const buf = out.buf;
  let pos = out.pos;
  const hiCount = n >> 8;
  const loCount = n & 0xff;
  for (let r = start; r < end; r++) {
    const rowStart = pos;
    buf[pos] = DATA_ROW;
    buf[pos + 5] = hiCount;
    buf[pos + 6] = loCount;
    pos += 7;
    for (let c = 0; c < n; c++) {
      const nulls = nullsOf[c]!;
      if (nulls !== null && nulls[r] === 1) {
        buf[pos] = 0xff;
        buf[pos + 1] = 0xff;
        buf[pos + 2] = 0xff;
        buf[pos + 3] = 0xff;
        pos += 4;
        continue;
      }
      const offsets = offsetsOf[c]!;
      let s = offsets[r]!;
      const e = offsets[r + 1]!;
      const len = e - s;
      buf[pos] = len >>> 24;
      buf[pos + 1] = (len >>> 16) & 0xff;
      buf[pos + 2] = (len >>> 8) & 0xff;
      buf[pos + 3] = len & 0xff;
      pos += 4;
      const bytes = bytesOf[c]!;
      if (len > NATIVE_COPY_FROM) {
        buf.set(bytes.subarray(s, e), pos);
        pos += len;
      } else {
        while (s < e) buf[pos++] = bytes[s++]!;
      }
    }
    const len = pos - rowStart - 1;
    buf[rowStart + 1] = len >>> 24;
    buf[rowStart + 2] = (len >>> 16) & 0xff;
    buf[rowStart + 3] = (len >>> 8) & 0xff;
    buf[rowStart + 4] = len & 0xff;
  }
  out.pos = pos;
}
