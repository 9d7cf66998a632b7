// src/lake/copy/avro.ts
//! COPY ... FORMAT AS AVRO 'auto' | 'auto ignorecase' | 's3://jsonpaths': Avro object container
//! files (null, deflate or snappy codec) are decoded with avsc as a stream, block by block, never whole,
//! into a staged NDJSON file per source (written in ~1 MiB batches), which DuckDB's read_json
//! reads with the staging types avro-types.ts derives from the writer's schema. 'auto' maps the
//! top-level fields to columns by name (exactly; 'auto ignorecase' ignoring case); a jsonpaths
//! file picks each column's value by path ($.a.b, $['a'], $.list[0]). Columns no field maps to
//! load NULL. A file that is not Avro, is damaged or truncated fails the COPY naming the file.
//! https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html#copy-avro

import { randomBytes } from "node:crypto";
import { closeSync, createWriteStream, openSync, readSync } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { crc32, inflateRaw } from "node:zlib";
import type { BoundCopy } from "../../plan/bound/copy.js";
import { LakeError } from "../errors.js";
import {
  type AvroSchema,
  collectNamed,
  kindOf,
  type Named,
  resolve,
  type Stager,
  stagerFor,
  unwrap,
} from "./avro-types.js";
import type { CopyConnection } from "./rejects.js";
import { snappyUncompress } from "./snappy.js";
import { ident, str } from "./sql.js";
import type { LocalSource, StageNames } from "./stage.js";

interface AvscType {
  readonly typeName: string;
}
interface Avsc {
  extractFileHeader(path: string, opts: { decode: boolean }): { meta: Record<string, Buffer> } | null;
  createFileDecoder(
    path: string,
    opts: { parseHook: (schema: unknown) => AvscType; codecs?: Record<string, AvroCodec> },
  ): Readable;
  Type: { forSchema(schema: unknown, opts: Record<string, unknown>): AvscType };
  types: { LongType: { __with(methods: Record<string, unknown>): AvscType } };
}

/** avsc's codec shape: a block's stored bytes to its data, through a callback. */
type AvroCodec = (buf: Buffer, cb: (err: Error | null, data?: Buffer) => void) => void;

const avsc = createRequire(import.meta.url)("avsc") as Avsc;

/**
 * Avro's snappy codec: each block is raw snappy data followed by the big-endian CRC-32 of the
 * uncompressed bytes, checked. avsc has deflate built in; snappy is ours (snappy.ts).
 */
const AVRO_CODECS: Record<string, AvroCodec> = {
  null: (buf, cb) => cb(null, buf),
  deflate: (buf, cb) => inflateRaw(buf, cb),
  snappy: (buf, cb) => {
    try {
      if (buf.length < 4) throw new Error("snappy block shorter than its checksum");
      const data = snappyUncompress(buf.subarray(0, buf.length - 4));
      if (crc32(data) !== buf.readUInt32BE(buf.length - 4)) throw new Error("snappy block checksum mismatch");
      cb(null, data);
    } catch (e) {
      cb(e as Error);
    }
  },
};

/** Longs as bigint: Avro longs beyond 2^53 load exactly. */
const BIG_LONG = avsc.types.LongType.__with({
  fromBuffer: (b: Buffer) => b.readBigInt64LE(),
  toBuffer: (n: bigint) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(BigInt(n));
    return b;
  },
  fromJSON: (x: unknown) => BigInt(x as number),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === "bigint",
  compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
});

/** avsc's type for a writer's schema: unions wrapped (the branch is known), longs as bigint. */
export function avroType(schema: unknown): AvscType {
  const isLong = (x: unknown) =>
    x === "long" || (typeof x === "object" && x !== null && (x as { type?: unknown }).type === "long");
  return avsc.Type.forSchema(schema, {
    wrapUnions: true,
    typeHook: (x: unknown) => (isLong(x) ? BIG_LONG : undefined),
  });
}

type Step = { readonly field: string } | { readonly index: number };

