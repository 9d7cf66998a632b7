// src/sql/parser/function.ts
//! CREATE [OR REPLACE] FUNCTION name ( [type, ...] ) RETURNS type { VOLATILE | STABLE | IMMUTABLE }
//! AS $$ SELECT <expression> $$ LANGUAGE sql, and DROP FUNCTION name ( [type, ...] ).
//! Only scalar SQL UDFs: LANGUAGE plpythonu (Python UDFs) is refused by name.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_FUNCTION.html

import type { CreateFunction, DropFunction, Expr, Volatility } from "../ast/index.js";
import { tokenize } from "../lexer/lexer.js";
import { Cursor } from "./cursor.js";
import { parseExpr } from "./expr.js";
import { parseObjectName } from "./names.js";
import { functionSignature } from "./security.js";
import { parseTypeName } from "./type-name.js";

const VOLATILITIES: readonly Volatility[] = ["volatile", "stable", "immutable"];

/** The body of a SQL UDF: one SELECT of one expression, without FROM. */
function parseBody(p: Cursor, text: string): Expr {
  const b = new Cursor(text, tokenize(text));
  b.expectWord("select");
  const e = parseExpr(b);
  if (b.isOp(",")) throw p.unsupported("a SQL function body selecting more than one expression");
  if (b.isWord("from")) throw p.unsupported("FROM in a SQL function body");
  b.acceptOp(";");
  if (!b.atEnd) throw b.error();
  return e;
}

/** After CREATE [OR REPLACE]: at FUNCTION. */
export function parseCreateFunction(p: Cursor, pos: number, orReplace: boolean): CreateFunction {
  p.expectWord("function");
  const name = parseObjectName(p);
  const argTypes = functionSignature(p);
  p.expectWord("returns");
  const returns = parseTypeName(p);
  const v = p.tok;
  if (v.kind !== "word" || !VOLATILITIES.includes(v.value as Volatility)) throw p.error();
  p.next();
  p.expectWord("as");
  const bodyTok = p.tok;
  if (bodyTok.kind !== "string") throw p.error();
  p.next();
  const langTok = p.expectWord("language") && p.tok;
  if (langTok.kind !== "word") throw p.error();
  if (langTok.value !== "sql") throw p.unsupported(`LANGUAGE ${langTok.value}`, langTok);
  p.next();
  const body = parseBody(p, bodyTok.value);
  return { kind: "CreateFunction", pos, orReplace, name, argTypes, returns, volatility: v.value as Volatility, body };
}

/** After DROP: at FUNCTION. */
export function parseDropFunction(p: Cursor, pos: number): DropFunction {
  p.expectWord("function");
  const ifExists = p.acceptWords("if", "exists");
  const name = parseObjectName(p);
  const argTypes = functionSignature(p);
  const behavior = p.acceptWord("cascade") ? "cascade" : p.acceptWord("restrict") ? "restrict" : undefined;
  return behavior
    ? { kind: "DropFunction", pos, ifExists, name, argTypes, behavior }
    : { kind: "DropFunction", pos, ifExists, name, argTypes };
}
