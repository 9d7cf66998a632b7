// src/lake/copy/endings.ts
//! Line endings in delimited text, CSV and FIXEDWIDTH. A line ends in LF; a CR just before the LF
//! is part of the ending (a file written on Windows), and one file may have both kinds (appended
//! to on two systems): it loads as if it had one. Any other CR, a bare one, is data: Redshift's
//! documentation names no line terminator but the newline (LF) and says nothing of a lone CR, and
//! a Redshift user expects a file from an old Mac ("a|1\rb|2\r") to be what Redshift sees in it,
//! one long line (so a load error such as 1202 'Extra column(s) found', or values holding CRs),
//! never rows split where no LF is. DuckDB's CSV reader takes one kind of line end per file, and a
//! bare CR for one (in strict mode a mix fails the read; the lenient line reader counts a CR LF as
//! two lines, and a bare CR as a line end). So a file with both endings, or with a bare CR, is
//! rewritten once per version into the work folder: every CR just before an LF dropped (outside
//! quotes, for CSV: a CR in a quoted field is data), every bare CR written as CR_MARK, which the
//! readers turn back into a CR in each field (stage.ts). Every line keeps its number. zstd files,
//! which Node cannot inflate, are read as they are.

import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import type { BoundCopy } from "../../plan/bound/copy.js";
import { nativeTextScan } from "../../engine/index.js";
import { LakeError } from "../errors.js";
import { fileBytes } from "./bytes.js";
import type { CopyConnection } from "./rejects.js";
import { str } from "./sql.js";
import { CR_MARK, LINE_DELIM, type LocalSource } from "./stage.js";
import { derivedFile } from "./work-file.js";

const LF = 0x0a;
const CR = 0x0d;

/** Watches a stream's chunks go by for lines ending in CR LF, lines ending in a bare LF, and bare CRs. */
export class EndingWatch {
  private crlf = false;
  private bare = false;
  private loneCr = false;
  private prev = -1;

  /** Has it seen both kinds of line ending? */
  get mixed(): boolean {
    return this.crlf && this.bare;
  }

  /** Has it seen a CR not just before an LF (the stream's last byte counts once finish() is called)? */
  get bareCr(): boolean {
    return this.loneCr;
  }

  /** Has it seen all it looks for? */
  get done(): boolean {
    return this.mixed && this.loneCr;
  }

  see(chunk: Buffer): void {
    if (this.done || chunk.length === 0) return;
    if (this.prev === CR && chunk[0] !== LF) this.loneCr = true;
    let at = chunk.indexOf(LF);
    const firstCr = chunk.indexOf(CR);
    // A chunk without CR (memchr) has only bare LFs, but perhaps for one after a CR ending the last chunk.
    if (at >= 0 && firstCr < 0) {
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
      // A CR ending the chunk is looked at with the next one (or by finish()).
      for (let c = firstCr; c >= 0 && c + 1 < chunk.length && !this.loneCr; c = chunk.indexOf(CR, c + 1)) {
        if (chunk[c + 1] !== LF) this.loneCr = true;
      }
    }
    this.prev = chunk[chunk.length - 1] as number;
  }

  /** The end of the stream: a CR as its last byte is bare. */
  finish(): void {
    if (this.prev === CR) this.loneCr = true;
    this.prev = -1;
  }
}

/** The stream, each chunk shown to `watch` on its way (and its end, when it is read to the end). */
export async function* watched(src: AsyncIterable<Buffer>, watch: EndingWatch): AsyncGenerator<Buffer> {
  for await (const chunk of src) {
    watch.see(chunk);
    yield chunk;
  }
  watch.finish();
}

/** Both kinds of line ending? A bare CR? Stops when it has seen both. */
export async function lineEndings(src: AsyncIterable<Buffer>): Promise<{ mixed: boolean; bareCr: boolean }> {
  const watch = new EndingWatch();
  for await (const chunk of src) {
    watch.see(chunk);
    if (watch.done) break;
  }
  if (!watch.done) watch.finish();
  return { mixed: watch.mixed, bareCr: watch.bareCr };
}

/**
 * Is there a bare CR in the stream's first line (up to its first LF, or in the whole stream if it
 * has none)? Reads no further. The only files DuckDB's strict reader reads without complaint though
 * they hold a bare CR are those where a CR ends the first line it sees: it takes CR for the line
 * end, and a later LF, or a bare CR after LF endings, fails the read instead.
 */
