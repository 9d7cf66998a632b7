// src/engine/native-rows.ts
//! The native DataRow encoder (native/datarow.cc, built by `npm install`): writes whole chunks of
//! Postgres DataRow messages from DuckDB's column vectors in C++, where JavaScript spent ~2 s of
//! CPU per 1M lineitem rows formatting, copying and encoding cells. Columns of the kinds it knows
//! (integers of every width, DECIMAL, DATE, BOOLEAN, VARCHAR/BLOB) are read raw; every other
//! column goes in as cells JavaScript already encoded. When the addon did not build, or
//! LAKESHIFT_NATIVE=off, nativeEncoder() is null and callers use the JavaScript path.

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import duckdb from "@duckdb/node-bindings";
import { TypeId } from "./cells-binary.js";
import type { CellVector } from "./types.js";

interface NativeAddon {
  encode(
    desc: Int32Array,
    data: readonly unknown[],
    masks: readonly unknown[],
    offsets: readonly unknown[],
    end: number,
    out: Uint8Array,
    io: Int32Array,
    chunk?: unknown,
  ): void;
  linkDuckDB(libraryPath: string): boolean;
  /** native/copycast.cc: registers a COPY field parser on the instance behind a bindings connection. */
  registerCopyCast(connection: unknown, name: string, kind: number, precision: number, scale: number): boolean;
  /** native/textscan.cc: empty lines and line endings of a whole file, on a worker thread. */
  scanText(path: string, window?: number): Promise<TextScanResult>;
  /** The same scan over bytes in memory. */
  scanBytes(bytes: Uint8Array): TextScanResult;
  /** native/fieldscan.cc: which columns of a delimited file hold only plain numbers, on a worker thread. */
  scanPlainNumbers(
    path: string,
    delimiter: string,
    nullText: string,
    skipLines: number,
    rules: Int32Array,
    quote?: string,
  ): Promise<PlainNumbersResult>;
  /** native/fieldstream.cc: the same scan fed with a download's parts as they arrive. */
  plainStream(
    delimiter: string,
    nullText: string,
    skipLines: number,
    rules: Int32Array,
    quote?: string,
  ): PlainStreamHandle;
  plainStreamFeed(scan: PlainStreamHandle, partStart: number, bytes: Uint8Array): void;
  /** The part is complete (true), or starts over (false: fetched again). */
  plainStreamPart(scan: PlainStreamHandle, partStart: number, ended: boolean): void;
  /** The answer for the object's `size` bytes; null when the parts do not make it up or the scan gave up. */
  plainStreamResult(scan: PlainStreamHandle, size: number): PlainNumbersResult | null;
  /** kVersion of the sources it was built from (absent before versions were stamped). */
  readonly version?: number;
}

/** Column kinds as native/datarow.cc numbers them. */
export const NativeKind = {
  CELLS: 0,
  BOOLEAN: 1,
  I8: 2,
  I16: 3,
  I32: 4,
  I64: 5,
  U8: 6,
  U16: 7,
  U32: 8,
  U64: 9,
  I128: 10,
  U128: 11,
  DATE: 12,
  STRING: 13,
} as const;

/** Where DataRows are written (the wire layer's BufferWriter): room for n bytes at pos after ensure(n). */
export interface ByteSink {
  readonly buf: Uint8Array;
  pos: number;
  ensure(n: number): void;
}

const ADDON = "../../../native/build/Release/lakeshift_native.node";
/** native/datarow.cc's kVersion: an addon built from older sources is not used. */
const NATIVE_VERSION = 6;

let addon: NativeAddon | null = null;
let loadError: string | null = null;
/**
 * Whether the addon reads vectors in place through DuckDB's C API (it looks the functions up in
 * the libduckdb.so next to @duckdb/node-bindings' duckdb.node): vector_get_data copies every
 * vector into a new ArrayBuffer, ~140 MB per 1M lineitem rows, and that external memory drove
 * ~20 full garbage collections per 1M rows served. null until checked on the first chunk.
 */
let inPlace: boolean | null = false;
if (process.env.LAKESHIFT_NATIVE === "off") {
  loadError = "disabled by LAKESHIFT_NATIVE=off";
} else {
  try {
    const require = createRequire(import.meta.url);
    addon = require(ADDON) as NativeAddon;
    if (addon.version !== NATIVE_VERSION) {
      throw new Error(
        `the built addon is version ${addon.version ?? 1}, these sources need ${NATIVE_VERSION}: run \`npm run build:native\``,
      );
    }
    const bindings = Object.keys(require.cache).find((k) => /[\\/]duckdb\.node$/.test(k));
    if (bindings !== undefined && addon.linkDuckDB(join(dirname(bindings), "libduckdb.so"))) inPlace = null;
  } catch (e) {
    addon = null;
    loadError = e instanceof Error ? e.message.split("\n")[0]! : String(e);
  }
}

/** What a text scan found: an empty line (one at the very start too), lines ending in CR LF, in a bare LF. */
export interface TextScanResult {
  readonly blank: boolean;
  readonly crlf: boolean;
  readonly bareLf: boolean;
  /** A CR not just before an LF (textscan.cc tells it; the plain-number scan does not look: absent). */
  readonly bareCr?: boolean;
}

