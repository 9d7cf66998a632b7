// src/lake/copy/run.ts
//! runCopy: list the source, bring each object into the local read cache, stage it with DuckDB,
//! convert every field in SQL (the translator's conversions), route rows that fail to
//! stl_load_errors and, within MAXERROR, insert the rest, all in the caller's transaction (or a
//! transaction of its own in autocommit). Past MAXERROR the COPY fails and the table is unchanged.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html

import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EngineConnection } from "../../engine/types.js";
import type { BoundCopy, CopyConverter, CopyFieldSql } from "../../plan/bound/copy.js";
import type { Lake } from "../access.js";
import { LakeError } from "../errors.js";
import { loadColLength, loadErrorReason, loadTypeName } from "./errors.js";
import type { LoadCommitRow, LoadErrorRow, LoadIdentity, LoadLog } from "./load-log.js";
import { listSource } from "./source.js";
import { verifyGzip } from "./verify.js";
import { bunzipToFile } from "./decompress.js";
import { ident, str } from "./sql.js";
import {
  type LocalSource,
  readJsonSql,
  readLinesSql,
  readNativeSql,
  readParquetSql,
  nativeReadable,
  type StageNames,
  splitLinesSql,
  stageNames,
} from "./stage.js";

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

/** What a connection must offer (an EngineConnection does). */
export type CopyConnection = Pick<EngineConnection, "run" | "all" | "inTransaction">;

/** Most error rows recorded for one COPY. */
const MAX_LOGGED_ERRORS = 1000;
const FETCH_CONCURRENCY = 8;
let counter = 0;

function fileFormat(b: BoundCopy): string {
  switch (b.format.kind) {
    case "delimited":
      return "Text";
    case "csv":
      return "CSV";
    case "fixedwidth":
      return "Fixed width";
    case "json":
      return "JSON";
    case "parquet":
      return "Parquet";
    default:
      return b.format.kind;
  }
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

interface Reject {
  readonly file: string;
  readonly line: number;
  readonly rawLine: string;
  readonly errorType: string;
}

/** Lines DuckDB's reader refused, by file URL; the rejects tables are emptied afterwards. */
async function takeRejects(conn: CopyConnection, names: StageNames, files: readonly LocalSource[]): Promise<Reject[]> {
  const r = await conn.all(
    `SELECT s.file_path, e.line, e.csv_line, e.error_type FROM ${ident(names.rejects)} e JOIN ${ident(names.scans)} s ON e.scan_id = s.scan_id AND e.file_id = s.file_id ORDER BY 1, 2`,
  );
  const byPath = new Map(files.map((f) => [f.path, f.url]));
  await conn.run(`DELETE FROM ${ident(names.rejects)}`);
  return r.rows.map((row) => ({
    file: byPath.get(String(row[0])) ?? String(row[0]),
    line: Number(row[1]),
    rawLine: String(row[2] ?? ""),
    errorType: String(row[3] ?? ""),
  }));
}

/** Reader line numbers skip rejected lines: shift each accepted line past the rejects before it. */
async function renumber(
  conn: CopyConnection,
  table: string,
  rejects: readonly Reject[],
  offset: number,
): Promise<void> {
  const byFile = new Map<string, number[]>();
  for (const r of rejects) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r.line - offset]);
  for (const [file, lines] of byFile) {
    const adj = lines.sort((a, b) => a - b).map((l, i) => l - (i + 1));
    await conn.run(
      `UPDATE ${table} SET line = line + len(list_filter([${adj.join(", ")}], x -> x < line - ${offset})) WHERE file = ${str(file)}`,
    );
  }
}

function rejectError(r: Reject): LoadErrorRow {
  const code = r.errorType === "INVALID ENCODING" ? 1220 : r.errorType === "TOO MANY COLUMNS" ? 1202 : 1214;
  return {
    filename: r.file,
    lineNumber: r.line,
    colname: "",
    type: "",
    colLength: "0",
    position: 0,
    rawLine: r.rawLine,
    rawFieldValue: null,
    errCode: code,
    errReason: loadErrorReason(code, null, ""),
  };
}

async function jsonPaths(b: BoundCopy, access: ReturnType<Lake["accessFor"]>): Promise<string[] | undefined> {
  if (b.format.kind !== "json") return undefined;
  const p = b.format.paths;
  if (p === "auto" || p === "auto ignorecase") return undefined;
  if (p === "noshred") throw new LakeError("JSON 'noshred' is not supported");
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

async function parquetColumns(conn: CopyConnection, b: BoundCopy, files: readonly LocalSource[]): Promise<string[]> {
  let names: string[] | undefined;
  for (const f of files) {
    const r = await conn.all(`DESCRIBE SELECT * FROM read_parquet(${str(f.path)})`);
    const cols = r.rows.map((row) => String(row[0]));
    if (cols.length !== b.columns.length) {
      throw new LakeError(
        `incompatible Parquet schema in ${f.url}: the file has ${cols.length} columns, the COPY loads ${b.columns.length}`,
      );
    }
    names ??= cols;
  }
  return names ?? [];
}

/** Stages the files (not for the native reader, which convert() reads directly); returns the reader's rejects. */
async function stage(
  conn: CopyConnection,
  b: BoundCopy,
  access: ReturnType<Lake["accessFor"]>,
  files: readonly LocalSource[],
  names: StageNames,
): Promise<LoadErrorRow[]> {
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
      await conn.run(readParquetSql(files, names, await parquetColumns(conn, b, files)));
      break;
    default:
      throw new LakeError(`COPY FORMAT ${b.format.kind.toUpperCase()} is not supported`);
  }
  return errors;
}

