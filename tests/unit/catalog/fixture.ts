// tests/unit/catalog/fixture.ts
//! A catalog over real DuckDB files in a temporary folder: dev (and optionally more databases)
//! attached, bootstrapped, with the system views installed.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBInstance } from "@duckdb/node-api";
import type { CatalogReader } from "../../../src/catalog/reader.js";
import { CatalogStore } from "../../../src/catalog/store/catalog-store.js";
import type { NewColumn } from "../../../src/catalog/store/writes.js";
import { installSystemViews, searchPathSql } from "../../../src/catalog/system/install.js";
import { connect, type DuckRunner, openInstance } from "./duck-runner.js";

export interface Fixture {
  readonly dir: string;
  readonly instance: DuckDBInstance;
  readonly runner: DuckRunner;
  readonly store: CatalogStore;
  reader(searchPath?: readonly string[], runner?: DuckRunner, database?: string): CatalogReader;
  /** CREATE TABLE in DuckDB and in the catalog, in one transaction. */
  createTable(schema: string, name: string, columns: readonly NewColumn[], ddl: string): Promise<number>;
  close(): void;
}

export async function openFixture(databases: readonly string[] = ["dev"], dir?: string): Promise<Fixture> {
  const folder = dir ?? mkdtempSync(join(tmpdir(), "lakeshift-catalog-"));
  const instance = await openInstance();
  const runner = await connect(instance);
  for (const db of databases) await runner.run(`ATTACH '${join(folder, `${db}.duckdb`)}' AS "${db}"`);
  const store = await CatalogStore.open(runner, databases);
  await installSystemViews(runner, databases);
  await runner.run(searchPathSql(["public"]));
  return {
    dir: folder,
    instance,
    runner,
    store,
    reader: (searchPath = ["public"], r = runner, database = "dev") =>
      store.readerFor({ database, searchPath, runner: r }),
    async createTable(schema, name, columns, ddl) {
      await runner.run("BEGIN");
      await runner.run(ddl);
      const oid = await store.createTable(runner, { database: "dev", schema, name, columns, owner: "rdsdb" });
      await runner.run("COMMIT");
      await store.afterCommit(runner);
      return oid;
    },
    close() {
      runner.close();
      instance.closeSync();
      if (!dir) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Rows as JSON-friendly values (bigint -> number). */
export function plain(rows: unknown): unknown {
  return JSON.parse(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? Number(v) : v)));
}
