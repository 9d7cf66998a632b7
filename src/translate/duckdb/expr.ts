// src/translate/duckdb/expr.ts
//! Bound expressions -> DuckDB SQL. Exhaustive over BoundExpr kinds; every identifier quoted and
//! every string literal escaped by quote.ts.

import { UnsupportedError } from "../../common/errors.js";
import type { BoundCall, BoundExpr, BoundOrderItem, BoundWindow } from "../../plan/bound/expr.js";
import { isInteger, isString as isText } from "../../plan/bind/typing.js";
import type { BoundQuery } from "../../plan/bound/query.js";
import type { SqlType } from "../../sql/types.js";
import type { EmitContext } from "./functions/index.js";
import { EMISSIONS } from "./functions/index.js";
import { ident, str } from "./quote.js";
import { duckType } from "./types.js";

/** Set by query.ts (queries and expressions recurse into each other). */
let querySql: (q: BoundQuery) => string = () => {
  throw new Error("query generator not registered");
};
export function registerQueryGenerator(fn: (q: BoundQuery) => string): void {
  querySql = fn;
}

const NUMERIC_IDS = new Set(["smallint", "integer", "bigint", "decimal", "real", "double precision"]);

export function literalSql(value: string | boolean | null, type: SqlType): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (NUMERIC_IDS.has(type.id) && /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)) return value;
  if (isText(type)) return str(value);
  return `CAST(${str(value)} AS ${duckType(type)})`;
}

export function exprSql(e: BoundExpr): string {
  switch (e.kind) {
    case "column":
      return `${ident(e.alias)}.${ident(e.column)}`;
    case "literal":
      return literalSql(e.value, e.type);
    case "param":
      return `$${e.index}`;
    case "cast":
      return castSql(e.expr, e.type);
    case "unary":
      return e.op === "not" ? `(NOT ${exprSql(e.expr)})` : `(${e.op}${exprSql(e.expr)})`;
    case "binary":
      return binarySql(e.op, e.left, e.right, e.type);
    case "like": {
      if (e.op === "similar to") return similarSql(e.expr, e.pattern, e.negated);
      const op = `${e.negated ? "NOT " : ""}${e.op === "ilike" ? "ILIKE" : "LIKE"}`;
      return `(${exprSql(e.expr)} ${op} ${exprSql(e.pattern)}${likeEscape(e.pattern, e.escape)})`;
    }
    case "is": {
      const x = exprSql(e.expr);
      if (e.test === "null" || e.test === "unknown") return `(${x} IS ${e.negated ? "NOT " : ""}NULL)`;
      return `(${x} IS ${e.negated ? "" : "NOT "}DISTINCT FROM ${e.test === "true" ? "TRUE" : "FALSE"})`;
    }
    case "between": {
      const x = exprSql(e.expr);
      const lo = exprSql(e.low);
      const hi = exprSql(e.high);
      const not = e.negated ? "NOT " : "";
      return e.symmetric
        ? `(${x} ${not}BETWEEN least(${lo}, ${hi}) AND greatest(${lo}, ${hi}))`
        : `(${x} ${not}BETWEEN ${lo} AND ${hi})`;
    }
    case "in-list": {
      const stored = storedChar(e.expr);
      const padded = stored ? e.list.map((x) => paddedConstant(x, stored.width)) : [];
      if (stored && padded.every((p) => p !== undefined))
        return `(${exprSql(e.expr)} ${e.negated ? "NOT IN" : "IN"} (${padded.map((p) => str(p as string)).join(", ")}))`;
      const strings = isText(e.expr.type) && e.list.every((x) => isText(x.type));
      const side = strings ? blankInsensitive : exprSql;
      return `(${side(e.expr)} ${e.negated ? "NOT IN" : "IN"} (${e.list.map(side).join(", ")}))`;
    }
    case "in-subquery":
      return `(${exprSql(e.expr)} ${e.negated ? "NOT IN" : "IN"} (${querySql(e.query)}))`;
    case "exists":
      return `(${e.negated ? "NOT " : ""}EXISTS (${querySql(e.query)}))`;
    case "subquery":
      return `(${querySql(e.query)})`;
    case "quantified":
      return `(${exprSql(e.left)} ${e.op} ${e.quantifier.toUpperCase()} (${querySql(e.query)}))`;
    case "case": {
      const operand = e.operand ? ` ${exprSql(e.operand)}` : "";
      const whens = e.whens.map((w) => ` WHEN ${exprSql(w.when)} THEN ${exprSql(w.result)}`).join("");
      const otherwise = e.else ? ` ELSE ${exprSql(e.else)}` : "";
      return `CASE${operand}${whens}${otherwise} END`;
    }
    case "call":
      return callSql(e);
    case "system-call":
      return `${e.engineName}(${e.args.map(exprSql).join(", ")})`;
    case "star":
      return "*";
    default: {
      const never: never = e;
      throw new UnsupportedError(`bound expression ${(never as BoundExpr).kind}`);
    }
  }
}