/** $.a.b / $['a']["b"] / $.a[0] → steps. */
export function parsePath(path: string): Step[] {
  const steps: Step[] = [];
  const re = /\.([^.[\]]+)|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[\s*(\d+)\s*\]/y;
  if (!path.startsWith("$")) throw new LakeError(`invalid JSONPath expression '${path}': it must start with $`);
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const at = re.lastIndex;
    const m = re.exec(path);
    if (!m) throw new LakeError(`invalid JSONPath expression '${path}' at position ${at + 1}`);
    if (m[4] !== undefined) steps.push({ index: Number(m[4]) });
    else steps.push({ field: m[1] ?? m[2] ?? m[3] ?? "" });
  }
  return steps;
}

/** One column's reader over decoded records: undefined when no field maps to it. */
interface ColumnReader {
  readonly stager: Stager;
  read(record: unknown): unknown;
}

const NULL_COLUMN: ColumnReader = { stager: { duck: "VARCHAR", json: () => "null" }, read: () => null };

function follow(schema: AvroSchema, steps: readonly Step[], named: Named): ColumnReader {
  // The schema at the end of the path, and how to take each step on a value.
  const walkers: ((v: unknown) => unknown)[] = [];
  let s = schema;
  for (const step of steps) {
    let r = resolve(s, named);
    if (kindOf(r) === "union") {
      const branches = r as AvroSchema[];
      const next = branches.find((b) => ["record", "error", "array", "map"].includes(kindOf(resolve(b, named))));
      if (!next) return NULL_COLUMN;
      walkers.push((v) => {
        const [b, inner] = unwrap(branches, v, named);
        return b === next ? inner : null;
      });
      r = resolve(next, named);
    }
    const kind = kindOf(r);
    if ("field" in step && (kind === "record" || kind === "error")) {
      const f = ((r as { fields?: { name: string; type: AvroSchema }[] }).fields ?? []).find(
        (x) => x.name === step.field,
      );
      if (!f) return NULL_COLUMN;
      walkers.push((v) => (v as Record<string, unknown>)[f.name]);
      s = f.type;
    } else if ("field" in step && kind === "map") {
      walkers.push((v) => (v as Record<string, unknown>)[step.field] ?? null);
      s = (r as unknown as { values: AvroSchema }).values;
    } else if ("index" in step && kind === "array") {
      walkers.push((v) => (v as unknown[])[step.index] ?? null);
      s = (r as unknown as { items: AvroSchema }).items;
    } else return NULL_COLUMN;
  }
  return {
    stager: stagerFor(s, named),
    read: (rec) => {
      let v = rec;
      for (const w of walkers) {
        if (v === null || v === undefined) return null;
        v = w(v);
      }
      return v;
    },
  };
}

/** The readers of a file's columns, from its writer's schema. */
function columnReaders(b: BoundCopy, schema: AvroSchema, paths: readonly string[] | undefined): ColumnReader[] {
  const named = collectNamed(schema, new Map());
  const top = resolve(schema, named);
  const fields = kindOf(top) === "record" ? ((top as { fields?: { name: string }[] }).fields ?? []) : [];
  const ignoreCase = b.format.kind === "avro" && b.format.paths === "auto ignorecase";
  return b.columns.map((c, i) => {
    if (paths) return follow(schema, parsePath(paths[i] ?? "$"), named);
    const f = fields.find((x) => (ignoreCase ? x.name.toLowerCase() === c.name.toLowerCase() : x.name === c.name));
    return f ? follow(schema, [{ field: f.name }], named) : NULL_COLUMN;
  });
}

function headerSchema(f: LocalSource): AvroSchema {
  let header: { meta: Record<string, Buffer> } | null;
  try {
    header = avsc.extractFileHeader(f.path, { decode: false });
  } catch (e) {
    throw new LakeError(`Invalid Avro file ${f.url}: ${(e as Error).message}`);
  }
  const text = header?.meta["avro.schema"];
  if (!text) throw new LakeError(`Invalid Avro file ${f.url}: not an Avro object container file`);
  try {
    return JSON.parse(text.toString("utf8")) as AvroSchema;
  } catch {
    throw new LakeError(`Invalid Avro file ${f.url}: its schema is not valid JSON`);
  }
}

