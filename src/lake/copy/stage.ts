// src/lake/copy/stage.ts
//! Reading COPY sources into a staging table with DuckDB: every field as VARCHAR (or, for Parquet,
//! as stored), with the file, the line number and the raw line for stl_load_errors. Pipe-delimited
//! text and FIXEDWIDTH are read a line at a time (read_csv with one column, WITH ORDINALITY) and
//! split in SQL, which gives exact line numbers and Redshift's ESCAPE rules; CSV uses read_csv's own
//! parser (quoted delimiters, embedded newlines); JSON is read as objects and picked apart by path;
//! Parquet columns map by position. Lines DuckDB rejects (invalid UTF-8, wrong field count in CSV)
//! come back from its rejects table.

import type { BoundCopy } from "../../plan/bound/copy.js";
import { LakeError } from "../errors.js";
import { ident, str } from "./sql.js";
import type { SourceFile } from "./source.js";

/** A source file with the local path DuckDB reads. */
export interface LocalSource extends SourceFile {
  readonly path: string;
  /** The file at `path` is not compressed, whatever the COPY says (rewritten: endings.ts). */
  readonly plain?: boolean;
  /** The file at `path` holds each bare CR of the source as CR_MARK (endings.ts), which its readers turn back. */
  readonly bareCr?: boolean;
}

/**
 * What a bare CR (data to COPY, a line end to DuckDB's reader) is written as in a rewritten file
 * (endings.ts): a Unicode noncharacter, which no text is meant to hold (one that does, and has a
 * bare CR too, is refused).
 */
export const CR_MARK = "\ufdd0";

/** The text `x` of a field or line read from `f`, with its marked CRs turned back. */
export function unmarked(f: LocalSource, x: string): string {
  return f.bareCr ? `replace(${x}, ${str(CR_MARK)}, chr(13))` : x;
}

/** A 4-byte delimiter no text line holds, so read_csv returns each line as one field. */
export const LINE_DELIM = "\u001f\u001e\u001d\u001c";
/** read_csv's null string when COPY gives none: one no field equals. */
export const NO_NULL = "\u001fls-no-null\u001f";

export interface StageNames {
  readonly lines: string;
  readonly stage: string;
  readonly rejects: string;
  readonly scans: string;
}

export function stageNames(n: number): StageNames {
  return {
    lines: ident(`__ls_copy_lines_${n}`),
    stage: ident(`__ls_copy_stage_${n}`),
    rejects: `__ls_copy_rej_${n}`,
    scans: `__ls_copy_scan_${n}`,
  };
}

export function compression(b: BoundCopy): string {
  switch (b.compression) {
    case undefined:
    case "bzip2": // inflated beforehand (decompress.ts)
    case "lzop":
      return "none";
    case "gzip":
      return "gzip";
    case "zstd":
      return "zstd";
    default:
      throw new LakeError(`${String(b.compression).toUpperCase()} compression is not supported`);
  }
}

/** The compression read_csv reads one source file with. */
export function fileCompression(b: BoundCopy, f: LocalSource): string {
  return f.plain ? "none" : compression(b);
}

function rejectsArgs(names: StageNames): string {
  return `store_rejects=true, rejects_table=${str(names.rejects)}, rejects_scan=${str(names.scans)}`;
}

/** read_csv returning each line of a file as one field `l` (NULL for an empty line). */
export function lineReaderSql(path: string, compressed: string, names?: StageNames): string {
  return `read_csv(${str(path)}, columns={'l': 'VARCHAR'}, delim=${str(LINE_DELIM)}, header=false, quote='', escape='', strict_mode=false, auto_detect=false, compression=${str(compressed)}${names ? `, ${rejectsArgs(names)}` : ""})`;
}

/** One row per line: (file, line, raw). */
export function readLinesSql(b: BoundCopy, files: readonly LocalSource[], names: StageNames): string {
  const parts = files.map(
    (f) =>
      `SELECT ${str(f.url)} AS file, CAST(ordinality AS BIGINT) AS line, ${unmarked(f, "coalesce(l, '')")} AS raw FROM ${lineReaderSql(f.path, fileCompression(b, f), names)} WITH ORDINALITY`,
  );
  return `CREATE TEMP TABLE ${names.lines} AS ${parts.join(" UNION ALL ")}`;
}

/** Can read_csv's own parser read this format (delimited text without ESCAPE/REMOVEQUOTES, or CSV)? */
export function nativeReadable(b: BoundCopy): boolean {
  const o = b.options;
  return (
    b.format.kind === "csv" ||
    (b.format.kind === "delimited" && !o.escape && !o.removeQuotes && o.acceptInvChars === undefined)
  );
}

/**
 * read_csv over one file with COPY's CSV or text options, every field as VARCHAR (f1..fn) unless
 * `types` gives a field another type; strict, so a malformed line fails unless `names` collects rejects.
 */
export function readerSql(
  b: BoundCopy,
  f: LocalSource,
  names?: StageNames,
  types?: readonly (string | undefined)[],
): string {
  const csv = b.format.kind === "csv";
  if (b.format.kind !== "csv" && b.format.kind !== "delimited") throw new Error("readerSql: not CSV or text");
  const cols = `{${b.columns.map((_c, i) => `'f${i + 1}': ${str(types?.[i] ?? "VARCHAR")}`).join(", ")}}`;
  const quote = csv && b.format.kind === "csv" ? (b.format.quote ?? '"') : "";
  const delim = b.format.delimiter ?? (csv ? "," : "|");
  const nullstr = b.options.nullAs ?? NO_NULL;
  return `read_csv(${str(f.path)}, columns=${cols}, delim=${str(delim)}, quote=${str(quote)}, escape=${str(quote)}, header=false, skip=${b.options.ignoreHeader}, nullstr=${str(nullstr)}, allow_quoted_nulls=false, auto_detect=false, null_padding=${b.options.fillRecord}, strict_mode=true, compression=${str(fileCompression(b, f))}${names ? `, ${rejectsArgs(names)}` : ""})`;
}