export async function bareCrInFirstLine(src: AsyncIterable<Buffer>): Promise<boolean> {
  let prev = -1;
  for await (const chunk of src) {
    if (chunk.length === 0) continue;
    if (prev === CR && chunk[0] !== LF) return true;
    const lf = chunk.indexOf(LF);
    const head = lf < 0 ? chunk : chunk.subarray(0, lf);
    for (let c = head.indexOf(CR); c >= 0; c = head.indexOf(CR, c + 1)) {
      if (c + 1 < head.length) return true; // a CR followed by a byte that is no LF
      if (lf >= 0) break; // the CR just before the LF: the line's CR LF ending
    }
    if (lf >= 0) return false;
    prev = chunk[chunk.length - 1] as number;
  }
  return prev === CR;
}

const MARK = Buffer.from(CR_MARK, "utf8");

/**
 * The stream with each CR that stands just before an LF (outside `quote`s) dropped and each bare
 * CR (inside quotes too) written as CR_MARK. A stream holding CR_MARK itself and a bare CR cannot
 * be told apart afterwards, so it fails.
 */
export async function* evenEndings(src: AsyncIterable<Buffer>, quote: number | undefined): AsyncGenerator<Buffer> {
  let quoted = false;
  let heldCr = false; // a CR ending the last chunk
  let heldQuoted = false; // ... inside quotes
  let marked = false; // a bare CR written as CR_MARK
  let holdsMark = false; // CR_MARK in the input
  let tail = Buffer.alloc(0); // the last bytes of the last chunk, for CR_MARK across chunks
  const lone = (out: Buffer, n: number) => {
    marked = true;
    MARK.copy(out, n);
    return n + MARK.length;
  };
  for await (const chunk of src) {
    if (chunk.length === 0) continue;
    if (!holdsMark) {
      holdsMark =
        chunk.indexOf(MARK) >= 0 || Buffer.concat([tail, chunk.subarray(0, MARK.length - 1)]).indexOf(MARK) >= 0;
      tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - (MARK.length - 1))));
    }
    let crs = 0;
    for (let c = chunk.indexOf(CR); c >= 0; c = chunk.indexOf(CR, c + 1)) crs++;
    const out = Buffer.allocUnsafe(chunk.length + 1 + (crs + 1) * (MARK.length - 1));
    let n = 0;
    if (heldCr) {
      if (chunk[0] !== LF) n = lone(out, n);
      else if (heldQuoted) out[n++] = CR;
    }
    heldCr = false;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as number;
      if (c === quote) quoted = !quoted;
      else if (c === CR) {
        if (i + 1 === chunk.length) {
          heldCr = true;
          heldQuoted = quoted;
          continue;
        }
        if (chunk[i + 1] !== LF) {
          n = lone(out, n);
          continue;
        }
        if (!quoted) continue;
      }
      out[n++] = c;
    }
    yield out.subarray(0, n);
  }
  if (heldCr) {
    marked = true;
    yield MARK;
  }
  if (marked && holdsMark) {
    throw new LakeError(
      `the file holds both bare carriage returns and the character U+${CR_MARK.charCodeAt(0).toString(16).toUpperCase()}, which COPY uses to carry them through DuckDB's reader`,
      { sqlstate: "22P04" },
    );
  }
}

function lineFormat(b: BoundCopy): boolean {
  return b.format.kind === "delimited" || b.format.kind === "csv" || b.format.kind === "fixedwidth";
}

/** A plain copy of `f` with bare LF endings and marked bare CRs, made once per version of the object (its ETag). */
async function rewrite(b: BoundCopy, f: LocalSource, gzip: boolean, workDir: string): Promise<string> {
  const quote = b.format.kind === "csv" ? (b.format.quote ?? '"').charCodeAt(0) : undefined;
  return derivedFile(
    workDir,
    "eol",
    f.path,
    f.info.etag,
    (tmp) => pipeline(fileBytes(f.path, gzip), (src) => evenEndings(src, quote), createWriteStream(tmp)),
    (e) =>
      e instanceof LakeError
        ? new LakeError(`COPY cannot read ${f.url}: ${e.message}`, { sqlstate: e.sqlstate ?? "22P04" })
        : new LakeError(`reading ${f.url} failed: ${(e as Error)?.message ?? String(e)}`),
  );
}

/** What is known of a file's endings already (a scan of every file found it), by URL; absent: not looked at. */
export interface KnownEndings {
  readonly mixed?: ReadonlySet<string>;
  readonly bareCr?: ReadonlyMap<string, boolean>;
}

