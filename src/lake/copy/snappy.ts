// src/lake/copy/snappy.ts
//! Snappy block decompression (the raw format, not the framing one), for Avro's snappy codec:
//! a varint of the uncompressed length, then elements whose tag byte's low two bits say literal
//! (00) or a copy from earlier output with a 1-, 2- or 4-byte offset (01, 10, 11). Every length
//! and offset is checked against the input and the declared size, so damaged input throws.
//! https://github.com/google/snappy/blob/main/format_description.txt

/** Input that is not a valid snappy block. */
export class SnappyError extends Error {}

function fail(why: string): never {
  throw new SnappyError(`invalid snappy data: ${why}`);
}

/** The uncompressed bytes of one snappy block. */
export function snappyUncompress(input: Uint8Array): Buffer {
  let pos = 0;
  // Uncompressed length: a little-endian base-128 varint of at most 32 bits.
  let size = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos >= input.length) fail("truncated length");
    if (shift > 28) fail("length varint too long");
    const b = input[pos++] as number;
    size += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
  }
  if (size > 0xffffffff) fail("length too large");
  const out = Buffer.allocUnsafe(size);
  let o = 0;
  while (pos < input.length) {
    const tag = input[pos++] as number;
    const type = tag & 3;
    if (type === 0) {
      let len = tag >>> 2;
      if (len >= 60) {
        const n = len - 59;
        if (pos + n > input.length) fail("truncated literal length");
        len = 0;
        for (let i = 0; i < n; i++) len += (input[pos + i] as number) * 2 ** (8 * i);
        pos += n;
      }
      len += 1;
      if (pos + len > input.length) fail("literal runs past the input");
      if (o + len > size) fail("literal runs past the declared length");
      out.set(input.subarray(pos, pos + len), o);
      pos += len;
      o += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (type === 1) {
      if (pos >= input.length) fail("truncated copy");
      len = 4 + ((tag >>> 2) & 7);
      offset = ((tag >>> 5) << 8) | (input[pos++] as number);
    } else if (type === 2) {
      if (pos + 2 > input.length) fail("truncated copy");
      len = (tag >>> 2) + 1;
      offset = (input[pos] as number) | ((input[pos + 1] as number) << 8);
      pos += 2;
    } else {
      if (pos + 4 > input.length) fail("truncated copy");
      len = (tag >>> 2) + 1;
      offset =
        ((input[pos] as number) |
          ((input[pos + 1] as number) << 8) |
          ((input[pos + 2] as number) << 16) |
          ((input[pos + 3] as number) << 24)) >>>
        0;
      pos += 4;
    }
    if (offset === 0 || offset > o) fail("copy offset outside the output");
    if (o + len > size) fail("copy runs past the declared length");
    // Copies may overlap their own output (a run): byte by byte when they do.
    if (offset >= len) out.copyWithin(o, o - offset, o - offset + len);
    else for (let i = 0; i < len; i++) out[o + i] = out[o - offset + i] as number;
    o += len;
  }
  if (o !== size) fail(`${o} bytes decoded, ${size} declared`);
  return out;
}
