// src/plan/bind/typing.ts
//! Type rules the binder applies to expressions: numeric promotion, string and datetime families.
//! https://docs.aws.amazon.com/redshift/latest/dg/c_Supported_data_types.html

import type { SqlType, TypeId } from "../../sql/types.js";
import { T } from "../../sql/types.js";

const INTEGER_RANK: Partial<Record<TypeId, number>> = { smallint: 1, integer: 2, bigint: 3 };

export function isInteger(t: SqlType): boolean {
  return INTEGER_RANK[t.id] !== undefined;
}

export function isNumeric(t: SqlType): boolean {
  return isInteger(t) || t.id === "decimal" || t.id === "real" || t.id === "double precision";
}

export function isString(t: SqlType): boolean {
  return t.id === "char" || t.id === "varchar" || t.id === "text" || t.id === "unknown";
}

export function isDatetime(t: SqlType): boolean {
  return t.id === "date" || t.id === "timestamp" || t.id === "timestamptz" || t.id === "time" || t.id === "timetz";
}

function decimalOf(t: SqlType): { p: number; s: number } {
  if (t.id === "decimal") return { p: t.precision ?? 18, s: t.scale ?? 0 };
  if (t.id === "smallint") return { p: 5, s: 0 };
  if (t.id === "integer") return { p: 10, s: 0 };
  return { p: 19, s: 0 };
}

/** The result type of + - * / % between two operands (Postgres rules, Redshift's decimal widths). */
export function arithmeticType(op: string, a: SqlType, b: SqlType): SqlType {
  if (a.id === "unknown") return b.id === "unknown" ? T.integer : b;
  if (b.id === "unknown") return a;
  if (isDatetime(a) || isDatetime(b) || a.id === "interval" || b.id === "interval") return datetimeArithmetic(op, a, b);
  if (a.id === "double precision" || b.id === "double precision") return T.double;
  if (a.id === "real" || b.id === "real") return a.id === "decimal" || b.id === "decimal" ? T.double : T.real;
  if (a.id === "decimal" || b.id === "decimal") {
    const x = decimalOf(a);
    const y = decimalOf(b);
    const cap = (p: number) => Math.min(38, p);
    if (op === "*") return { id: "decimal", precision: cap(x.p + y.p), scale: Math.min(x.s + y.s, 37) };
    if (op === "/") {
      // https://docs.aws.amazon.com/redshift/latest/dg/r_numeric_computations201.html
      // scale = max(4, s1 + p2 - s2 + 1), precision = p1 - s1 + s2 + scale; past 38 digits the
      // integer digits are kept and the scale gives way (down to 4), so a quotient never overflows.
      const intDigits = Math.min(38, x.p - x.s + y.s);
      const wanted = Math.max(4, x.s + y.p - y.s + 1);
      const s = intDigits + wanted <= 38 ? wanted : Math.min(wanted, Math.max(4, 38 - intDigits));
      return { id: "decimal", precision: cap(intDigits + s), scale: Math.min(s, 37) };
    }
    const s = Math.max(x.s, y.s);
    return { id: "decimal", precision: cap(Math.max(x.p - x.s, y.p - y.s) + s + 1), scale: s };
  }
  if (isInteger(a) && isInteger(b)) return (INTEGER_RANK[a.id] ?? 0) >= (INTEGER_RANK[b.id] ?? 0) ? a : b;
  if (isString(a) && isNumeric(b)) return b;
  if (isString(b) && isNumeric(a)) return a;
  return a;
}

function datetimeArithmetic(op: string, a: SqlType, b: SqlType): SqlType {
  if (a.id === "date" && isInteger(b)) return T.date;
  if (a.id === "date" && b.id === "date" && op === "-") return T.integer;
  if (a.id === "interval" && b.id === "interval") return T.interval;
  if ((a.id === "timestamp" || a.id === "timestamptz") && b.id === a.id && op === "-") return T.interval;
  if (a.id === "date" && (b.id === "interval" || b.id === "time")) return T.timestamp;
  if (isDatetime(a)) return a;
  if (isDatetime(b)) return b.id === "date" ? T.timestamp : b;
  return T.interval;
}

/** The common type of CASE branches, COALESCE arguments, UNION columns. */
export function commonType(types: readonly SqlType[]): SqlType {
  let out: SqlType = T.unknown;
  for (const t of types) {
    if (t.id === "unknown") continue;
    if (out.id === "unknown") {
      out = t;
      continue;
    }
    if (out.id === t.id) {
      if (t.id === "varchar" || t.id === "char") out = { id: "varchar", length: maxLen(out.length, t.length) };
      else if (t.id === "decimal") out = arithmeticType("+", out, t);
      continue;
    }
    if (isNumeric(out) && isNumeric(t)) out = arithmeticType("+", out, t);
    else if (isString(out) && isString(t)) out = { id: "varchar" };
    else if (out.id === "date" && (t.id === "timestamp" || t.id === "timestamptz")) out = t;
  }
  return out.id === "unknown" && types.length > 0 ? T.text : out;
}

function maxLen(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : Math.max(a, b);
}
