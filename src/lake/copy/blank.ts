// src/lake/copy/blank.ts
//! Blank lines in delimited text and CSV. DuckDB's CSV reader skips them silently; Redshift does
//! so only with IGNOREBLANKLINES. Without it a blank line is a record with one empty field: a
//! load error 1214 ("Delimiter not found") when the COPY loads more than one column (unless
//! FILLRECORD fills the rest with NULL), a row otherwise. So each file is scanned for blank lines
//! (streamed, one buffer at a time: a search for "\n\n" first, and line by line only where one is
//! found), and the lines the reader skipped are accounted for in the line numbers, too.
//! https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html#copy-ignoreblanklines

import { nativeTextScan } from "../../engine/index.js";
import type { BoundCopy, CopyFieldSql } from "../../plan/bound/copy.js";
import { LakeError } from "../errors.js";
import { fileBytes } from "./bytes.js";
import { convert } from "./convert.js";
import { EndingWatch, watched } from "./endings.js";
import type { PlainScans } from "./plain.js";
import type { CopyConnection, Reject } from "./rejects.js";
import { str } from "./sql.js";
import { type LocalSource, lineReaderSql } from "./stage.js";

const LF = 0x0a;
const CR = 0x0d;

/** Does the stream hold an empty line ("\n\n", "\n\r\n", or one at the start)? Bounded memory. */
export async function mayHaveBlankLines(src: AsyncIterable<Buffer>): Promise<boolean> {
  let tail = Buffer.from([LF]); // the start of the file counts as after a line end
  for await (const chunk of src) {
    const edge = Buffer.concat([tail, chunk.subarray(0, 2)]);
    if (edge.indexOf("\n\n") >= 0 || edge.indexOf("\n\r\n") >= 0) return true;
    // A chunk without CR (a Unix file) needs no search for "\n\r\n": memchr for CR costs less.
    if (chunk.indexOf("\n\n") >= 0 || (chunk.indexOf(CR) >= 0 && chunk.indexOf("\n\r\n") >= 0)) return true;
    // The last two bytes seen (a chunk of one byte keeps one of the tail's).
    tail = Buffer.from(
      chunk.length >= 2 ? chunk.subarray(chunk.length - 2) : Buffer.concat([tail, chunk]).subarray(-2),
    );
  }
  return false;
}

/** The 1-based numbers of the blank lines, outside quotes for CSV (`quote`: its byte). */
async function blankLineNumbers(src: AsyncIterable<Buffer>, quote: number | undefined): Promise<number[]> {
  const out: number[] = [];
  let line = 1;
  let lineEmpty = true;
  let quoted = false;
  for await (const chunk of src) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as number;
      if (quote !== undefined && c === quote) quoted = !quoted;
      if (c === LF) {
        if (!quoted) {
          if (lineEmpty) out.push(line);
          lineEmpty = true;
        }
        line++;
      } else if (c !== CR && !quoted) {
        lineEmpty = false;
      }
    }
  }
  return out;
}

/**
 * The blank lines of a zstd file, read line by line by DuckDB: for CSV, only those with an even
 * number of quotes before them (outside a quoted field), counted only when there is an empty line at all.
 */
async function zstdBlankLines(conn: CopyConnection, f: LocalSource, quote: number | undefined): Promise<number[]> {
  const reader = `${lineReaderSql(f.path, "zstd")} WITH ORDINALITY`;
  const empty = "(l IS NULL OR l = '\r')";
  let r = await conn.all(`SELECT ordinality FROM ${reader} WHERE ${empty}`);
  if (r.rows.length > 0 && quote !== undefined) {
    const q = str(String.fromCharCode(quote));
    const quotes = `coalesce(length(l) - length(replace(l, ${q}, '')), 0)`;
    r = await conn.all(
      `SELECT n FROM (SELECT ordinality AS n, l, sum(${quotes}) OVER (ORDER BY ordinality ROWS UNBOUNDED PRECEDING) AS q FROM ${reader}) WHERE ${empty} AND q % 2 = 0 ORDER BY n`,
    );
  }
  return r.rows.map((row) => Number(row[0]));
}

/**
 * The blank lines of a source file read by the CSV reader (after IGNOREHEADER's lines), and
 * whether its lines end both in CR LF and in LF, seen on the way (undefined: not looked at). zstd
 * files, which Node cannot inflate, are read line by line by DuckDB instead.
 */
