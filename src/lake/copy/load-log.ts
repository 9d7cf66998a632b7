// src/lake/copy/load-log.ts
//! The load records Redshift keeps: stl_load_errors (one row per rejected line), stl_load_commits
//! (one row per file loaded) and sys_load_history (one row per COPY). The data tables live in the
//! in-memory system database ("ls_sys"."lakeshift"), cluster-wide like the query log; the system
//! views of src/catalog/system read them. Rows are written through a connection of the log's own,
//! in autocommit, so a COPY that fails and rolls back still leaves its error rows.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html

import { LOG_DATA_TABLES } from "../../catalog/system/log-tables.js";
import type { EngineConnection } from "../../engine/types.js";

export const LOAD_LOG_SCHEMA = `"ls_sys"."lakeshift"`;

/** The data tables, as (name, column list) rows: the catalog's definitions, which its views read. */
export const LOAD_LOG_TABLES: Readonly<Record<"load_errors" | "load_commits" | "load_history", string>> = {
  load_errors: logTable("load_errors"),
  load_commits: logTable("load_commits"),
  load_history: logTable("load_history"),
};

function logTable(name: string): string {
  const columns = LOG_DATA_TABLES[name];
  if (columns === undefined) throw new Error(`no log table ${name} in the catalog`);
  return columns;
}

export interface LoadErrorRow {
  readonly filename: string;
  readonly lineNumber: number;
  readonly colname: string;
  readonly type: string;
  readonly colLength: string;
  readonly position: number;
  readonly rawLine: string | null;
  readonly rawFieldValue: string | null;
  readonly errCode: number;
  readonly errReason: string;
}

export interface LoadCommitRow {
  readonly filename: string;
  readonly linesScanned: number;
  readonly errors: number;
  readonly fileFormat: string;
}

/** Who ran the COPY and as which query (the ids the session and query log use). */
export interface LoadIdentity {
  readonly userId: number;
  readonly sessionId: number;
  /** The statement's query id (stl_query.query); LakeService numbers COPYs itself when absent. */
  readonly queryId?: number;
  readonly transactionId?: number;
  readonly database: string;
}

export interface LoadSummary {
  readonly identity: LoadIdentity;
  readonly table: string;
  readonly tableOid: number;
  readonly source: string;
  readonly fileFormat: string;
  readonly start: Date;
  readonly end: Date;
  readonly status: "completed" | "failed";
  readonly loadedRows: number;
  readonly loadedBytes: number;
  readonly errors: readonly LoadErrorRow[];
  readonly errorCount: number;
  readonly commits: readonly LoadCommitRow[];
  readonly errorMessage?: string;
}

function lit(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number") return Number.isFinite(v) ? String(Math.trunc(v)) : "NULL";
  return `'${v.replaceAll("\u0000", "").replaceAll("'", "''")}'`;
}

function ts(d: Date): string {
  return `make_timestamp(${d.getTime() * 1000}::BIGINT)`;
}

/** Redshift's stl_load_errors text columns are char(n): keep rows within those widths. */
function clip(s: string | null, n: number): string | null {
  return s === null ? null : s.length > n ? s.slice(0, n) : s;
}

/** The INSERT statements recording one COPY. */
export function loadLogSql(s: LoadSummary): string[] {
  const id = s.identity;
  const out: string[] = [];
  if (s.errors.length > 0) {
    const rows = s.errors.map(
      (e) =>
        `(${[
          lit(id.userId),
          "0",
          lit(s.tableOid),
          ts(s.start),
          lit(id.sessionId),
          lit(id.queryId ?? 0),
          lit(clip(e.filename, 256)),
          lit(e.lineNumber),
          lit(clip(e.colname, 127)),
          lit(e.type),
          lit(e.colLength),
          lit(e.position),
          lit(clip(e.rawLine, 1024)),
          lit(clip(e.rawFieldValue, 1024)),
          lit(e.errCode),
          lit(clip(e.errReason, 100)),
          "0",
          "0",
        ].join(", ")})`,
    );
    out.push(`INSERT INTO ${LOAD_LOG_SCHEMA}."load_errors" VALUES ${rows.join(", ")}`);
  }
  if (s.status === "completed" && s.commits.length > 0) {
    const rows = s.commits.map(
      (c) =>
        `(${[lit(id.userId), lit(id.queryId), "0", lit(clip(c.filename, 256)), lit(clip(c.filename, 256)), "0", lit(c.linesScanned), lit(c.errors), ts(s.end), "1", lit(c.fileFormat)].join(", ")})`,
    );
    out.push(`INSERT INTO ${LOAD_LOG_SCHEMA}."load_commits" VALUES ${rows.join(", ")}`);
  }
  const sourceBytes = s.commits.length > 0 ? s.loadedBytes : 0;
  out.push(
    `INSERT INTO ${LOAD_LOG_SCHEMA}."load_history" VALUES (${[
      lit(id.userId),
      lit(id.queryId),
      lit(s.status),
      lit(id.sessionId),
      lit(id.transactionId),
      lit(id.database),
      lit(s.table),
      ts(s.start),
      ts(s.end),
      lit((s.end.getTime() - s.start.getTime()) * 1000),
      lit(s.source),
      lit(s.fileFormat),
      lit(s.loadedRows),
      lit(s.loadedBytes),
      lit(s.commits.length),
      lit(sourceBytes),
      lit(s.commits.length),
      lit(s.errorCount),
      lit(s.errorMessage ?? null),
    ].join(", ")})`,
  );
  return out;
}

/** Writes load records through its own connection (autocommit). */
export class LoadLog {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly conn: Pick<EngineConnection, "run" | "close">) {}

  /** Creates the data tables if the system install has not (idempotent). */
  async ensureTables(): Promise<void> {
    for (const [name, columns] of Object.entries(LOAD_LOG_TABLES)) {
      await this.conn.run(`CREATE TABLE IF NOT EXISTS ${LOAD_LOG_SCHEMA}."${name}" (${columns})`);
    }
  }

  /** Records one COPY; resolves once the rows are in DuckDB. */
  record(summary: LoadSummary): Promise<void> {
    const sql = loadLogSql(summary);
    this.chain = this.chain.then(async () => {
      for (const s of sql) await this.conn.run(s);
    });
    return this.chain;
  }

  close(): void {
    this.conn.close();
  }
}
