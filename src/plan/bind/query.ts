// src/plan/bind/query.ts
//! Queries: SELECT (lateral column aliases, GROUP BY/HAVING/QUALIFY, windows), set operations,
//! VALUES, WITH (incl. RECURSIVE), ORDER BY/LIMIT/OFFSET.

import { BindError, SqlState, UnsupportedError } from "../../common/errors.js";
import type { Expr, GroupingElement, OrderItem, Query, Select, WindowSpec, With } from "../../sql/ast/index.js";
import { PgOid, T } from "../../sql/types.js";
import type { BoundExpr, BoundOrderItem } from "../bound/expr.js";
import type { BoundGroupBy, BoundQuery, BoundWith, OutputColumn } from "../bound/query.js";
import type { BindState } from "./context.js";
import { REG_TYPES } from "./cast.js";
import { at, uniqueNames } from "./context.js";
import type { ExprEnv } from "./expr.js";
import { bindExpr } from "./expr.js";
import { bindFromList } from "./from.js";
import { checkGrouped, containsAggregate, groupKeys, noAggregateIn, noWindowIn } from "./grouping.js";
import { outputName } from "./names.js";
import { Scope } from "./scope.js";
import { commonType } from "./typing.js";

export function bindQuery(q: Query, state: BindState, outer: Scope | undefined): BoundQuery {
  let base = outer;
  let withClause: BoundWith | undefined;
  if (q.with) {
    base = new Scope(outer);
    withClause = bindWith(q.with, state, base);
  }
  const core = bindQueryBody(q, state, base);
  return withClause ? { ...core, with: withClause } : core;
}

function bindWith(w: With, state: BindState, holder: Scope): BoundWith {
  const ctes = w.ctes.map((c) => {
    let query: BoundQuery;
    if (w.recursive && c.query.kind === "SetOperation" && refersTo(c.query.right, c.name)) {
      const anchor = bindQuery(c.query.left, state, holder);
      const names = c.columns ?? anchor.columns.map((col) => col.name);
      holder.addCte({
        name: c.name,
        columns: anchor.columns.map((col, i) => ({ name: names[i] ?? col.name, type: col.type })),
      });
      query = bindQuery(c.query, state, holder);
    } else {
      query = bindQuery(c.query, state, holder);
    }
    const names = c.columns ?? query.columns.map((col) => col.name);
    if (names.length !== query.columns.length) {
      throw new BindError(
        SqlState.InvalidColumnReference,
        `WITH query "${c.name}" has ${query.columns.length} columns available but ${names.length} columns specified`,
        at(c),
      );
    }
    const columns = uniqueNames(names);
    holder.addCte({
      name: c.name,
      columns: query.columns.map((col, i) => ({ name: columns[i] as string, type: col.type })),
      query,
    });
    return { name: c.name, columns, query };
  });
  return { recursive: w.recursive, ctes };
}

/** Whether a query mentions an unqualified table `name` anywhere (a recursive CTE's self-reference). */
function refersTo(node: unknown, name: string): boolean {
  if (Array.isArray(node)) return node.some((n) => refersTo(n, name));
  if (node === null || typeof node !== "object") return false;
  const o = node as { kind?: string; name?: { name?: string; schema?: string } };
  if (o.kind === "TableName" && o.name?.name === name && o.name.schema === undefined) return true;
  return Object.values(node).some((v) => refersTo(v, name));
}

function bindQueryBody(q: Query, state: BindState, base: Scope | undefined): BoundQuery {
  switch (q.kind) {
    case "Select":
      return bindSelect(q, state, base);
    case "SetOperation": {
      const left = bindQuery(q.left, state, base);
      const right = bindQuery(q.right, state, base);
      if (left.columns.length !== right.columns.length) {
        throw new BindError(
          SqlState.SyntaxError,
          `each ${q.op.toUpperCase()} query must have the same number of columns`,
          at(q.right),
        );
      }
      const columns = left.columns.map((c, i) => ({
        ...c,
        type: commonType([c.type, right.columns[i]?.type ?? T.unknown]),
        tableOid: 0,
        ordinal: 0,
      }));
      const tail = bindTail(q, state, base, columns, undefined);
      return { kind: "setop", op: q.op, all: q.all, left, right, columns, ...tail };
    }
    case "Values": {
      const env: ExprEnv = { state, scope: new Scope(base) };
      const rows = q.rows.map((r) => r.map((e) => bindExpr(e, env)));
      const width = rows[0]?.length ?? 0;
      if (rows.some((r) => r.length !== width))
        throw new BindError(SqlState.SyntaxError, "VALUES lists must all be the same length", at(q));
      const columns: OutputColumn[] = [];
      for (let i = 0; i < width; i++) {
        const name = `column${i + 1}`;
        columns.push({
          name,
          engineAlias: name,
          type: commonType(rows.map((r) => (r[i] as BoundExpr).type)),
          tableOid: 0,
          ordinal: 0,
        });
      }
      const tail = bindTail(q, state, base, columns, undefined);
      return { kind: "values", rows, columns, ...tail };
    }
    default: {
      const never: never = q;
      throw new UnsupportedError(`query ${(never as Query).kind}`);
    }
  }
}

