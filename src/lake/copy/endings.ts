// src/lake/copy/endings.ts
//! Line endings in delimited text, CSV and FIXEDWIDTH. A line ends in LF; a CR just before the LF
//! is part of the ending (a file written on Windows), and one file may have both kinds (appended
//! to on two systems): it loads as if it had one. DuckDB's CSV reader takes one kind per file (in
//! strict mode a mix fails the read; the lenient line reader counts a CR LF as two lines), so a
//! file with both is rewritten once per version into the work folder with every ending a bare
//! LF. Only a CR just before an LF is dropped (outside quotes, for CSV: a CR in a quoted field is
//! data), so every line keeps its number. zstd files, which Node cannot inflate, are read as they are.

import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import type { BoundCopy } from "../../plan/bound/copy.js";
import { LakeError } from "../errors.js";
import { fileBytes } from "./bytes.js";
import type { LocalSource } from "./stage.js";
import { derivedFile } from "./work-file.js";

const LF = 0x0a;
const CR = 0x0d;

/** Watches a stream's chunks go by for lines ending in CR LF and lines ending in a bare LF. */
export class EndingWatch {
  private crlf = false;
  private bare = false;
  private prev = -1;

  /** Has it seen both kinds? */
  get mixed(): boolean {
    return this.crlf && this.bare;
  }

  see(chunk: Buffer): void {
    if (this.mixed || chunk.length === 0) return;
    let at = chunk.indexOf(LF);
    // A chunk without CR (memchr) has only bare LFs, but perhaps for one after a CR ending the last chunk.
    if (at >= 0 && chunk.indexOf(CR) < 0) {
      if (at === 0 && this.prev === CR) {
        this.crlf = true;
        at = chunk.indexOf(LF, 1);
      }
      if (at >= 0) this.bare = true;
    } else {
      for (; at >= 0 && !this.mixed; at = chunk.indexOf(LF, at + 1)) {
        if ((at > 0 ? chunk[at - 1] : this.prev) === CR) this.crlf = true;
        else this.bare = true;
      }
    }
    this.prev = chunk[chunk.length - 1] as number;
  }
}

/** The stream, each chunk shown to `watch` on its way. */
export async function* watched(src: AsyncIterable<Buffer>, watch: EndingWatch): AsyncGenerator<Buffer> {
  for await (const chunk of src) {
    watch.see(chunk);
    yield chunk;
  }
}

/** Does the stream end some lines in CR LF and others in a bare LF? Stops at the first sign of both. */
export async function hasMixedEndings(src: AsyncIterable<Buffer>): Promise<boolean> {
  const watch = new EndingWatch();
  for await (const chunk of src) {
    watch.see(chunk);
    if (watch.mixed) return true;
  }
  return false;
}

/** The stream with each CR that stands just before an LF (outside `quote`s) dropped. */
export async function* bareLf(src: AsyncIterable<Buffer>, quote: number | undefined): AsyncGenerator<Buffer> {
  let quoted = false;
  let heldCr = false; // a CR ending the last chunk, outside quotes
  for await (const chunk of src) {
    if (chunk.length === 0) continue;
    const out = Buffer.allocUnsafe(chunk.length + 1);
    let n = 0;
    if (heldCr && chunk[0] !== LF) out[n++] = CR;
    heldCr = false;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as number;
      if (c === quote) quoted = !quoted;
      else if (c === CR && !quoted) {
        if (i + 1 === chunk.length) {
          heldCr = true;
          continue;
        }
        if (chunk[i + 1] === LF) continue;
      }
      out[n++] = c;
    }
    yield out.subarray(0, n);
  }
  if (heldCr) yield Buffer.from([CR]);
}

function lineFormat(b: BoundCopy): boolean {
  return b.format.kind === "delimited" || b.format.kind === "csv" || b.format.kind === "fixedwidth";
}

/** A plain copy of `f` with bare LF endings, made once per version of the object (its ETag). */
async function rewrite(b: BoundCopy, f: LocalSource, gzip: boolean, workDir: string): Promise<string> {
  const quote = b.format.kind === "csv" ? (b.format.quote ?? '"').charCodeAt(0) : undefined;
  return derivedFile(
    workDir,
    "lf",
    f.path,
    f.info.etag,
    (tmp) => pipeline(fileBytes(f.path, gzip), (src) => bareLf(src, quote), createWriteStream(tmp)),
    (e) => new LakeError(`reading ${f.url} failed: ${(e as Error)?.message ?? String(e)}`),
  );
}

/**
 * The sources with each file that mixes CR LF and LF endings replaced by a plain copy with LF
 * endings (the same objects when none does, or for a format not read by lines). `known`: the
 * URLs of the files that do, when a scan of every file (the blank-line scan) has found them already.
 */
export async function uniformEndings(
  b: BoundCopy,
  files: readonly LocalSource[],
  workDir: string,
  known?: ReadonlySet<string>,
): Promise<readonly LocalSource[]> {
  if (!lineFormat(b) || b.compression === "zstd") return files;
  const out: LocalSource[] = [];
  let changed = false;
  for (const f of files) {
    const gzip = b.compression === "gzip" && !f.plain;
    let mixed: boolean;
    try {
      mixed = known ? known.has(f.url) : await hasMixedEndings(fileBytes(f.path, gzip));
    } catch (e) {
      throw new LakeError(`reading ${f.url} failed: ${(e as Error).message}`);
    }
    if (!mixed) {
      out.push(f);
      continue;
    }
    out.push({ ...f, path: await rewrite(b, f, gzip, workDir), plain: true });
    changed = true;
  }
  return changed ? out : files;
}
