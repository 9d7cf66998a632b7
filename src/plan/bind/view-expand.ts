// src/plan/bind/view-expand.ts
//! Late-binding views (WITH NO SCHEMA BINDING) have no DuckDB view: their Redshift SQL is parsed
//! and bound where they are used, so they see the tables as they are now.

import type { RelationDef } from "../../catalog/reader.js";
import { BindError, SqlState } from "../../common/errors.js";
import { parseStatement } from "../../sql/index.js";
import type { BoundQuery } from "../bound/query.js";
import type { BindState } from "./context.js";
import { at, uniqueNames } from "./context.js";
import { bindQuery } from "./query.js";

export function bindLateBindingView(
  rel: RelationDef,
  state: BindState,
  node: { pos: number },
): { query: BoundQuery; columnNames: string[] } {
  const stmt = parseStatement(rel.viewSql ?? "");
  if (stmt.kind !== "Select" && stmt.kind !== "SetOperation" && stmt.kind !== "Values") {
    throw new BindError(SqlState.WrongObjectType, `view "${rel.name}" has no query`, at(node));
  }
  const caller = state.access;
  state.access = caller?.asOwner(rel.owner);
  let bound: BoundQuery;
  try {
    bound = bindQuery(stmt, state, undefined);
  } finally {
    state.access = caller;
  }
  // CREATE VIEW v (x, y) ... renames the body's columns.
  const renames = rel.columns.length === bound.columns.length ? rel.columns.map((c) => c.name) : undefined;
  const query = renames
    ? { ...bound, columns: bound.columns.map((c, i) => ({ ...c, name: renames[i] ?? c.name })) }
    : bound;
  return { query, columnNames: uniqueNames(query.columns.map((c) => c.name)) };
}
