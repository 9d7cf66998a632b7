// src/plan/bind/grouping.ts
//! Grouping rules: with GROUP BY or aggregates, every column a select item, HAVING, QUALIFY or
//! ORDER BY uses outside an aggregate must be grouped; aggregates may not appear in WHERE.

import { BindError, SqlState } from "../../common/errors.js";
import type { BoundExpr, BoundWindow } from "../bound/expr.js";
import type { BoundGroupBy } from "../bound/query.js";
import { lookupFunction } from "../functions/index.js";
import type { Scope } from "./scope.js";

function isAggregate(e: BoundExpr): boolean {
  return e.kind === "call" && e.over === undefined && lookupFunction(e.name)?.kind === "aggregate";
}

/** Children evaluated at this query level (subqueries are their own level). */
function children(e: BoundExpr): BoundExpr[] {
  switch (e.kind) {
    case "cast":
    case "unary":
    case "is":
      return [e.expr];
    case "binary":
      return [e.left, e.right];
    case "like":
      return [e.expr, e.pattern, ...(e.escape ? [e.escape] : [])];
    case "between":
      return [e.expr, e.low, e.high];
    case "in-list":
      return [e.expr, ...e.list];
    case "in-subquery":
      return [e.expr];
    case "quantified":
      return [e.left];
    case "case":
      return [
        ...(e.operand ? [e.operand] : []),
        ...e.whens.flatMap((w) => [w.when, w.result]),
        ...(e.else ? [e.else] : []),
      ];
    case "call":
      return [...e.args, ...e.orderBy.map((o) => o.expr), ...(e.over ? windowExprs(e.over) : [])];
    case "system-call":
      return [...e.args];
    default:
      return [];
  }
}

function windowExprs(w: BoundWindow): BoundExpr[] {
  return [...w.partitionBy, ...w.orderBy.map((o) => o.expr)];
}

export function containsAggregate(e: BoundExpr): boolean {
  return isAggregate(e) || children(e).some(containsAggregate);
}

/** Throws 42803 when `e` uses an ungrouped column of `scope`. */
/** Structural equality of bound trees (plain readonly data). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  const ka = Object.keys(a);
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  if (ra.kind !== rb.kind || ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => same(ra[k], rb[k]));
}

export function checkGrouped(e: BoundExpr, groups: readonly BoundExpr[], scope: Scope, position?: number): void {
  if (isAggregate(e) || groups.some((g) => same(g, e))) return;
  if (e.kind === "column") {
    if (!scope.items.some((i) => i.emitAlias === e.alias)) return;
    throw new BindError(
      SqlState.GroupingError,
      `column "${e.alias}.${e.column}" must appear in the GROUP BY clause or be used in an aggregate function`,
      { position },
    );
  }
  for (const c of children(e)) checkGrouped(c, groups, scope, position);
}

export function groupKeys(groupBy: readonly BoundGroupBy[]): BoundExpr[] {
  return groupBy.flatMap((g) => g.sets.flat());
}

function columnsOf(e: BoundExpr, out: BoundExpr[] = []): BoundExpr[] {
  if (e.kind === "column") out.push(e);
  for (const c of children(e)) columnsOf(c, out);
  return out;
}

/** An aggregate of this level: it reads a column of `scope`, or no column at all (COUNT(*)). */
function localAggregate(e: BoundExpr, scope: Scope): boolean {
  if (isAggregate(e)) {
    const cols = columnsOf(e);
    return (
      cols.length === 0 || cols.some((c) => c.kind === "column" && scope.items.some((i) => i.emitAlias === c.alias))
    );
  }
  return children(e).some((c) => localAggregate(c, scope));
}

export function noAggregateIn(clause: string, e: BoundExpr | undefined, scope: Scope, position?: number): void {
  if (e && localAggregate(e, scope)) {
    throw new BindError(SqlState.GroupingError, `aggregate functions are not allowed in ${clause}`, { position });
  }
}

function containsWindow(e: BoundExpr): boolean {
  return (e.kind === "call" && e.over !== undefined) || children(e).some(containsWindow);
}

/** Window functions run after WHERE, GROUP BY and HAVING: 42P20 there. */
export function noWindowIn(clause: string, e: BoundExpr | undefined, position?: number): void {
  if (e && containsWindow(e)) {
    throw new BindError("42P20", `window functions are not allowed in ${clause}`, { position });
  }
}
