// src/lake/copy/lzop.ts
//! The lzop file format (.lzo), streamed: a header (magic, versions, method, flags, mode, mtime,
//! name, header checksum), then blocks of (decompressed size, compressed size, optional Adler-32 /
//! CRC-32 checksums of the data, the LZO1X data, or the plain bytes when a block did not shrink),
//! ended by a zero size. Concatenated lzop files decompress one after the other. Checksums are
//! verified; a damaged or truncated file fails with an error naming what is wrong.

import { Transform, type TransformCallback } from "node:stream";
import { crc32 } from "node:zlib";
import { LzoError, lzo1xDecompress } from "./lzo1x.js";

const MAGIC = Buffer.from([0x89, 0x4c, 0x5a, 0x4f, 0x00, 0x0d, 0x0a, 0x1a, 0x0a]);
const F_ADLER32_D = 0x1;
const F_ADLER32_C = 0x2;
const F_H_EXTRA_FIELD = 0x40;
const F_CRC32_D = 0x100;
const F_CRC32_C = 0x200;
const F_H_FILTER = 0x800;
const F_H_CRC32 = 0x1000;
/** lzop's largest block (64 MiB): a larger size is damage, not data. */
const MAX_BLOCK = 64 * 1024 * 1024;

export function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; ) {
    // 5552 bytes keep the sums within 2^32 before the modulo.
    const end = Math.min(data.length, i + 5552);
    for (; i < end; i++) {
      a += data[i] as number;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** A FIFO of bytes: whole chunks in, exact counts out. */
class ByteQueue {
  private chunks: Buffer[] = [];
  length = 0;
  push(b: Buffer): void {
    if (b.length === 0) return;
    this.chunks.push(b);
    this.length += b.length;
  }
  /** The first `n` bytes without consuming them, or undefined when fewer are queued. */
  peek(n: number): Buffer | undefined {
    if (n > this.length) return undefined;
    const first = this.chunks[0];
    if (first && first.length >= n) return first.subarray(0, n);
    const all = Buffer.concat(this.chunks);
    this.chunks = [all];
    return all.subarray(0, n);
  }
  take(n: number): Buffer | undefined {
    const b = this.peek(n);
    if (!b) return undefined;
    const first = this.chunks[0] as Buffer;
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
    this.length -= n;
    return b;
  }
}

interface Header {
  readonly flags: number;
  /** Bytes of the header, so the parser can consume it once it is complete. */
  readonly size: number;
}

/** Parses a whole header from `b` (undefined: more bytes needed). */
function parseHeader(b: Buffer): Header | undefined {
  let p = 0;
  const has = (n: number) => p + n <= b.length;
  const m = Math.min(9, b.length);
  if (!b.subarray(0, m).equals(MAGIC.subarray(0, m))) throw new LzoError("not an lzop file (bad magic bytes)");
  if (!has(9 + 2 + 2)) return undefined;
  p = 9;
  const start = p;
  const version = b.readUInt16BE(p);
  p += 4; // version, library version
  const modern = version >= 0x0940;
  if (modern) p += 2; // version needed to extract
  if (!has(2 + 4)) return undefined;
  const method = b.readUInt8(p);
  p += modern ? 2 : 1; // method [, level]
  if (method < 1 || method > 3) throw new LzoError(`unsupported lzop compression method ${method} (LZO1X only)`);
  if (!has(4)) return undefined;
  const flags = b.readUInt32BE(p);
  p += 4;
  if (flags & F_H_FILTER) throw new LzoError("lzop files written with a filter are not supported");
  p += 4 + 4 + (modern ? 4 : 0); // mode, mtime low [, mtime high]
  if (!has(1)) return undefined;
  const nameLength = b.readUInt8(p);
  p += 1 + nameLength;
  if (!has(4)) return undefined;
  const fields = b.subarray(start, p);
  const expected = b.readUInt32BE(p);
  p += 4;
  const actual = flags & F_H_CRC32 ? crc32(fields) : adler32(fields);
  if (actual !== expected) throw new LzoError("lzop header checksum mismatch (damaged header)");
  if (flags & F_H_EXTRA_FIELD) {
    if (!has(4)) return undefined;
    const n = b.readUInt32BE(p);
    p += 4 + n + 4;
    if (p > b.length) return undefined;
  }
  return { flags, size: p };
}

/** A Transform from lzop file bytes to the decompressed bytes. */
export function lzopDecompressor(): Transform {
  const q = new ByteQueue();
  let header: Header | undefined;
  let members = 0;

  /** Consumes every complete piece queued; pushes decompressed blocks. */
  const drain = (out: Transform) => {
    for (;;) {
      if (!header) {
        if (q.length === 0) return;
        // A larger window than any header, so one peek covers it whenever it is all there.
        const h = parseHeader(q.peek(Math.min(q.length, 64 * 1024)) as Buffer);
        if (!h) return;
        q.take(h.size);
        header = h;
        members++;
      }
      const f = header.flags;
      const sizes = q.peek(4);
      if (!sizes) return;
      const dstLen = sizes.readUInt32BE(0);
      if (dstLen === 0) {
        q.take(4);
        header = undefined;
        continue;
      }
      if (!q.peek(8)) return;
      const srcLen = (q.peek(8) as Buffer).readUInt32BE(4);
      if (dstLen > MAX_BLOCK) throw new LzoError(`block size ${dstLen} is larger than lzop allows (damaged file)`);
      if (srcLen > dstLen || srcLen === 0) throw new LzoError(`block of ${srcLen} bytes for ${dstLen} (damaged file)`);
      const dSums = (f & F_ADLER32_D ? 4 : 0) + (f & F_CRC32_D ? 4 : 0);
      const cSums = srcLen < dstLen ? (f & F_ADLER32_C ? 4 : 0) + (f & F_CRC32_C ? 4 : 0) : 0;
      const total = 8 + dSums + cSums + srcLen;
      const block = q.peek(total);
      if (!block) return;
      q.take(total);
      let p = 8;
      const dAdler = f & F_ADLER32_D ? block.readUInt32BE(p) : undefined;
      if (f & F_ADLER32_D) p += 4;
      const dCrc = f & F_CRC32_D ? block.readUInt32BE(p) : undefined;
      if (f & F_CRC32_D) p += 4;
      const data = block.subarray(8 + dSums + cSums);
      if (cSums > 0) {
        if (f & F_ADLER32_C && block.readUInt32BE(p) !== adler32(data))
          throw new LzoError("compressed block checksum mismatch (damaged file)");
        if (f & F_CRC32_C && block.readUInt32BE(p + (f & F_ADLER32_C ? 4 : 0)) !== crc32(data))
          throw new LzoError("compressed block checksum mismatch (damaged file)");
      }
      let plain: Buffer;
      if (srcLen === dstLen)
        plain = data; // stored: the block did not shrink
      else {
        plain = Buffer.allocUnsafe(dstLen);
        lzo1xDecompress(data, plain);
      }
      if (dAdler !== undefined && adler32(plain) !== dAdler)
        throw new LzoError("decompressed block checksum mismatch (damaged file)");
      if (dCrc !== undefined && crc32(plain) !== dCrc)
        throw new LzoError("decompressed block checksum mismatch (damaged file)");
      out.push(plain);
    }
  };

  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      q.push(chunk);
      try {
        drain(this);
        done();
      } catch (e) {
        done(e as Error);
      }
    },
    flush(done: TransformCallback) {
      if (header || q.length > 0) done(new LzoError("unexpected end of file (truncated lzop file)"));
      else if (members === 0) done(new LzoError("empty input: not an lzop file"));
      else done();
    },
  });
}
