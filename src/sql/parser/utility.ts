// src/sql/parser/utility.ts
//! Transactions (BEGIN/START/COMMIT/END/ROLLBACK/ABORT), SET/RESET/SHOW, EXPLAIN,
//! PREPARE/EXECUTE/DEALLOCATE.

import type {
  Begin,
  Cancel,
  Deallocate,
  Execute,
  Explain,
  IsolationLevel,
  Prepare,
  Reset,
  SetTransaction,
  SetValue,
  SetVariable,
  Show,
  Statement,
  TransactionModes,
} from "../ast/index.js";
import type { Cursor } from "./cursor.js";
import { parseExpr } from "./expr.js";
import { parseTypeName } from "./type-name.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function parseModes(p: Cursor, m: Mutable<TransactionModes>): void {
  for (;;) {
    if (p.acceptWords("isolation", "level")) {
      let level: IsolationLevel;
      if (p.acceptWord("serializable")) level = "serializable";
      else if (p.acceptWords("repeatable", "read")) level = "repeatable read";
      else if (p.acceptWords("read", "committed")) level = "read committed";
      else if (p.acceptWords("read", "uncommitted")) level = "read uncommitted";
      else throw p.error();
      m.isolationLevel = level;
    } else if (p.acceptWords("read", "only")) m.readOnly = true;
    else if (p.acceptWords("read", "write")) m.readOnly = false;
    else if (p.isWord("deferrable") || (p.isWord("not") && p.isWord("deferrable", 1))) {
      throw p.unsupported("DEFERRABLE transaction mode");
    } else return;
    p.acceptOp(",");
  }
}

export function parseBegin(p: Cursor): Begin {
  const t = p.next();
  if (t.value === "start") p.expectWord("transaction");
  else if (!p.acceptWord("transaction")) p.acceptWord("work");
  const b: Mutable<Begin> = { kind: "Begin", pos: t.start };
  if (t.value === "start") b.start = true;
  parseModes(p, b);
  return b;
}

export function parseCommit(p: Cursor): Statement {
  const t = p.next();
  if (!p.acceptWord("transaction")) p.acceptWord("work");
  if (t.value === "rollback" || t.value === "abort") {
    if (p.isWord("to")) throw p.unsupported("ROLLBACK TO SAVEPOINT");
    return { kind: "Rollback", pos: t.start };
  }
  return { kind: "Commit", pos: t.start };
}

/** A SET value: a word, quoted string, number (with sign), or ON/OFF/TRUE/FALSE. */
function parseSetValue(p: Cursor): SetValue {
  const t = p.tok;
  switch (t.kind) {
    case "string":
      p.next();
      return { kind: "SetValue", pos: t.start, value: t.value, quoted: true };
    case "number":
      p.next();
      return { kind: "SetValue", pos: t.start, value: t.value, quoted: false };
    case "word":
    case "qident": {
      p.next();
      let value = t.value;
      while (p.isOp(".") && p.isLabel(1)) {
        p.next();
        value += "." + p.next().value;
      }
      return { kind: "SetValue", pos: t.start, value, quoted: t.kind === "qident" };
    }
    case "op":
      if ((t.value === "-" || t.value === "+") && p.peek(1).kind === "number") {
        p.next();
        const n = p.next();
        return { kind: "SetValue", pos: t.start, value: (t.value === "-" ? "-" : "") + n.value, quoted: false };
      }
      throw p.error();
    default:
      throw p.error();
  }
}

function settingName(p: Cursor): string {
  let name = p.label();
  while (p.isOp(".") && p.isLabel(1)) {
    p.next();
    name += "." + p.label();
  }
  return name;
}

