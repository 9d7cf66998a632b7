// src/sql/parser/functions.ts
//! Keyword syntax forms (CASE, CAST, EXTRACT, POSITION, SUBSTRING, TRIM, EXISTS, ARRAY, ROW,
//! CONVERT), generic function calls with DISTINCT / IGNORE NULLS / WITHIN GROUP / OVER, and the
//! function-builder table that turns a few names into their own nodes.

import type { Expr, FunctionCall, OrderItem, WhenClause } from "../ast/index.js";
import type { Cursor } from "./cursor.js";
import { parseBinary, parseExpr } from "./expr.js";
import { Prec } from "./precedence.js";
import { parseQuery } from "./query.js";
import { parseTypeName } from "./type-name.js";
import { parseOrderBy, parseOver } from "./window.js";

interface SpecialForm {
  /** Parsed without a following '(' (CASE, ARRAY[). */
  readonly bare: boolean;
  /** Returns undefined to fall back to a plain name (e.g. a column named `position`). */
  parse(p: Cursor): Expr | undefined;
}

function parseCase(p: Cursor): Expr {
  const start = p.expectWord("case");
  let operand: Expr | undefined;
  if (!p.isWord("when")) operand = parseExpr(p);
  const whens: WhenClause[] = [];
  while (p.isWord("when")) {
    const w = p.next();
    const when = parseExpr(p);
    p.expectWord("then");
    const then = parseExpr(p);
    whens.push({ kind: "WhenClause", pos: w.start, when, then });
  }
  if (whens.length === 0) throw p.error();
  let elseExpr: Expr | undefined;
  if (p.acceptWord("else")) elseExpr = parseExpr(p);
  p.expectWord("end");
  const node: { -readonly [K in "kind" | "pos" | "operand" | "whens" | "else"]?: unknown } = {
    kind: "Case",
    pos: start.start,
  };
  if (operand) node.operand = operand;
  node.whens = whens;
  if (elseExpr) node.else = elseExpr;
  return node as Expr;
}

function parseCast(p: Cursor): Expr {
  const start = p.next();
  p.expectOp("(");
  const expr = parseExpr(p);
  p.expectWord("as");
  const type = parseTypeName(p);
  p.expectOp(")");
  return { kind: "Cast", pos: start.start, expr, type };
}

/** CONVERT(type, expr). */
function parseConvert(p: Cursor): Expr {
  const start = p.next();
  p.expectOp("(");
  const type = parseTypeName(p);
  p.expectOp(",");
  const expr = parseExpr(p);
  p.expectOp(")");
  return { kind: "Cast", pos: start.start, expr, type };
}

function parseExtract(p: Cursor): Expr {
  const start = p.next();
  p.expectOp("(");
  const f = p.tok;
  if (f.kind !== "word" && f.kind !== "string" && f.kind !== "qident") throw p.error();
  p.next();
  p.expectWord("from");
  const expr = parseExpr(p);
  p.expectOp(")");
  return { kind: "Extract", pos: start.start, field: f.value.toLowerCase(), expr };
}

function parsePosition(p: Cursor): Expr | undefined {
  const save = p.i;
  const start = p.next();
  p.expectOp("(");
  const needle = parseBinary(p, Prec.Like + 1);
  if (!p.acceptWord("in")) {
    if (p.isOp(",")) {
      p.i = save;
      return undefined;
    }
    throw p.error();
  }
  const haystack = parseExpr(p);
  p.expectOp(")");
  return { kind: "Position", pos: start.start, needle, haystack };
}

function parseSubstring(p: Cursor): Expr {
  const start = p.next();
  p.expectOp("(");
  const expr = parseExpr(p);
  let first: Expr | undefined;
  let length: Expr | undefined;
  if (p.acceptOp(",")) {
    first = parseExpr(p);
    if (p.acceptOp(",")) length = parseExpr(p);
  } else {
    if (p.acceptWord("from")) first = parseExpr(p);
    if (p.acceptWord("for")) length = parseExpr(p);
  }
  p.expectOp(")");
  const node: { -readonly [K in "kind" | "pos" | "expr" | "start" | "length"]?: unknown } = {
    kind: "Substring",
    pos: start.start,
    expr,
  };
  if (first) node.start = first;
  if (length) node.length = length;
  return node as Expr;
}

function parseTrim(p: Cursor): Expr {
  const start = p.next();
  p.expectOp("(");
  let side: "both" | "leading" | "trailing" = "both";
  const s = p.tok;
  if (s.kind === "word" && (s.value === "both" || s.value === "leading" || s.value === "trailing")) {
    side = s.value;
    p.next();
  }
  let chars: Expr | undefined;
  let expr: Expr;
  if (p.acceptWord("from")) expr = parseExpr(p);
  else {
    const first = parseExpr(p);
    if (p.acceptWord("from")) {
      chars = first;
      expr = parseExpr(p);
    } else if (p.acceptOp(",")) {
      expr = first;
      chars = parseExpr(p);
    } else expr = first;
  }
  p.expectOp(")");
  return chars ? { kind: "Trim", pos: start.start, side, chars, expr } : { kind: "Trim", pos: start.start, side, expr };
}

