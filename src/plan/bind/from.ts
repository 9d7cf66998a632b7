// src/plan/bind/from.ts
//! FROM items: tables, views, CTE references, derived tables and joins (USING and NATURAL merge
//! their common columns the way Postgres does).

import { BindError, SqlState, UnsupportedError } from "../../common/errors.js";
import type { ObjectName, TableRef, TypeName } from "../../sql/ast/index.js";
import type { SqlType } from "../../sql/types.js";
import { T } from "../../sql/types.js";
import type { BoundColumnRef, BoundExpr } from "../bound/expr.js";
import type { BoundFromItem } from "../bound/query.js";
import type { BindState } from "./context.js";
import { at, undefinedTable, uniqueNames } from "./context.js";
import { bindExpr, typeOf } from "./expr.js";
import { bindQuery } from "./query.js";
import type { ScopeColumn, ScopeItem } from "./scope.js";
import { columnRef, Scope } from "./scope.js";
import { commonType } from "./typing.js";
import { expanding, filteredTable, rowFilterFor } from "./rls.js";
import { bindLateBindingView } from "./view-expand.js";

interface FromResult {
  readonly item: BoundFromItem;
  /** Scope items this FROM item contributed, in order. */
  readonly added: readonly ScopeItem[];
}

export function objectNameText(n: ObjectName): string {
  return [n.database, n.schema, n.name].filter((p) => p !== undefined).join(".");
}

/** Binds a FROM list into `scope` (which receives the items). */
export function bindFromList(refs: readonly TableRef[], state: BindState, scope: Scope): BoundFromItem[] {
  return refs.map((r) => bindFrom(r, state, scope).item);
}

function renamed(
  cols: readonly ScopeColumn[],
  names: readonly string[] | undefined,
  node: { pos: number },
): ScopeColumn[] {
  if (!names) return [...cols];
  if (names.length > cols.length) {
    throw new BindError(
      SqlState.InvalidColumnReference,
      `table has ${cols.length} columns available but ${names.length} columns specified`,
      at(node),
    );
  }
  return cols.map((c, i) => (i < names.length ? { ...c, name: names[i] as string } : c));
}

