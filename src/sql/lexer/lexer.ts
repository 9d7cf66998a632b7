// src/sql/lexer/lexer.ts
//! Hand-written lexer over char codes: identifiers fold to lower case unless double-quoted,
//! '' and "" escapes, E'..' backslash escapes, dollar quotes, -- and nested /* */ comments,
//! Postgres operator-run rules. One pass, no regular expressions.

import { LakeshiftError, ParseError, SqlState } from "../../common/errors.js";
import type { Token, TokenKind } from "./token.js";

const OP_CHARS = new Uint8Array(128);
for (const c of "+-*/<>=~!@#%^&|`?") OP_CHARS[c.charCodeAt(0)] = 1;

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 36;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** 1-based line and column of a 0-based offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** A ParseError at a 0-based offset of `text`. */
export function syntaxErrorAt(text: string, offset: number, message: string): ParseError {
  const { line, column } = lineColumn(text, offset);
  return new ParseError(message, line, column, offset + 1);
}

/** Folds ASCII A-Z only, as Postgres does for UTF-8 identifiers (Redshift folds unquoted identifiers). */
function fold(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      let out = s.slice(0, i);
      for (let j = i; j < s.length; j++) {
        const d = s.charCodeAt(j);
        out += d >= 65 && d <= 90 ? String.fromCharCode(d + 32) : s[j];
      }
      return out;
    }
  }
  return s;
}

/** Postgres' refusal of a NUL character, in the text or made by an escape: no SQL text may hold one. */
export function nulRefused(offset: number): LakeshiftError {
  return new LakeshiftError(SqlState.CharacterNotInRepertoire, 'invalid byte sequence for encoding "UTF8": 0x00', {
    position: offset + 1,
  });
}

