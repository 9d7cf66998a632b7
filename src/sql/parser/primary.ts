// src/sql/parser/primary.ts
//! Primary expressions: literals, parameters, column references, parenthesized expressions and
//! subqueries, keyword forms (CASE, CAST, INTERVAL, typed literals, niladic functions), function
//! calls, and the postfix forms (::, [ ], .field).

import type { ColumnRef, Expr, Star, Subscript, TypeName } from "../ast/index.js";
import { FUNC_NAME_KEYWORDS, NILADIC_FUNCTIONS, RESERVED } from "../dialect/redshift.js";
import type { Cursor } from "./cursor.js";
import { parseExpr } from "./expr.js";
import { parseFunctionCall, SPECIAL_FORMS } from "./functions.js";
import { tryParenQuery } from "./query.js";
import { LITERAL_TYPES, makeTypeName, parseTypeName } from "./type-name.js";

const INTERVAL_UNITS = new Set(["year", "month", "day", "hour", "minute", "second"]);

/** Optional interval qualifier after INTERVAL 'x': DAY, YEAR TO MONTH, SECOND(3), ... */
function intervalQualifier(p: Cursor): string | undefined {
  const t = p.tok;
  if (t.kind !== "word" || !INTERVAL_UNITS.has(t.value)) return undefined;
  p.next();
  let q = t.value;
  if (p.isOp("(") && p.peek(1).kind === "number" && p.isOp(")", 2)) {
    q += `(${p.peek(1).value})`;
    p.i += 3;
  }
  if (p.isWord("to") && p.peek(1).kind === "word" && INTERVAL_UNITS.has(p.peek(1).value)) {
    p.next();
    q += ` to ${p.next().value}`;
    if (p.isOp("(") && p.peek(1).kind === "number" && p.isOp(")", 2)) {
      q += `(${p.peek(1).value})`;
      p.i += 3;
    }
  }
  return q;
}

function parseParenthesized(p: Cursor): Expr {
  const open = p.next();
  const query = tryParenQuery(p);
  if (query) {
    p.expectOp(")");
    return { kind: "Subquery", pos: open.start, query };
  }
  const first = parseExpr(p);
  if (p.acceptOp(")")) return first;
  const items = [first];
  while (p.acceptOp(",")) items.push(parseExpr(p));
  p.expectOp(")");
  return { kind: "RowExpr", pos: open.start, items };
}

/** A typed literal `type 'string'` for date/time/timestamp types (incl. WITH TIME ZONE forms). */
function typedLiteral(p: Cursor): Expr | undefined {
  const t = p.tok;
  // fast check: word followed by a string, or by `with/without time zone 'x'`
  const next = p.peek(1);
  let type: TypeName;
  if (next.kind === "string") {
    p.next();
    type = makeTypeName(t.start, t.value);
  } else if (t.value === "double" && p.isWord("precision", 1) && p.peek(2).kind === "string") {
    type = parseTypeName(p);
  } else if (
    (t.value === "time" || t.value === "timestamp") &&
    p.isWord("time", 2) &&
    p.isWord("zone", 3) &&
    p.peek(4).kind === "string" &&
    (p.isWord("with", 1) || p.isWord("without", 1))
  ) {
    type = parseTypeName(p);
  } else return undefined;
  const value = p.next().value;
  return { kind: "TypedLiteral", pos: t.start, type, value };
}

/** A column reference, t.*, or function call starting at a name. */
function parseNameChain(p: Cursor): Expr {
  const first = p.next();
  const parts = [first.value];
  while (p.isOp(".")) {
    const n = p.peek(1);
    if (n.kind === "op" && n.value === "*") {
      p.i += 2;
      const star: Star = { kind: "Star", pos: first.start, qualifier: parts };
      return star;
    }
    if (n.kind !== "word" && n.kind !== "qident") break;
    p.i += 2;
    parts.push(n.value);
  }
  if (p.isOp("(")) {
    if (parts.length > 2) throw p.unsupported("cross-database function call", first);
    const name = parts[parts.length - 1]!;
    const schema = parts.length === 2 ? parts[0] : undefined;
    return parseFunctionCall(p, first.start, name, schema, first.kind === "qident" && parts.length === 1);
  }
  if (parts.length > 4) throw p.error(first);
  const ref: ColumnRef = { kind: "ColumnRef", pos: first.start, parts };
  return ref;
}

