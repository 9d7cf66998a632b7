// src/sql/index.ts
//! The Redshift SQL front end: lexer -> parser -> typed readonly AST -> printer. Pure: imports
//! only src/common. Entry points: parse / parseScript / parseStatement / parseExpression / print.

export type * from "./ast/index.js";
export { children, maxParamIndex, walk } from "./ast/walk.js";
export { tokenize } from "./lexer/index.js";
export type { Token, TokenKind } from "./lexer/index.js";
export { isSecurityStatement } from "./parser/security.js";
export { makeTypeName, parse, parseExpression, parseScript, parseStatement, parseType } from "./parser/index.js";
export type { ScriptStatement } from "./parser/index.js";
export {
  ident,
  objectName,
  print,
  printExpr,
  printQuery,
  printStatement,
  quoteString,
  typeName,
} from "./printer/index.js";
export { RESERVED, needsQuotes } from "./dialect/redshift.js";