/**
 * Converts the source in one materialized step to (file, line, v_1..v_n, ecode, ecol, evalue,
 * eraw): the values, and for a row that fails, the first failing column (0: the line itself), its
 * error code, the field's text and the raw line. Only error rows carry text, so the table stays
 * close to the size of the typed rows.
 */
async function convert(
  conn: CopyConnection,
  b: BoundCopy,
  fields: readonly CopyFieldSql[],
  source: string,
  convTable: string,
): Promise<void> {
  const ns = fields.map((_f, i) => i + 1);
  const pre = ns.map((i) => `CAST(f${i} AS VARCHAR) AS r${i}, ${(fields[i - 1] as CopyFieldSql).pre} AS p${i}`);
  const val = ns.map((i) => `r${i}, p${i}, ${(fields[i - 1] as CopyFieldSql).value(`p${i}`)} AS v${i}`);
  const err = ns.map((i) => `r${i}, v${i}, ${(fields[i - 1] as CopyFieldSql).error(`p${i}`, `v${i}`)} AS e${i}`);
  const code = `coalesce(serr${ns.map((i) => `, e${i}`).join("")})`;
  const col = `CASE WHEN serr IS NOT NULL THEN 0${ns.map((i) => ` WHEN e${i} IS NOT NULL THEN ${i}`).join("")} END`;
  const value = `CASE${ns.map((i) => ` WHEN e${i} IS NOT NULL THEN r${i}`).join("")} END`;
  const rebuilt = `concat_ws(${str(delimiterOf(b))}, ${ns.map((i) => `coalesce(r${i}, ${str(b.options.nullAs ?? "")})`).join(", ")})`;
  const out = [
    "file",
    "line",
    ...ns.map((i) => `v${i}`),
    `${code} AS ecode`,
    `${col} AS ecol`,
    `${value} AS evalue`,
    `CASE WHEN ${code} IS NOT NULL THEN coalesce(raw, ${rebuilt}) END AS eraw`,
  ];
  await conn.run(
    `CREATE TEMP TABLE ${convTable} AS SELECT ${out.join(", ")} FROM (SELECT file, line, raw, serr, ${err.join(", ")} FROM (SELECT file, line, raw, serr, ${val.join(", ")} FROM (SELECT file, line, raw, serr, ${pre.join(", ")} FROM ${source})))`,
  );
}

/**
 * ACCEPTINVCHARS with read_csv's parser: lines it rejected as invalid UTF-8 come back with each
 * bad byte as '?'; they are written to a file of their own, read again with the same options,
 * converted, and added under their original file and line numbers.
 */
async function reloadReplaced(
  conn: CopyConnection,
  b: BoundCopy,
  fields: readonly CopyFieldSql[],
  rejects: readonly Reject[],
  names: StageNames,
  convTable: string,
  workDir: string,
): Promise<LoadErrorRow[]> {
  const ch = b.options.acceptInvChars ?? "?";
  const dir = join(workDir, "copy");
  await mkdir(dir, { recursive: true });
  const path = join(dir, `replaced-${process.pid}-${++counter}.txt`);
  await writeFile(path, rejects.map((r) => `${ch === "?" ? r.rawLine : r.rawLine.replaceAll("?", ch)}\n`).join(""));
  try {
    const again = { ...b, compression: undefined, options: { ...b.options, ignoreHeader: 0 } };
    const source: LocalSource = {
      url: "replaced",
      path,
      ref: { bucket: "", key: "" },
      info: { key: "", size: 0, etag: "", lastModified: new Date(0) },
    };
    const where = rejects.map((r, i) => `(${i + 1}, ${str(r.file)}, ${r.line})`).join(", ");
    const fs = fields.map((_f, i) => `t.f${i + 1}`).join(", ");
    const sql = `(SELECT m.file, m.line, t.raw, t.serr, ${fs} FROM (${readNativeSql(again, [source], names)}) t JOIN (VALUES ${where}) m(k, file, line) ON t.line = m.k)`;
    const extra = ident(`${convTable.slice(1, -1)}_replaced`);
    await convert(conn, b, fields, sql, extra);
    await conn.run(`INSERT INTO ${convTable} SELECT * FROM ${extra}`);
    await conn.run(`DROP TABLE ${extra}`);
    return (await takeRejects(conn, names, [source])).map((r) => {
      const o = rejects[r.line - 1];
      return rejectError({ ...r, file: o?.file ?? r.file, line: o?.line ?? r.line });
    });
  } finally {
    await rm(path, { force: true });
  }
}

