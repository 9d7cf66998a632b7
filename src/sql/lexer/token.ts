// src/sql/lexer/token.ts
//! Token kinds and the token record the lexer produces.

/**
 * - word: an unquoted identifier or keyword; `value` is folded to lower case
 * - qident: a "quoted identifier"; `value` is exact ("" undoubled)
 * - string: '...', E'...', $$...$$, $tag$...$tag$; `value` is decoded
 * - number: digits as written ("1", "1.5", ".5", "1.", "1e10")
 * - param: $n; `value` is the digits
 * - op: punctuation and operators: ( ) , ; [ ] . : :: and operator runs (+ - * / < > = ~ ! @ # % ^ & | ` ?)
 * - eof: end of input
 */
export type TokenKind = "word" | "qident" | "string" | "number" | "param" | "op" | "eof";

export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  /** 0-based offset of the first character. */
  readonly start: number;
  /** 0-based offset just past the last character. */
  readonly end: number;
  /** 1-based line and column of `start`. */
  readonly line: number;
  readonly column: number;
}
