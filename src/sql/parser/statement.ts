// src/sql/parser/statement.ts
//! Statement dispatch by leading word, and the script splitter (top-level ';').

import { LakeshiftError, ParseError, UnsupportedError } from "../../common/errors.js";
import type { Expr, Statement, TypeName } from "../ast/index.js";
import { syntaxErrorAt, tokenize } from "../lexer/lexer.js";
import type { Token } from "../lexer/token.js";
import { parseCopy } from "./copy.js";
import { parseUnload } from "./unload.js";
import { Cursor } from "./cursor.js";
import { parseCommentOn, parseCreate, parseDrop, parseTruncate } from "./ddl.js";
import { parseAnalyze, parseVacuum } from "./maintenance.js";
import { parseDelete, parseInsert, parseUpdate } from "./dml.js";
import { parseExpr } from "./expr.js";
import { parseQuery, parseWith } from "./query.js";
import { parseAttachRlsPolicy } from "./rls.js";
import { parseAlter, parseCreateSecurity, parseDropSecurity, parseGrant, parseRevoke } from "./security.js";
import { parseTypeName } from "./type-name.js";
import {
  parseBegin,
  parseCancel,
  parseCommit,
  parseDeallocate,
  parseExecute,
  parseExplain,
  parsePrepare,
  parseReset,
  parseSet,
  parseShow,
} from "./utility.js";
import { parseShowCatalog } from "./show-catalog.js";

type StatementParser = (p: Cursor) => Statement;

/** Statement parsers keyed by the leading word. */
const STATEMENTS: ReadonlyMap<string, StatementParser> = new Map<string, StatementParser>([
  ["select", parseQuery],
  ["with", parseWithStatement],
  ["values", parseQuery],
  ["insert", parseInsert],
  ["copy", parseCopy],
  ["unload", parseUnload],
  ["update", parseUpdate],
  ["delete", parseDelete],
  ["create", (p) => securityOr(p, parseCreateSecurity, parseCreate)],
  ["drop", (p) => securityOr(p, parseDropSecurity, parseDrop)],
  ["alter", parseAlter],
  ["grant", parseGrant],
  ["revoke", parseRevoke],
  ["attach", parseAttachRlsPolicy],
  ["detach", parseAttachRlsPolicy],
  ["truncate", parseTruncate],
  ["comment", parseCommentOn],
  ["begin", parseBegin],
  ["start", parseBegin],
  ["commit", parseCommit],
  ["end", parseCommit],
  ["rollback", parseCommit],
  ["abort", parseCommit],
  ["set", parseSet],
  ["reset", parseReset],
  ["show", (p) => parseShowCatalog(p) ?? parseShow(p)],
  ["explain", (p) => parseExplain(p, parseAnyStatement)],
  ["prepare", (p) => parsePrepare(p, parseAnyStatement)],
  ["execute", parseExecute],
  ["deallocate", parseDeallocate],
  ["cancel", parseCancel],
  ["vacuum", parseVacuum],
  ["analyze", parseAnalyze],
  ["analyse", parseAnalyze],
]);

/** Statements Redshift has that this front end refuses by name (0A000). */
const KNOWN_UNSUPPORTED: ReadonlyMap<string, string> = new Map([
  ["call", "CALL"],
  ["do", "DO"],
  ["lock", "LOCK"],
  ["fetch", "FETCH"],
  ["close", "CLOSE"],
  ["declare", "DECLARE"],
  ["listen", "LISTEN"],
  ["notify", "NOTIFY"],
  ["unlisten", "UNLISTEN"],
  ["refresh", "REFRESH MATERIALIZED VIEW"],
  ["merge", "MERGE"],
  ["savepoint", "SAVEPOINT"],
  ["release", "RELEASE SAVEPOINT"],
  ["discard", "DISCARD"],
  ["checkpoint", "CHECKPOINT"],
  ["reindex", "REINDEX"],
  ["cluster", "CLUSTER"],
  ["load", "LOAD"],
  ["import", "IMPORT"],
]);

/** CREATE/DROP USER, GROUP, ROLE (security.ts), else the DDL parser from the same leading word. */
function securityOr(
  p: Cursor,
  security: (p: Cursor, pos: number) => Statement | undefined,
  other: StatementParser,
): Statement {
  const save = p.i;
  const start = p.next();
  const s = security(p, start.start);
  if (s) return s;
  p.i = save;
  return other(p);
}