/** Both kinds of line ending in `f`? A bare CR? From `known`, else a scan (native where it can). */
async function endingsOf(
  f: LocalSource,
  gzip: boolean,
  known: KnownEndings | undefined,
): Promise<{ mixed: boolean; bareCr: boolean }> {
  const mixed = known?.mixed?.has(f.url);
  const bareCr = known?.bareCr?.get(f.url);
  if (known?.mixed !== undefined && bareCr !== undefined) return { mixed: mixed === true, bareCr };
  const native = gzip ? null : nativeTextScan();
  if (native) {
    const seen = await native.scanText(f.path);
    if (seen.bareCr !== undefined) return { mixed: seen.crlf && seen.bareLf, bareCr: seen.bareCr };
  }
  return lineEndings(fileBytes(f.path, gzip));
}

/**
 * The sources with each file that mixes CR LF and LF endings, or holds a bare CR, replaced by a
 * plain copy with LF endings and marked CRs (the same objects when none does, or for a format not
 * read by lines).
 */
export async function uniformEndings(
  b: BoundCopy,
  files: readonly LocalSource[],
  workDir: string,
  known?: KnownEndings,
): Promise<readonly LocalSource[]> {
  if (!lineFormat(b) || b.compression === "zstd") return files;
  const out: LocalSource[] = [];
  let changed = false;
  for (const f of files) {
    const gzip = b.compression === "gzip" && !f.plain;
    let seen: { mixed: boolean; bareCr: boolean };
    try {
      seen = await endingsOf(f, gzip, known);
    } catch (e) {
      throw new LakeError(`reading ${f.url} failed: ${(e as Error).message}`);
    }
    if (!seen.mixed && !seen.bareCr) {
      out.push(f);
      continue;
    }
    const path = await rewrite(b, f, gzip, workDir);
    out.push({ ...f, path, plain: true, ...(seen.bareCr ? { bareCr: true } : {}) });
    changed = true;
  }
  return changed ? out : files;
}

/**
 * Might DuckDB's strict reader have read one of these files without complaint, splitting lines at
 * bare CRs (a CR ends its first line)? From `known` where a scan found a file's bare CRs, else a
 * look at its first line. zstd files, which Node cannot inflate, are not looked at.
 */
export async function mayBeSplitAtCr(
  b: BoundCopy,
  files: readonly LocalSource[],
  known: KnownEndings | undefined,
): Promise<boolean> {
  if (!lineFormat(b) || b.compression === "zstd") return false;
  for (const f of files) {
    const bare = known?.bareCr?.get(f.url);
    if (bare === false) continue;
    if (bare === true) return true;
    const gzip = b.compression === "gzip" && !f.plain;
    try {
      if (await bareCrInFirstLine(fileBytes(f.path, gzip))) return true;
    } catch (e) {
      throw new LakeError(`reading ${f.url} failed: ${(e as Error).message}`);
    }
  }
  return false;
}

/**
 * zstd files, which Node cannot inflate to look at or rewrite: one whose lines DuckDB's reader
 * would end at CRs (its sniffer takes CR for the line end: old Mac endings) fails the COPY
 * plainly, instead of loading rows split where Redshift sees one line. (A bare CR among LF or CR
 * LF endings fails the strict read itself.)
 */
export async function refuseCrZstd(conn: CopyConnection, b: BoundCopy, files: readonly LocalSource[]): Promise<void> {
  if (!lineFormat(b) || b.compression !== "zstd") return;
  for (const f of files) {
    if (f.plain) continue;
    // Sniffed as the line reader reads (one field a line, errors ignored), so it does not fail on
    // a file the load itself would report lines of (invalid UTF-8, say): a failed statement would
    // end the transaction.
    const sniff = `sniff_csv(${str(f.path)}, compression='zstd', delim=${str(LINE_DELIM)}, quote='', escape='', header=false, strict_mode=false, ignore_errors=true)`;
    const newline = (await conn.all(`SELECT NewLineDelimiter FROM ${sniff}`)).rows[0]?.[0];
    if (newline === "\\r") {
      throw new LakeError(
        `COPY cannot read the ZSTD file ${f.url}: its lines end in bare carriage returns (CR), which Redshift reads as data, not as line ends, and a zstd file cannot be rewritten to keep them so`,
        { sqlstate: "22P04", detail: "Recompress the file with LF line endings, or load it uncompressed or as GZIP." },
      );
    }
  }
}