export async function blankLines(
  conn: CopyConnection,
  b: BoundCopy,
  f: LocalSource,
  scans?: PlainScans,
): Promise<{ lines: number[]; mixed?: boolean; bareCr?: boolean }> {
  const quote = b.format.kind === "csv" ? (b.format.quote ?? '"').charCodeAt(0) : undefined;
  const after = (lines: number[]) => lines.filter((l) => l > b.options.ignoreHeader);
  if (b.compression === "zstd" && !f.plain) return { lines: after(await zstdBlankLines(conn, f, quote)) };
  const gzip = b.compression === "gzip" && !f.plain;
  try {
    // A plain file gets its first look from a native scan (empty lines and both endings at once):
    // the scan for plain numbers where it read the whole file, else the text scan.
    const native = gzip ? null : nativeTextScan();
    if (native) {
      const seen = (await scans?.of(f))?.lines ?? (await native.scanText(f.path));
      if (!seen.blank) {
        const mixed = seen.crlf && seen.bareLf;
        return seen.bareCr === undefined ? { lines: [], mixed } : { lines: [], mixed, bareCr: seen.bareCr };
      }
    }
    // The pass that reads the whole file watches its endings: the first when it finds no blank line.
    const first = new EndingWatch();
    if (!native && !(await mayHaveBlankLines(watched(fileBytes(f.path, gzip), first)))) {
      return { lines: [], mixed: first.mixed, bareCr: first.bareCr };
    }
    const whole = new EndingWatch();
    const lines = await blankLineNumbers(watched(fileBytes(f.path, gzip), whole), quote);
    return { lines: after(lines), mixed: whole.mixed, bareCr: whole.bareCr };
  } catch (e) {
    throw new LakeError(`reading ${f.url} failed: ${(e as Error).message}`);
  }
}

/** Does a blank line make a load error (more than one column, no FILLRECORD), rather than a row? */
export function blankLineIsError(b: BoundCopy): boolean {
  return b.columns.length > 1 && !b.options.fillRecord;
}

/** Blank lines as the reader's skipped lines: for renumbering, and as load errors. */
export function blankRejects(blanks: ReadonlyMap<string, readonly number[]>): Reject[] {
  const out: Reject[] = [];
  for (const [file, lines] of blanks)
    for (const line of lines) out.push({ file, line, rawLine: "", errorType: "BLANK" });
  return out;
}

/** Loads blank lines as rows (one empty field, the rest NULL): through the conversion into `convTable`. */
export async function loadBlankRows(
  conn: CopyConnection,
  b: BoundCopy,
  fields: readonly CopyFieldSql[],
  blanks: readonly Reject[],
  convTable: string,
): Promise<void> {
  const extra = `"${convTable.slice(1, -1)}_blank"`;
  const names = b.columns.map((_c, i) => `f${i + 1}`);
  for (let at = 0; at < blanks.length; at += 1000) {
    const values = blanks
      .slice(at, at + 1000)
      .map((r) => `(${str(r.file)}, ${r.line}, ${names.map((_n, i) => (i === 0 ? "''" : "NULL")).join(", ")})`);
    const source = `(SELECT file, line, CAST('' AS VARCHAR) AS raw, CAST(NULL AS INTEGER) AS serr, ${names.map((n) => `CAST(${n} AS VARCHAR) AS ${n}`).join(", ")} FROM (VALUES ${values.join(", ")}) t(file, line, ${names.join(", ")}))`;
    await convert(conn, b, fields, source, extra);
    await conn.run(`INSERT INTO ${convTable} SELECT * FROM ${extra}`);
    await conn.run(`DROP TABLE ${extra}`);
  }
}

/** What one read of every source file found. */
export interface TextScan {
  /** The blank lines of each file that has any, by URL. */
  readonly blanks: ReadonlyMap<string, readonly number[]>;
  /** The URLs of the files whose lines end both in CR LF and in LF; undefined where not looked at (zstd). */
  readonly mixed?: ReadonlySet<string>;
  /** Whether a file holds a bare CR, by URL, for the files the scan looked for one in. */
  readonly bareCr: ReadonlyMap<string, boolean>;
}

/** The blank lines of each file (one file at a time), and which mix line endings. */
export async function blankLinesByFile(
  conn: CopyConnection,
  b: BoundCopy,
  files: readonly LocalSource[],
  scans?: PlainScans,
): Promise<TextScan> {
  const blanks = new Map<string, number[]>();
  const mixed = new Set<string>();
  const bareCr = new Map<string, boolean>();
  let looked = true;
  for (const f of files) {
    const r = await blankLines(conn, b, f, scans);
    if (r.lines.length > 0) blanks.set(f.url, r.lines);
    if (r.mixed === undefined) looked = false;
    else if (r.mixed) mixed.add(f.url);
    if (r.bareCr !== undefined) bareCr.set(f.url, r.bareCr);
  }
  return looked ? { blanks, mixed, bareCr } : { blanks, bareCr };
}
