// src/translate/duckdb/quote.ts
//! Identifiers are always emitted double-quoted ("" doubled) and strings single-quoted ('' doubled),
//! so no input can end a literal early and inject a second statement; a NUL is refused (see
//! common/sql-quote.ts). tests/security/printer-fuzz.test.ts checks this with DuckDB as the judge.

export { quoteIdent as ident, quoteLiteral as str } from "../../common/sql-quote.js";
