// src/sql/parser/cursor.ts
//! The token cursor every parser file works through: peek/accept/expect helpers and
//! Postgres-style error messages ("syntax error at or near ...", "... at end of input").

import { type ParseError, UnsupportedError } from "../../common/errors.js";
import { RESERVED } from "../dialect/redshift.js";
import { syntaxErrorAt } from "../lexer/lexer.js";
import type { Token } from "../lexer/token.js";

export class Cursor {
  readonly text: string;
  readonly toks: readonly Token[];
  i = 0;

  constructor(text: string, toks: readonly Token[]) {
    this.text = text;
    this.toks = toks;
  }

  get tok(): Token {
    return this.toks[this.i]!;
  }

  peek(k = 0): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)]!;
  }

  next(): Token {
    const t = this.toks[this.i]!;
    if (t.kind !== "eof") this.i++;
    return t;
  }

  get atEnd(): boolean {
    return this.tok.kind === "eof";
  }

  /** Is the token k ahead the unquoted word w (lower case)? */
  isWord(w: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === "word" && t.value === w;
  }

  isOp(o: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === "op" && t.value === o;
  }

  acceptWord(w: string): boolean {
    if (this.isWord(w)) {
      this.i++;
      return true;
    }
    return false;
  }

  /** Accepts a sequence of words only if all match. */
  acceptWords(...ws: string[]): boolean {
    for (let k = 0; k < ws.length; k++) if (!this.isWord(ws[k]!, k)) return false;
    this.i += ws.length;
    return true;
  }

  expectWord(w: string): Token {
    if (!this.isWord(w)) throw this.error();
    return this.next();
  }

  acceptOp(o: string): boolean {
    if (this.isOp(o)) {
      this.i++;
      return true;
    }
    return false;
  }

  expectOp(o: string): Token {
    if (!this.isOp(o)) throw this.error();
    return this.next();
  }

  /** `syntax error at or near "<token>"`, or `syntax error at end of input`. */
  error(t: Token = this.tok): ParseError {
    if (t.kind === "eof") return syntaxErrorAt(this.text, t.start, "syntax error at end of input");
    return syntaxErrorAt(this.text, t.start, `syntax error at or near "${this.text.slice(t.start, t.end)}"`);
  }

  unsupported(construct: string, t: Token = this.tok): UnsupportedError {
    return new UnsupportedError(construct, { position: t.start + 1 });
  }

  /** An identifier usable as a name: an unreserved word or a quoted identifier. */
  isIdent(k = 0): boolean {
    const t = this.peek(k);
    return t.kind === "qident" || (t.kind === "word" && !RESERVED.has(t.value));
  }

  ident(): string {
    if (!this.isIdent()) throw this.error();
    return this.next().value;
  }

  /** Any word, reserved or not, or a quoted identifier (after AS, after a dot). */
  isLabel(k = 0): boolean {
    const t = this.peek(k);
    return t.kind === "qident" || t.kind === "word";
  }

  label(): string {
    if (!this.isLabel()) throw this.error();
    return this.next().value;
  }

  /** ( ident, ... ) */
  identList(): string[] {
    this.expectOp("(");
    const out = [this.ident()];
    while (this.acceptOp(",")) out.push(this.ident());
    this.expectOp(")");
    return out;
  }

  /** Comma list of items until no comma follows. */
  commaList<T>(item: () => T): T[] {
    const out = [item()];
    while (this.acceptOp(",")) out.push(item());
    return out;
  }
}
