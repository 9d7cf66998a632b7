// bench/systems/duckdb.ts
//! DuckDB used directly in-process: a persistent database file, COPY from the .tbl files.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { TPCH_SCHEMA } from "../../src/gen/index.js";
import { addLakeshiftForm } from "../tpch/ab.js";
import { createTableSql } from "../tpch/ddl.js";
import { type BenchSystem, elapsed, type LoadReport, type QueryOutcome, type TableFile } from "./types.js";

export class DuckDbSystem implements BenchSystem {
  readonly name = "duckdb";
  private dir = "";
  private instance: DuckDBInstance | null = null;
  private conn: DuckDBConnection | null = null;

  async start(): Promise<string> {
    this.dir = await mkdtemp(join(tmpdir(), "lakeshift-bench-duckdb-"));
    this.instance = await DuckDBInstance.create(join(this.dir, "tpch.duckdb"));
    this.conn = await this.instance.connect();
    const r = await this.conn.runAndReadAll("select version()");
    return `DuckDB ${String(r.getRows()[0]?.[0])}`;
  }

  private get c(): DuckDBConnection {
    if (!this.conn) throw new Error("duckdb not started");
    return this.conn;
  }

  async load(files: readonly TableFile[]): Promise<LoadReport> {
    const t0 = performance.now();
    const tables: Record<string, number> = {};
    for (const f of files) {
      const def = TPCH_SCHEMA.find((t) => t.name === f.table);
      if (!def) throw new Error(`no schema for ${f.table}`);
      const t1 = performance.now();
      await this.c.run(createTableSql(def, "duckdb"));
      await this.c.run(`COPY ${f.table} FROM '${f.file.replaceAll("'", "''")}' (DELIMITER '|', HEADER false)`);
      tables[f.table] = elapsed(t1);
    }
    const t2 = performance.now();
    await this.c.run("CHECKPOINT");
    return { tables, extra: { checkpoint: elapsed(t2) }, total_s: elapsed(t0), method: "COPY from .tbl" };
  }

  async run(sql: string): Promise<QueryOutcome> {
    const r = await this.c.runAndReadAll(sql);
    const rows = r.getRows().map((row) => row.map((v) => (v === null ? null : String(v))));
    return { rows, timedOut: false };
  }

  /** Materializes a result as JS values (getRowsJS), as an in-process client would; returns the row count. */
  async readAll(sql: string): Promise<number> {
    const r = await this.c.runAndReadAll(sql);
    return r.getRowsJS().length;
  }

  /** Adds the tables as Lakeshift stores them (catalog "dev"), for running the SQL Lakeshift generates. */
  async addLakeshiftForm(): Promise<void> {
    await addLakeshiftForm(this.c, join(this.dir, "lakeshift-form.duckdb"));
  }

  async stop(): Promise<void> {
    this.conn?.closeSync();
    this.instance?.closeSync();
    this.conn = null;
    this.instance = null;
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}
