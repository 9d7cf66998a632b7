// src/lake/copy/sql.ts
//! Quoting for the DuckDB statements the lake builds around the translator's conversions: the
//! shared quoting of common/sql-quote.ts (always quoted, NUL refused).

export { quoteIdent as ident, quoteLiteral as str } from "../../common/sql-quote.js";
