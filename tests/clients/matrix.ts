// tests/clients/matrix.ts
//! Shared pieces of the client matrix: a server per client file, an inspector connection (pg)
//! that reads back from Lakeshift's own statement log (sys_query_history) which statements the
//! client under test sent and how each ended, and a runner for the client programs that fails
//! loudly when a client is not installed (.ci/run installs them all).

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";

export interface LoggedStatement {
  readonly id: number;
  readonly pid: number;
  readonly text: string;
  readonly type: string;
  readonly status: string;
  readonly rows: number;
  readonly error: string | null;
}

/** Statements that read the catalog: pg_catalog, information_schema, Redshift's views, catalog functions. */
const CATALOG =
  /\b(?:pg_catalog|pg_class|pg_namespace|pg_attribute|pg_type|pg_proc|pg_index|pg_constraint|pg_database|pg_description|pg_attrdef|pg_am|pg_tables|pg_views|pg_settings|pg_user|pg_roles|information_schema|pg_table_def|svv_\w+|current_schemas?|version)\b/i;

export function isCatalogStatement(text: string): boolean {
  return CATALOG.test(text);
}

export class Matrix {
  private constructor(
    readonly server: TestServer,
    private readonly inspector: pg.Client,
  ) {}

  static async start(): Promise<Matrix> {
    const server = await startServer();
    const inspector = new pg.Client(server.connection());
    await inspector.connect();
    return new Matrix(server, inspector);
  }

  async query<T extends unknown[] = unknown[]>(sql: string, values?: unknown[]): Promise<T[]> {
    const r = await this.inspector.query({ text: sql, values, rowMode: "array" });
    return r.rows as T[];
  }

  /** The newest statement id in the log: statements after it were sent after this call. */
  async mark(): Promise<number> {
    const [row] = await this.query<[number | null]>("select max(query_id)::int from sys_query_history");
    return row?.[0] ?? 0;
  }

  /** What other sessions sent after `mark`, in order, as the statement log recorded it. */
  async statementsSince(mark: number): Promise<LoggedStatement[]> {
    const rows = await this.query<[number, number, string, string, string, number, string | null]>(
      `select query_id::int, session_id, query_text, query_type, status, returned_rows::int, error_message
       from sys_query_history where query_id > $1 and session_id <> pg_backend_pid() order by query_id`,
      [mark],
    );
    return rows.map(([id, pid, text, type, status, rows, error]) => ({ id, pid, text, type, status, rows, error }));
  }

  /** The catalog statements among `statements`, asserting that each of them succeeded. */
  catalogStatementsSucceeded(statements: readonly LoggedStatement[], client: string): LoggedStatement[] {
    const catalog = statements.filter((s) => isCatalogStatement(s.text));
    const failed = catalog.filter((s) => s.status !== "success");
    assert.deepEqual(
      failed.map((s) => `${s.error}\n    in: ${s.text.replace(/\s+/g, " ")}`),
      [],
      `${client}: catalog statements that failed`,
    );
    return catalog;
  }

  async stop(): Promise<void> {
    await this.inspector.end().catch(() => {});
    await this.server.stop();
  }
}

export interface ToolResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs an installed client program; a missing program fails the test (it is never skipped). */
export function runTool(
  program: string,
  args: readonly string[],
  opts: { env?: Record<string, string>; input?: string; cwd?: string; timeoutMs?: number } = {},
): ToolResult {
  assert.ok(existsSync(program), `${program} is not installed (.ci/run installs the client matrix)`);
  const r = spawnSync(program, args, {
    env: { ...process.env, ...opts.env },
    input: opts.input,
    cwd: opts.cwd,
    encoding: "utf8",
    timeout: opts.timeoutMs ?? 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** Lines of "section<TAB>value..." output printed by the Java and Python client programs. */
export function sections(stdout: string): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const line of stdout.split("\n")) {
    if (line === "") continue;
    const [key, ...rest] = line.split("\t");
    const list = out.get(key ?? "") ?? [];
    list.push(rest);
    out.set(key ?? "", list);
  }
  return out;
}
