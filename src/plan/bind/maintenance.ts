// src/plan/bind/maintenance.ts
//! VACUUM and ANALYZE: the named table, resolved (42P01 unknown, 42809 not a table). Without a
//! name the session takes every table of the current database.

import { BindError, SqlState } from "../../common/errors.js";
import type { Analyze, Vacuum } from "../../sql/ast/index.js";
import type { BoundUtility } from "../bound/statement.js";
import { at, type BindState, undefinedTable } from "./context.js";
import { objectNameText } from "./from.js";

export function bindMaintenance(stmt: Vacuum | Analyze, state: BindState): BoundUtility {
  const n = stmt.table;
  if (!n) return { kind: "utility", utility: "maintenance", statement: stmt };
  const rel = state.catalog.relation({ database: n.database, schema: n.schema, name: n.name });
  if (!rel) throw undefinedTable(objectNameText(n), n);
  if (rel.kind !== "table") throw new BindError(SqlState.WrongObjectType, `"${rel.name}" is not a table`, at(n));
  if (stmt.kind === "Analyze" && stmt.columns) {
    for (const c of stmt.columns) {
      if (!rel.columns.some((d) => d.name === c)) {
        throw new BindError(SqlState.UndefinedColumn, `column "${c}" of relation "${rel.name}" does not exist`, at(n));
      }
    }
  }
  return { kind: "utility", utility: "maintenance", statement: stmt, relations: [rel] };
}
