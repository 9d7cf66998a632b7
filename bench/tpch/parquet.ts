// bench/tpch/parquet.ts
//! Converts generated .tbl files to Parquet with DuckDB, typed by the TPC-H schema. The bench
//! layer may use DuckDB directly; the CLI's `gen --parquet` passes an equivalent converter built
//! on src/engine to runGenCommand (src/gen itself may not import DuckDB).

import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { TPCH_SCHEMA } from "../../src/gen/index.js";

export interface ParquetFile {
  readonly table: string;
  readonly file: string;
}

/** The DuckDB statement that rewrites one .tbl (or .tbl.gz) file as Parquet. */
export function tblToParquetSql(table: string, tbl: string, parquet: string): string {
  const def = TPCH_SCHEMA.find((t) => t.name === table);
  if (!def) throw new Error(`unknown TPC-H table '${table}'`);
  const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
  // dbgen's trailing '|' reads as one extra, empty column, which the select leaves out.
  const columns = [...def.columns.map((c) => `${q(c.name)}: ${q(c.type)}`), `'_trailing': 'VARCHAR'`].join(", ");
  const names = def.columns.map((c) => c.name).join(", ");
  return `COPY (SELECT ${names} FROM read_csv(${q(tbl)}, delim = '|', header = false, quote = '', columns = {${columns}})) TO ${q(parquet)} (FORMAT parquet)`;
}

export async function tblToParquet(
  files: readonly { table: string; file: string }[],
  outDir: string,
): Promise<ParquetFile[]> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  try {
    const out: ParquetFile[] = [];
    for (const f of files) {
      const file = join(outDir, `${f.table}.parquet`);
      await c.run(tblToParquetSql(f.table, f.file, file));
      out.push({ table: f.table, file });
    }
    return out;
  } finally {
    c.closeSync();
    db.closeSync();
  }
}