interface SelectContext {
  readonly env: ExprEnv;
  readonly items: readonly BoundExpr[];
  readonly names: readonly string[];
}

function bindSelect(q: Select, state: BindState, base: Scope | undefined): BoundQuery {
  if (q.distinctOn) throw new UnsupportedError("DISTINCT ON", at(q));
  if (q.into) throw new UnsupportedError("SELECT INTO", at(q.into));
  const scope = new Scope(base);
  const from = bindFromList(q.from, state, scope);
  const windows = new Map<string, WindowSpec>((q.windows ?? []).map((w) => [w.name, w.spec]));
  const aliases = new Map<string, BoundExpr>();
  const items: BoundExpr[] = [];
  const names: string[] = [];
  const outs: Omit<OutputColumn, "engineAlias">[] = [];
  const itemPositions: number[] = [];
  for (const item of q.items) {
    if (item.expr.kind === "Star") {
      const star = item.expr;
      const cols = star.qualifier ? starOf(scope, star.qualifier, star) : scope.starColumns();
      if (!star.qualifier && scope.items.length === 0)
        throw new BindError(SqlState.SyntaxError, "SELECT * with no tables specified is not valid", at(star));
      for (const c of cols) {
        itemPositions.push(item.pos + 1);
        items.push(c.expr);
        names.push(c.name);
        outs.push(outputOf(c.name, c.expr));
      }
      continue;
    }
    const env: ExprEnv = { state, scope, aliases: new Map(aliases), windows };
    let bound = untypedParam(bindExpr(item.expr, env));
    if (state.topQuery === q) bound = displayed(item.expr, bound, state);
    const name = item.alias ?? outputName(item.expr);
    items.push(bound);
    itemPositions.push(item.pos + 1);
    names.push(name);
    outs.push(outputOf(name, bound, state.topQuery === q));
    if (item.alias !== undefined && !aliases.has(item.alias)) aliases.set(item.alias, bound);
  }
  const env: ExprEnv = { state, scope, aliases, windows };
  const ctx: SelectContext = { env, items, names };
  const where = q.where ? bindExpr(q.where, env) : undefined;
  const groupBy = (q.groupBy ?? []).map((g) => bindGrouping(g, ctx));
  const having = q.having ? bindExpr(q.having, env) : undefined;
  const qualify = q.qualify ? bindExpr(q.qualify, env) : undefined;
  noAggregateIn("WHERE", where, scope, q.where ? q.where.pos + 1 : undefined);
  noWindowIn("WHERE", where, q.where ? q.where.pos + 1 : undefined);
  noWindowIn("HAVING", having, q.having ? q.having.pos + 1 : undefined);
  for (const g of groupBy) for (const e of g.sets.flat()) noWindowIn("GROUP BY", e);
  const engineAliases = uniqueNames(outs.map((o) => o.name));
  const columns: OutputColumn[] = outs.map((o, i) => ({ ...o, engineAlias: engineAliases[i] as string }));
  const tail = bindTail(q, state, base, columns, ctx);
  if (groupBy.length > 0 || items.some(containsAggregate) || (having && containsAggregate(having))) {
    const keys = groupKeys(groupBy);
    for (const [i, e] of items.entries()) checkGrouped(e, keys, scope, itemPositions[i]);
    if (having) checkGrouped(having, keys, scope, q.having ? q.having.pos + 1 : undefined);
    if (qualify) checkGrouped(qualify, keys, scope, q.qualify ? q.qualify.pos + 1 : undefined);
    for (const [i, o] of tail.orderBy.entries())
      checkGrouped(o.expr, keys, scope, q.orderBy?.[i] ? (q.orderBy[i]?.pos ?? 0) + 1 : undefined);
  }
  return { kind: "select", distinct: q.distinct, items, from, where, groupBy, having, qualify, columns, ...tail };
}

/** A top-level `x::regclass` / `::regtype` / `::regnamespace` is shown by name, as Postgres's output function does. */
function displayed(e: Expr, bound: BoundExpr, state: BindState): BoundExpr {
  if (e.kind !== "Cast" || e.type.arrayDims > 0 || !REG_TYPES.has(e.type.name)) return bound;
  const name = `${e.type.name}_out`;
  const sys = state.catalog.systemFunction(name);
  if (!sys) return bound;
  return { kind: "system-call", name, engineName: sys.engineName, args: [bound], type: T.text };
}

/**
 * A select-list parameter nothing gives a type to (`select $1 as n`) stays untyped for the
 * client, but DuckDB cannot describe a statement with an untyped result column: it becomes
 * text, as PostgreSQL resolves it.
 */
function untypedParam(e: BoundExpr): BoundExpr {
  return e.kind === "param" && e.type.id === "unknown" ? { kind: "cast", expr: e, type: T.unknown } : e;
}

