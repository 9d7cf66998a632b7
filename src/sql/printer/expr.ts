// src/sql/printer/expr.ts
//! Expressions as canonical Redshift SQL, parenthesized by the precedence table the parser uses.

import type { Expr, FrameBound, FunctionCall, OrderItem, WindowFrame, WindowSpec } from "../ast/index.js";
import { FUNC_NAME_KEYWORDS, NILADIC_FUNCTIONS } from "../dialect/redshift.js";
import { BINARY_PREC, Prec } from "../parser/precedence.js";
import { ident, quoteString, typeName } from "./lexical.js";
import { printQuery } from "./query.js";

/** The binding strength of a node as printed (Prec.Primary for self-delimiting forms). */
export function precOf(e: Expr): number {
  switch (e.kind) {
    case "Binary":
      return BINARY_PREC[e.op];
    case "Unary":
      return e.op === "NOT" ? Prec.Not : e.op === "-" || e.op === "+" ? Prec.Unary : Prec.Other;
    case "IsNull":
    case "IsBool":
    case "IsDistinctFrom":
      return Prec.Is;
    case "Between":
    case "InList":
    case "InSubquery":
    case "Like":
      return Prec.Like;
    case "QuantifiedArray":
    case "QuantifiedSubquery":
      return quantPrec(e.op);
    case "Collate":
      return Prec.Collate;
    case "AtTimeZone":
      return Prec.AtTimeZone;
    default:
      return Prec.Primary;
  }
}

function quantPrec(op: string): number {
  if (op === "like" || op === "ilike") return Prec.Like;
  if (op.includes("~")) return Prec.Other;
  return Prec.Compare;
}

/** Prints `e`, in parentheses when it binds looser than `min`. */
function sub(e: Expr, min: number): string {
  const s = printExpr(e);
  return precOf(e) < min ? `(${s})` : s;
}

function list(es: readonly Expr[]): string {
  return es.map(printExpr).join(", ");
}

export function printOrderItem(o: OrderItem): string {
  let s = printExpr(o.expr);
  if (o.desc) s += " DESC";
  if (o.nulls) s += o.nulls === "first" ? " NULLS FIRST" : " NULLS LAST";
  return s;
}

export function printFrameBound(b: FrameBound): string {
  return (b.offset ? `${sub(b.offset, Prec.Like + 1)} ` : "") + b.type.toUpperCase();
}

export function printFrame(f: WindowFrame): string {
  const unit = f.unit.toUpperCase();
  return f.end
    ? `${unit} BETWEEN ${printFrameBound(f.start)} AND ${printFrameBound(f.end)}`
    : `${unit} ${printFrameBound(f.start)}`;
}

export function printWindowBody(w: WindowSpec): string {
  const parts: string[] = [];
  if (w.base !== undefined) parts.push(ident(w.base));
  if (w.partitionBy.length) parts.push(`PARTITION BY ${list(w.partitionBy)}`);
  if (w.orderBy.length) parts.push(`ORDER BY ${w.orderBy.map(printOrderItem).join(", ")}`);
  if (w.frame) parts.push(printFrame(w.frame));
  return parts.join(" ");
}

function printOver(w: WindowSpec): string {
  if (w.ref && w.base !== undefined) return ` OVER ${ident(w.base)}`;
  return ` OVER (${printWindowBody(w)})`;
}

const NULLS_INSIDE = new Set(["first_value", "last_value", "nth_value"]);

function printCall(f: FunctionCall): string {
  if (
    f.name === "array" &&
    f.schema === undefined &&
    f.args.length === 1 &&
    f.args[0]!.kind === "Subquery" &&
    !f.over
  ) {
    return `ARRAY${printExpr(f.args[0]!)}`;
  }
  if (f.schema === undefined && f.args.length === 0 && !f.star && NILADIC_FUNCTIONS.has(f.name) && !f.over) {
    return f.name.toUpperCase();
  }
  let name = f.schema === undefined && FUNC_NAME_KEYWORDS.has(f.name) ? f.name : ident(f.name);
  if (f.schema === undefined && NILADIC_FUNCTIONS.has(f.name)) name = f.name.toUpperCase();
  if (f.schema !== undefined) name = `${ident(f.schema)}.${name}`;
  let args = f.star ? "*" : list(f.args);
  if (f.distinct) args = `DISTINCT ${args}`;
  const nulls = f.nulls ? ` ${f.nulls.toUpperCase()} NULLS` : "";
  const inside = nulls && NULLS_INSIDE.has(f.name);
  let s = `${f.approximate ? "APPROXIMATE " : ""}${name}(${args}${inside ? nulls : ""})`;
  if (nulls && !inside) s += nulls;
  if (f.withinGroup) s += ` WITHIN GROUP (ORDER BY ${f.withinGroup.map(printOrderItem).join(", ")})`;
  if (f.over) s += printOver(f.over);
  return s;
}

