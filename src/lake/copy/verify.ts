// src/lake/copy/verify.ts
//! DuckDB reads a truncated gzip file as far as it goes without complaint; Redshift fails the
//! COPY. So each gzip source is first inflated to nowhere (zlib runs off the main thread) and a
//! damaged one fails with the file's name. A cached file is checked once per version.

import { createReadStream } from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { LakeError } from "../errors.js";

const verified = new Set<string>();
const MAX_REMEMBERED = 10000;

export async function verifyGzip(path: string, url: string, version: string): Promise<void> {
  const key = `${path}\0${version}`;
  if (verified.has(key)) return;
  const sink = new Writable({
    write(_chunk, _enc, done) {
      done();
    },
  });
  try {
    await pipeline(createReadStream(path), createGunzip(), sink);
  } catch (e) {
    throw new LakeError(`gzip decompression failed for ${url}: ${(e as Error).message}`, { sqlstate: "XX000" });
  }
  if (verified.size >= MAX_REMEMBERED) verified.clear();
  verified.add(key);
}
