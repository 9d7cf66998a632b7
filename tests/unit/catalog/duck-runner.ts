// tests/unit/catalog/duck-runner.ts
//! A real DuckDB SqlRunner for catalog tests (tests may use @duckdb/node-api directly; src/catalog may not).

import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { SqlRunner } from "../../../src/catalog/runner.js";

export class DuckRunner implements SqlRunner {
  constructor(readonly conn: DuckDBConnection) {}

  async run(sql: string, params?: readonly unknown[]): Promise<number> {
    const r = await this.conn.run(sql, params as never);
    return Number(r.rowsChanged);
  }

  async all(sql: string, params?: readonly unknown[]): Promise<{ columns: string[]; rows: unknown[][] }> {
    const r = await this.conn.runAndReadAll(sql, params as never);
    return { columns: r.columnNames(), rows: r.getRowsJS() as unknown[][] };
  }

  /** Rows of a query as plain objects. */
  async objects(sql: string): Promise<Record<string, unknown>[]> {
    const r = await this.conn.runAndReadAll(sql);
    return r.getRowObjectsJS() as Record<string, unknown>[];
  }

  close(): void {
    this.conn.closeSync();
  }
}

export async function openInstance(): Promise<DuckDBInstance> {
  return DuckDBInstance.create(":memory:");
}

export async function connect(instance: DuckDBInstance): Promise<DuckRunner> {
  return new DuckRunner(await instance.connect());
}
