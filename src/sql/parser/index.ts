// src/sql/parser/index.ts
//! Recursive-descent parser for Redshift SQL: script splitting, statements, expressions.
export { parse, parseExpression, parseScript, parseStatement, parseType } from "./statement.js";
export type { ScriptStatement } from "./statement.js";
export { makeTypeName, parseTypeName } from "./type-name.js";
