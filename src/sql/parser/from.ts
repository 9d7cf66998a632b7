// src/sql/parser/from.ts
//! FROM items: tables, derived tables, table functions, LATERAL, joins (INNER/LEFT/RIGHT/FULL
//! [OUTER], CROSS, NATURAL, ON/USING), parenthesized joins.

import type { Expr, Join, JoinType, TableRef } from "../ast/index.js";
import { ParseError } from "../../common/errors.js";
import type { Cursor } from "./cursor.js";
import { parseExpr } from "./expr.js";
import { parseFunctionCall } from "./functions.js";
import { parseAlias, parseObjectName } from "./names.js";
import { isQueryStart, parseQuery } from "./query.js";

export function parseFromList(p: Cursor): TableRef[] {
  return p.commaList(() => parseTableRef(p));
}

function joinType(p: Cursor): { type: JoinType; natural: boolean } | undefined {
  const save = p.i;
  const natural = p.acceptWord("natural");
  let type: JoinType | undefined;
  if (p.acceptWord("join")) type = "inner";
  else if (p.acceptWords("inner", "join")) type = "inner";
  else if (!natural && p.acceptWords("cross", "join")) type = "cross";
  else {
    for (const w of ["left", "right", "full"] as const) {
      if (p.isWord(w)) {
        p.next();
        p.acceptWord("outer");
        p.expectWord("join");
        type = w;
        break;
      }
    }
  }
  if (type === undefined) {
    p.i = save;
    if (natural) throw p.error(p.peek(1));
    return undefined;
  }
  return { type, natural };
}

export function parseTableRef(p: Cursor): TableRef {
  let left = parseTablePrimary(p);
  for (;;) {
    const jt = joinType(p);
    if (!jt) return left;
    const right = parseTablePrimary(p);
    const j: { -readonly [K in keyof Join]: Join[K] } = {
      kind: "Join",
      pos: left.pos,
      type: jt.type,
      natural: jt.natural,
      left,
      right,
    };
    if (jt.type !== "cross" && !jt.natural) {
      if (p.acceptWord("on")) j.on = parseExpr(p) as Expr;
      else if (p.acceptWord("using")) j.using = p.identList();
      else throw p.error();
    }
    left = j;
  }
}

function parseTablePrimary(p: Cursor): TableRef {
  const t = p.tok;
  const lateral = p.acceptWord("lateral");
  if (p.isOp("(")) {
    if (isQueryStart(p, 1) || lateral) {
      const save = p.i;
      try {
        p.next();
        const query = parseQuery(p);
        p.expectOp(")");
        const alias = parseAlias(p);
        return alias
          ? { kind: "DerivedTable", pos: t.start, query, alias, lateral }
          : { kind: "DerivedTable", pos: t.start, query, lateral };
      } catch (e) {
        // ((a JOIN b ...)) or ((SELECT ...) UNION ...) that is really a join: retry as a join tree
        const second = p.toks[save + 1];
        if (!(e instanceof ParseError) || second?.kind !== "op" || second.value !== "(") throw e;
        p.i = save;
      }
    }
    p.next();
    const inner = parseTableRef(p);
    p.expectOp(")");
    if (inner.kind !== "Join" && inner.kind !== "ParenJoin") return inner;
    const alias = parseAlias(p);
    return alias
      ? { kind: "ParenJoin", pos: t.start, join: inner, alias }
      : { kind: "ParenJoin", pos: t.start, join: inner };
  }
  const name = parseObjectName(p);
  if (p.isOp("(")) {
    const call = parseFunctionCall(p, name.pos, name.name, name.schema, false);
    if (call.kind !== "FunctionCall") throw p.error();
    const alias = parseAlias(p);
    return alias
      ? { kind: "TableFunction", pos: t.start, call, alias, lateral }
      : { kind: "TableFunction", pos: t.start, call, lateral };
  }
  if (lateral) throw p.error();
  if (p.isWord("pivot") || p.isWord("unpivot")) throw p.unsupported(p.tok.value.toUpperCase());
  const alias = parseAlias(p, NO_BARE_ALIAS);
  if (p.isWord("pivot") || p.isWord("unpivot")) throw p.unsupported(p.tok.value.toUpperCase());
  return alias ? { kind: "TableName", pos: t.start, name, alias } : { kind: "TableName", pos: t.start, name };
}

/** Unreserved words that follow a table in statements and so may not be a bare alias. */
const NO_BARE_ALIAS: ReadonlySet<string> = new Set(["set", "inner", "natural", "cross", "left", "right", "full"]);
