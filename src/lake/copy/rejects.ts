// src/lake/copy/rejects.ts
//! Lines DuckDB's CSV reader refuses (invalid UTF-8, a wrong field count) land in its rejects
//! table; they become load errors, and the reader's row numbers are shifted past them so every
//! line keeps its number in the file.

import type { EngineConnection } from "../../engine/types.js";
import { loadErrorReason } from "./errors.js";
import type { LoadErrorRow } from "./load-log.js";
import { ident, str } from "./sql.js";
import { CR_MARK, type LocalSource, type StageNames } from "./stage.js";

/** What a connection must offer (an EngineConnection does). */
export type CopyConnection = Pick<EngineConnection, "run" | "all" | "inTransaction">;

export interface Reject {
  readonly file: string;
  readonly line: number;
  readonly rawLine: string;
  readonly errorType: string;
}

/** Lines DuckDB's reader refused, by file URL; the rejects tables are emptied afterwards. */
export async function takeRejects(
  conn: CopyConnection,
  names: StageNames,
  files: readonly LocalSource[],
): Promise<Reject[]> {
  // One per line, as Redshift records one error per line: DuckDB records a line with three
  // columns too many three times (its invalid UTF-8, which ACCEPTINVCHARS replaces, first).
  const r = await conn.all(
    `SELECT DISTINCT ON (s.file_path, e.line) s.file_path, e.line, e.csv_line, e.error_type FROM ${ident(names.rejects)} e JOIN ${ident(names.scans)} s ON e.scan_id = s.scan_id AND e.file_id = s.file_id ORDER BY 1, 2, e.error_type <> 'INVALID ENCODING', e.byte_position`,
  );
  const byPath = new Map(files.map((f) => [f.path, f]));
  await conn.run(`DELETE FROM ${ident(names.rejects)}`);
  return r.rows.map((row) => {
    const f = byPath.get(String(row[0]));
    const raw = String(row[2] ?? "");
    return {
      file: f?.url ?? String(row[0]),
      line: Number(row[1]),
      // A rewritten file's bare CRs are marked (endings.ts): the line as the source has it.
      rawLine: f?.bareCr ? raw.replaceAll(CR_MARK, "\r") : raw,
      errorType: String(row[3] ?? ""),
    };
  });
}

/** Reader line numbers skip rejected lines: shift each accepted line past the rejects before it. */
export async function renumber(
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

export function rejectError(r: Reject): LoadErrorRow {
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
