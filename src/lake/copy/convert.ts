// src/lake/copy/convert.ts
//! The conversion step of COPY: every field through the translator's conversion SQL into one
//! table of typed values with error details on failing rows, the error rows for stl_load_errors,
//! and the per-file counts for stl_load_commits.

import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BoundCopy, CopyConverter, CopyFieldSql } from "../../plan/bound/copy.js";
import { loadColLength, loadErrorReason, loadTypeName } from "./errors.js";
import type { LoadCommitRow, LoadErrorRow } from "./load-log.js";
import { type CopyConnection, type Reject, rejectError, takeRejects } from "./rejects.js";
import { ident, str } from "./sql.js";
import { CR_MARK, type LocalSource, readNativeSql, type StageNames } from "./stage.js";

export function fileFormat(b: BoundCopy): string {
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
    case "avro":
      return "Avro";
    default:
      return b.format.kind;
  }
}

/**
 * Converts the source in one materialized step to (file, line, v_1..v_n, ecode, ecol, evalue,
 * eraw): the values, and for a row that fails, the first failing column (0: the line itself), its
 * error code, the field's text and the raw line. Only error rows carry text, so the table stays
 * close to the size of the typed rows. For each column i of `flagged` the source has se<i>: a load
 * error code its reader gave the field (an Avro date out of range), which the field then has.
 */
export async function convert(
  conn: CopyConnection,
  b: BoundCopy,
  fields: readonly CopyFieldSql[],
  source: string,
  convTable: string,
  flagged: ReadonlySet<number> = new Set(),
): Promise<void> {
  const ns = fields.map((_f, i) => i + 1);
  const se = (i: number) => (flagged.has(i) ? `se${i}, ` : "");
  const pre = ns.map((i) => `${se(i)}CAST(f${i} AS VARCHAR) AS r${i}, ${(fields[i - 1] as CopyFieldSql).pre} AS p${i}`);
  const val = ns.map((i) => `${se(i)}r${i}, p${i}, ${(fields[i - 1] as CopyFieldSql).value(`p${i}`)} AS v${i}`);
  const err = ns.map((i) => {
    const e = (fields[i - 1] as CopyFieldSql).error(`p${i}`, `v${i}`);
    return `r${i}, v${i}, ${flagged.has(i) ? `coalesce(se${i}, ${e})` : e} AS e${i}`;
  });
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
export async function reloadReplaced(
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
  const path = join(dir, `replaced-${randomBytes(6).toString("hex")}.txt`);
  // A line's CRs (bare ones from a rewritten file: endings.ts) go through the reader marked.
  const lines = rejects.map((r) => (ch === "?" ? r.rawLine : r.rawLine.replaceAll("?", ch)));
  const mark = lines.some((l) => l.includes("\r")) && !lines.some((l) => l.includes(CR_MARK));
  await writeFile(path, lines.map((l) => `${mark ? l.replaceAll("\r", CR_MARK) : l}\n`).join(""));
  try {
    const again = { ...b, compression: undefined, options: { ...b.options, ignoreHeader: 0 } };
    const source: LocalSource = {
      url: "replaced",
      path,
      ref: { bucket: "", key: "" },
      info: { key: "", size: 0, etag: "", lastModified: new Date(0) },
      ...(mark ? { bareCr: true } : {}),
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

export function fieldSql(b: BoundCopy, conv: CopyConverter): CopyFieldSql[] {
  const typed = b.format.kind === "parquet" || b.format.kind === "avro"; // avro.ts stages typed values
  return b.columns.map((c, i) =>
    typed ? conv.fromTyped(c, `f${i + 1}`, b.options) : conv.fromText(c, `f${i + 1}`, b.options),
  );
}

function delimiterOf(b: BoundCopy): string {
  return b.format.kind === "csv" || b.format.kind === "delimited" ? (b.format.delimiter ?? "|") : "|";
}

export async function conversionErrors(
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

export async function perFile(
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
