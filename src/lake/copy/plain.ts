// src/lake/copy/plain.ts
//! Number columns read as numbers. DuckDB's CSV reader parses an INTEGER or DECIMAL field far more
//! cheaply than COPY converts a text one, but it takes forms Redshift refuses ('1e3', '1.5' into an
//! integer, '1_000', '0x1F'). So a plain delimited file is scanned first (native/fieldscan.cc, two
//! threads over the mapped file): a column whose every field is a plain number, or the NULL AS
//! text, is read as its type by the fast path, where the reader gives what the conversion would
//! and fails (the load is then tried again as text) on the rest. The same scan tells the file's
//! empty lines and line endings, so the blank-line scan does not read the file again.

import { nativePlainNumbers, type PlainNumbersResult } from "../../engine/index.js";
import type { BoundCopy, CopyFieldSql } from "../../plan/bound/copy.js";
import { LakeError } from "../errors.js";
import { type LocalSource, fileCompression, NO_NULL, nativeReadable } from "./stage.js";

/** The scans of one COPY's files, each file read once (by path). */
export class PlainScans {
  private readonly byPath = new Map<string, Promise<PlainNumbersResult | undefined>>();

  constructor(
    private readonly b: BoundCopy,
    private readonly fields: readonly CopyFieldSql[],
  ) {}

  /** Does any file get scanned: plain delimited text with a number column, and the addon built? */
  get applies(): boolean {
    const b = this.b;
    const delim = b.format.kind === "delimited" ? (b.format.delimiter ?? "|") : "";
    return (
      b.format.kind === "delimited" &&
      nativeReadable(b) &&
      /^[\x01-\x7f]$/.test(delim) &&
      // (A NULL AS text that spans fields or lines is never a whole field to the reader.)
      !/[\n\r]/.test(b.options.nullAs ?? "") &&
      !(b.options.nullAs ?? "").includes(delim) &&
      this.fields.some((f) => f.plainNumber !== undefined) &&
      nativePlainNumbers() !== null
    );
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

  private async run(f: LocalSource): Promise<PlainNumbersResult | undefined> {
    const native = nativePlainNumbers();
    if (!this.applies || native === null || fileCompression(this.b, f) !== "none") return undefined;
    const b = this.b;
    const delim = b.format.kind === "delimited" ? (b.format.delimiter ?? "|") : "|";
    const rules = Int32Array.from(this.fields, (field) => field.plainNumber?.decimals ?? -1);
    try {
      return await native.scanPlainNumbers(f.path, delim, b.options.nullAs ?? NO_NULL, b.options.ignoreHeader, rules);
    } catch (e) {
      throw new LakeError(`reading ${f.url} failed: ${(e as Error).message}`);
    }
  }
}
