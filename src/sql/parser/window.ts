// src/sql/parser/window.ts
//! ORDER BY items, OVER (...) window specifications and frames, WINDOW clause entries.

import type { Expr, FrameBound, NamedWindow, OrderItem, WindowFrame, WindowSpec } from "../ast/index.js";
import type { Cursor } from "./cursor.js";
import { parseBinary, parseExpr } from "./expr.js";
import { Prec } from "./precedence.js";

export function parseOrderItem(p: Cursor): OrderItem {
  const pos = p.tok.start;
  const expr = parseExpr(p);
  let desc = false;
  if (p.acceptWord("desc")) desc = true;
  else p.acceptWord("asc");
  let nulls: "first" | "last" | undefined;
  if (p.isWord("nulls") && (p.isWord("first", 1) || p.isWord("last", 1))) {
    p.next();
    nulls = p.next().value as "first" | "last";
  }
  return nulls ? { kind: "OrderItem", pos, expr, desc, nulls } : { kind: "OrderItem", pos, expr, desc };
}

/** ORDER BY item, ... (the ORDER BY words included). */
export function parseOrderBy(p: Cursor): OrderItem[] {
  p.expectWord("order");
  p.expectWord("by");
  return p.commaList(() => parseOrderItem(p));
}

function parseBound(p: Cursor): FrameBound {
  const pos = p.tok.start;
  if (p.acceptWords("unbounded", "preceding")) return { kind: "FrameBound", pos, type: "unbounded preceding" };
  if (p.acceptWords("unbounded", "following")) return { kind: "FrameBound", pos, type: "unbounded following" };
  if (p.acceptWords("current", "row")) return { kind: "FrameBound", pos, type: "current row" };
  const offset: Expr = parseBinary(p, Prec.Like + 1);
  if (p.acceptWord("preceding")) return { kind: "FrameBound", pos, type: "preceding", offset };
  if (p.acceptWord("following")) return { kind: "FrameBound", pos, type: "following", offset };
  throw p.error();
}

function parseFrame(p: Cursor): WindowFrame {
  const t = p.next();
  const unit = t.value as "rows" | "range";
  if (p.acceptWord("between")) {
    const start = parseBound(p);
    p.expectWord("and");
    const end = parseBound(p);
    return { kind: "WindowFrame", pos: t.start, unit, start, end };
  }
  return { kind: "WindowFrame", pos: t.start, unit, start: parseBound(p) };
}

/** The inside of ( ... ) of a window: [base] [PARTITION BY] [ORDER BY] [frame]. */
export function parseWindowBody(p: Cursor, pos: number): WindowSpec {
  const spec: { -readonly [K in keyof WindowSpec]: WindowSpec[K] } = {
    kind: "WindowSpec",
    pos,
    ref: false,
    partitionBy: [],
    orderBy: [],
  };
  const t = p.tok;
  if (
    (t.kind === "word" || t.kind === "qident") &&
    !(
      t.kind === "word" &&
      (t.value === "partition" || t.value === "order" || t.value === "rows" || t.value === "range")
    )
  ) {
    spec.base = p.ident();
  }
  if (p.acceptWords("partition", "by")) spec.partitionBy = p.commaList(() => parseExpr(p));
  if (p.isWord("order")) spec.orderBy = parseOrderBy(p);
  if (p.isWord("rows") || p.isWord("range")) spec.frame = parseFrame(p);
  if (p.isWord("groups")) throw p.unsupported("GROUPS frame");
  return spec;
}

/** OVER name | OVER ( ... ). */
export function parseOver(p: Cursor): WindowSpec {
  const over = p.expectWord("over");
  if (p.acceptOp("(")) {
    const spec = parseWindowBody(p, over.start);
    p.expectOp(")");
    return spec;
  }
  const name = p.ident();
  return { kind: "WindowSpec", pos: over.start, base: name, ref: true, partitionBy: [], orderBy: [] };
}

/** WINDOW w AS ( ... ), ... (after the WINDOW word). */
export function parseWindowClause(p: Cursor): NamedWindow[] {
  return p.commaList(() => {
    const t = p.tok;
    const name = p.ident();
    p.expectWord("as");
    const open = p.expectOp("(");
    const spec = parseWindowBody(p, open.start);
    p.expectOp(")");
    return { kind: "NamedWindow", pos: t.start, name, spec };
  });
}