export function parsePrimary(p: Cursor): Expr {
  const t = p.tok;
  switch (t.kind) {
    case "number":
      p.next();
      return { kind: "NumberLiteral", pos: t.start, value: t.value, integer: isIntegerText(t.value) };
    case "string":
      p.next();
      return { kind: "StringLiteral", pos: t.start, value: t.value };
    case "param":
      p.next();
      return { kind: "Param", pos: t.start, index: Number(t.value) };
    case "qident":
      return parseNameChain(p);
    case "op":
      if (t.value === "(") return parseParenthesized(p);
      if (t.value === "*") {
        p.next();
        return { kind: "Star", pos: t.start };
      }
      throw p.error();
    case "eof":
      throw p.error();
    case "word":
      break;
  }
  const w = t.value;
  switch (w) {
    case "null":
      p.next();
      return { kind: "NullLiteral", pos: t.start };
    case "true":
    case "false":
      p.next();
      return { kind: "BooleanLiteral", pos: t.start, value: w === "true" };
    case "default":
      p.next();
      return { kind: "DefaultValue", pos: t.start };
    case "interval": {
      if (p.peek(1).kind !== "string") break;
      p.next();
      const value = p.next().value;
      const qualifier = intervalQualifier(p);
      return qualifier === undefined
        ? { kind: "IntervalLiteral", pos: t.start, value }
        : { kind: "IntervalLiteral", pos: t.start, value, qualifier };
    }
    case "approximate": {
      const n = p.peek(1);
      if (n.kind !== "word" || !p.isOp("(", 2)) break;
      p.next();
      const call = parseNameChain(p);
      if (call.kind !== "FunctionCall") throw p.error(n);
      return { ...call, pos: t.start, approximate: true };
    }
  }
  if (LITERAL_TYPES.has(w) || w === "double") {
    const lit = typedLiteral(p);
    if (lit) return lit;
  }
  const special = SPECIAL_FORMS.get(w);
  if (special && (special.bare || p.isOp("(", 1))) {
    const e = special.parse(p);
    if (e) return e;
  }
  if (NILADIC_FUNCTIONS.has(w)) {
    p.next();
    const args: Expr[] = [];
    if (
      p.isOp("(") &&
      (w === "current_time" || w === "current_timestamp" || w === "localtime" || w === "localtimestamp")
    ) {
      p.next();
      args.push(parseExpr(p));
      p.expectOp(")");
    }
    return { kind: "FunctionCall", pos: t.start, name: w, args, star: false, distinct: false, approximate: false };
  }
  if (RESERVED.has(w)) {
    if (FUNC_NAME_KEYWORDS.has(w) && p.isOp("(", 1)) return parseNameChain(p);
    throw p.error();
  }
  return parseNameChain(p);
}

function isIntegerText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** :: type, [ index ] / [ lo : hi ], .field (after a subscript or parenthesized expression). */
export function parsePostfix(p: Cursor, left: Expr): Expr {
  const t = p.next();
  if (t.value === "::") {
    const type = parseTypeName(p);
    return { kind: "Cast", pos: left.pos, expr: left, type };
  }
  if (t.value === "[") {
    let index: Expr | undefined;
    let upper: Expr | undefined;
    let slice = false;
    if (!p.isOp(":")) index = parseExpr(p);
    if (p.acceptOp(":")) {
      slice = true;
      if (!p.isOp("]")) upper = parseExpr(p);
    }
    p.expectOp("]");
    const node: { -readonly [K in keyof Subscript]: Subscript[K] } = {
      kind: "Subscript",
      pos: left.pos,
      expr: left,
      slice,
    };
    if (index) node.index = index;
    if (upper) node.upper = upper;
    return node;
  }
  // "."
  const f = p.tok;
  if (f.kind !== "word" && f.kind !== "qident") throw p.error();
  p.next();
  return { kind: "FieldAccess", pos: left.pos, expr: left, field: f.value };
}