function parseExists(p: Cursor): Expr {
  const start = p.next();
  p.expectOp("(");
  const query = parseQuery(p);
  p.expectOp(")");
  return { kind: "Exists", pos: start.start, query };
}

function parseArray(p: Cursor): Expr | undefined {
  const start = p.tok;
  if (p.isOp("(", 1)) {
    // ARRAY(subquery): a FunctionCall named "array" whose one argument is the Subquery.
    p.i += 2;
    const open = p.peek(-1);
    const query = parseQuery(p);
    p.expectOp(")");
    const arg: Expr = { kind: "Subquery", pos: open.start, query };
    return {
      kind: "FunctionCall",
      pos: start.start,
      name: "array",
      args: [arg],
      star: false,
      distinct: false,
      approximate: false,
    };
  }
  if (!p.isOp("[", 1)) return undefined;
  p.i += 2;
  const elements: Expr[] = [];
  if (!p.isOp("]")) elements.push(...p.commaList(() => parseExpr(p)));
  p.expectOp("]");
  return { kind: "ArrayLiteral", pos: start.start, elements };
}

function parseRow(p: Cursor): Expr {
  const start = p.next();
  p.expectOp("(");
  const items: Expr[] = [];
  if (!p.isOp(")")) items.push(...p.commaList(() => parseExpr(p)));
  p.expectOp(")");
  return { kind: "RowExpr", pos: start.start, items };
}

export const SPECIAL_FORMS: ReadonlyMap<string, SpecialForm> = new Map<string, SpecialForm>([
  ["case", { bare: true, parse: parseCase }],
  ["cast", { bare: false, parse: parseCast }],
  ["convert", { bare: false, parse: parseConvert }],
  ["extract", { bare: false, parse: parseExtract }],
  ["position", { bare: false, parse: parsePosition }],
  ["substring", { bare: false, parse: parseSubstring }],
  ["trim", { bare: false, parse: parseTrim }],
  ["exists", { bare: false, parse: parseExists }],
  ["array", { bare: true, parse: parseArray }],
  ["row", { bare: false, parse: parseRow }],
]);

/** Function-builder table: plain calls by name that become their own nodes. */
const BUILDERS: ReadonlyMap<string, (call: FunctionCall) => Expr | undefined> = new Map([
  [
    "substr",
    (c: FunctionCall): Expr | undefined =>
      c.args.length === 2 || c.args.length === 3
        ? c.args.length === 3
          ? { kind: "Substring", pos: c.pos, expr: c.args[0]!, start: c.args[1]!, length: c.args[2]! }
          : { kind: "Substring", pos: c.pos, expr: c.args[0]!, start: c.args[1]! }
        : undefined,
  ],
]);

function nullsTreatment(p: Cursor): "ignore" | "respect" | undefined {
  if (p.isWord("nulls", 1) && (p.isWord("ignore") || p.isWord("respect"))) {
    const v = p.next().value as "ignore" | "respect";
    p.next();
    return v;
  }
  return undefined;
}

/** name( [DISTINCT|ALL] args | * ) [IGNORE|RESPECT NULLS] [WITHIN GROUP (ORDER BY ...)] [OVER ...]. */
export function parseFunctionCall(
  p: Cursor,
  pos: number,
  name: string,
  schema: string | undefined,
  quoted: boolean,
): Expr {
  p.expectOp("(");
  let star = false;
  let distinct = false;
  const args: Expr[] = [];
  let nulls: "ignore" | "respect" | undefined;
  if (p.isOp("*") && p.isOp(")", 1)) {
    p.next();
    star = true;
  } else if (!p.isOp(")")) {
    if (p.acceptWord("distinct")) distinct = true;
    else p.acceptWord("all");
    args.push(parseExpr(p));
    nulls = nullsTreatment(p);
    while (p.acceptOp(",")) {
      args.push(parseExpr(p));
      nulls = nullsTreatment(p) ?? nulls;
    }
    if (p.isWord("order") && p.isWord("by", 1)) throw p.unsupported("ORDER BY inside an aggregate call");
  }
  p.expectOp(")");
  nulls = nullsTreatment(p) ?? nulls;
  let withinGroup: readonly OrderItem[] | undefined;
  if (p.isWord("within") && p.isWord("group", 1)) {
    p.i += 2;
    p.expectOp("(");
    withinGroup = parseOrderBy(p);
    p.expectOp(")");
  }
  if (p.isWord("filter") && p.isOp("(", 1)) throw p.unsupported("FILTER clause");
  const call: { -readonly [K in keyof FunctionCall]: FunctionCall[K] } = {
    kind: "FunctionCall",
    pos,
    name,
    args,
    star,
    distinct,
    approximate: false,
  };
  if (schema !== undefined) call.schema = schema;
  if (nulls) call.nulls = nulls;
  if (withinGroup) call.withinGroup = withinGroup;
  if (p.isWord("over")) call.over = parseOver(p);
  if (!quoted && (schema === undefined || schema === "pg_catalog") && !call.over && !distinct) {
    const b = BUILDERS.get(name);
    const built = b?.(call);
    if (built) return built;
  }
  return call;
}
