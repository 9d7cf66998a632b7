// src/sql/parser/rls.ts
//! Row-level security: CREATE/ALTER/DROP RLS POLICY, ATTACH/DETACH RLS POLICY and ALTER TABLE ...
//! ROW LEVEL SECURITY (called from security.ts after the leading words).
//! https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_RLS_POLICY.html
//! https://docs.aws.amazon.com/redshift/latest/dg/r_ATTACH_RLS_POLICY.html

import type {
  AlterRlsPolicy,
  AlterTableRls,
  AttachRlsPolicy,
  CreateRlsPolicy,
  DropRlsPolicy,
  ObjectName,
  TypeName,
} from "../ast/index.js";
import type { Cursor } from "./cursor.js";
import { parseExpr } from "./expr.js";
import { parseObjectName } from "./names.js";
import { grantee, roleName } from "./security.js";
import { parseTypeName } from "./type-name.js";

function usingPredicate(p: Cursor) {
  p.expectWord("using");
  p.expectOp("(");
  const e = parseExpr(p);
  p.expectOp(")");
  return e;
}

export function parseCreateRlsPolicy(p: Cursor, pos: number): CreateRlsPolicy {
  const name = roleName(p);
  let columns: { name: string; type: TypeName }[] = [];
  let alias: string | undefined;
  if (p.acceptWord("with")) {
    p.expectOp("(");
    columns = p.commaList(() => ({ name: p.ident(), type: parseTypeName(p) }));
    p.expectOp(")");
    if (p.acceptWord("as")) alias = p.ident();
    else if (p.isIdent() && !p.isWord("using")) alias = p.ident();
  }
  const using = p.isWord("using") ? usingPredicate(p) : undefined;
  return {
    kind: "CreateRlsPolicy",
    pos,
    name,
    columns,
    ...(alias !== undefined ? { alias } : {}),
    ...(using ? { using } : {}),
  };
}

/** ATTACH / DETACH RLS POLICY p ON [TABLE] t, ... {TO | FROM} grantees. */
export function parseAttachRlsPolicy(p: Cursor): AttachRlsPolicy {
  const start = p.next();
  const detach = start.value === "detach";
  p.expectWord("rls");
  p.expectWord("policy");
  const name = roleName(p);
  p.expectWord("on");
  p.acceptWord("table");
  const tables = p.commaList(() => parseObjectName(p));
  p.expectWord(detach ? "from" : "to");
  const grantees = p.commaList(() => grantee(p));
  return { kind: "AttachRlsPolicy", pos: start.start, detach, name, tables, grantees };
}

/** After DROP RLS POLICY. */
export function parseDropRlsPolicy(p: Cursor, pos: number): DropRlsPolicy {
  const ifExists = p.acceptWords("if", "exists");
  const name = roleName(p);
  const cascade = p.acceptWord("cascade");
  if (!cascade) p.acceptWord("restrict");
  return { kind: "DropRlsPolicy", pos, name, ifExists, cascade };
}

/** After ALTER RLS POLICY. */
export function parseAlterRlsPolicy(p: Cursor, pos: number): AlterRlsPolicy {
  const name = roleName(p);
  return { kind: "AlterRlsPolicy", pos, name, using: usingPredicate(p) };
}

/** After ALTER TABLE name ROW LEVEL SECURITY. */
export function parseAlterTableRls(p: Cursor, pos: number, name: ObjectName): AlterTableRls {
  const enabled = p.acceptWord("on");
  if (!enabled) p.expectWord("off");
  let conjunction: "and" | "or" | undefined;
  if (p.acceptWords("conjunction", "type")) {
    conjunction = p.acceptWord("or") ? "or" : "and";
    if (conjunction === "and") p.expectWord("and");
  }
  if (p.isWord("for")) throw p.unsupported("ROW LEVEL SECURITY ... FOR DATASHARES");
  return {
    kind: "AlterTableRls",
    pos,
    table: name,
    enabled,
    ...(conjunction ? { conjunction } : {}),
  } satisfies AlterTableRls;
}
