// src/sql/lexer/index.ts
//! Lexer: token kinds and the char-code scanner.
export { lineColumn, syntaxErrorAt, tokenize } from "./lexer.js";
export type { Token, TokenKind } from "./token.js";