/**
 * The native text scan (mapped file, 64 bytes at a time, off the event loop), or null without the
 * addon: COPY's first look at a plain file (src/lake/copy/blank.ts), ~0.1 CPU-s for 752 MB where
 * reading it through a buffer in JavaScript took ~0.3.
 */
export function nativeTextScan(): Pick<NativeAddon, "scanText" | "scanBytes"> | null {
  return addon === null ? null : { scanText: addon.scanText.bind(addon), scanBytes: addon.scanBytes.bind(addon) };
}

/** Per column, whether every field is a plain number; `lines`: the text scan's answer, when every line was read. */
export interface PlainNumbersResult {
  readonly plain: readonly boolean[];
  readonly lines?: TextScanResult;
}

/**
 * The native scan for plain numbers (native/fieldscan.cc), or null without the addon: per column
 * of a delimited file, whether every field is `[+-]?[0-9]+` with at most rules[i] decimals (or the
 * NULL AS text); rules[i] = -1 leaves a column out. COPY reads such columns as their type
 * (src/lake/copy/plain.ts).
 */
export function nativePlainNumbers(): Pick<
  NativeAddon,
  "scanPlainNumbers" | "plainStream" | "plainStreamFeed" | "plainStreamPart" | "plainStreamResult"
> | null {
  if (addon === null) return null;
  const a = addon;
  return {
    scanPlainNumbers: a.scanPlainNumbers.bind(a),
    plainStream: a.plainStream.bind(a),
    plainStreamFeed: a.plainStreamFeed.bind(a),
    plainStreamPart: a.plainStreamPart.bind(a),
    plainStreamResult: a.plainStreamResult.bind(a),
  };
}

/** A scan of a download in progress (native/fieldstream.cc), opaque to JavaScript. */
export type PlainStreamHandle = { readonly __plainStream: unique symbol };

/** The addon's registerCopyCast (src/engine/copy-casts.ts), or null when the addon is not in use. */
export function nativeCopyCastRegistrar(): NativeAddon["registerCopyCast"] | null {
  return addon === null ? null : addon.registerCopyCast.bind(addon);
}

/** Whether the native encoder loaded, and why not. */
export function nativeEncoderStatus(): {
  readonly loaded: boolean;
  readonly reason: string | null;
  /** False when vectors are copied out (DuckDB's C API not found, or the first-chunk check failed). */
  readonly inPlace: boolean;
} {
  return { loaded: addon !== null, reason: loadError, inPlace: inPlace !== false };
}

/** The raw kind and scale of a column of this DuckDB type id / printed type, or CELLS. */
export function nativeKindOf(typeId: number, typeName: string): [kind: number, scale: number] {
  switch (typeId) {
    case TypeId.BOOLEAN:
      return [NativeKind.BOOLEAN, 0];
    case TypeId.TINYINT:
      return [NativeKind.I8, 0];
    case TypeId.SMALLINT:
      return [NativeKind.I16, 0];
    case TypeId.INTEGER:
      return [NativeKind.I32, 0];
    case TypeId.BIGINT:
      return [NativeKind.I64, 0];
    case TypeId.UTINYINT:
      return [NativeKind.U8, 0];
    case TypeId.USMALLINT:
      return [NativeKind.U16, 0];
    case TypeId.UINTEGER:
      return [NativeKind.U32, 0];
    case TypeId.UBIGINT:
      return [NativeKind.U64, 0];
    case TypeId.HUGEINT:
      return [NativeKind.I128, 0];
    case TypeId.UHUGEINT:
      return [NativeKind.U128, 0];
    case TypeId.DATE:
      return [NativeKind.DATE, 0];
    case TypeId.VARCHAR:
    case TypeId.BLOB:
      return [NativeKind.STRING, 0];
    case TypeId.DECIMAL: {
      const m = /^DECIMAL\((\d+),(\d+)\)$/.exec(typeName);
      if (m === null) return [NativeKind.CELLS, 0];
      const p = Number(m[1]);
      const kind = p <= 4 ? NativeKind.I16 : p <= 9 ? NativeKind.I32 : p <= 18 ? NativeKind.I64 : NativeKind.I128;
      return [kind, Number(m[2])];
    }
    default:
      return [NativeKind.CELLS, 0];
  }
}

/** Bytes per value of a raw kind inside DuckDB's vector. */
export const RAW_WIDTH = [0, 1, 1, 2, 4, 8, 1, 2, 4, 8, 16, 16, 4, 16];

/** Per-column inputs for one encode call; reused across chunks of one shape. */
export class NativeRowPlan {
  readonly desc: Int32Array;
  readonly data: unknown[];
  readonly masks: unknown[];
  readonly offsets: unknown[];
  private readonly io = new Int32Array(2);
  /** Bytes per row seen so far, to size the buffer before a chunk (starts at a guess). */
  private rowBytes = 256;

