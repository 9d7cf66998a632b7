// src/lake/copy/run.ts
//! runCopy: list the source, bring each object into the local read cache, stage it with DuckDB,
//! convert every field in SQL (the translator's conversions), route rows that fail to
//! stl_load_errors and, within MAXERROR, insert the rest, all in the caller's transaction (or a
//! transaction of its own in autocommit). Past MAXERROR the COPY fails and the table is unchanged.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html

import type { BoundCopy, CopyConverter } from "../../plan/bound/copy.js";
import type { Lake } from "../access.js";
import { LakeError } from "../errors.js";
import { conversionErrors, convert, fieldSql, fileFormat, perFile, reloadReplaced } from "./convert.js";
import { blankLineIsError, blankLinesByFile, blankRejects, loadBlankRows, type TextScan } from "./blank.js";
import { inflateToFile } from "./decompress.js";
import { mayBeSplitAtCr, refuseCrZstd, uniformEndings } from "./endings.js";
import { fastPathApplies, tryFastPath } from "./fast.js";
import { PlainScans } from "./plain.js";
import type { LoadCommitRow, LoadErrorRow, LoadIdentity, LoadLog } from "./load-log.js";
import { stageAvro } from "./avro.js";
import { type CopyConnection, renumber, rejectError, takeRejects } from "./rejects.js";
import { readJsonSql } from "./json.js";
import { listSource } from "./source.js";
import { ident, str } from "./sql.js";
import {
  type LocalSource,
  nativeReadable,
  readLinesSql,
  readNativeSql,
  readParquetSql,
  type StageNames,
  splitLinesSql,
  stageNames,
} from "./stage.js";
import { verifyGzip } from "./verify.js";

export type { CopyConnection } from "./rejects.js";

export interface CopyContext {
  readonly lake: Lake;
  /** The translator's field conversions (src/translate/duckdb/copy.ts: copyConverter). */
  readonly converter: CopyConverter;
  /** Who runs the COPY, for the load log. */
  readonly identity: LoadIdentity;
  /** Where stl_load_errors / stl_load_commits / sys_load_history rows go; none: not recorded. */
  readonly log?: LoadLog;
  /** The database user running the COPY: the IAM role must trust them. */
  readonly user?: string;
}

export interface CopyResult {
  /** Rows inserted (the command tag's 'COPY n'). */
  readonly rows: number;
  /** Rows rejected within MAXERROR. */
  readonly errors: number;
  readonly files: number;
}

/** Most error rows recorded for one COPY. */
const MAX_LOGGED_ERRORS = 1000;
const FETCH_CONCURRENCY = 8;
let counter = 0;
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function jsonPaths(b: BoundCopy, access: ReturnType<Lake["accessFor"]>): Promise<string[] | undefined> {
  if (b.format.kind !== "json" && b.format.kind !== "avro") return undefined;
  const p = b.format.paths;
  if (p === "auto" || p === "auto ignorecase") return undefined;
  if (p === "noshred" && b.format.kind === "json") throw new LakeError("JSON 'noshred' is not supported");
  const m = /^s3:\/\/([^/]+)\/(.+)$/i.exec(p);
  if (!m) throw new LakeError(`invalid JSONPaths file location '${p}'`);
  const ref = { bucket: m[1] ?? "", key: m[2] ?? "" };
  access.authorize("s3:GetObject", ref);
  let doc: unknown;
  try {
    doc = JSON.parse((await access.store.get(ref)).toString("utf8"));
  } catch (e) {
    if (e instanceof SyntaxError) throw new LakeError(`JSONPaths file ${p} is not valid JSON`);
    throw e;
  }
  const paths = (doc as { jsonpaths?: unknown }).jsonpaths;
  if (!Array.isArray(paths) || !paths.every((x) => typeof x === "string")) {
    throw new LakeError(`JSONPaths file ${p} has no "jsonpaths" list of strings`);
  }
  if (paths.length !== b.columns.length) {
    throw new LakeError(
      `Number of jsonpaths (${paths.length}) and the number of columns (${b.columns.length}) should match`,
    );
  }
  return paths as string[];
}

