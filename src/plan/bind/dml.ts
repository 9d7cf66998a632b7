// src/plan/bind/dml.ts
//! INSERT, UPDATE, DELETE. Omitted columns and DEFAULT take the table's DuckDB defaults (which
//! carry the translated Redshift DEFAULT and IDENTITY sequences).
//! https://docs.aws.amazon.com/redshift/latest/dg/r_INSERT_30.html

import type { ColumnDef, RelationDef } from "../../catalog/reader.js";
import { BindError, SqlState } from "../../common/errors.js";
import type { Delete, Expr, Insert, ObjectName, Update } from "../../sql/ast/index.js";
import type {
  BoundDelete,
  BoundInsert,
  BoundInsertSource,
  BoundInsertValue,
  BoundTarget,
  BoundUpdate,
} from "../bound/statement.js";
import type { BindState } from "./context.js";
import { at, inferParam, undefinedTable } from "./context.js";
import type { ExprEnv } from "./expr.js";
import { bindExpr } from "./expr.js";
import { bindFromList, objectNameText } from "./from.js";
import { bindQuery } from "./query.js";
import { withRowFilter } from "./rls.js";
import { Scope } from "./scope.js";

function targetTable(
  name: ObjectName,
  state: BindState,
  node: { pos: number },
  privilege: string,
  setColumns: readonly string[] = [],
): RelationDef {
  const rel = state.catalog.relation({ database: name.database, schema: name.schema, name: name.name });
  if (!rel) throw undefinedTable(objectNameText(name), node);
  if (rel.kind !== "table") {
    throw new BindError(
      SqlState.WrongObjectType,
      `cannot change ${rel.kind === "view" ? "view" : "relation"} "${rel.name}"`,
      at(node),
    );
  }
  const allowed = state.access?.relation(rel, privilege);
  if (privilege === "update" && allowed !== undefined && allowed !== "all") {
    if (setColumns.some((c) => !allowed.has(c)))
      throw new BindError(SqlState.InsufficientPrivilege, `permission denied for relation ${rel.name}`);
  }
  return rel;
}

export function columnOf(rel: RelationDef, name: string, node: { pos: number }): ColumnDef {
  const c = rel.columns.find((x) => x.name === name);
  if (!c)
    throw new BindError(
      SqlState.UndefinedColumn,
      `column "${name}" of relation "${rel.name}" does not exist`,
      at(node),
    );
  return c;
}

function targetScope(rel: RelationDef, alias: string | undefined, state: BindState, scope: Scope): BoundTarget {
  const visible = alias ?? rel.name;
  const emitAlias = state.uniqueAlias(visible);
  const readable = state.access?.columns(rel, "select") ?? "all";
  scope.items.push({
    name: visible,
    schema: alias ? undefined : rel.schema,
    database: alias ? undefined : rel.database,
    emitAlias,
    columns: rel.columns.map((c) => ({
      name: c.name,
      engineColumn: c.name,
      type: c.type,
      tableOid: rel.oid,
      ordinal: c.ordinal,
      ...(readable !== "all" && !readable.has(c.name) ? { denied: rel.name } : {}),
    })),
  });
  return { relation: rel, alias: emitAlias };
}

function value(e: Expr, env: ExprEnv, column: ColumnDef | undefined): BoundInsertValue {
  if (e.kind === "DefaultValue") return { kind: "default" };
  const x = bindExpr(e, env);
  return column ? inferParam(x, column.type, env.state) : x;
}

export function bindInsert(stmt: Insert, state: BindState): BoundInsert {
  const rel = targetTable(stmt.table, state, stmt.table, "insert");
  const seen = new Set<string>();
  const columns = (stmt.columns ?? rel.columns.map((c) => c.name)).map((n) => {
    if (seen.has(n)) throw new BindError(SqlState.DuplicateColumn, `column "${n}" specified more than once`, at(stmt));
    seen.add(n);
    return columnOf(rel, n, stmt);
  });
  const target: BoundTarget = { relation: rel, alias: state.uniqueAlias(rel.name) };
  let source: BoundInsertSource;
  const src = stmt.source;
  if (!src) {
    source = { kind: "default-values" };
  } else if (src.kind === "Values" && !src.with && !src.orderBy && !src.limit && !src.offset) {
    const env: ExprEnv = { state, scope: new Scope() };
    const rows = src.rows.map((r) => {
      if (r.length > columns.length)
        throw new BindError(
          SqlState.SyntaxError,
          "INSERT has more expressions than target columns",
          at(r[columns.length] ?? src),
        );
      if (r.length < columns.length)
        throw new BindError(SqlState.SyntaxError, "INSERT has more target columns than expressions", at(r[0] ?? src));
      return r.map((e, i) => value(e, env, columns[i]));
    });
    source = { kind: "values", rows };
  } else {
    const query = bindQuery(src, state, undefined);
    if (query.columns.length > columns.length)
      throw new BindError(SqlState.SyntaxError, "INSERT has more expressions than target columns", at(src));
    if (query.columns.length < columns.length)
      throw new BindError(SqlState.SyntaxError, "INSERT has more target columns than expressions", at(src));
    source = { kind: "query", query };
  }
  return { kind: "insert", target, columns, source };
}

export function bindUpdate(stmt: Update, state: BindState): BoundUpdate {
  const rel = targetTable(
    stmt.table,
    state,
    stmt.table,
    "update",
    stmt.set.map((a) => a.column),
  );
  const scope = new Scope();
  const target = targetScope(rel, stmt.alias, state, scope);
  const from = bindFromList(stmt.from, state, scope);
  const env: ExprEnv = { state, scope };
  const sets = stmt.set.map((a) => {
    const column = columnOf(rel, a.column, a);
    return { column, value: value(a.value, env, column) };
  });
  const filtered = withRowFilter(stmt.where, rel, state);
  const where = filtered ? bindExpr(filtered, env) : undefined;
  return { kind: "update", target, sets, from, where };
}

export function bindDelete(stmt: Delete, state: BindState): BoundDelete {
  const rel = targetTable(stmt.table, state, stmt.table, "delete");
  const scope = new Scope();
  const target = targetScope(rel, stmt.alias, state, scope);
  const using = bindFromList(stmt.using, state, scope);
  const filtered = withRowFilter(stmt.where, rel, state);
  const where = filtered ? bindExpr(filtered, { state, scope }) : undefined;
  return { kind: "delete", target, using, where };
}
