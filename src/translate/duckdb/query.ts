// src/translate/duckdb/query.ts
//! Bound queries -> DuckDB SELECT text. Set operations keep ALL vs distinct exactly (MINUS is
//! EXCEPT); VALUES gets Postgres's column names (column1, ...); ORDER BY spells NULLS FIRST/LAST
//! out because DuckDB's default null order differs from Postgres's.

import { UnsupportedError } from "../../common/errors.js";
import type { BoundExpr } from "../../plan/bound/expr.js";
import type { BoundFromItem, BoundGroupBy, BoundQuery, BoundWith } from "../../plan/bound/query.js";
import { exprSql, orderSql, registerQueryGenerator } from "./expr.js";
import { ident } from "./quote.js";

export function querySql(q: BoundQuery): string {
  const parts: string[] = [];
  if (q.with) parts.push(withSql(q.with));
  switch (q.kind) {
    case "select": {
      const items = q.items.map((e, i) => `${exprSql(e)} AS ${ident(q.columns[i]?.engineAlias ?? `col${i}`)}`);
      parts.push(`SELECT ${q.distinct ? "DISTINCT " : ""}${items.join(", ")}`);
      if (q.from.length > 0) parts.push(`FROM ${q.from.map((f) => fromSql(f, false)).join(", ")}`);
      if (q.where) parts.push(`WHERE ${exprSql(q.where)}`);
      if (q.groupBy.length > 0) parts.push(`GROUP BY ${q.groupBy.map(groupSql).join(", ")}`);
      if (q.having) parts.push(`HAVING ${exprSql(q.having)}`);
      if (q.qualify) parts.push(`QUALIFY ${exprSql(q.qualify)}`);
      break;
    }
    case "setop": {
      const op = `${q.op.toUpperCase()}${q.all ? " ALL" : ""}`;
      parts.push(`(${querySql(q.left)}) ${op} (${querySql(q.right)})`);
      break;
    }
    case "values": {
      const rows = q.rows.map((r) => `(${r.map(exprSql).join(", ")})`).join(", ");
      const cols = q.columns.map((c) => ident(c.engineAlias)).join(", ");
      parts.push(`SELECT * FROM (VALUES ${rows}) AS ${ident("*VALUES*")}(${cols})`);
      break;
    }
    default: {
      const never: never = q;
      throw new UnsupportedError(`query ${(never as BoundQuery).kind}`);
    }
  }
  if (q.orderBy.length > 0) parts.push(`ORDER BY ${orderSql(q.orderBy)}`);
  if (q.limit) parts.push(`LIMIT ${exprSql(q.limit)}`);
  if (q.offset) parts.push(`OFFSET ${exprSql(q.offset)}`);
  return parts.join(" ");
}

registerQueryGenerator(querySql);

function withSql(w: BoundWith): string {
  const ctes = w.ctes.map((c) => `${ident(c.name)}(${c.columns.map(ident).join(", ")}) AS (${querySql(c.query)})`);
  return `WITH ${w.recursive ? "RECURSIVE " : ""}${ctes.join(", ")}`;
}

function groupSql(g: BoundGroupBy): string {
  const list = (xs: readonly (readonly BoundExpr[])[]) =>
    xs.map((s) => (s.length === 1 ? exprSql(s[0] as BoundExpr) : `(${s.map(exprSql).join(", ")})`)).join(", ");
  switch (g.kind) {
    case "plain":
      return g.sets.flat().map(exprSql).join(", ");
    case "rollup":
      return `ROLLUP (${list(g.sets)})`;
    case "cube":
      return `CUBE (${list(g.sets)})`;
    case "grouping sets":
      return `GROUPING SETS (${g.sets.map((s) => `(${s.map(exprSql).join(", ")})`).join(", ")})`;
  }
}

const JOIN_WORDS = {
  inner: "JOIN",
  left: "LEFT JOIN",
  right: "RIGHT JOIN",
  full: "FULL JOIN",
  cross: "CROSS JOIN",
} as const;

/** An argument DuckDB takes inside a table function's call: no subquery can hide in it. */
function plainArg(e: BoundExpr): boolean {
  return e.kind === "literal" || e.kind === "param" || e.kind === "column" || (e.kind === "cast" && plainArg(e.expr));
}

/**
 * DuckDB refuses subqueries in a table function's arguments, and catalog macros (current_schemas,
 * ...) are subqueries. Other arguments are computed in a lateral derived row first, keeping the
 * function's row order: generate_series(1, array_upper(current_schemas(false), 1)) AS s(r) becomes
 * LATERAL (SELECT g.r FROM (SELECT 1 AS a0, ... AS a1) AS args, generate_series(args.a0, args.a1)
 * WITH ORDINALITY AS g(r, ord) ORDER BY g.ord) AS s(r).
 */
function tableFunctionSql(f: Extract<BoundFromItem, { kind: "table-function" }>): string {
  const cols = f.columnNames.map(ident);
  const alias = `${ident(f.alias)}(${cols.join(", ")})`;
  if (f.args.every(plainArg)) return `${f.function}(${f.args.map(exprSql).join(", ")}) AS ${alias}`;
  const args = ident("_ls_args");
  const g = ident("_ls_g");
  const row = f.args.map((a, i) => `${exprSql(a)} AS ${ident(`a${i}`)}`).join(", ");
  const call = `${f.function}(${f.args.map((_, i) => `${args}.${ident(`a${i}`)}`).join(", ")})`;
  const ordered = f.function === "generate_series" || f.function === "unnest";
  const source = ordered
    ? `${call} WITH ORDINALITY AS ${g}(${cols.join(", ")}, ${ident("_ls_ord")}) ORDER BY ${g}.${ident("_ls_ord")}`
    : `${call} AS ${g}(${cols.join(", ")})`;
  return `LATERAL (SELECT ${cols.map((c) => `${g}.${c}`).join(", ")} FROM (SELECT ${row}) AS ${args}, ${source}) AS ${alias}`;
}

export function fromSql(f: BoundFromItem, nested: boolean): string {
  switch (f.kind) {
    case "table":
      return `${f.engineName} AS ${ident(f.alias)}`;
    case "cte-ref":
      return `${ident(f.name)} AS ${ident(f.alias)}`;
    case "derived":
      return `${f.lateral ? "LATERAL " : ""}(${querySql(f.query)}) AS ${ident(f.alias)}(${f.columnNames.map(ident).join(", ")})`;
    case "table-function":
      return tableFunctionSql(f);
    case "join": {
      const on = f.joinType === "cross" || !f.on ? "" : ` ON ${exprSql(f.on)}`;
      const text = `${fromSql(f.left, false)} ${JOIN_WORDS[f.joinType]} ${fromSql(f.right, true)}${on}`;
      return nested ? `(${text})` : text;
    }
    default: {
      const never: never = f;
      throw new UnsupportedError(`FROM item ${(never as BoundFromItem).kind}`);
    }
  }
}
