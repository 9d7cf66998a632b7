// src/sql/printer/query.ts
//! Queries and FROM items as canonical Redshift SQL. Set-operation operands get parentheses
//! only where needed: a tail (WITH/ORDER BY/LIMIT/OFFSET) or looser/equal precedence on the right.

import type { Alias, GroupingElement, Join, Query, Select, TableRef, With } from "../ast/index.js";
import { printExpr, printOrderItem, printWindowBody } from "./expr.js";
import { ident, objectName, typeName } from "./lexical.js";

export function aliasBody(a: Alias): string {
  if (!a.columns) return ident(a.name);
  const types = a.columnTypes;
  const cols = a.columns.map((c, i) => (types?.[i] ? `${ident(c)} ${typeName(types[i]!)}` : ident(c)));
  return `${ident(a.name)}(${cols.join(", ")})`;
}

function alias(a: Alias | undefined): string {
  return a ? ` AS ${aliasBody(a)}` : "";
}

export function printWith(w: With): string {
  const ctes = w.ctes.map(
    (c) => `${ident(c.name)}${c.columns ? `(${c.columns.map(ident).join(", ")})` : ""} AS (${printQuery(c.query)})`,
  );
  return `WITH ${w.recursive ? "RECURSIVE " : ""}${ctes.join(", ")} `;
}

const JOIN_WORDS: Readonly<Record<Join["type"], string>> = {
  inner: "JOIN",
  left: "LEFT JOIN",
  right: "RIGHT JOIN",
  full: "FULL JOIN",
  cross: "CROSS JOIN",
};

export function printTableRef(t: TableRef): string {
  switch (t.kind) {
    case "TableName":
      return objectName(t.name) + alias(t.alias);
    case "DerivedTable":
      return `${t.lateral ? "LATERAL " : ""}(${printQuery(t.query)})${alias(t.alias)}`;
    case "TableFunction":
      return `${t.lateral ? "LATERAL " : ""}${printExpr(t.call)}${alias(t.alias)}`;
    case "ParenJoin":
      return `(${printTableRef(t.join)})${alias(t.alias)}`;
    case "Join": {
      const right = t.right.kind === "Join" ? `(${printTableRef(t.right)})` : printTableRef(t.right);
      let s = `${printTableRef(t.left)} ${t.natural ? "NATURAL " : ""}${JOIN_WORDS[t.type]} ${right}`;
      if (t.on) s += ` ON ${printExpr(t.on)}`;
      if (t.using) s += ` USING (${t.using.map(ident).join(", ")})`;
      return s;
    }
  }
}

export function grouping(g: GroupingElement): string {
  switch (g.kind) {
    case "Rollup":
      return `ROLLUP (${g.exprs.map(printExpr).join(", ")})`;
    case "Cube":
      return `CUBE (${g.exprs.map(printExpr).join(", ")})`;
    case "GroupingSets":
      return `GROUPING SETS (${g.sets.map((s) => `(${s.map(printExpr).join(", ")})`).join(", ")})`;
    default:
      return printExpr(g);
  }
}

function printSelectBody(s: Select): string {
  let out = "SELECT ";
  if (s.distinct) out += s.distinctOn ? `DISTINCT ON (${s.distinctOn.map(printExpr).join(", ")}) ` : "DISTINCT ";
  out += s.items.map((i) => printExpr(i.expr) + (i.alias !== undefined ? ` AS ${ident(i.alias)}` : "")).join(", ");
  if (s.into)
    out += ` INTO ${s.into.temp && !s.into.table.name.startsWith("#") ? "TEMP " : ""}${objectName(s.into.table)}`;
  if (s.from.length) out += ` FROM ${s.from.map(printTableRef).join(", ")}`;
  if (s.where) out += ` WHERE ${printExpr(s.where)}`;
  if (s.groupBy) out += ` GROUP BY ${s.groupBy.map(grouping).join(", ")}`;
  if (s.having) out += ` HAVING ${printExpr(s.having)}`;
  if (s.windows) {
    out += ` WINDOW ${s.windows.map((w) => `${ident(w.name)} AS (${printWindowBody(w.spec)})`).join(", ")}`;
  }
  if (s.qualify) out += ` QUALIFY ${printExpr(s.qualify)}`;
  return out;
}

function hasTail(q: Query): boolean {
  return q.with !== undefined || q.orderBy !== undefined || q.limit !== undefined || q.offset !== undefined;
}

function setPrec(q: Query): number {
  if (q.kind !== "SetOperation") return 3;
  return q.op === "intersect" ? 2 : 1;
}

function operand(q: Query, min: number): string {
  const s = printQuery(q);
  return hasTail(q) || setPrec(q) < min ? `(${s})` : s;
}

export function printQuery(q: Query): string {
  let out = q.with ? printWith(q.with) : "";
  switch (q.kind) {
    case "Select":
      out += printSelectBody(q);
      break;
    case "Values":
      out += `VALUES ${q.rows.map((r) => `(${r.map(printExpr).join(", ")})`).join(", ")}`;
      break;
    case "SetOperation": {
      const p = q.op === "intersect" ? 2 : 1;
      out += `${operand(q.left, p)} ${q.op.toUpperCase()}${q.all ? " ALL" : ""} ${operand(q.right, p + 1)}`;
      break;
    }
  }
  if (q.orderBy) out += ` ORDER BY ${q.orderBy.map(printOrderItem).join(", ")}`;
  if (q.limit) out += ` LIMIT ${printExpr(q.limit)}`;
  if (q.offset) out += ` OFFSET ${printExpr(q.offset)}`;
  return out;
}
