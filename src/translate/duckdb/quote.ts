// src/translate/duckdb/quote.ts
//! Identifiers are always emitted double-quoted ("" doubled) and strings single-quoted ('' doubled),
//! so no input can end a literal early and inject a second statement.

export function ident(name: string): string {
  return name.includes('"') ? `"${name.replaceAll('"', '""')}"` : `"${name}"`;
}

export function str(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
