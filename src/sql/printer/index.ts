// src/sql/printer/index.ts
//! AST -> canonical Redshift SQL: keywords upper case, identifiers quoted only when needed,
//! strings with '' escaping. Used for round trips, error messages and EXPLAIN text.
export { printExpr } from "./expr.js";
export { ident, objectName, quoteString, typeName } from "./lexical.js";
export { printQuery } from "./query.js";
export { print, printStatement } from "./statement.js";