  constructor(readonly columnCount: number) {
    this.desc = new Int32Array(2 * columnCount);
    this.data = new Array(columnCount).fill(null);
    this.masks = new Array(columnCount).fill(null);
    this.offsets = new Array(columnCount).fill(null);
  }

  /** The DuckDB data chunk raw columns are read from in place (when the addon can). */
  private chunk: duckdb.DataChunk | null = null;

  /** Rows come from this DuckDB data chunk. */
  setChunk(chunk: duckdb.DataChunk): void {
    this.chunk = chunk;
  }

  /** Column c is read raw from the chunk's vector, of `kind` (text format). */
  setRaw(c: number, kind: number, scale: number): void {
    this.desc[2 * c] = kind;
    this.desc[2 * c + 1] = scale;
    this.data[c] = null;
    this.masks[c] = null;
    this.offsets[c] = null;
  }

  private hasRaw(): boolean {
    for (let c = 0; c < this.columnCount; c++) if (this.desc[2 * c] !== NativeKind.CELLS) return true;
    return false;
  }

  /** Copies the raw columns' vectors out (vector_get_data): when DuckDB's C API is not at hand. */
  private copyRaw(rowCount: number): void {
    const chunk = this.chunk as duckdb.DataChunk;
    for (let c = 0; c < this.columnCount; c++) {
      const kind = this.desc[2 * c]!;
      if (kind === NativeKind.CELLS || rowCount === 0) continue;
      const vector = duckdb.data_chunk_get_vector(chunk, c);
      this.data[c] = duckdb.vector_get_data(vector, rowCount * RAW_WIDTH[kind]!);
      this.masks[c] = duckdb.vector_get_validity(vector, Math.ceil(rowCount / 64) * 8) ?? null;
    }
  }

  /**
   * The first chunk of the process is encoded both in place and from copies; in-place reading is
   * used from then on only when the two agree (a guard against a bindings upgrade that changes
   * what a chunk handle holds).
   */
  private checkInPlace(start: number, end: number, rowCount: number): boolean {
    const native = addon as NativeAddon;
    const size = (end - start) * (7 + 52 * this.columnCount) + (1 << 16);
    const a = new Uint8Array(size);
    const b = new Uint8Array(size);
    const ioA = new Int32Array([0, start]);
    const ioB = new Int32Array([0, start]);
    native.encode(this.desc, this.data, this.masks, this.offsets, end, a, ioA, this.chunk);
    const saved = [this.data.slice(), this.masks.slice()];
    this.copyRaw(rowCount);
    native.encode(this.desc, this.data, this.masks, this.offsets, end, b, ioB);
    this.data.splice(0, this.columnCount, ...saved[0]!);
    this.masks.splice(0, this.columnCount, ...saved[1]!);
    const same = ioA[1] === ioB[1] && ioA[0] === ioB[0] && a.subarray(0, ioA[0]).every((v, i) => v === b[i]);
    if (!same)
      process.emitWarning("native DataRow encoder: reading DuckDB vectors in place disagrees with copies; copying");
    return same;
  }

  /** Column c is given as cells already encoded. */
  setCells(c: number, cv: CellVector): void {
    this.desc[2 * c] = NativeKind.CELLS;
    this.desc[2 * c + 1] = 0;
    this.data[c] = cv.bytes;
    this.masks[c] = cv.nulls;
    this.offsets[c] = cv.offsets;
  }

  /** Writes DataRows for rows [start, end) into sink. Needs the addon (nativeEncoder() non-null). */
  encode(start: number, end: number, rowCount: number, sink: ByteSink): void {
    const io = this.io;
    const native = addon as NativeAddon;
    // The check needs a chunk with raw columns and rows; until one comes, nothing is read raw.
    if (inPlace === null && end > start && this.hasRaw()) inPlace = this.checkInPlace(start, end, rowCount);
    if (inPlace === false) this.copyRaw(rowCount);
    const chunk = inPlace === true ? this.chunk : null;
    sink.ensure((end - start) * this.rowBytes + 1024);
    let written = 0;
    io[0] = sink.pos;
    io[1] = start;
    for (;;) {
      native.encode(this.desc, this.data, this.masks, this.offsets, end, sink.buf, io, chunk);
      written += io[0]! - sink.pos;
      sink.pos = io[0]!;
      if (io[1]! >= end) break;
      // A row did not fit: grow (a new slab keeps the bytes written so far) and go on.
      sink.ensure(2 * (sink.buf.length - sink.pos) + 65536);
      io[0] = sink.pos;
    }
    this.data.fill(null);
    this.masks.fill(null);
    this.offsets.fill(null);
    this.chunk = null;
    if (end > start) this.rowBytes = Math.ceil((written / (end - start)) * 1.1);
  }
}

let lastPlan: NativeRowPlan | null = null;

/** A plan for chunks of `columnCount` columns (one is kept: encoding is synchronous), or null without the addon. */
export function nativeRowPlan(columnCount: number): NativeRowPlan | null {
  if (addon === null) return null;
  if (lastPlan === null || lastPlan.columnCount !== columnCount) lastPlan = new NativeRowPlan(columnCount);
  return lastPlan;
}
