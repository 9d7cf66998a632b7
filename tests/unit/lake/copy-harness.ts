// tests/unit/lake/copy-harness.ts
//! A DuckDB engine, an in-memory catalog and a local lake for COPY/UNLOAD tests without a server.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { MemoryCatalog, type MemoryColumnSpec } from "../../../src/catalog/memory.js";
import { Engine } from "../../../src/engine/index.js";
import type { EngineConnection } from "../../../src/engine/types.js";
import { Lake, type LakeRole } from "../../../src/lake/access.js";
import { FAST_PATH_BAD_ROW } from "../../../src/lake/copy/fast.js";
import { LoadLog } from "../../../src/lake/copy/load-log.js";
import { type CopyResult, runCopy } from "../../../src/lake/copy/run.js";
import type { S3StoreOptions } from "../../../src/lake/store/s3.js";
import { type UnloadResult, runUnload } from "../../../src/lake/unload/run.js";
import { bindCopy, bindUnload } from "../../../src/plan/bind/copy.js";
import { BindState } from "../../../src/plan/bind/context.js";
import { type IamRole, RoleStore, requireS3 } from "../../../src/security/policy/index.js";
import { tokenize } from "../../../src/sql/lexer/lexer.js";
import { parseCopy } from "../../../src/sql/parser/copy.js";
import { parseUnload } from "../../../src/sql/parser/unload.js";
import { Cursor } from "../../../src/sql/parser/cursor.js";
import { copyConverter, copyConverterWith } from "../../../src/translate/duckdb/copy.js";

export interface Harness {
  readonly engine: Engine;
  readonly conn: EngineConnection;
  readonly catalog: MemoryCatalog;
  readonly lake: Lake;
  readonly lakeDir: string;
  readonly roles: RoleStore;
  /** Writes an object of the local lake (`s3://<bucket>/<key>` is `<lakeDir>/<bucket>/<key>`); returns its path. */
  put(bucket: string, key: string, body: string | Buffer): string;
  /** Creates the table in DuckDB and in the catalog. */
  table(name: string, columns: readonly (MemoryColumnSpec & { readonly ddl: string })[]): Promise<void>;
  copy(sql: string): Promise<CopyResult>;
  /** Runs a COPY, returning its result and every statement it sent to DuckDB on the connection. */
  copySeeingSql(sql: string): Promise<{ result: CopyResult; statements: string[] }>;
  unload(sql: string): Promise<UnloadResult>;
  rows(sql: string): Promise<unknown[][]>;
  loadErrors(): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function openHarness(options: { s3?: S3StoreOptions } = {}): Promise<Harness> {
  const lakeDir = mkdtempSync(join(tmpdir(), "ls-copy-"));
  const engine = await Engine.open({ dataDir: ":memory:", threads: 2 });
  await engine.createDatabase("dev");
  const conn = await engine.connect("dev");
  await conn.run(`CREATE SCHEMA IF NOT EXISTS "dev"."public"`);
  await conn.run(`ATTACH ':memory:' AS "ls_sys"`);
  await conn.run(`CREATE SCHEMA "ls_sys"."lakeshift"`);
  const logConn = await engine.connect("dev");
  const log = new LoadLog(logConn);
  await log.ensureTables();
  const catalog = new MemoryCatalog();
  const roles = new RoleStore();
  const lake = new Lake({
    lakeDir,
    ...(options.s3 ? { s3: options.s3 } : {}),
    roles: { resolve: (spec: string): LakeRole => roles.resolve(spec) },
    authorize: (role, action, bucket, key) => requireS3(role as IamRole, action, bucket, key),
  });
  let query = 0;
  const bindState = () => {
    const now = new Date();
    return new BindState(catalog, {
      user: "admin",
      database: "dev",
      statementTime: now,
      transactionTime: now,
      sessionInfo: { version: "1", backendPid: 1, currentSchema: "public", settings: () => undefined },
    });
  };
  const h: Harness = {
    engine,
    conn,
    catalog,
    lake,
    lakeDir,
    roles,
    put(bucket, key, body) {
      const path = join(lakeDir, bucket, key);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, body);
      return path;
    },
    async table(name, columns) {
      await conn.run(
        `CREATE TABLE "dev"."public"."${name}" (${columns.map((c) => `"${c.name}" ${c.ddl}`).join(", ")})`,
      );
      catalog.addTable({ name, columns });
    },
    async unload(sql) {
      const stmt = parseUnload(new Cursor(sql, tokenize(sql)));
      return runUnload(conn, bindUnload(stmt, bindState()), { lake, converter: copyConverter });
    },
    async copy(sql) {
      const p = new Cursor(sql, tokenize(sql));
      const stmt = parseCopy(p);
      const bound = bindCopy(stmt, bindState());
      return runCopy(conn, bound, {
        lake,
        converter: copyConverterWith(engine.copyCasts() ?? undefined),
        identity: { userId: 100, sessionId: 1, queryId: ++query, database: "dev" },
        log,
      });
    },
    async copySeeingSql(sql) {
      const statements: string[] = [];
      const run = conn.run.bind(conn);
      conn.run = (q: string) => {
        statements.push(q);
        return run(q);
      };
      try {
        return { result: await h.copy(sql), statements };
      } finally {
        conn.run = run;
      }
    },
    async rows(sql) {
      return (await conn.all(sql)).rows;
    },
    async loadErrors() {
      const r = await conn.all(
        `SELECT query, filename, line_number, colname, type, raw_line, raw_field_value, err_code, err_reason FROM "ls_sys"."lakeshift"."load_errors" ORDER BY query, filename, line_number`,
      );
      return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i]])));
    },
    async close() {
      lake.close();
      log.close();
      conn.close();
      await engine.close();
      rmSync(lakeDir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Did the fast path load the file (its last INSERT was not rolled back)? */
export function onFastPath(seen: readonly string[]): boolean {
  const last = seen.findLastIndex((s) => s.includes(FAST_PATH_BAD_ROW));
  return last >= 0 && !seen.slice(last).includes("ROLLBACK");
}