/** WITH ... SELECT, or WITH ... UPDATE / DELETE. */
function parseWithStatement(p: Cursor): Statement {
  const save = p.i;
  const w = parseWith(p);
  if (p.isWord("update")) return { ...parseUpdate(p), pos: w.pos, with: w };
  if (p.isWord("delete")) return { ...parseDelete(p), pos: w.pos, with: w };
  if (p.isWord("insert")) throw p.unsupported("WITH before INSERT (write INSERT INTO t WITH ... SELECT)");
  p.i = save;
  return parseQuery(p);
}

function parseAnyStatement(p: Cursor): Statement {
  const t = p.tok;
  if (t.kind === "op" && t.value === "(") return parseQuery(p);
  if (t.kind !== "word") throw p.error();
  const parser = STATEMENTS.get(t.value);
  if (parser) return parser(p);
  const name = KNOWN_UNSUPPORTED.get(t.value);
  if (name) {
    throw p.unsupported(name);
  }
  throw p.error();
}

/** Parses all tokens of one statement (the cursor's token list ends with eof). */
function parseWhole(p: Cursor): Statement {
  const stmt = parseAnyStatement(p);
  if (!p.atEnd) throw p.error();
  return stmt;
}

export interface ScriptStatement {
  readonly stmt: Statement;
  /** The statement's source text, without the terminating ';'. */
  readonly text: string;
  /** 0-based offset of `text` in the script. */
  readonly start: number;
}

/** Nesting too deep for the recursive-descent parser: Postgres' 54001, not a crash. */
function stackDepth(e: unknown): unknown {
  if (e instanceof RangeError) {
    return new LakeshiftError("54001", "stack depth limit exceeded", {
      hint: "The statement nests expressions or subqueries too deeply.",
    });
  }
  return e;
}

/** Rethrows an error from a statement at `base` with its position relative to the whole script. */
function rebase(e: unknown, script: string, base: number): unknown {
  if (e instanceof RangeError) return stackDepth(e);
  if (base === 0 || !(e instanceof LakeshiftError) || e.position === undefined) return e;
  if (e instanceof ParseError) {
    const message = e.message.replace(/ at line \d+, column \d+$/, "");
    return syntaxErrorAt(script, base + e.position - 1, message);
  }
  if (e instanceof UnsupportedError) {
    return new UnsupportedError(e.message.replace(/ is not supported$/, ""), { position: base + e.position });
  }
  return e;
}

/** Token segments between top-level ';', each with an eof at its end; empty statements dropped. */
function segments(toks: readonly Token[]): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let from = 0;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.kind === "eof" || (t.kind === "op" && t.value === ";")) {
      if (k > from) out.push({ from, to: k });
      from = k + 1;
    }
  }
  return out;
}

function segmentTokens(toks: readonly Token[], from: number, to: number, base: number): Token[] {
  const out: Token[] = [];
  for (let k = from; k < to; k++) {
    const t = toks[k]!;
    out.push(base === 0 ? t : { ...t, start: t.start - base, end: t.end - base });
  }
  const last = toks[to - 1]!;
  out.push({ kind: "eof", value: "", start: last.end - base, end: last.end - base, line: 0, column: 0 });
  return out;
}

export function parseScript(sql: string): ScriptStatement[] {
  const toks = tokenize(sql);
  const out: ScriptStatement[] = [];
  for (const seg of segments(toks)) {
    const base = toks[seg.from]!.start;
    const end = toks[seg.to - 1]!.end;
    const text = sql.slice(base, end);
    try {
      const p = new Cursor(text, segmentTokens(toks, seg.from, seg.to, base));
      out.push({ stmt: parseWhole(p), text, start: base });
    } catch (e) {
      throw rebase(e, sql, base);
    }
  }
  return out;
}

export function parse(sql: string): Statement[] {
  return parseScript(sql).map((s) => s.stmt);
}

/** Exactly one statement (a trailing ';' is allowed). Positions are relative to `sql`'s first token. */
export function parseStatement(sql: string): Statement {
  const all = parseScript(sql);
  if (all.length === 0) throw syntaxErrorAt(sql, sql.length, "syntax error at end of input");
  if (all.length > 1) {
    throw syntaxErrorAt(sql, all[1]!.start, "cannot insert multiple commands into a prepared statement");
  }
  return all[0]!.stmt;
}

/** A type name alone: "varchar(20)", "timestamp with time zone", "pg_catalog.int4", "text[]". */
export function parseType(sql: string): TypeName {
  const p = new Cursor(sql, tokenize(sql));
  const t = parseTypeName(p);
  if (!p.atEnd) throw p.error();
  return t;
}

export function parseExpression(sql: string): Expr {
  const p = new Cursor(sql, tokenize(sql));
  try {
    const e = parseExpr(p);
    if (!p.atEnd) throw p.error();
    return e;
  } catch (e) {
    throw stackDepth(e);
  }
}
