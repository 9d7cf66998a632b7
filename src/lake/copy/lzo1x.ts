// src/lake/copy/lzo1x.ts
//! LZO1X block decompression (what lzop's methods 1-3 produce), written from the public
//! description of the LZO1X bitstream: a first byte that may open with a literal run, then
//! instructions that copy a match from the output already written (distance and length packed in
//! 1-3 bytes, long lengths continued by zero bytes) followed by 0-3 literals, or (after a match
//! with no literals) a longer literal run. The stream ends with the match whose distance is 16384.
//! Every read and copy is bounds-checked: damaged input throws, it never reads or writes out of range.

export class LzoError extends Error {}

/**
 * Decompresses one LZO1X block `src` into `dst`, which must be exactly the decompressed size (lzop
 * records it per block). Throws LzoError on damaged input.
 */
export function lzo1xDecompress(src: Uint8Array, dst: Uint8Array): void {
  const inLen = src.length;
  const outLen = dst.length;
  let ip = 0;
  let op = 0;

  const need = (n: number) => {
    if (ip + n > inLen) throw new LzoError("input overrun (the block ends inside an instruction)");
  };
  const byte = (): number => {
    need(1);
    return src[ip++] as number;
  };
  const literals = (n: number) => {
    need(n);
    if (op + n > outLen) throw new LzoError("output overrun (more data than the block's size)");
    dst.set(src.subarray(ip, ip + n), op);
    ip += n;
    op += n;
  };
  const match = (distance: number, length: number) => {
    let from = op - distance;
    if (from < 0) throw new LzoError("match distance points before the start of the block");
    if (op + length > outLen) throw new LzoError("output overrun (more data than the block's size)");
    // Byte by byte: a match may overlap the bytes it produces (run-length style).
    for (let i = 0; i < length; i++) dst[op++] = dst[from++] as number;
  };
  /** A long length: `base` plus 255 per zero byte plus the first non-zero byte. */
  const longLength = (base: number): number => {
    let n = base;
    for (let b = byte(); b === 0; b = byte()) {
      n += 255;
      if (n > outLen + 255) throw new LzoError("length runs past the block");
    }
    return n + (src[ip - 1] as number);
  };

  // 0: the last instruction copied no literals; 1-3: it copied that many; 4: it was a literal run.
  let state = 0;
  if (inLen > 0 && (src[0] as number) > 17) {
    const n = (src[ip++] as number) - 17;
    literals(n);
    state = Math.min(n, 4);
  }
  for (;;) {
    const t = byte();
    let distance: number;
    let length: number;
    let trailing: number;
    if (t < 16) {
      if (state === 0) {
        literals(3 + (t === 0 ? longLength(15) : t));
        state = 4;
        continue;
      }
      const h = byte();
      distance = (h << 2) + (t >> 2) + (state === 4 ? 2049 : 1);
      length = state === 4 ? 3 : 2;
      trailing = t & 3;
    } else if (t >= 64) {
      distance = (byte() << 3) + ((t >> 2) & 7) + 1;
      length = t >= 128 ? 5 + ((t >> 5) & 3) : 3 + ((t >> 5) & 1);
      trailing = t & 3;
    } else {
      const far = t < 32;
      length = 2 + (far ? (t & 7 ? t & 7 : longLength(7)) : t & 31 ? t & 31 : longLength(31));
      need(2);
      const le = (src[ip] as number) | ((src[ip + 1] as number) << 8);
      ip += 2;
      trailing = le & 3;
      if (far) {
        distance = 16384 + ((t & 8) << 11) + (le >> 2);
        if (distance === 16384) break; // end of stream
      } else {
        distance = (le >> 2) + 1;
      }
    }
    match(distance, length);
    literals(trailing);
    state = trailing;
  }
  if (ip !== inLen) throw new LzoError(`${inLen - ip} bytes follow the end of the block's stream`);
  if (op !== outLen) throw new LzoError(`the block decompressed to ${op} bytes, its header says ${outLen}`);
}
