// src/sql/parser/query.ts
//! Queries: WITH, set operations (INTERSECT binds tighter than UNION/EXCEPT/MINUS), SELECT,
//! VALUES, ORDER BY / LIMIT / OFFSET / TOP. FROM items are in from.ts.

import type {
  Cte,
  Expr,
  GroupingElement,
  Query,
  Select,
  SelectInto,
  SelectItem,
  SetOperation,
  Values,
  With,
} from "../ast/index.js";
import { ParseError } from "../../common/errors.js";
import type { Cursor } from "./cursor.js";
import { parseExpr } from "./expr.js";
import { parseFromList } from "./from.js";
import { parseObjectName } from "./names.js";
import { parseOrderBy, parseWindowClause } from "./window.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Does a query start at the cursor (SELECT, WITH, VALUES, or '(' of a parenthesized query)? */
export function isQueryStart(p: Cursor, k = 0): boolean {
  const t = p.peek(k);
  if (t.kind === "word") return t.value === "select" || t.value === "with" || t.value === "values";
  if (t.kind === "op" && t.value === "(") {
    let j = k;
    while (p.isOp("(", j)) j++;
    const u = p.peek(j);
    return u.kind === "word" && (u.value === "select" || u.value === "with" || u.value === "values");
  }
  return false;
}

/**
 * After an opening '(' (consumed): a query closed by ')' (the ')' is not consumed), or undefined
 * when what follows is an expression. `((SELECT 1) + 1)` starts like a query, so a leading '('
 * is tried and backtracked.
 */
export function tryParenQuery(p: Cursor): Query | undefined {
  if (!isQueryStart(p)) return undefined;
  if (p.tok.kind === "word") return parseQuery(p);
  const save = p.i;
  try {
    const q = parseQuery(p);
    if (p.isOp(")")) return q;
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
  }
  p.i = save;
  return undefined;
}

export function parseWith(p: Cursor): With {
  const start = p.expectWord("with");
  const recursive = p.acceptWord("recursive");
  const ctes = p.commaList((): Cte => {
    const t = p.tok;
    const name = p.ident();
    const columns = p.isOp("(") ? p.identList() : undefined;
    p.expectWord("as");
    p.expectOp("(");
    const query = parseQuery(p);
    p.expectOp(")");
    return columns ? { kind: "Cte", pos: t.start, name, columns, query } : { kind: "Cte", pos: t.start, name, query };
  });
  return { kind: "With", pos: start.start, recursive, ctes };
}

/** LIMIT n | ALL, OFFSET n [ROW|ROWS], in either order. */
function parseLimitOffset(p: Cursor, q: Mutable<Query>): void {
  for (;;) {
    if (p.isWord("limit")) {
      const t = p.next();
      if (q.limit) throw p.error(t);
      if (!p.acceptWord("all")) q.limit = parseExpr(p);
    } else if (p.isWord("offset")) {
      const t = p.next();
      if (q.offset) throw p.error(t);
      q.offset = parseExpr(p);
      if (!p.acceptWord("rows")) p.acceptWord("row");
    } else if (p.isWord("fetch")) {
      throw p.unsupported("FETCH FIRST");
    } else return;
  }
}

/** A full query: [WITH] body [ORDER BY] [LIMIT] [OFFSET]. */
export function parseQuery(p: Cursor): Query {
  const withTok = p.tok;
  const w = p.isWord("with") ? parseWith(p) : undefined;
  const body = parseSetExpr(p, 1) as Mutable<Query>;
  let q = body;
  const hasTail = p.isWord("order") || p.isWord("limit") || p.isWord("offset") || p.isWord("fetch");
  if (w || hasTail) q = { ...body };
  if (w) {
    if (q.with) throw p.error(withTok);
    q.with = w;
  }
  if (p.isWord("order") && p.isWord("by", 1)) {
    const t = p.tok;
    if (q.orderBy) throw p.error(t);
    q.orderBy = parseOrderBy(p);
  }
  parseLimitOffset(p, q);
  return q;
}

function setOpPrec(p: Cursor): number {
  const t = p.tok;
  if (t.kind !== "word") return 0;
  switch (t.value) {
    case "union":
    case "except":
    case "minus":
      return 1;
    case "intersect":
      return 2;
    default:
      return 0;
  }
}

function parseSetExpr(p: Cursor, minPrec: number): Query {
  let left = parseQueryTerm(p);
  for (;;) {
    const prec = setOpPrec(p);
    if (prec === 0 || prec < minPrec) return left;
    const t = p.next();
    const op: SetOperation["op"] = t.value === "union" ? "union" : t.value === "intersect" ? "intersect" : "except";
    const all = p.acceptWord("all");
    if (!all) p.acceptWord("distinct");
    const right = parseSetExpr(p, prec + 1);
    left = { kind: "SetOperation", pos: left.pos, op, all, left, right };
  }
}