/** The first file's column names, and each file's column types (DuckDB's names), by path. */
async function parquetColumns(
  conn: CopyConnection,
  b: BoundCopy,
  files: readonly LocalSource[],
): Promise<{ names: string[]; types: Map<string, string[]> }> {
  let names: string[] | undefined;
  const types = new Map<string, string[]>();
  for (const f of files) {
    const r = await conn.all(`DESCRIBE SELECT * FROM read_parquet(${str(f.path)})`);
    const cols = r.rows.map((row) => String(row[0]));
    if (cols.length !== b.columns.length) {
      throw new LakeError(
        `incompatible Parquet schema in ${f.url}: the file has ${cols.length} columns, the COPY loads ${b.columns.length}`,
      );
    }
    names ??= cols;
    types.set(
      f.path,
      r.rows.map((row) => String(row[1])),
    );
  }
  return { names: names ?? [], types };
}

/**
 * Stages Parquet files; a column stored as a date or timestamp gets se<i>, the load error of a
 * value outside Redshift's range (as Avro's do), whatever the column it loads into.
 */
async function stageParquet(
  conn: CopyConnection,
  b: BoundCopy,
  converter: CopyConverter,
  files: readonly LocalSource[],
  names: StageNames,
): Promise<ReadonlySet<number>> {
  const cols = await parquetColumns(conn, b, files);
  const flag = (f: LocalSource, i: number, value: string) =>
    converter.rangeError(cols.types.get(f.path)?.[i - 1] ?? "", value);
  const dated = (i: number) => files.some((f) => flag(f, i, "x") !== undefined);
  const flagged = cols.names.map((_c, i) => i + 1).filter(dated);
  const code = (f: LocalSource, i: number, value: string) => flag(f, i, value) ?? "CAST(NULL AS INTEGER)";
  await conn.run(readParquetSql(files, names, cols.names, flagged, code));
  return new Set(flagged);
}

/**
 * DuckDB's reader gives up on a zstd file whose lines end partly in CR LF and partly in LF (Node
 * cannot inflate zstd to even the endings out, as it does for plain and gzip files): said so
 * plainly instead of the parser's state-machine message. Other errors pass as they are.
 */
function zstdReaderError(b: BoundCopy, files: readonly LocalSource[], e: unknown): unknown {
  if (b.compression !== "zstd" || !(e instanceof Error) || !/CSV Parser state machine/i.test(e.message)) return e;
  return new LakeError(
    `COPY cannot read the ZSTD file${files.length > 1 ? "s" : ""} ${files.map((f) => f.url).join(", ")}: DuckDB's reader takes one kind of line ending per zstd file, and a line that ends in CR LF among lines that end in LF (or the other way round) stops it`,
    {
      sqlstate: "22P04",
      detail: "Recompress the file with one kind of line ending, or load it uncompressed or as GZIP.",
    },
  );
}

/**
 * Stages the files (not for the native reader, which convert() reads directly); returns the
 * reader's rejects and the columns whose fields it gave load error codes (convert()'s `flagged`).
 */
async function stage(
  conn: CopyConnection,
  b: BoundCopy,
  converter: CopyConverter,
  access: ReturnType<Lake["accessFor"]>,
  files: readonly LocalSource[],
  names: StageNames,
  workDir: string,
): Promise<{ errors: LoadErrorRow[]; flagged?: ReadonlySet<number> }> {
  const errors: LoadErrorRow[] = [];
  switch (b.format.kind) {
    case "delimited":
    case "fixedwidth": {
      await conn.run(readLinesSql(b, files, names));
      const rejects = await takeRejects(conn, names, files);
      if (rejects.length > 0) {
        await renumber(conn, names.lines, rejects, 0);
        const replacement = b.options.acceptInvChars;
        for (const r of rejects) {
          if (r.errorType === "INVALID ENCODING" && replacement !== undefined) {
            const raw = replacement === "?" ? r.rawLine : r.rawLine.replaceAll("?", replacement);
            await conn.run(`INSERT INTO ${names.lines} VALUES (${str(r.file)}, ${r.line}, ${str(raw)})`);
          } else {
            errors.push(rejectError(r));
          }
        }
      }
      for (const sql of splitLinesSql(b, names)) await conn.run(sql);
      break;
    }
    case "json":
      await conn.run(readJsonSql(b, files, names, await jsonPaths(b, access)));
      break;
    case "parquet":
      return { errors, flagged: await stageParquet(conn, b, converter, files, names) };
    case "avro":
      return { errors, flagged: await stageAvro(conn, b, files, names, await jsonPaths(b, access), workDir) };
    default:
      throw new LakeError(`COPY FORMAT ${b.format.kind.toUpperCase()} is not supported`);
  }
  return { errors };
}

