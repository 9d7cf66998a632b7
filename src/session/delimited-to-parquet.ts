// src/session/delimited-to-parquet.ts
//! Rewrites delimited text files (optionally gzip) as Parquet with DuckDB, typed by a column
//! list: what `lakeshift gen tpch --parquet` uses (src/gen may not touch the engine itself).

import { Engine } from "../engine/index.js";
import { ident, str } from "../translate/duckdb/quote.js";

export interface DelimitedFile {
  readonly source: string;
  readonly target: string;
  /** Column names and SQL types in file order. */
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly delimiter: string;
  /** dbgen ends every line with the delimiter: one more, empty field to leave out. */
  readonly trailingDelimiter?: boolean;
}

export async function delimitedToParquet(files: readonly DelimitedFile[]): Promise<void> {
  const engine = await Engine.open({ dataDir: ":memory:" });
  try {
    await engine.createDatabase("convert");
    const conn = await engine.connect("convert");
    try {
      for (const f of files) {
        const cols = f.columns.map((c) => `${str(c.name)}: ${str(c.type)}`);
        if (f.trailingDelimiter) cols.push(`${str("_trailing")}: 'VARCHAR'`);
        const read = `read_csv(${str(f.source)}, delim = ${str(f.delimiter)}, header = false, quote = '', columns = {${cols.join(", ")}})`;
        const names = f.columns.map((c) => ident(c.name)).join(", ");
        await conn.run(`COPY (SELECT ${names} FROM ${read}) TO ${str(f.target)} (FORMAT parquet)`);
      }
    } finally {
      conn.close();
    }
  } finally {
    await engine.close();
  }
}