/** See OutputColumn.type: what the top-level query's clients see as text though Redshift has no type for it. */
function seenAsText(e: BoundExpr): boolean {
  switch (e.kind) {
    case "system-call":
      return e.pgReturnOid === PgOid.text;
    case "literal":
      return e.value === null && e.type.id === "unknown";
    case "cast":
      return e.type.id === "unknown" && e.expr.kind === "param";
    default:
      // Other untyped items (a record field of anyelement) take the type DuckDB computes.
      return false;
  }
}

function outputOf(name: string, e: BoundExpr, top = false): Omit<OutputColumn, "engineAlias"> {
  const type = top && seenAsText(e) ? T.unknown : e.type.id === "unknown" ? T.text : e.type;
  if (e.kind === "column") return { name, type, tableOid: e.tableOid, ordinal: e.ordinal };
  return { name, type, tableOid: 0, ordinal: 0 };
}

function starOf(
  scope: Scope,
  qualifier: readonly string[],
  node: { pos: number },
): { name: string; expr: BoundExpr }[] {
  const item = scope.findItem(qualifier);
  if (!item)
    throw new BindError(
      SqlState.UndefinedTable,
      `missing FROM-clause entry for table "${qualifier[qualifier.length - 1]}"`,
      at(node),
    );
  return item.columns.map((c) => ({
    name: c.name,
    expr: {
      kind: "column",
      alias: item.emitAlias,
      column: c.engineColumn,
      type: c.type,
      tableOid: c.tableOid,
      ordinal: c.ordinal,
    },
  }));
}

function ordinalOf(e: Expr, count: number): number | undefined {
  if (e.kind !== "NumberLiteral" || !e.integer) return undefined;
  const n = Number(e.value);
  if (n < 1 || n > count)
    throw new BindError(SqlState.InvalidColumnReference, `position ${e.value} is not in select list`, at(e));
  return n;
}

/** GROUP BY: ordinals and output names (when not an input column) refer to select items. */
function groupExpr(e: Expr, ctx: SelectContext): BoundExpr {
  const n = ordinalOf(e, ctx.items.length);
  if (n !== undefined) return ctx.items[n - 1] as BoundExpr;
  return bindExpr(e, ctx.env);
}

function bindGrouping(g: GroupingElement, ctx: SelectContext): BoundGroupBy {
  switch (g.kind) {
    case "Rollup":
      return { kind: "rollup", sets: g.exprs.map((e) => [groupExpr(e, ctx)]) };
    case "Cube":
      return { kind: "cube", sets: g.exprs.map((e) => [groupExpr(e, ctx)]) };
    case "GroupingSets":
      return { kind: "grouping sets", sets: g.sets.map((s) => s.map((e) => groupExpr(e, ctx))) };
    default:
      return { kind: "plain", sets: [[groupExpr(g, ctx)]] };
  }
}

function bindTail(
  q: Query,
  state: BindState,
  base: Scope | undefined,
  columns: readonly OutputColumn[],
  ctx: SelectContext | undefined,
): { orderBy: BoundOrderItem[]; limit?: BoundExpr; offset?: BoundExpr } {
  const constEnv: ExprEnv = { state, scope: new Scope(base) };
  const orderBy = (q.orderBy ?? []).map((o) => bindOrder(o, columns, ctx));
  const limit = q.limit ? bindExpr(q.limit, constEnv) : undefined;
  const offset = q.offset ? bindExpr(q.offset, constEnv) : undefined;
  return { orderBy, limit, offset };
}

/** ORDER BY: an output ordinal or name (emitted as the ordinal), else an expression over the FROM scope. */
function bindOrder(o: OrderItem, columns: readonly OutputColumn[], ctx: SelectContext | undefined): BoundOrderItem {
  const nullsFirst = o.nulls === undefined ? o.desc : o.nulls === "first";
  const ordinal = (n: number): BoundOrderItem => ({
    expr: { kind: "literal", value: String(n), type: T.integer },
    desc: o.desc,
    nullsFirst,
  });
  const n = ordinalOf(o.expr, columns.length);
  if (n !== undefined) return ordinal(n);
  if (o.expr.kind === "ColumnRef" && o.expr.parts.length === 1) {
    const name = o.expr.parts[0];
    const hits = columns.map((c, i) => (c.name === name ? i : -1)).filter((i) => i >= 0);
    if (hits.length > 1) throw new BindError(SqlState.AmbiguousColumn, `ORDER BY "${name}" is ambiguous`, at(o.expr));
    if (hits.length === 1) return ordinal((hits[0] as number) + 1);
  }
  if (!ctx) {
    throw new BindError(SqlState.UndefinedColumn, "invalid UNION/INTERSECT/EXCEPT ORDER BY clause", {
      ...at(o.expr),
      detail: "Only result column names can be used, not expressions or functions.",
    });
  }
  return { expr: bindExpr(o.expr, ctx.env), desc: o.desc, nullsFirst };
}