function fieldSql(b: BoundCopy, conv: CopyConverter): CopyFieldSql[] {
  const typed = b.format.kind === "parquet";
  return b.columns.map((c, i) =>
    typed ? conv.fromTyped(c, `f${i + 1}`, b.options) : conv.fromText(c, `f${i + 1}`, b.options),
  );
}

function delimiterOf(b: BoundCopy): string {
  return b.format.kind === "csv" || b.format.kind === "delimited" ? (b.format.delimiter ?? "|") : "|";
}

async function conversionErrors(
  conn: CopyConnection,
  b: BoundCopy,
  convTable: string,
  limit: number,
): Promise<{ count: number; rows: LoadErrorRow[] }> {
  const count = Number((await conn.all(`SELECT count(*) FROM ${convTable} WHERE ecode IS NOT NULL`)).rows[0]?.[0] ?? 0);
  if (count === 0 || limit <= 0) return { count, rows: [] };
  const r = await conn.all(
    `SELECT file, line, eraw, ecol, ecode, evalue FROM ${convTable} WHERE ecode IS NOT NULL ORDER BY file, line LIMIT ${limit}`,
  );
  const rows = r.rows.map((row): LoadErrorRow => {
    const col = Number(row[3]);
    const c = col > 0 ? b.columns[col - 1] : undefined;
    const errCode = Number(row[4]);
    const raw = row[5] === null || row[5] === undefined ? null : String(row[5]);
    const type = c ? loadTypeName(c) : "";
    const typeWord = type === "numeric" ? "Numeric" : type.startsWith("int") ? "Integer" : type;
    return {
      filename: String(row[0]),
      lineNumber: Number(row[1]),
      colname: c?.name ?? "",
      type,
      colLength: c ? loadColLength(c) : "0",
      position: 0,
      rawLine: row[2] === null || row[2] === undefined ? null : String(row[2]),
      rawFieldValue: raw,
      errCode,
      errReason: loadErrorReason(errCode, raw, typeWord),
    };
  });
  return { count, rows };
}

async function perFile(
  conn: CopyConnection,
  b: BoundCopy,
  convTable: string,
  files: readonly LocalSource[],
): Promise<LoadCommitRow[]> {
  const r = await conn.all(
    `SELECT file, count(*), count(*) FILTER (WHERE ecode IS NOT NULL) FROM ${convTable} GROUP BY file`,
  );
  const seen = new Map(r.rows.map((row) => [String(row[0]), { lines: Number(row[1]), errors: Number(row[2]) }]));
  return files.map((f) => ({
    filename: f.url,
    linesScanned: seen.get(f.url)?.lines ?? 0,
    errors: seen.get(f.url)?.errors ?? 0,
    fileFormat: fileFormat(b),
  }));
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
    const files: LocalSource[] = await mapLimit(sources, FETCH_CONCURRENCY, async (s) => {
      const cached = await ctx.lake.cache.file(access.store, s.ref, s.info, access.scope);
      if (b.compression === "gzip") await verifyGzip(cached.path, s.url, cached.info.etag);
      if (b.compression === "bzip2") {
        return { ...s, path: await bunzipToFile(cached.path, s.url, cached.info.etag, ctx.lake.workDir) };
      }
      return { ...s, path: cached.path };
    });
    bytes = files.reduce((a, f) => a + f.info.size, 0);
    if (own) {
      await conn.run("BEGIN TRANSACTION");
      began = true;
    }
    const fields = fieldSql(b, ctx.converter);
    let readerErrors: LoadErrorRow[] = [];
    if (nativeReadable(b)) {
      // CSV and plain text: read_csv feeds the conversion directly (no staging copy), and the
      // lines it rejected are renumbered afterwards.
      await convert(conn, b, fields, `(${readNativeSql(b, files, names)})`, convTable);
      const rejects = await takeRejects(conn, names, files);
      if (rejects.length > 0) await renumber(conn, convTable, rejects, b.options.ignoreHeader);
      const replaced =
        b.options.acceptInvChars === undefined ? [] : rejects.filter((r) => r.errorType === "INVALID ENCODING");
      readerErrors = rejects.filter((r) => !replaced.includes(r)).map(rejectError);
      if (replaced.length > 0) {
        readerErrors.push(...(await reloadReplaced(conn, b, fields, replaced, names, convTable, ctx.lake.workDir)));
      }
    } else {
      readerErrors = await stage(conn, b, access, files, names);
      await convert(conn, b, fields, names.stage, convTable);
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