/**
 * SIMILAR TO with a constant pattern, as the POSIX regex Postgres turns it into: % is .*, _ is .,
 * \ escapes, . ^ $ are literal, and the match is anchored.
 * https://docs.aws.amazon.com/redshift/latest/dg/pattern-matching-conditions-similar-to.html
 */
function similarSql(x: BoundExpr, pattern: BoundExpr, negated: boolean): string {
  const p = pattern.kind === "literal" && typeof pattern.value === "string" ? pattern.value : undefined;
  if (p === undefined) throw new UnsupportedError("SIMILAR TO with a non-constant pattern");
  let re = "";
  for (let i = 0; i < p.length; i++) {
    const ch = p[i] as string;
    if (ch === "\\" && i + 1 < p.length) {
      const next = p[++i] as string;
      re += /[A-Za-z0-9]/.test(next) ? next : `\\${next}`;
    } else if (ch === "%") re += ".*";
    else if (ch === "_") re += ".";
    else if (".^$\\".includes(ch)) re += `\\${ch}`;
    else re += ch;
  }
  const m = `regexp_full_match(${exprSql(x)}, ${str(re)})`;
  return negated ? `(NOT ${m})` : m;
}

/**
 * The ESCAPE clause of a LIKE: Redshift's escape character is backslash unless the statement names
 * another; DuckDB's LIKE has none. A constant pattern without the escape character means the same
 * either way, and is written without ESCAPE: DuckDB then plans it with its fast LIKE matchers
 * (prefix, suffix, contains, segments) instead of the generic like_escape function (TPC-H Q13's
 * NOT LIKE '%special%requests%' took twice as long with the clause).
 * https://docs.aws.amazon.com/redshift/latest/dg/r_patternmatching_condition_like.html
 */
function likeEscape(pattern: BoundExpr, named: BoundExpr | undefined): string {
  const esc = named ? stringLiteral(named) : "\\";
  const p = stringLiteral(pattern);
  if (esc !== undefined && esc.length === 1 && p !== undefined && !p.includes(esc)) return "";
  return ` ESCAPE ${named ? exprSql(named) : "'\\'"}`;
}

/** CHAR(n) pads, VARCHAR(n) truncates on explicit casts (Postgres); the rest is a DuckDB CAST. */
/**
 * A VARBYTE operand: anything else becomes the UTF-8 bytes of its text, as Redshift casts to
 * VARBYTE (DuckDB's own VARCHAR-to-BLOB cast would read \x escapes).
 */
export function asBytes(type: SqlType, sql: string): string {
  return type.id === "varbyte" ? sql : `encode(CAST(${sql} AS VARCHAR))`;
}

function castSql(x: BoundExpr, t: SqlType): string {
  const inner = exprSql(x);
  // Redshift casts a string to VARBYTE as its UTF-8 bytes, an integer as its big-endian bytes (2,
  // 4 or 8 of them), and VARBYTE to a string by reading UTF-8.
  if (t.id === "varbyte" && x.type.id !== "varbyte") {
    const width = x.type.id === "smallint" ? 2 : x.type.id === "integer" ? 4 : x.type.id === "bigint" ? 8 : 0;
    if (width > 0) return `unhex(right(lpad(hex(CAST(${inner} AS BIGINT)), 16, '0'), ${2 * width}))`;
    return asBytes(x.type, inner);
  }
  if (x.type.id === "varbyte" && (t.id === "varchar" || t.id === "char" || t.id === "text")) {
    const text = `decode(${inner})`;
    if (t.id === "char" && t.length !== undefined) return `rpad(${text}, ${t.length}, ' ')`;
    if (t.id === "varchar" && t.length !== undefined && t.length < 65535) return `left(${text}, ${t.length})`;
    return text;
  }
  if (t.id === "char" && t.length !== undefined) return `rpad(CAST(${inner} AS VARCHAR), ${t.length}, ' ')`;
  if (t.id === "varchar" && t.length !== undefined && t.length < 65535)
    return `left(CAST(${inner} AS VARCHAR), ${t.length})`;
  if (t.id === "boolean" && isInteger(x.type)) return `(${inner} <> 0)`;
  return `CAST(${inner} AS ${duckType(t)})`;
}

