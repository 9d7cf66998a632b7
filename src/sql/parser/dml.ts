// src/sql/parser/dml.ts
//! INSERT, UPDATE, DELETE.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_INSERT_30.html

import type { Assignment, Delete, Expr, Insert, Update } from "../ast/index.js";
import type { Cursor } from "./cursor.js";
import { parseExpr } from "./expr.js";
import { parseFromList } from "./from.js";
import { parseAlias, parseObjectName } from "./names.js";
import { isQueryStart, parseQuery } from "./query.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function parseInsert(p: Cursor): Insert {
  const start = p.expectWord("insert");
  p.expectWord("into");
  const table = parseObjectName(p);
  const ins: Mutable<Insert> = { kind: "Insert", pos: start.start, table };
  if (p.isOp("(") && !isQueryStart(p)) ins.columns = p.identList();
  if (p.acceptWords("default", "values")) return ins;
  if (!isQueryStart(p)) throw p.error();
  ins.source = parseQuery(p);
  if (p.isWord("returning")) throw p.unsupported("RETURNING");
  if (p.isWord("on") && p.isWord("conflict", 1)) throw p.unsupported("ON CONFLICT");
  return ins;
}

const UPDATE_ALIAS_STOP: ReadonlySet<string> = new Set(["set"]);

export function parseUpdate(p: Cursor): Update {
  const start = p.expectWord("update");
  p.acceptWord("only");
  const table = parseObjectName(p);
  const u: Mutable<Update> = { kind: "Update", pos: start.start, table, set: [], from: [] };
  const alias = parseAlias(p, UPDATE_ALIAS_STOP);
  if (alias) {
    if (alias.columns) throw p.error();
    u.alias = alias.name;
  }
  p.expectWord("set");
  u.set = p.commaList((): Assignment => {
    const t = p.tok;
    const column = p.ident();
    if (p.isOp(".")) throw p.unsupported("qualified column in SET");
    if (p.isOp("[")) throw p.unsupported("subscripted assignment");
    p.expectOp("=");
    const value: Expr = parseExpr(p);
    return { kind: "Assignment", pos: t.start, column, value };
  });
  if (p.acceptWord("from")) u.from = parseFromList(p);
  if (p.acceptWord("where")) u.where = parseExpr(p);
  if (p.isWord("returning")) throw p.unsupported("RETURNING");
  return u;
}

export function parseDelete(p: Cursor): Delete {
  const start = p.expectWord("delete");
  p.acceptWord("from");
  p.acceptWord("only");
  const table = parseObjectName(p);
  const d: Mutable<Delete> = { kind: "Delete", pos: start.start, table, using: [] };
  const alias = parseAlias(p);
  if (alias) {
    if (alias.columns) throw p.error();
    d.alias = alias.name;
  }
  if (p.acceptWord("using")) d.using = parseFromList(p);
  if (p.acceptWord("where")) d.where = parseExpr(p);
  if (p.isWord("returning")) throw p.unsupported("RETURNING");
  return d;
}