export function parseSet(p: Cursor): SetVariable | SetTransaction {
  const start = p.expectWord("set");
  if (p.acceptWords("session", "characteristics")) {
    p.expectWord("as");
    p.expectWord("transaction");
    const s: Mutable<SetTransaction> = { kind: "SetTransaction", pos: start.start, session: true };
    parseModes(p, s);
    return s;
  }
  let local = false;
  if (p.acceptWord("local")) local = true;
  else if (p.isWord("session") && !p.isOp("=", 1) && !p.isWord("to", 1)) p.next();
  if (p.acceptWord("transaction")) {
    const s: Mutable<SetTransaction> = { kind: "SetTransaction", pos: start.start, session: false };
    parseModes(p, s);
    return s;
  }
  if (p.acceptWords("time", "zone")) {
    if (p.acceptWord("local") || p.acceptWord("default"))
      return { kind: "SetVariable", pos: start.start, local, name: "timezone" };
    if (p.isWord("interval")) {
      const e = parseExpr(p);
      if (e.kind !== "IntervalLiteral") throw p.error();
      return {
        kind: "SetVariable",
        pos: start.start,
        local,
        name: "timezone",
        values: [{ kind: "SetValue", pos: e.pos, value: e.value, quoted: true }],
      };
    }
    return { kind: "SetVariable", pos: start.start, local, name: "timezone", values: [parseSetValue(p)] };
  }
  if (p.isWord("session") && p.isWord("authorization", 1)) throw p.unsupported("SET SESSION AUTHORIZATION");
  if (p.isWord("role")) throw p.unsupported("SET ROLE");
  const name = settingName(p);
  if (!p.acceptWord("to") && !p.acceptOp("=")) throw p.error();
  if (p.acceptWord("default")) return { kind: "SetVariable", pos: start.start, local, name };
  const values = p.commaList(() => parseSetValue(p));
  return { kind: "SetVariable", pos: start.start, local, name, values };
}

export function parseReset(p: Cursor): Reset {
  const start = p.expectWord("reset");
  if (p.acceptWord("all")) return { kind: "Reset", pos: start.start };
  if (p.acceptWords("time", "zone")) return { kind: "Reset", pos: start.start, name: "timezone" };
  return { kind: "Reset", pos: start.start, name: settingName(p) };
}

export function parseShow(p: Cursor): Show {
  const start = p.expectWord("show");
  if (p.acceptWords("transaction", "isolation", "level"))
    return { kind: "Show", pos: start.start, name: "transaction_isolation" };
  if (p.acceptWords("time", "zone")) return { kind: "Show", pos: start.start, name: "timezone" };
  if (p.isWord("view")) {
    throw p.unsupported(`SHOW ${p.tok.value.toUpperCase()}`);
  }
  return { kind: "Show", pos: start.start, name: settingName(p) };
}

export function parseExplain(p: Cursor, parseStatement: (p: Cursor) => Statement): Explain {
  const start = p.expectWord("explain");
  if (p.isWord("analyze") || p.isWord("analyse")) throw p.unsupported("EXPLAIN ANALYZE");
  if (p.isOp("(")) throw p.unsupported("EXPLAIN options list");
  const verbose = p.acceptWord("verbose");
  return { kind: "Explain", pos: start.start, verbose, statement: parseStatement(p) };
}

export function parsePrepare(p: Cursor, parseStatement: (p: Cursor) => Statement): Prepare {
  const start = p.expectWord("prepare");
  if (p.isWord("transaction")) throw p.unsupported("PREPARE TRANSACTION");
  const name = p.ident();
  const paramTypes = p.isOp("(") ? parseTypeList(p) : [];
  p.expectWord("as");
  return { kind: "Prepare", pos: start.start, name, paramTypes, statement: parseStatement(p) };
}

function parseTypeList(p: Cursor) {
  p.expectOp("(");
  const types = p.commaList(() => parseTypeName(p));
  p.expectOp(")");
  return types;
}

export function parseExecute(p: Cursor): Execute {
  const start = p.expectWord("execute");
  const name = p.ident();
  let params: ReturnType<typeof parseExpr>[] = [];
  if (p.acceptOp("(")) {
    params = p.commaList(() => parseExpr(p));
    p.expectOp(")");
  }
  return { kind: "Execute", pos: start.start, name, params };
}

export function parseDeallocate(p: Cursor): Deallocate {
  const start = p.expectWord("deallocate");
  p.acceptWord("prepare");
  if (p.acceptWord("all")) return { kind: "Deallocate", pos: start.start };
  return { kind: "Deallocate", pos: start.start, name: p.ident() };
}

/** CANCEL process_id ['message'] (https://docs.aws.amazon.com/redshift/latest/dg/r_CANCEL.html). */
export function parseCancel(p: Cursor): Cancel {
  const start = p.expectWord("cancel");
  const t = p.tok;
  if (t.kind !== "number" || !/^\d+$/.test(t.value)) throw p.error();
  p.next();
  const m = p.tok;
  if (m.kind !== "string") return { kind: "Cancel", pos: start.start, pid: Number(t.value) };
  p.next();
  return { kind: "Cancel", pos: start.start, pid: Number(t.value), message: m.value };
}