const stringLiteral = (x: BoundExpr): string | undefined =>
  x.kind === "literal" && typeof x.value === "string" ? x.value : undefined;

/** A string operand with its trailing blanks dropped: literals at translation time, the rest by rtrim. */
function blankInsensitive(x: BoundExpr): string {
  const lit = stringLiteral(x);
  return lit === undefined ? `rtrim(${exprSql(x)})` : str(lit.replace(/ +$/, ""));
}

/**
 * Redshift compares CHAR and VARCHAR values ignoring trailing blanks. Against a constant, equality
 * is written as a range DuckDB can push into the scan (x >= 'ab' AND x < 'ab!': a value that is
 * 'ab' plus blanks sorts there) plus the exact test on what survives.
 * https://docs.aws.amazon.com/redshift/latest/dg/r_Examples_with_character_types.html
 */
function stringComparison(op: string, left: BoundExpr, right: BoundExpr): string {
  if (op === "=" || op === "<>") {
    const fast = storedCharEquality(op, left, right) ?? storedCharEquality(op, right, left);
    if (fast) return fast;
  }
  const ll = stringLiteral(left);
  const rl = stringLiteral(right);
  if ((op === "=" || op === "<>") && (ll === undefined) !== (rl === undefined)) {
    const value = (ll ?? rl ?? "").replace(/ +$/, "");
    const x = exprSql(ll === undefined ? left : right);
    const eq = `(${x} >= ${str(value)} AND ${x} < ${str(`${value}!`)} AND rtrim(${x}) = ${str(value)})`;
    return op === "=" ? eq : `(NOT ${eq})`;
  }
  return `(${blankInsensitive(left)} ${op.toUpperCase()} ${blankInsensitive(right)})`;
}

/**
 * A CHAR(n) column of a table, read as stored: every write path pads CHAR(n) values with blanks to
 * exactly n bytes (dml.ts, ddl.ts, copy.ts; longer values fail the length check), so a stored value
 * is its trailing-blank-free text plus blanks up to n. tableOid is set for plain table columns only
 * (through derived tables and CTEs, not views' computed columns, set operations or external tables).
 */
function storedChar(x: BoundExpr): { width: number } | undefined {
  if (x.kind !== "column" || x.tableOid === 0 || x.type.id !== "char" || x.type.length === undefined) return undefined;
  return { width: x.type.length };
}

/**
 * A constant as a stored CHAR(n) value equal to it ignoring trailing blanks would be: its text
 * without trailing blanks, padded to n. Only for ASCII text that fits (no stored value can equal
 * anything else; those comparisons take the general form).
 */
function paddedConstant(x: BoundExpr, width: number): string | undefined {
  const lit = stringLiteral(x);
  if (lit === undefined || !isText(x.type)) return undefined;
  const text = lit.replace(/ +$/, "");
  if (text.length > width || !/^[\x00-\x7f]*$/.test(text)) return undefined;
  return text.padEnd(width, " ");
}

/**
 * Equality of a stored CHAR(n) column with a constant (or with another stored CHAR(n) column of the
 * same width) as a plain comparison of the stored values: the same answer as comparing without
 * trailing blanks (both sides are padded alike), and DuckDB pushes it into the scan, matches
 * common subplans and hashes joins on it (TPC-H Q11, Q19). Other comparisons take the general form.
 */
function storedCharEquality(op: string, col: BoundExpr, other: BoundExpr): string | undefined {
  const stored = storedChar(col);
  if (!stored) return undefined;
  const same = storedChar(other);
  if (same) return same.width === stored.width ? `(${exprSql(col)} ${op} ${exprSql(other)})` : undefined;
  const p = paddedConstant(other, stored.width);
  return p === undefined ? undefined : `(${exprSql(col)} ${op} ${str(p)})`;
}

/**
 * DuckDB yields NULL for x / 0; Redshift raises 22012. A divisor that is not a non-zero constant
 * is checked (the session maps error('[SQLSTATE] ...') to that SQLSTATE).
 */