/** Subscript / field-access bases that need no parentheses. */
function postfixBase(e: Expr, field: boolean): string {
  const s = printExpr(e);
  return e.kind === "Subscript" || e.kind === "Param" || (e.kind === "ColumnRef" && !field) ? s : `(${s})`;
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case "NumberLiteral":
      return e.value;
    case "StringLiteral":
      return quoteString(e.value);
    case "BooleanLiteral":
      return e.value ? "TRUE" : "FALSE";
    case "NullLiteral":
      return "NULL";
    case "TypedLiteral":
      return `${typeName(e.type)} ${quoteString(e.value)}`;
    case "IntervalLiteral":
      return `INTERVAL ${quoteString(e.value)}${e.qualifier ? ` ${e.qualifier.toUpperCase()}` : ""}`;
    case "Param":
      return `$${e.index}`;
    case "DefaultValue":
      return "DEFAULT";
    case "ColumnRef":
      return e.parts.map(ident).join(".");
    case "Star":
      return e.qualifier ? `${e.qualifier.map(ident).join(".")}.*` : "*";
    case "Unary": {
      if (e.op === "NOT") return `NOT ${sub(e.operand, Prec.Not)}`;
      const s = sub(e.operand, e.op === "-" || e.op === "+" ? Prec.Unary : Prec.Other + 1);
      const c = s[0];
      const sep = c === "-" || c === "+" || c === "@" || c === "~" || c === "|" || c === "/" || c === "*" ? " " : "";
      return `${e.op}${sep}${s}`;
    }
    case "Binary": {
      const p = BINARY_PREC[e.op];
      const nonAssoc = p === Prec.Compare;
      return `${sub(e.left, nonAssoc ? p + 1 : p)} ${e.op} ${sub(e.right, p + 1)}`;
    }
    case "Cast":
      return `CAST(${printExpr(e.expr)} AS ${typeName(e.type)})`;
    case "Extract":
      return `EXTRACT(${e.field.toUpperCase()} FROM ${printExpr(e.expr)})`;
    case "Position":
      return `POSITION(${sub(e.needle, Prec.Like + 1)} IN ${printExpr(e.haystack)})`;
    case "Substring": {
      let s = `SUBSTRING(${printExpr(e.expr)}`;
      if (e.start) s += ` FROM ${printExpr(e.start)}`;
      if (e.length) s += ` FOR ${printExpr(e.length)}`;
      return s + ")";
    }
    case "Trim":
      return `TRIM(${e.side.toUpperCase()} ${e.chars ? `${printExpr(e.chars)} ` : ""}FROM ${printExpr(e.expr)})`;
    case "Case": {
      let s = "CASE";
      if (e.operand) s += ` ${printExpr(e.operand)}`;
      for (const w of e.whens) s += ` WHEN ${printExpr(w.when)} THEN ${printExpr(w.then)}`;
      if (e.else) s += ` ELSE ${printExpr(e.else)}`;
      return s + " END";
    }
    case "IsNull":
      return `${sub(e.expr, Prec.Is + 1)} IS ${e.not ? "NOT " : ""}NULL`;
    case "IsBool":
      return `${sub(e.expr, Prec.Is + 1)} IS ${e.not ? "NOT " : ""}${e.value.toUpperCase()}`;
    case "IsDistinctFrom":
      return `${sub(e.left, Prec.Is + 1)} IS ${e.not ? "NOT " : ""}DISTINCT FROM ${sub(e.right, Prec.Is + 1)}`;
    case "Between":
      return `${sub(e.expr, Prec.Like + 1)} ${e.not ? "NOT " : ""}BETWEEN ${e.symmetric ? "SYMMETRIC " : ""}${sub(e.low, Prec.Like + 1)} AND ${sub(e.high, Prec.Like + 1)}`;
    case "InList":
      return `${sub(e.expr, Prec.Like + 1)} ${e.not ? "NOT " : ""}IN (${list(e.list)})`;
    case "InSubquery":
      return `${sub(e.expr, Prec.Like + 1)} ${e.not ? "NOT " : ""}IN (${printQuery(e.query)})`;
    case "Like": {
      const op = e.op === "similar" ? "SIMILAR TO" : e.op.toUpperCase();
      let s = `${sub(e.expr, Prec.Like + 1)} ${e.not ? "NOT " : ""}${op} ${sub(e.pattern, Prec.Like + 1)}`;
      if (e.escape) s += ` ESCAPE ${sub(e.escape, Prec.Like + 1)}`;
      return s;
    }
    case "QuantifiedSubquery":
    case "QuantifiedArray": {
      const p = quantPrec(e.op);
      const op = e.op === "like" || e.op === "ilike" ? e.op.toUpperCase() : e.op;
      const inner = e.kind === "QuantifiedSubquery" ? printQuery(e.query) : printExpr(e.array);
      return `${sub(e.left, p + 1)} ${op} ${e.quantifier.toUpperCase()} (${inner})`;
    }
    case "Exists":
      return `EXISTS (${printQuery(e.query)})`;
    case "Subquery":
      return `(${printQuery(e.query)})`;
    case "ArrayLiteral":
      return `ARRAY[${list(e.elements)}]`;
    case "Subscript": {
      let s = `${postfixBase(e.expr, false)}[`;
      if (e.index) s += printExpr(e.index);
      if (e.slice) s += ":";
      if (e.upper) s += printExpr(e.upper);
      return s + "]";
    }
    case "FieldAccess":
      return `${postfixBase(e.expr, true)}.${ident(e.field)}`;
    case "RowExpr":
      return e.items.length >= 2 ? `(${list(e.items)})` : `ROW(${list(e.items)})`;
    case "Collate":
      return `${sub(e.expr, Prec.Collate)} COLLATE ${e.collation.map(ident).join(".")}`;
    case "AtTimeZone":
      return `${sub(e.expr, Prec.AtTimeZone)} AT TIME ZONE ${sub(e.zone, Prec.AtTimeZone + 1)}`;
    case "FunctionCall":
      return printCall(e);
  }
}