/** CSV, or plain delimited text, with read_csv's parser: a SELECT of (file, line, raw, serr, f1..fn); raw is rebuilt from the fields for error rows only. */
export function readNativeSql(b: BoundCopy, files: readonly LocalSource[], names: StageNames): string {
  const parts = files.map((f) => {
    const fields = b.columns.map((_c, i) => `${unmarked(f, `f${i + 1}`)} AS f${i + 1}`);
    return `SELECT ${str(f.url)} AS file, CAST(ordinality AS BIGINT) + ${b.options.ignoreHeader} AS line, CAST(NULL AS VARCHAR) AS raw, CAST(NULL AS INTEGER) AS serr, ${fields.join(", ")} FROM ${readerSql(b, f, names)} WITH ORDINALITY`;
  });
  return parts.join(" UNION ALL ");
}

/** The stage (file, line, raw, serr, f1..fn) from the lines table, for delimited text and FIXEDWIDTH. */
export function splitLinesSql(b: BoundCopy, names: StageNames): string[] {
  const n = b.columns.length;
  const o = b.options;
  const keep = [`line > ${o.ignoreHeader}`];
  if (o.ignoreBlankLines) keep.push("coalesce(raw, '') <> ''");
  const where = `WHERE ${keep.join(" AND ")}`;
  const nullAs = o.nullAs;
  const isNull = (x: string) => (nullAs === undefined ? "false" : `${x} = ${str(nullAs)}`);
  if (b.format.kind === "fixedwidth") {
    const total = b.format.spec.reduce((a, s) => a + s.width, 0);
    let at = 1;
    const fields = b.format.spec.map((s, i) => {
      const x = `substr(coalesce(raw, ''), ${at}, ${s.width})`;
      at += s.width;
      return `CASE WHEN ${isNull(`trim(${x})`)} THEN NULL ELSE ${x} END AS f${i + 1}`;
    });
    const serr = o.fillRecord
      ? "CAST(NULL AS INTEGER)"
      : `CASE WHEN length(coalesce(raw, '')) < ${total} THEN 1214 END`;
    return [
      `CREATE TEMP TABLE ${names.stage} AS SELECT file, line, raw, ${serr} AS serr, ${fields.join(", ")} FROM ${names.lines} ${where}`,
    ];
  }
  if (b.format.kind !== "delimited") throw new Error("splitLinesSql: not a line format");
  const d = b.format.delimiter ?? "|";
  // ESCAPE: '\\' and '\<delimiter>' are protected with private-use characters before the split.
  const BS = "\ue000";
  const DL = "\ue001";
  const protectedRaw = o.escape
    ? `replace(replace(coalesce(raw, ''), '\\\\', ${str(BS)}), ${str(`\\${d}`)}, ${str(DL)})`
    : "coalesce(raw, '')";
  const unescaped = (x: string) =>
    o.escape
      ? `replace(replace(regexp_replace(${x}, '\\\\(.)', '\\1', 'g'), ${str(DL)}, ${str(d)}), ${str(BS)}, '\\')`
      : x;
  const unquote = (x: string) => (o.removeQuotes ? `regexp_replace(${x}, '^"(.*)"$', '\\1', 's')` : x);
  const fields = Array.from({ length: n }, (_v, i) => {
    const x = `fl[${i + 1}]`;
    return `CASE WHEN ${x} IS NULL OR ${isNull(x)} THEN NULL ELSE ${unquote(unescaped(x))} END AS f${i + 1}`;
  });
  const tooFew = o.fillRecord ? "" : ` WHEN len(fl) < ${n} THEN 1214`;
  const serr = `CASE WHEN len(fl) > ${n} THEN 1202${tooFew} END`;
  return [
    `CREATE TEMP TABLE ${names.stage} AS SELECT file, line, raw, ${serr} AS serr, ${fields.join(", ")} FROM (SELECT file, line, raw, string_split(${protectedRaw}, ${str(d)}) AS fl FROM ${names.lines} ${where})`,
  ];
}

/**
 * Parquet: columns by position, typed as stored. `columns` are the file's column names; for each
 * column i in `flagged` (1-based) there is se<i>, the load error code `flag` gives for the file
 * (SQL of the column's value `value`).
 */
export function readParquetSql(
  files: readonly LocalSource[],
  names: StageNames,
  columns: readonly string[],
  flagged: readonly number[] = [],
  flag: (f: LocalSource, i: number, value: string) => string = () => "CAST(NULL AS INTEGER)",
): string {
  const fields = columns.map((c, i) => `${ident(c)} AS f${i + 1}`);
  const parts = files.map((f) => {
    const codes = flagged.map((i) => `, ${flag(f, i, ident(columns[i - 1] ?? ""))} AS se${i}`).join("");
    return `SELECT ${str(f.url)} AS file, CAST(ordinality AS BIGINT) AS line, CAST(NULL AS VARCHAR) AS raw, CAST(NULL AS INTEGER) AS serr, ${fields.join(", ")}${codes} FROM read_parquet(${str(f.path)}) WITH ORDINALITY`;
  });
  return `CREATE TEMP TABLE ${names.stage} AS ${parts.join(" UNION ALL ")}`;
}
