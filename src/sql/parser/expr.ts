// src/sql/parser/expr.ts
//! Expressions by precedence climbing over the one table in precedence.ts. Prefix forms and
//! primaries are in primary.ts.

import type { BinaryOp, ComparisonOp, Expr, QuantifiedArray, QuantifiedSubquery } from "../ast/index.js";
import type { Cursor } from "./cursor.js";
import { BINARY_PREC, OP_TOKENS, Prec } from "./precedence.js";
import { parsePrimary, parsePostfix } from "./primary.js";
import { tryParenQuery } from "./query.js";

export function parseExpr(p: Cursor): Expr {
  return parseBinary(p, Prec.Or);
}

type QuantOp = QuantifiedArray["op"];

/** The operator of OPERATOR(schema.op) at the cursor (consumed), or undefined. */
function operatorForm(p: Cursor): BinaryOp {
  p.expectWord("operator");
  p.expectOp("(");
  if (p.isLabel() && p.isOp(".", 1)) p.i += 2;
  const t = p.next();
  const op = t.kind === "op" ? OP_TOKENS.get(t.value) : undefined;
  if (!op) throw p.error(t);
  p.expectOp(")");
  return op;
}

function parsePrefix(p: Cursor): Expr {
  const t = p.tok;
  if (t.kind === "op") {
    const v = t.value;
    if (v === "-" || v === "+") {
      p.next();
      const operand = parseBinary(p, Prec.Unary);
      return { kind: "Unary", pos: t.start, op: v, operand };
    }
    // Other prefix operators bind like "any other operator" in Postgres: ~ a ^ b is ~ (a ^ b).
    if (v === "~" || v === "|/" || v === "||/" || v === "@") {
      p.next();
      const operand = parseBinary(p, Prec.Other + 1);
      return { kind: "Unary", pos: t.start, op: v, operand };
    }
  } else if (t.kind === "word" && t.value === "not") {
    p.next();
    const operand = parseBinary(p, Prec.Not);
    return { kind: "Unary", pos: t.start, op: "NOT", operand };
  }
  return parsePrimary(p);
}

/** After a comparison (or LIKE) operator: ANY|SOME|ALL ( query | array ). */
function quantified(p: Cursor, pos: number, left: Expr, op: QuantOp): Expr | undefined {
  const t = p.tok;
  if (t.kind !== "word" || !(t.value === "any" || t.value === "all" || t.value === "some") || !p.isOp("(", 1)) {
    return undefined;
  }
  p.i += 2;
  const quantifier = t.value === "all" ? "all" : "any";
  const query = tryParenQuery(p);
  if (query) {
    p.expectOp(")");
    const q: QuantifiedSubquery = { kind: "QuantifiedSubquery", pos, op, quantifier, left, query };
    return q;
  }
  const array = parseExpr(p);
  p.expectOp(")");
  return { kind: "QuantifiedArray", pos, op, quantifier, left, array };
}

function likeTail(p: Cursor, pos: number, left: Expr, op: "like" | "ilike" | "similar", not: boolean): Expr {
  if (!not && op !== "similar") {
    const q = quantified(p, pos, left, op);
    if (q) return q;
  }
  const pattern = parseBinary(p, Prec.Like + 1);
  let esc: Expr | undefined;
  if (p.acceptWord("escape")) esc = parseBinary(p, Prec.Like + 1);
  return esc
    ? { kind: "Like", pos, op, expr: left, pattern, escape: esc, not }
    : { kind: "Like", pos, op, expr: left, pattern, not };
}

/** The predicate forms at Prec.Like after an optional NOT: BETWEEN, IN, LIKE, ILIKE, SIMILAR TO. */
function likeLevel(p: Cursor, left: Expr, not: boolean): Expr {
  const pos = left.pos;
  const w = p.next().value;
  switch (w) {
    case "between": {
      const symmetric = p.acceptWord("symmetric");
      if (!symmetric) p.acceptWord("asymmetric");
      const low = parseBinary(p, Prec.Like + 1);
      p.expectWord("and");
      const high = parseBinary(p, Prec.Like + 1);
      return { kind: "Between", pos, expr: left, low, high, not, symmetric };
    }
    case "in": {
      p.expectOp("(");
      const query = tryParenQuery(p);
      if (query) {
        p.expectOp(")");
        return { kind: "InSubquery", pos, expr: left, query, not };
      }
      const list = p.commaList(() => parseExpr(p));
      p.expectOp(")");
      return { kind: "InList", pos, expr: left, list, not };
    }
    case "like":
    case "ilike":
      return likeTail(p, pos, left, w, not);
    case "similar":
      p.expectWord("to");
      return likeTail(p, pos, left, "similar", not);
    default:
      throw p.error();
  }
}

