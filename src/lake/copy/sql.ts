// src/lake/copy/sql.ts
//! Quoting for the DuckDB statements the lake builds around the translator's conversions.

export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function str(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