/**
 * Runs a bound COPY on `conn`. Inside a transaction block it works in that transaction (the caller
 * rolls back on error); in autocommit it opens and commits its own.
 */
export async function runCopy(conn: CopyConnection, b: BoundCopy, ctx: CopyContext): Promise<CopyResult> {
  const start = new Date();
  const access = ctx.lake.accessFor(b.access, b.options.region, ctx.user);
  const n = ++counter;
  const names = stageNames(n);
  const convTable = ident(`__ls_copy_conv_${n}`);
  const own = !conn.inTransaction;
  let errorsLogged: LoadErrorRow[] = [];
  let errorCount = 0;
  let commits: LoadCommitRow[] = [];
  let bytes = 0;
  let rows = 0;
  const table = `${b.target.schema}.${b.target.name}`;
  const summary = (status: "completed" | "failed", message?: string) => ({
    identity: ctx.identity,
    table,
    tableOid: b.target.oid,
    source: b.source.url,
    fileFormat: fileFormat(b),
    start,
    end: new Date(),
    status,
    loadedRows: rows,
    loadedBytes: bytes,
    errors: errorsLogged,
    errorCount,
    commits,
    ...(message !== undefined ? { errorMessage: message } : {}),
  });
  let began = false;
  try {
    const sources = await listSource(access, b.source.url, b.options.manifest);
    const fields = fieldSql(b, ctx.converter);
    // Plain delimited files are read once for plain number columns, empty lines and line endings:
    // an S3 object while it downloads.
    const scans = new PlainScans(b, fields);
    const files: LocalSource[] = await mapLimit(sources, FETCH_CONCURRENCY, async (s) => {
      const seen = access.store.kind === "s3" ? scans.observer() : undefined;
      const cached = await ctx.lake.cache.file(access.store, s.ref, s.info, access.scope, seen);
      if (seen) scans.adopt(cached.path, seen, cached.info.size);
      if (b.compression === "gzip") await verifyGzip(cached.path, s.url, cached.info.etag);
      const avroGzip = b.compression === "gzip" && b.format.kind === "avro"; // the Avro reader reads plain files
      if (b.compression === "bzip2" || b.compression === "lzop" || avroGzip) {
        return {
          ...s,
          path: await inflateToFile(b.compression, cached.path, s.url, cached.info.etag, ctx.lake.workDir),
        };
      }
      return { ...s, path: cached.path };
    });
    bytes = files.reduce((a, f) => a + f.info.size, 0);
    if (own) {
      await conn.run("BEGIN TRANSACTION");
      began = true;
    }
    await refuseCrZstd(conn, b, files);
    // Blank lines (DuckDB's CSV reader skips them) are looked for while the fast path runs.
    let scan: Promise<TextScan> | undefined;
    const blankScan = () => {
      scan ??= blankLinesByFile(conn, b, files, scans);
      return scan;
    };
    // Files with both CR LF and LF line endings, or with bare CRs, are read from rewritten copies
    // (looked for only when the fast path fails, or on the full path). Where read_csv reads the
    // files, the full path needs the blank-line scan anyway, and that read notes the endings too.
    let uniform: Promise<readonly LocalSource[]> | undefined;
    const uniformFiles = () => {
      uniform ??= (async () => {
        const scanned = nativeReadable(b) && b.compression !== "zstd" ? await blankScan() : undefined;
        return uniformEndings(b, files, ctx.lake.workDir, scanned);
      })();
      return uniform;
    };
    if (fastPathApplies(b, own)) {
      const lookForBlanks = !b.options.ignoreBlankLines;
      if (lookForBlanks && b.compression === "zstd") await blankScan(); // it needs the connection
      const scanning = lookForBlanks ? blankScan() : undefined;
      scanning?.catch(() => {});
      let fast = await tryFastPath(conn, b, fields, files, fileFormat(b), scans);
      if (!fast) {
        const rewritten = await uniformFiles();
        // Marked CRs are turned back by the full path's readers only.
        if (rewritten !== files && !rewritten.some((f) => f.bareCr)) {
          await conn.run("BEGIN TRANSACTION");
          fast = await tryFastPath(conn, b, fields, rewritten, fileFormat(b), scans);
        }
      }
      const scanned = scanning ? await scanning : undefined;
      const blanks = scanned?.blanks;
      // A file the reader split at bare CRs without complaint loads on the full path instead.
      if (fast && (blanks === undefined || blanks.size === 0) && !(await mayBeSplitAtCr(b, files, scanned))) {
        rows = fast.rows;
        commits = fast.commits;
        await conn.run("COMMIT");
        began = false;
        await ctx.log?.record(summary("completed"));
        return { rows, errors: 0, files: files.length };
      }
      // A bad row (rolled back already), a blank line or a bare CR: start again on the path that finds and records each one.
      if (fast) await conn.run("ROLLBACK");
      await conn.run("BEGIN TRANSACTION");
    }
    let readerErrors: LoadErrorRow[] = [];
    const readFiles = await uniformFiles();
    if (nativeReadable(b)) {
      // CSV and plain text: read_csv feeds the conversion directly (no staging copy), and the
      // lines it rejected or skipped (blank ones) are renumbered afterwards.
      await convert(conn, b, fields, `(${readNativeSql(b, readFiles, names)})`, convTable).catch((e: unknown) => {
        throw zstdReaderError(b, files, e);
      });
      const rejects = await takeRejects(conn, names, readFiles);
      const blanks = blankRejects((await blankScan()).blanks);
      if (rejects.length + blanks.length > 0) {
        await renumber(conn, convTable, [...rejects, ...blanks], b.options.ignoreHeader);
      }
      const replaced =
        b.options.acceptInvChars === undefined ? [] : rejects.filter((r) => r.errorType === "INVALID ENCODING");
      readerErrors = rejects.filter((r) => !replaced.includes(r)).map(rejectError);
      if (replaced.length > 0) {
        readerErrors.push(...(await reloadReplaced(conn, b, fields, replaced, names, convTable, ctx.lake.workDir)));
      }
      if (!b.options.ignoreBlankLines && blanks.length > 0) {
        if (blankLineIsError(b)) readerErrors.push(...blanks.map(rejectError));
        else await loadBlankRows(conn, b, fields, blanks, convTable);
      }
    } else {
      const staged = await stage(conn, b, ctx.converter, access, readFiles, names, ctx.lake.workDir);
      readerErrors = staged.errors;
      await convert(conn, b, fields, names.stage, convTable, staged.flagged);
    }
    const limit = Math.min(MAX_LOGGED_ERRORS, b.options.maxError + 1);
    const conv = await conversionErrors(conn, b, convTable, Math.max(0, limit - readerErrors.length));
    errorCount = readerErrors.length + conv.count;
    errorsLogged = [...readerErrors, ...conv.rows].slice(0, limit);
    if (errorCount > b.options.maxError) {
      const first = errorsLogged[0];
      throw new LakeError(
        `Load into table '${b.target.name}' failed.  Check 'stl_load_errors' system table for details.`,
        {
          ...(first
            ? {
                detail: `${first.errReason} (line ${first.lineNumber} of ${first.filename}${first.colname ? `, column ${first.colname}` : ""})`,
              }
            : {}),
        },
      );
    }
    commits = await perFile(conn, b, convTable, files);
    if (!b.options.noLoad) {
      const cols = b.columns.map((c) => ident(c.name)).join(", ");
      const values = b.columns.map((_c, i) => `v${i + 1}`).join(", ");
      rows = await conn.run(
        `INSERT INTO ${b.target.engineName} (${cols}) SELECT ${values} FROM ${convTable} WHERE ecode IS NULL`,
      );
    }
    for (const t of [convTable, names.stage, names.lines, ident(names.rejects), ident(names.scans)]) {
      await conn.run(`DROP TABLE IF EXISTS ${t}`);
    }
    if (began) await conn.run("COMMIT");
    began = false;
    await ctx.log?.record(summary("completed"));
    return { rows, errors: errorCount, files: files.length };
  } catch (e) {
    if (began) await conn.run("ROLLBACK").catch(() => {});
    rows = 0;
    commits = [];
    await ctx.log?.record(summary("failed", e instanceof Error ? e.message : String(e))).catch(() => {});
    throw e instanceof LakeError || (e as { sqlstate?: string }).sqlstate
      ? e
      : new LakeError(String((e as Error)?.message ?? e));
  }
}
