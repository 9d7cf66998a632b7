// src/lake/copy/decompress.ts
//! BZIP2 and LZOP sources (and GZIP Avro files): DuckDB reads neither, so such an object is
//! inflated once per version into the work folder (streamed, bounded memory) and DuckDB (or the
//! Avro reader) reads the plain file. A damaged stream fails the COPY naming the file.

import { createReadStream, createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import type { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { LakeError } from "../errors.js";
import { lzopDecompressor } from "./lzop.js";
import { derivedFile } from "./work-file.js";

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
  return derivedFile(
    workDir,
    CODECS[codec].folder,
    path,
    version,
    (tmp) => pipeline(createReadStream(path), CODECS[codec].inflater(), createWriteStream(tmp)),
    (e) => new LakeError(`${codec} decompression failed for ${url}: ${(e as Error)?.message ?? String(e)}`),
  );
}
