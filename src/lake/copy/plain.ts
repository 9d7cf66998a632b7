// src/lake/copy/plain.ts
//! Number columns read as numbers. DuckDB's CSV reader parses an INTEGER or DECIMAL field far more
//! cheaply than COPY converts a text one, but it takes forms Redshift refuses ('1e3', '1.5' into an
//! integer, '1_000', '0x1F'). So a plain delimited file, or a CSV file without a quote in it, is
//! scanned first (native/fieldscan.cc, two threads over the mapped file): a column whose every
//! field is a plain number, or the NULL AS text, is read as its type by the fast path, where the
//! reader gives what the conversion would and fails (the load is then tried again as text) on the
//! rest. The same scan tells the file's empty lines and line endings, so the blank-line scan does
//! not read the file again. An object downloaded from S3 is scanned as its bytes arrive (the event
//! loop mostly waits on the server then), so a COPY from S3 does not read the file before loading.

import { nativePlainNumbers, type PlainNumbersResult, type PlainStreamHandle } from "../../engine/index.js";
import type { BoundCopy, CopyFieldSql } from "../../plan/bound/copy.js";
import { LakeError } from "../errors.js";
import type { DownloadObserver } from "../store/types.js";
import { fileCompression, type LocalSource, NO_NULL, nativeReadable } from "./stage.js";

/** The scans of one COPY's files, each file read once (by path). */
export class PlainScans {
  private readonly byPath = new Map<string, Promise<PlainNumbersResult | undefined>>();

  constructor(
    private readonly b: BoundCopy,
    private readonly fields: readonly CopyFieldSql[],
  ) {}

  /**
   * Does any file get scanned: delimited text or CSV with a number column, and the addon built?
   * (A CSV file counts only where it holds no quote at all: then it reads as delimited text.)
   */
  get applies(): boolean {
    const b = this.b;
    const delim = this.delimiter();
    const oneByte = (c: string) => /^[\x01-\x7f]$/.test(c);
    return (
      (b.format.kind === "delimited" || (b.format.kind === "csv" && oneByte(this.quote()))) &&
      nativeReadable(b) &&
      oneByte(delim) &&
      // (A NULL AS text that spans fields or lines is never a whole field to the reader.)
      !/[\n\r]/.test(b.options.nullAs ?? "") &&
      !(b.options.nullAs ?? "").includes(delim) &&
      this.fields.some((f) => f.plainNumber !== undefined) &&
      nativePlainNumbers() !== null
    );
  }

  /**
   * A scan to feed an object's download as it arrives (an uncompressed one, when the scan
   * applies); once the object is in, `adopt` makes its answer the file's.
   */
  observer(): StreamScan | undefined {
    const native = nativePlainNumbers();
    // (A compressed object's bytes are not its text.)
    if (!this.applies || native === null || this.b.compression !== undefined) return undefined;
    return new StreamScan(
      native,
      this.delimiter(),
      this.nullText(),
      this.b.options.ignoreHeader,
      this.rules(),
      this.quote(),
    );
  }

  /** Takes a finished stream scan's answer for the downloaded file `path` of `size` bytes (none when it gave up). */
  adopt(path: string, scan: StreamScan, size: number): void {
    const r = scan.result(size);
    if (r !== null && !this.byPath.has(path)) this.byPath.set(path, Promise.resolve(r));
  }

  /** The scan of `f` (undefined where none applies: a compressed file, say). */
  of(f: LocalSource): Promise<PlainNumbersResult | undefined> {
    let scan = this.byPath.get(f.path);
    if (!scan) {
      scan = this.run(f);
      scan.catch(() => {});
      this.byPath.set(f.path, scan);
    }
    return scan;
  }

  /** The reader's type per field for `f`: DATE where the field allows it, a number type where the scan found plain numbers. */
  async types(f: LocalSource): Promise<(string | undefined)[]> {
    const scan = await this.of(f);
    return this.fields.map((field, i) => field.typed ?? (scan?.plain[i] ? field.plainNumber?.type : undefined));
  }

  /** As the reader is given them (stage.ts readerSql). */
  private delimiter(): string {
    const f = this.b.format;
    return f.kind === "delimited" ? (f.delimiter ?? "|") : f.kind === "csv" ? (f.delimiter ?? ",") : "";
  }

  /** CSV's quote ('' for delimited text). */
  private quote(): string {
    return this.b.format.kind === "csv" ? (this.b.format.quote ?? '"') : "";
  }

  private nullText(): string {
    return this.b.options.nullAs ?? NO_NULL;
  }

  private rules(): Int32Array {
    return Int32Array.from(this.fields, (field) => field.plainNumber?.decimals ?? -1);
  }

  private async run(f: LocalSource): Promise<PlainNumbersResult | undefined> {
    const native = nativePlainNumbers();
    if (!this.applies || native === null || fileCompression(this.b, f) !== "none") return undefined;
    try {
      return await native.scanPlainNumbers(
        f.path,
        this.delimiter(),
        this.nullText(),
        this.b.options.ignoreHeader,
        this.rules(),
        this.quote(),
      );
    } catch (e) {
      throw new LakeError(`reading ${f.url} failed: ${(e as Error).message}`);
    }
  }
}

/** The scan of a download as its parts arrive (native/fieldstream.cc). */
export class StreamScan implements DownloadObserver {
  private readonly handle: PlainStreamHandle;

  constructor(
    private readonly native: NonNullable<ReturnType<typeof nativePlainNumbers>>,
    delimiter: string,
    nullText: string,
    skip: number,
    rules: Int32Array,
    quote = "",
  ) {
    this.handle = native.plainStream(delimiter, nullText, skip, rules, quote);
  }

  data(start: number, bytes: Uint8Array): void {
    this.native.plainStreamFeed(this.handle, start, bytes);
  }

  part(start: number, ended: boolean): void {
    this.native.plainStreamPart(this.handle, start, ended);
  }

  /** The answer for the object's `size` bytes; null when the parts seen do not make it up. */
  result(size: number): PlainNumbersResult | null {
    return this.native.plainStreamResult(this.handle, size);
  }
}