export function tokenize(text: string): Token[] {
  if (text.includes("\0")) throw nulRefused(text.indexOf("\0"));
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;

  const push = (kind: TokenKind, value: string, start: number, end: number, l: number, ls: number) => {
    out.push({ kind, value, start, end, line: l, column: start - ls + 1 });
  };
  const fail = (offset: number, message: string): never => {
    throw syntaxErrorAt(text, offset, message);
  };
  /** Advance past a newline-containing slice, keeping line/lineStart right. */
  const countLines = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    // whitespace
    if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
      i++;
      continue;
    }
    if (c === 10) {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    const start = i;
    const sl = line;
    const sls = lineStart;
    // -- comment
    if (c === 45 && text.charCodeAt(i + 1) === 45) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
      continue;
    }
    // /* nested comment */
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        const d = text.charCodeAt(i);
        if (d === 47 && text.charCodeAt(i + 1) === 42) {
          depth++;
          i += 2;
        } else if (d === 42 && text.charCodeAt(i + 1) === 47) {
          depth--;
          i += 2;
        } else {
          if (d === 10) {
            line++;
            lineStart = i + 1;
          }
          i++;
        }
      }
      if (depth > 0) fail(start, "unterminated /* comment at or near " + near(text.slice(start, start + 2)));
      continue;
    }
    // E'...' escape string
    if ((c === 69 || c === 101) && text.charCodeAt(i + 1) === 39) {
      i = scanEscapeString(i + 1);
      continue;
    }
    // N'...' national string: a plain string
    if ((c === 78 || c === 110) && text.charCodeAt(i + 1) === 39) {
      i = scanString(i + 1, start);
      push("string", lastString, start, i, sl, sls);
      continue;
    }
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      push("word", fold(text.slice(start, i)), start, i, sl, sls);
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 46 && text.charCodeAt(i + 1) !== 46) {
        i++;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
      }
      const e = text.charCodeAt(i);
      if (e === 101 || e === 69) {
        let j = i + 1;
        const s = text.charCodeAt(j);
        if (s === 43 || s === 45) j++;
        if (isDigit(text.charCodeAt(j))) {
          i = j;
          while (i < n && isDigit(text.charCodeAt(i))) i++;
        }
      }
      push("number", text.slice(start, i), start, i, sl, sls);
      continue;
    }
    if (c === 39) {
      i = scanString(i, start);
      push("string", lastString, start, i, sl, sls);
      continue;
    }
    if (c === 34) {
      let value = "";
      let seg = i + 1;
      i++;
      for (;;) {
        if (i >= n) fail(start, "unterminated quoted identifier at or near " + near(text.slice(start)));
        const d = text.charCodeAt(i);
        if (d === 34) {
          if (text.charCodeAt(i + 1) === 34) {
            value += text.slice(seg, i + 1);
            i += 2;
            seg = i;
            continue;
          }
          value += text.slice(seg, i);
          i++;
          break;
        }
        i++;
      }
      countLines(start, i);
      if (value.length === 0) fail(start, "zero-length delimited identifier at or near " + near('""'));
      push("qident", value, start, i, sl, sls);
      continue;
    }
    if (c === 36) {
      const d = text.charCodeAt(i + 1);
      if (isDigit(d)) {
        i++;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
        push("param", text.slice(start + 1, i), start, i, sl, sls);
        continue;
      }
      // $tag$ ... $tag$
      let j = i + 1;
      if (d !== 36) {
        if (!isIdentStart(d)) fail(start, `syntax error at or near "$"`);
        while (j < n && isIdentPart(text.charCodeAt(j)) && text.charCodeAt(j) !== 36) j++;
        if (text.charCodeAt(j) !== 36) fail(start, `syntax error at or near "$"`);
      }
      const tag = text.slice(i, j + 1);
      const bodyStart = j + 1;
      const close = text.indexOf(tag, bodyStart);
      if (close < 0) fail(start, "unterminated dollar-quoted string at or near " + near(text.slice(start)));
      i = close + tag.length;
      countLines(start, i);
      push("string", text.slice(bodyStart, close), start, i, sl, sls);
      continue;
    }
    // punctuation
    if (c === 40 || c === 41 || c === 44 || c === 59 || c === 91 || c === 93 || c === 46) {
      i++;
      push("op", text[start]!, start, i, sl, sls);
      continue;
    }
    if (c === 58) {
      if (text.charCodeAt(i + 1) === 58) {
        i += 2;
        push("op", "::", start, i, sl, sls);
      } else {
        i++;
        push("op", ":", start, i, sl, sls);
      }
      continue;
    }
    if (c < 128 && OP_CHARS[c]) {
      let j = i;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d >= 128 || !OP_CHARS[d]) break;
        // a comment starts inside the run: stop before it
        if (j > i && ((d === 45 && text.charCodeAt(j + 1) === 45) || (d === 47 && text.charCodeAt(j + 1) === 42)))
          break;
        j++;
      }
      // A run never ends in + or -: Postgres keeps them when the run has one of ~!@#%^&|`?, which
      // only turns `a!=-1` / `a||-1` into "operator does not exist"; no operator we know ends so.
      while (j - i > 1) {
        const last = text.charCodeAt(j - 1);
        if (last === 43 || last === 45) j--;
        else break;
      }
      i = j;
      push("op", text.slice(start, i), start, i, sl, sls);
      continue;
    }
    fail(start, `syntax error at or near "${text[start]}"`);
  }
  out.push({ kind: "eof", value: "", start: n, end: n, line, column: n - lineStart + 1 });
  return out;

  // --- string scanners (hoisted) ---
  /** Scans a standard '...' string starting at the quote; sets lastString; returns the end offset. */
  function scanString(q: number, tokStart: number): number {
    let value = "";
    let seg = q + 1;
    let k = q + 1;
    for (;;) {
      if (k >= n) fail(tokStart, "unterminated quoted string at or near " + near(text.slice(tokStart)));
      const d = text.charCodeAt(k);
      if (d === 39) {
        if (text.charCodeAt(k + 1) === 39) {
          value += text.slice(seg, k + 1);
          k += 2;
          seg = k;
          continue;
        }
        value += text.slice(seg, k);
        k++;
        break;
      }
      k++;
    }
    countLines(tokStart, k);
    lastString = value;
    return k;
  }

  function scanEscapeString(q: number): number {
    const tokStart = q - 1;
    const sl = line;
    const sls = lineStart;
    let value = "";
    let k = q + 1;
    for (;;) {
      if (k >= n) fail(tokStart, "unterminated quoted string at or near " + near(text.slice(tokStart)));
      const d = text.charCodeAt(k);
      if (d === 39) {
        if (text.charCodeAt(k + 1) === 39) {
          value += "'";
          k += 2;
          continue;
        }
        k++;
        break;
      }
      if (d === 92) {
        const e = text[k + 1];
        k += 2;
        switch (e) {
          case "b":
            value += "\b";
            break;
          case "f":
            value += "\f";
            break;
          case "n":
            value += "\n";
            break;
          case "r":
            value += "\r";
            break;
          case "t":
            value += "\t";
            break;
          case "x": {
            let h = 0;
            let cnt = 0;
            while (cnt < 2 && isHex(text.charCodeAt(k))) {
              h = h * 16 + Number.parseInt(text[k]!, 16);
              k++;
              cnt++;
            }
            value += cnt ? String.fromCharCode(h) : "x";
            break;
          }
          case "u":
          case "U": {
            const len = e === "u" ? 4 : 8;
            const hex = text.slice(k, k + len);
            if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) fail(k - 2, "invalid Unicode escape");
            const cp = Number.parseInt(hex, 16);
            if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) fail(k - 2, "invalid Unicode escape value");
            value += String.fromCodePoint(cp);
            k += len;
            break;
          }
          case undefined:
            fail(tokStart, "unterminated quoted string at or near " + near(text.slice(tokStart)));
            break;
          default:
            if (e >= "0" && e <= "7") {
              let o = e.charCodeAt(0) - 48;
              let cnt = 1;
              while (cnt < 3 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 55) {
                o = o * 8 + (text.charCodeAt(k) - 48);
                k++;
                cnt++;
              }
              value += String.fromCharCode(o);
            } else value += e;
        }
        continue;
      }
      value += text[k];
      k++;
    }
    if (value.includes("\0")) throw nulRefused(tokStart);
    countLines(tokStart, k);
    out.push({ kind: "string", value, start: tokStart, end: k, line: sl, column: tokStart - sls + 1 });
    return k;
  }
}

let lastString = "";

function near(s: string): string {
  return `"${s}"`;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