export function bindFrom(ref: TableRef, state: BindState, scope: Scope): FromResult {
  switch (ref.kind) {
    case "TableName": {
      const n = ref.name;
      const cte = n.schema === undefined && n.database === undefined ? scope.cte(n.name) : undefined;
      const visibleName = ref.alias?.name ?? n.name;
      if (cte) {
        const emitAlias = state.uniqueAlias(visibleName);
        const cols = cte.columns.map((c) => ({
          name: c.name,
          engineColumn: c.name,
          type: c.type,
          tableOid: 0,
          ordinal: 0,
        }));
        const item: ScopeItem = { name: visibleName, emitAlias, columns: renamed(cols, ref.alias?.columns, ref) };
        scope.items.push(item);
        return { item: { kind: "cte-ref", name: cte.name, alias: emitAlias }, added: [item] };
      }
      const rel = state.catalog.relation({ database: n.database, schema: n.schema, name: n.name });
      if (!rel) throw undefinedTable(objectNameText(n), ref);
      const readable = state.access?.relation(rel, "select") ?? "all";
      const filter = rowFilterFor(rel, state);
      if (filter) {
        // The expansion reads the table itself; the caller's column grants still apply outside it.
        const caller = state.access;
        state.access = undefined;
        let r: FromResult;
        try {
          r = expanding(rel, state, () => bindFrom(filteredTable(ref, rel, filter), state, scope));
        } finally {
          state.access = caller;
        }
        if (readable === "all") return r;
        const added = r.added.map((it) => ({
          ...it,
          columns: it.columns.map((c) => (readable.has(c.name) ? c : { ...c, denied: rel.name })),
        }));
        for (const [i, it] of r.added.entries()) scope.items[scope.items.indexOf(it)] = added[i] as ScopeItem;
        return { item: r.item, added };
      }
      if (rel.kind === "view" && (rel.lateBinding || state.access?.rlsActive(rel.database))) {
        const { query, columnNames } = bindLateBindingView(rel, state, ref);
        const emitAlias = state.uniqueAlias(visibleName);
        const cols = query.columns.map((c, i) => ({
          name: c.name,
          engineColumn: columnNames[i] as string,
          type: c.type,
          tableOid: 0,
          ordinal: 0,
        }));
        const item: ScopeItem = { name: visibleName, emitAlias, columns: renamed(cols, ref.alias?.columns, ref) };
        scope.items.push(item);
        return { item: { kind: "derived", query, alias: emitAlias, columnNames, lateral: false }, added: [item] };
      }
      // A view reads its tables with its owner's rights, checked now (a revoke since the view was
      // made takes effect): bind its body as the owner, for the check only (DuckDB runs the view).
      if (rel.kind === "view" && state.access?.asOwner(rel.owner)) bindLateBindingView(rel, state, ref);
      const emitAlias = state.uniqueAlias(visibleName);
      const sourced = rel.kind === "table" || rel.catalogTable === true;
      const cols: ScopeColumn[] = rel.columns.map((c) => ({
        name: c.name,
        engineColumn: c.name,
        type: c.type,
        tableOid: sourced ? rel.oid : 0,
        ordinal: sourced ? c.ordinal : 0,
        ...(readable !== "all" && !readable.has(c.name) ? { denied: rel.name } : {}),
      }));
      const item: ScopeItem = {
        name: visibleName,
        schema: ref.alias ? undefined : rel.schema,
        database: ref.alias ? undefined : rel.database,
        emitAlias,
        columns: renamed(cols, ref.alias?.columns, ref),
      };
      scope.items.push(item);
      return { item: { kind: "table", engineName: rel.engineName, alias: emitAlias }, added: [item] };
    }
    case "DerivedTable": {
      const query = bindQuery(ref.query, state, ref.lateral ? scope : scope.parent);
      const visibleName = ref.alias?.name ?? "subquery";
      const emitAlias = state.uniqueAlias(visibleName);
      const columnNames = uniqueNames(query.columns.map((c) => c.name));
      const cols = query.columns.map((c, i) => ({
        name: c.name,
        engineColumn: columnNames[i] as string,
        type: c.type,
        tableOid: c.tableOid,
        ordinal: c.ordinal,
      }));
      const item: ScopeItem = { name: visibleName, emitAlias, columns: renamed(cols, ref.alias?.columns, ref) };
      scope.items.push(item);
      return { item: { kind: "derived", query, alias: emitAlias, columnNames, lateral: ref.lateral }, added: [item] };
    }
    case "TableFunction":
      return bindTableFunction(ref, state, scope);
    case "ParenJoin":
      if (ref.alias) throw new UnsupportedError("alias on a parenthesized join", at(ref));
      return bindFrom(ref.join, state, scope);
    case "Join":
      return bindJoin(ref, state, scope);
    default: {
      const never: never = ref;
      throw new UnsupportedError(`FROM item ${(never as TableRef).kind}`);
    }
  }
}

function findSide(name: string, added: readonly ScopeItem[], scope: Scope, node: { pos: number }): BoundExpr {
  const merged = scope.merged.find(
    (m) => m.name === name && m.hides.some((h) => added.some((a) => a.emitAlias === h.alias)),
  );
  if (merged) return merged.expr;
  const hits: BoundColumnRef[] = [];
  for (const item of added) for (const c of item.columns) if (c.name === name) hits.push(columnRef(item, c));
  if (hits.length === 0) {
    throw new BindError(
      SqlState.UndefinedColumn,
      `column "${name}" specified in USING clause does not exist in left table`,
      at(node),
    );
  }
  if (hits.length > 1)
    throw new BindError(SqlState.AmbiguousColumn, `common column name "${name}" appears more than once`, at(node));
  return hits[0] as BoundColumnRef;
}

function hiddenRefs(e: BoundExpr, scope: Scope): BoundColumnRef[] {
  if (e.kind === "column") return [e];
  const m = scope.merged.find((x) => x.expr === e);
  return m ? [...m.hides] : [];
}