const LIKE_WORDS = new Set(["between", "in", "like", "ilike", "similar"]);

export function parseBinary(p: Cursor, minPrec: number): Expr {
  let left = parsePrefix(p);
  for (;;) {
    const t = p.tok;
    if (t.kind === "op") {
      const v = t.value;
      if (v === "::" || v === "[" || v === ".") {
        if (Prec.Postfix < minPrec) return left;
        left = parsePostfix(p, left);
        continue;
      }
      const op = OP_TOKENS.get(v);
      if (op === undefined) {
        if (v === ")" || v === "," || v === ";" || v === "]" || v === ":" || v === "(") return left;
        throw p.unsupported(`operator ${v}`);
      }
      const prec = BINARY_PREC[op];
      if (prec < minPrec) return left;
      p.next();
      if (prec === Prec.Compare || op === "~" || op === "~*" || op === "!~" || op === "!~*") {
        const q = quantified(p, left.pos, left, op as ComparisonOp);
        if (q) {
          left = q;
          continue;
        }
      }
      const right = parseBinary(p, prec + 1);
      left = { kind: "Binary", pos: left.pos, op, left, right };
      continue;
    }
    if (t.kind !== "word") return left;
    switch (t.value) {
      case "and":
      case "or": {
        const prec = t.value === "and" ? Prec.And : Prec.Or;
        if (prec < minPrec) return left;
        p.next();
        const right = parseBinary(p, prec + 1);
        left = { kind: "Binary", pos: left.pos, op: t.value === "and" ? "AND" : "OR", left, right };
        continue;
      }
      case "is": {
        if (Prec.Is < minPrec) return left;
        p.next();
        const not = p.acceptWord("not");
        const w = p.tok;
        if (w.kind === "word" && w.value === "null") {
          p.next();
          left = { kind: "IsNull", pos: left.pos, expr: left, not };
        } else if (w.kind === "word" && (w.value === "true" || w.value === "false" || w.value === "unknown")) {
          p.next();
          left = { kind: "IsBool", pos: left.pos, expr: left, value: w.value, not };
        } else if (w.kind === "word" && w.value === "distinct") {
          p.next();
          p.expectWord("from");
          const right = parseBinary(p, Prec.Is + 1);
          left = { kind: "IsDistinctFrom", pos: left.pos, left, right, not };
        } else throw p.error();
        continue;
      }
      case "isnull":
      case "notnull":
        if (Prec.Is < minPrec) return left;
        p.next();
        left = { kind: "IsNull", pos: left.pos, expr: left, not: t.value === "notnull" };
        continue;
      case "not": {
        const n = p.peek(1);
        if (n.kind !== "word" || !LIKE_WORDS.has(n.value)) return left;
        if (Prec.Like < minPrec) return left;
        p.next();
        left = likeLevel(p, left, true);
        continue;
      }
      case "between":
      case "in":
      case "like":
      case "ilike":
      case "similar":
        if (Prec.Like < minPrec) return left;
        left = likeLevel(p, left, false);
        continue;
      case "operator": {
        if (!p.isOp("(", 1)) return left;
        const save = p.i;
        const op = operatorForm(p);
        const prec = Prec.Other;
        if (prec < minPrec) {
          p.i = save;
          return left;
        }
        const right = parseBinary(p, prec + 1);
        left = { kind: "Binary", pos: left.pos, op, left, right };
        continue;
      }
      case "at": {
        if (!p.isWord("time", 1) || !p.isWord("zone", 2)) return left;
        if (Prec.AtTimeZone < minPrec) return left;
        p.i += 3;
        const zone = parseBinary(p, Prec.AtTimeZone + 1);
        left = { kind: "AtTimeZone", pos: left.pos, expr: left, zone };
        continue;
      }
      case "collate": {
        if (Prec.Collate < minPrec) return left;
        p.next();
        const collation = [p.label()];
        while (p.acceptOp(".")) collation.push(p.label());
        left = { kind: "Collate", pos: left.pos, expr: left, collation };
        continue;
      }
      default:
        return left;
    }
  }
}