export function divisor(x: BoundExpr, sql: string): string {
  if (x.kind === "literal" && typeof x.value === "string" && /[1-9]/.test(x.value)) return sql;
  return `CASE WHEN ${sql} = 0 THEN error('[22012] division by zero') ELSE ${sql} END`;
}

const COMPARISONS = new Set(["=", "<>", "<", "<=", ">", ">=", "is distinct from", "is not distinct from"]);

function binarySql(op: string, left: BoundExpr, right: BoundExpr, type: SqlType): string {
  if (COMPARISONS.has(op) && isText(left.type) && isText(right.type)) return stringComparison(op, left, right);
  const l = exprSql(left);
  const r = exprSql(right);
  switch (op) {
    case "and":
    case "or":
    case "is distinct from":
    case "is not distinct from":
      return `(${l} ${op.toUpperCase()} ${r})`;
    case "/": {
      const d = divisor(right, r);
      if (isInteger(left.type) && isInteger(right.type)) return `(${l} // ${d})`;
      // DuckDB divides decimals in DOUBLE; Redshift returns NUMERIC with a computed scale.
      if (type.id === "decimal") return `CAST(${l} / ${d} AS ${duckType(type)})`;
      return `(${l} / ${d})`;
    }
    case "%":
      return `(${l} % ${divisor(right, r)})`;
    case "-":
      // date - date is an integer number of days (DuckDB says BIGINT).
      return left.type.id === "date" && right.type.id === "date" ? `CAST(${l} - ${r} AS INTEGER)` : `(${l} - ${r})`;
    case "||":
      if (type.id === "varbyte") return `(${asBytes(left.type, l)} || ${asBytes(right.type, r)})`;
      return `(${isText(left.type) ? l : `CAST(${l} AS VARCHAR)`} || ${isText(right.type) ? r : `CAST(${r} AS VARCHAR)`})`;
    case "#":
      return `xor(${l}, ${r})`;
    case "~":
      return `regexp_matches(${l}, ${r})`;
    case "~*":
      return `regexp_matches(${l}, ${r}, 'i')`;
    case "!~":
      return `(NOT regexp_matches(${l}, ${r}))`;
    case "!~*":
      return `(NOT regexp_matches(${l}, ${r}, 'i'))`;
    default:
      return `(${l} ${op} ${r})`;
  }
}

export function orderSql(items: readonly BoundOrderItem[]): string {
  return items
    .map((o) => `${exprSql(o.expr)} ${o.desc ? "DESC" : "ASC"} NULLS ${o.nullsFirst ? "FIRST" : "LAST"}`)
    .join(", ");
}

function windowSql(w: BoundWindow): string {
  const parts: string[] = [];
  if (w.partitionBy.length > 0) parts.push(`PARTITION BY ${w.partitionBy.map(exprSql).join(", ")}`);
  if (w.orderBy.length > 0) parts.push(`ORDER BY ${orderSql(w.orderBy)}`);
  if (w.frame) {
    const bound = (b: NonNullable<BoundWindow["frame"]>["start"]) =>
      b.offset ? `${exprSql(b.offset)} ${b.kind.toUpperCase()}` : b.kind.toUpperCase();
    const unit = w.frame.unit.toUpperCase();
    parts.push(
      w.frame.end
        ? `${unit} BETWEEN ${bound(w.frame.start)} AND ${bound(w.frame.end)}`
        : `${unit} ${bound(w.frame.start)}`,
    );
  }
  return `OVER (${parts.join(" ")})`;
}

function callSql(call: BoundCall): string {
  const entry = EMISSIONS.get(call.name);
  if (!entry) throw new UnsupportedError(`function ${call.name}`);
  const args = call.args.map(exprSql);
  const orderExprs = call.orderBy.map((o) => exprSql(o.expr));
  const agg: EmitContext["agg"] = (name, a = args, opts = {}) => {
    const distinct = (opts.distinct ?? true) && call.distinct ? "DISTINCT " : "";
    const ignore = call.ignoreNulls ? " IGNORE NULLS" : "";
    const order = (opts.order ?? true) && call.orderBy.length > 0 ? ` ORDER BY ${orderSql(call.orderBy)}` : "";
    const over = call.over ? ` ${windowSql(call.over)}` : "";
    return `${name}(${distinct}${a.join(", ")}${ignore}${order})${over}`;
  };
  const ctx: EmitContext = { args, call, orderExprs, agg, str };
  if (entry.emit) return entry.emit(ctx);
  return agg(entry.duck ?? call.name);
}
