// bench/tpch/ddl.ts
//! CREATE TABLE statements for each benchmarked system from the shared TPC-H schema.

import type { TpchTableDef } from "../../src/gen/index.js";

export type Dialect = "redshift" | "duckdb" | "postgres";

export function createTableSql(t: TpchTableDef, dialect: Dialect): string {
  const cols = t.columns.map((c) => `  ${c.name} ${c.type} NOT NULL`).join(",\n");
  if (dialect === "redshift") {
    const dist = t.distKey ? `DISTKEY(${t.distKey})` : "DISTSTYLE ALL";
    return `CREATE TABLE ${t.name} (\n${cols},\n  PRIMARY KEY (${t.primaryKey.join(", ")})\n) ${dist} SORTKEY(${t.sortKey.join(", ")})`;
  }
  return `CREATE TABLE ${t.name} (\n${cols}\n)`;
}

export function primaryKeySql(t: TpchTableDef): string {
  return `ALTER TABLE ${t.name} ADD PRIMARY KEY (${t.primaryKey.join(", ")})`;
}