const BATCH_BYTES = 1 << 20;

/** Bytes of a zig-zag varint (Avro's long). */
function varintLength(n: number): number {
  let z = n >= 0 ? 2 * n : -2 * n - 1;
  let len = 1;
  while (z >= 128) {
    z = Math.floor(z / 128);
    len++;
  }
  return len;
}

const HEADER = avsc.Type.forSchema(
  {
    type: "record",
    name: "Header",
    fields: [
      { name: "magic", type: { type: "fixed", name: "Magic", size: 4 } },
      { name: "meta", type: { type: "map", values: "bytes" } },
      { name: "sync", type: { type: "fixed", name: "Sync", size: 16 } },
    ],
  },
  {},
) as AvscType & { decode(b: Buffer, pos: number): { offset: number } };

/** Bytes of a container file's header (magic, metadata, sync marker). */
function headerLength(f: LocalSource): number {
  for (let size = 4096; ; size *= 4) {
    const fd = openSync(f.path, "r");
    try {
      const buf = Buffer.alloc(size);
      const n = readSync(fd, buf, 0, size, 0);
      const { offset } = HEADER.decode(buf.subarray(0, n), 0);
      if (offset >= 0) return offset;
      if (n < size) throw new LakeError(`Invalid Avro file ${f.url}: truncated header`);
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * Decodes one container file into NDJSON lines {"l":<record number>,"c1":...}. A value that is no
 * Redshift value of its type (a date or timestamp out of range) is written as its raw text with
 * its load error code beside it ("e1": 1206); returns the columns that have one.
 */
async function toNdjson(f: LocalSource, readers: readonly ColumnReader[], out: string): Promise<Set<number>> {
  const sink = createWriteStream(out);
  const decoder = avsc.createFileDecoder(f.path, { parseHook: avroType, codecs: AVRO_CODECS });
  // avsc stops quietly at a partial block: count the bytes of the blocks it read.
  let consumed = headerLength(f);
  decoder.on("block", (info: { valueCount: number; compressedDataLength: number }) => {
    consumed += varintLength(info.valueCount) + varintLength(info.compressedDataLength);
    consumed += info.compressedDataLength + 16;
  });
  let rows = 0;
  let batch = "";
  const unfitColumns = new Set<number>();
  try {
    for await (const rec of decoder) {
      rows++;
      let line = `{"l":${rows}`;
      for (let i = 0; i < readers.length; i++) {
        const r = readers[i] as ColumnReader;
        const v = r.read(rec);
        const raw = r.stager.unfit?.(v);
        if (raw === undefined) line += `,"c${i + 1}":${r.stager.json(v)}`;
        else {
          unfitColumns.add(i);
          line += `,"c${i + 1}":${JSON.stringify(raw)},"e${i + 1}":${r.stager.unfitCode ?? 1216}`;
        }
      }
      batch += `${line}}\n`;
      if (batch.length >= BATCH_BYTES) {
        if (!sink.write(batch)) await new Promise<void>((r) => sink.once("drain", () => r()));
        batch = "";
      }
    }
    sink.end(batch);
    await finished(sink);
    const size = (await stat(f.path)).size;
    if (consumed !== size) throw new Error(`truncated: ${size - consumed} bytes after the last complete block`);
  } catch (e) {
    sink.destroy();
    decoder.destroy();
    throw new LakeError(`Invalid Avro file ${f.url}: ${(e as Error)?.message ?? String(e)}`);
  }
  return unfitColumns;
}

/**
 * A column staged as text because a value did not fit its type: the values that do fit as the
 * typed column would give them (cast to the type and back), the others (with a code in `e`) as
 * their raw text, which the conversion records as that load error with the column and the value.
 */
function asTypedText(c: string, e: string, duck: string): string {
  return `CASE WHEN ${e} IS NULL THEN CAST(CAST(${c} AS ${duck}) AS VARCHAR) ELSE ${c} END`;
}

/**
 * Stages the Avro sources as (file, line, raw, serr, f1..fn) with typed fields, and se<i> (a load
 * error code) for each column i, 1-based, of the returned set: the columns with unfit values.
 *
 * An unfit value is a load error whatever its target column, a VARCHAR one too: Redshift's
 * documentation does not say how COPY reads Avro's logical types, and a date or timestamp it
 * cannot represent has no text it would give (in range, such a value loads into VARCHAR as the
 * text of the timestamp, '2024-01-02 03:04:05.678', not as the Avro number), so the raw number is
 * no more that value's text than any other: a 1205/1206 load error names it instead.
 */
export async function stageAvro(
  conn: CopyConnection,
  b: BoundCopy,
  files: readonly LocalSource[],
  names: StageNames,
  paths: readonly string[] | undefined,
  workDir: string,
): Promise<ReadonlySet<number>> {
  const perFile = files.map((f) => columnReaders(b, headerSchema(f), paths));
  const dir = join(workDir, "avro", randomBytes(8).toString("hex"));
  await mkdir(dir, { recursive: true });
  try {
    const unfit = new Set<number>();
    for (let k = 0; k < files.length; k++) {
      for (const i of await toNdjson(files[k] as LocalSource, perFile[k] as ColumnReader[], join(dir, `${k}.ndjson`))) {
        unfit.add(i);
      }
    }
    // One staging type per column: where files disagree, or a value does not fit, their text.
    const types = b.columns.map((_c, i) => {
      const ds = new Set(perFile.map((rs) => (rs[i] as ColumnReader).stager.duck));
      return ds.size === 1 && !unfit.has(i) ? ([...ds][0] as string) : "VARCHAR";
    });
    const flagged = [...unfit].sort((x, y) => x - y);
    const parts: string[] = [];
    for (let k = 0; k < files.length; k++) {
      const f = files[k] as LocalSource;
      const readers = perFile[k] as ColumnReader[];
      const out = join(dir, `${k}.ndjson`);
      const columns = [
        `'l': 'BIGINT'`,
        ...types.map((t, i) => `'c${i + 1}': ${str(t)}`),
        ...flagged.map((i) => `'e${i + 1}': 'INTEGER'`),
      ].join(", ");
      const fields = types.map((t, i) => {
        const stager = (readers[i] as ColumnReader).stager;
        const c = ident(`c${i + 1}`);
        if (unfit.has(i)) return `${asTypedText(c, ident(`e${i + 1}`), stager.duck)} AS f${i + 1}`;
        const post = t === stager.duck ? stager.post : undefined;
        return `${post ? post(c) : c} AS f${i + 1}`;
      });
      const codes = flagged.map((i) => `, e${i + 1} AS se${i + 1}`).join("");
      parts.push(
        `SELECT ${str(f.url)} AS file, l AS line, CAST(NULL AS VARCHAR) AS raw, CAST(NULL AS INTEGER) AS serr, ${fields.join(", ")}${codes} FROM read_json(${str(out)}, format='newline_delimited', columns={${columns}})`,
      );
    }
    if (parts.length === 0) {
      const none = types.map((t, i) => `CAST(NULL AS ${t}) AS f${i + 1}`);
      parts.push(
        `SELECT CAST(NULL AS VARCHAR) AS file, CAST(NULL AS BIGINT) AS line, CAST(NULL AS VARCHAR) AS raw, CAST(NULL AS INTEGER) AS serr${none.map((x) => `, ${x}`).join("")} WHERE false`,
      );
    }
    await conn.run(`CREATE TEMP TABLE ${names.stage} AS ${parts.join(" UNION ALL ")}`);
    return new Set(flagged.map((i) => i + 1));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
