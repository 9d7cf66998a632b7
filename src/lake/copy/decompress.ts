// src/lake/copy/decompress.ts
//! BZIP2 and LZOP sources (and GZIP Avro files): DuckDB reads neither, so such an object is
//! inflated once per version into the work folder (streamed, bounded memory) and DuckDB (or the
//! Avro reader) reads the plain file. A damaged stream fails the COPY naming the file.

import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { LakeError } from "../errors.js";
import { lzopDecompressor } from "./lzop.js";

const bz2 = createRequire(import.meta.url)("unbzip2-stream") as () => Transform;

const CODECS = {
  bzip2: { folder: "bunzip", inflater: bz2 },
  lzop: { folder: "unlzop", inflater: lzopDecompressor },
  gzip: { folder: "gunzip", inflater: createGunzip },
} as const;

/** The path of an inflated copy of the `codec`-compressed file `path` (version: its ETag). */
export async function inflateToFile(
  codec: keyof typeof CODECS,
  path: string,
  url: string,
  version: string,
  workDir: string,
): Promise<string> {
  const dir = join(workDir, CODECS[codec].folder);
  const out = join(dir, `${createHash("sha256").update(`${path}\0${version}`).digest("hex").slice(0, 32)}.txt`);
  try {
    await stat(out);
    return out;
  } catch {
    // not inflated yet
  }
  await mkdir(dir, { recursive: true });
  const tmp = `${out}.${process.pid}.part`;
  try {
    await pipeline(createReadStream(path), CODECS[codec].inflater(), createWriteStream(tmp));
    await rename(tmp, out);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new LakeError(`${codec} decompression failed for ${url}: ${(e as Error)?.message ?? String(e)}`);
  }
  return out;
}