function bindJoin(ref: Extract<TableRef, { kind: "Join" }>, state: BindState, scope: Scope): FromResult {
  const left = bindFrom(ref.left, state, scope);
  const right = bindFrom(ref.right, state, scope);
  const added = [...left.added, ...right.added];
  let using = ref.using;
  if (ref.natural) {
    const leftNames = new Set(left.added.flatMap((i) => i.columns.map((c) => c.name)));
    using = [...new Set(right.added.flatMap((i) => i.columns.map((c) => c.name)))].filter((n) => leftNames.has(n));
  }
  let on: BoundExpr | undefined;
  if (using && using.length > 0) {
    for (const name of using) {
      const l = findSide(name, left.added, scope, ref);
      const r = findSide(name, right.added, scope, ref);
      const eq: BoundExpr = { kind: "binary", op: "=", left: l, right: r, type: { id: "boolean" } };
      on = on ? { kind: "binary", op: "and", left: on, right: eq, type: { id: "boolean" } } : eq;
      const expr: BoundExpr =
        ref.type === "full"
          ? {
              kind: "call",
              name: "coalesce",
              args: [l, r],
              distinct: false,
              star: false,
              orderBy: [],
              ignoreNulls: false,
              type: commonType([l.type, r.type]),
            }
          : ref.type === "right"
            ? r
            : l;
      const hides = [...hiddenRefs(l, scope), ...hiddenRefs(r, scope)];
      for (let i = scope.merged.length - 1; i >= 0; i--)
        if (scope.merged[i]?.name === name && (scope.merged[i]?.expr === l || scope.merged[i]?.expr === r))
          scope.merged.splice(i, 1);
      scope.merged.push({ name, expr, hides });
    }
  } else if (ref.on) {
    on = bindExpr(ref.on, { state, scope });
  }
  if (ref.type !== "cross" && !on) on = { kind: "literal", value: true, type: { id: "boolean" } };
  return { item: { kind: "join", joinType: ref.type, left: left.item, right: right.item, on }, added };
}

/** generate_series and unnest (DuckDB built-ins), or a catalog function that returns rows. */
function bindTableFunction(
  ref: Extract<TableRef, { kind: "TableFunction" }>,
  state: BindState,
  scope: Scope,
): FromResult {
  const call = ref.call;
  const series = call.name === "generate_series" && call.args.length >= 2 && call.args.length <= 3;
  const unnest = call.name === "unnest" && call.args.length === 1;
  const builtin = (series || unnest) && (call.schema === undefined || call.schema === "pg_catalog");
  const catalogFn = builtin ? undefined : state.catalog.systemFunction(call.name);
  if (!builtin && !(catalogFn && ref.alias?.columns)) {
    throw new UnsupportedError(`table function ${call.name}() in FROM`, at(ref));
  }
  const args = call.args.map((a) => bindExpr(a, { state, scope: ref.lateral ? scope : new Scope(scope.parent) }));
  const visibleName = ref.alias?.name ?? call.name;
  let columns: { name: string; type: SqlType }[];
  if (catalogFn) {
    const types = ref.alias?.columnTypes;
    columns = (ref.alias?.columns ?? []).map((name, i) => ({
      name,
      type: types?.[i] ? typeOf(types[i] as TypeName) : T.text,
    }));
  } else {
    const first = args[0]?.type.id;
    const type = unnest
      ? T.text
      : first === "timestamp" || first === "timestamptz" || first === "date"
        ? T.timestamp
        : T.bigint;
    columns = [{ name: ref.alias?.columns?.[0] ?? visibleName, type }];
  }
  const emitAlias = state.uniqueAlias(visibleName);
  const columnNames = uniqueNames(columns.map((c) => c.name));
  const item: ScopeItem = {
    name: visibleName,
    emitAlias,
    columns: columns.map((c, i) => ({
      name: c.name,
      engineColumn: columnNames[i] as string,
      type: c.type,
      tableOid: 0,
      ordinal: 0,
    })),
  };
  scope.items.push(item);
  const fn = catalogFn ? catalogFn.engineName : call.name;
  return { item: { kind: "table-function", function: fn, args, alias: emitAlias, columnNames }, added: [item] };
}
