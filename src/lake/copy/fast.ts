// src/lake/copy/fast.ts
//! The common path of COPY: delimited text or CSV, in a transaction of COPY's own, that turns out
//! to have no bad row. Each file is read by DuckDB's parallel CSV reader and goes straight into the
//! table in one INSERT ... SELECT through the translator's conversions; a field that would be a
//! load error raises instead (DuckDB's error()), as does a line the reader refuses (strict mode:
//! wrong field count, invalid UTF-8). Then the caller rolls the attempt back and runs the full
//! path, which finds every bad row, numbers its line and applies MAXERROR, so the fast path never
//! changes what a COPY does, only how long a clean one takes: no line numbers, no staging or
//! conversion table, no second pass to insert.

import type { BoundCopy, CopyFieldSql } from "../../plan/bound/copy.js";
import type { LoadCommitRow } from "./load-log.js";
import type { PlainScans } from "./plain.js";
import type { CopyConnection } from "./rejects.js";
import { ident } from "./sql.js";
import { type LocalSource, nativeReadable, readerSql } from "./stage.js";

/** The message of the error() the fast path raises on a bad field. */
export const FAST_PATH_BAD_ROW = "lakeshift: COPY fast path found a bad row";

/** Can a COPY try the fast path (the caller owns the transaction, so it can roll back and retry)? */
export function fastPathApplies(b: BoundCopy, ownTransaction: boolean): boolean {
  return ownTransaction && !b.options.noLoad && nativeReadable(b) && b.options.acceptInvChars === undefined;
}

/**
 * The INSERT of one file: reader -> pre-values -> values, and one test per row that raises
 * (DuckDB's error()) when a field did not convert. A field can be bad only where its value is NULL,
 * so that test looks at the rest of a field's error expression only there: on a clean file it
 * costs a NULL check per field, where a CASE per column copied every value once more.
 * Fields with a type in `types` are read as that type by the reader itself (then a NULL is bad
 * only in a NOT NULL column).
 */
export function fastInsertSql(
  b: BoundCopy,
  fields: readonly CopyFieldSql[],
  file: LocalSource,
  types?: readonly (string | undefined)[],
): string {
  const ns = fields.map((_f, i) => i + 1);
  const field = (i: number) => fields[i - 1] as CopyFieldSql;
  const direct = (i: number) => types?.[i - 1];
  const pre = ns.map((i) => (direct(i) ? `f${i} AS p${i}` : `${field(i).pre} AS p${i}`));
  const val = ns.map((i) => (direct(i) ? `p${i}, p${i} AS v${i}` : `p${i}, ${field(i).value(`p${i}`)} AS v${i}`));
  const bad = ns.flatMap((i) => {
    if (!direct(i)) return [`(v${i} IS NULL AND (${field(i).error(`p${i}`, `v${i}`)}) IS NOT NULL)`];
    const notNull = b.columns[i - 1]?.notNull === true;
    // A typed value the conversion would refuse (a DATE out of range): comparisons, no text.
    const out = direct(i) === field(i).typed ? field(i).outOfRange?.(`v${i}`) : undefined;
    if (out) return [notNull ? `v${i} IS NULL OR ${out}` : out];
    return notNull ? [`v${i} IS NULL`] : [];
  });
  const cols = b.columns.map((c) => ident(c.name)).join(", ");
  const vs = ns.map((i) => `v${i}`).join(", ");
  const reader = readerSql(b, file, undefined, types);
  const where = bad.length
    ? ` WHERE CASE WHEN ${bad.join(" OR ")} THEN error('${FAST_PATH_BAD_ROW}') ELSE true END`
    : "";
  return `INSERT INTO ${b.target.engineName} (${cols}) SELECT ${vs} FROM (SELECT ${val.join(", ")} FROM (SELECT ${pre.join(", ")} FROM ${reader}))${where}`;
}

/**
 * Loads every file in one INSERT each; returns the per-file commit rows, or undefined when a
 * statement failed (the attempt is then rolled back here: the caller begins again).
 * Fields the reader can read as their type (DATE in the default format, numbers where `scans`
 * found only plain ones) are read so first; when the reader refuses one (an empty date, say,
 * which is NULL to COPY, or an integer out of range), the load is tried again with every field
 * as text before the caller falls back to the full path.
 * Rows go in without DuckDB keeping the file's order (preserve_insertion_order, for this session
 * only): it saves about a sixth of the CPU of a large load, and a Redshift table has no row order
 * a load must keep (slices and sort keys decide it). The setting is not transactional, so it is
 * put back after the rollback.
 */
export async function tryFastPath(
  conn: CopyConnection,
  b: BoundCopy,
  fields: readonly CopyFieldSql[],
  files: readonly LocalSource[],
  fileFormat: string,
  scans: PlainScans,
): Promise<{ rows: number; commits: LoadCommitRow[] } | undefined> {
  await conn.run("SET SESSION preserve_insertion_order = false");
  try {
    if (fields.some((f) => f.typed) || scans.applies) {
      let typed = false;
      const r = await attempt(conn, b, fields, files, fileFormat, async (f) => {
        const types = await scans.types(f);
        typed ||= types.some((t) => t !== undefined);
        return types;
      });
      if (!(r instanceof Error)) return r;
      // A bad field, or a failure with every field read as text already: the full path tells.
      if (r.message.includes(FAST_PATH_BAD_ROW) || !typed) return undefined;
      await conn.run("BEGIN TRANSACTION");
    }
    const r = await attempt(conn, b, fields, files, fileFormat, async () => undefined);
    return r instanceof Error ? undefined : r;
  } finally {
    await conn.run("RESET SESSION preserve_insertion_order");
  }
}

/** One try at every file; rolled back (and the error returned) when a statement fails. */
async function attempt(
  conn: CopyConnection,
  b: BoundCopy,
  fields: readonly CopyFieldSql[],
  files: readonly LocalSource[],
  fileFormat: string,
  typesOf: (f: LocalSource) => Promise<readonly (string | undefined)[] | undefined>,
): Promise<{ rows: number; commits: LoadCommitRow[] } | Error> {
  const commits: LoadCommitRow[] = [];
  let rows = 0;
  try {
    for (const f of files) {
      const n = await conn.run(fastInsertSql(b, fields, f, await typesOf(f)));
      rows += n;
      commits.push({ filename: f.url, linesScanned: n, errors: 0, fileFormat });
    }
  } catch (e) {
    await conn.run("ROLLBACK");
    return e instanceof Error ? e : new Error(String(e));
  }
  return { rows, commits };
}
