// src/common/sql-quote.ts
//! The one way to put a name or a value into DuckDB SQL text: identifiers always double-quoted
//! ("" doubled), strings single-quoted ('' doubled). A NUL cannot be represented (DuckDB reads SQL
//! text as a C string and would stop there), so it is refused, never passed through: 42602 for a
//! name, 22021 for a value, as Postgres refuses it. The lexer already rejects NUL in SQL text and
//! escapes; this is the printer's own guarantee for names and values from anywhere else.

import { LakeshiftError, SqlState } from "./errors.js";

export function quoteIdent(name: string): string {
  if (name.includes("\0")) throw new LakeshiftError(SqlState.InvalidName, "invalid name: contains a NUL character");
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(text: string): string {
  if (text.includes("\0"))
    throw new LakeshiftError(SqlState.CharacterNotInRepertoire, 'invalid byte sequence for encoding "UTF8": 0x00');
  return `'${text.replaceAll("'", "''")}'`;
}
