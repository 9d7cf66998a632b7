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
  const query = bindQuery(stmt, state, undefined);
  return { query, columnNames: uniqueNames(query.columns.map((c) => c.name)) };
}
