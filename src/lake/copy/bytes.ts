// src/lake/copy/bytes.ts
//! A source file's bytes, streamed for the scans Node makes of delimited text and CSV (blank lines,
//! line endings) before or beside DuckDB's read.

import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createGunzip } from "node:zlib";

/**
 * The file's bytes, one chunk at a time: a plain file through one reused 1 MB buffer (a chunk is
 * valid until the next is asked for), a gzip one through zlib's small output chunks.
 */
export async function* fileBytes(path: string, gzip: boolean): AsyncGenerator<Buffer> {
  if (gzip) {
    yield* createReadStream(path, { highWaterMark: 1 << 16 }).pipe(createGunzip()) as AsyncIterable<Buffer>;
    return;
  }
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(1 << 20);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}