function parseQueryTerm(p: Cursor): Query {
  const t = p.tok;
  if (t.kind === "op" && t.value === "(") {
    p.next();
    const q = parseQuery(p);
    p.expectOp(")");
    return q;
  }
  if (t.kind === "word") {
    if (t.value === "select") return parseSelect(p);
    if (t.value === "values") return parseValues(p);
  }
  throw p.error();
}

export function parseValues(p: Cursor): Values {
  const start = p.expectWord("values");
  const rows = p.commaList(() => {
    p.expectOp("(");
    const row = p.commaList(() => parseExpr(p));
    p.expectOp(")");
    return row;
  });
  return { kind: "Values", pos: start.start, rows };
}

/** TOP n | TOP (expr). */
function parseTop(p: Cursor): Expr {
  p.expectWord("top");
  if (p.isOp("(")) {
    p.next();
    const e = parseExpr(p);
    p.expectOp(")");
    return e;
  }
  const t = p.tok;
  if (t.kind === "number") {
    p.next();
    return { kind: "NumberLiteral", pos: t.start, value: t.value, integer: !/[.eE]/.test(t.value) };
  }
  if (t.kind === "param") {
    p.next();
    return { kind: "Param", pos: t.start, index: Number(t.value) };
  }
  throw p.error();
}

function parseSelectItem(p: Cursor): SelectItem {
  const pos = p.tok.start;
  const expr = parseExpr(p);
  // `*` and `t.*` take no alias (Postgres's grammar): `select * fron t` fails at "fron".
  if (expr.kind === "Star") return { kind: "SelectItem", pos, expr };
  if (p.acceptWord("as")) return { kind: "SelectItem", pos, expr, alias: p.label() };
  if (p.isIdent()) return { kind: "SelectItem", pos, expr, alias: p.ident() };
  return { kind: "SelectItem", pos, expr };
}

function parseGroupingElement(p: Cursor): GroupingElement {
  const t = p.tok;
  if (p.isOp("(") && p.isOp(")", 1)) {
    // GROUP BY () is the grand total: one empty grouping set
    p.i += 2;
    return { kind: "GroupingSets", pos: t.start, sets: [[]] };
  }
  if (t.kind === "word" && p.isOp("(", 1)) {
    if (t.value === "rollup" || t.value === "cube") {
      p.i += 2;
      const exprs = p.commaList(() => parseExpr(p));
      p.expectOp(")");
      return { kind: t.value === "rollup" ? "Rollup" : "Cube", pos: t.start, exprs };
    }
  }
  if (p.isWord("grouping") && p.isWord("sets", 1)) {
    p.i += 2;
    p.expectOp("(");
    const sets = p.commaList(() => {
      if (p.isOp("(")) {
        p.next();
        const set = p.isOp(")") ? [] : p.commaList(() => parseExpr(p));
        p.expectOp(")");
        return set;
      }
      return [parseExpr(p)];
    });
    p.expectOp(")");
    return { kind: "GroupingSets", pos: t.start, sets };
  }
  return parseExpr(p);
}

function parseInto(p: Cursor): SelectInto {
  const t = p.expectWord("into");
  let temp = false;
  if (p.acceptWord("temp") || p.acceptWord("temporary")) temp = true;
  p.acceptWord("table");
  const table = parseObjectName(p);
  return { kind: "SelectInto", pos: t.start, table, temp: temp || table.name.startsWith("#") };
}

export function parseSelect(p: Cursor): Select {
  const start = p.expectWord("select");
  const s: Mutable<Select> = { kind: "Select", pos: start.start, distinct: false, items: [], from: [] };
  if (p.isWord("top")) s.limit = parseTop(p);
  if (p.acceptWord("distinct")) {
    s.distinct = true;
    if (p.isWord("on") && p.isOp("(", 1)) {
      p.i += 2;
      s.distinctOn = p.commaList(() => parseExpr(p));
      p.expectOp(")");
    }
  } else p.acceptWord("all");
  if (!s.limit && p.isWord("top")) s.limit = parseTop(p);
  s.items = p.commaList(() => parseSelectItem(p));
  if (p.isWord("into")) s.into = parseInto(p);
  if (p.acceptWord("from")) s.from = parseFromList(p);
  if (p.acceptWord("where")) s.where = parseExpr(p);
  if (p.isWord("group") && p.isWord("by", 1)) {
    p.i += 2;
    s.groupBy = p.commaList(() => parseGroupingElement(p));
  }
  if (p.acceptWord("having")) s.having = parseExpr(p);
  for (;;) {
    if (!s.qualify && p.acceptWord("qualify")) s.qualify = parseExpr(p);
    else if (!s.windows && p.acceptWord("window")) s.windows = parseWindowClause(p);
    else break;
  }
  return s;
}
