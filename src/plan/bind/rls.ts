// src/plan/bind/rls.ts
//! Row-level security as a rewrite where relations are resolved: a table whose RLS is on for the
//! session user is read through `(SELECT * FROM t WHERE <policies>) AS t`, so no query shape
//! (joins, subqueries, CTEs, views, CTAS, UNLOAD) sees other rows; UPDATE and DELETE get the
//! predicate added to their WHERE. Predicates come from the session's AccessChecker.
//! https://docs.aws.amazon.com/redshift/latest/dg/t_rls.html

import type { RelationDef } from "../../catalog/reader.js";
import type { Expr, Select, TableName, TableRef } from "../../sql/ast/index.js";
import type { BindState } from "./context.js";

/** The rows filter RLS puts on `rel` for this statement, unless already inside its expansion. */
export function rowFilterFor(rel: RelationDef, state: BindState): Expr | undefined {
  if (rel.kind !== "table" || rel.temporary || state.rlsExpanding.has(rel.oid)) return undefined;
  return state.access?.rowFilter(rel);
}

/** `(SELECT * FROM db.schema.t WHERE filter) AS <alias or t>` in place of a table reference. */
export function filteredTable(ref: TableName, rel: RelationDef, filter: Expr): TableRef {
  const pos = ref.pos;
  const query: Select = {
    kind: "Select",
    pos,
    distinct: false,
    items: [{ kind: "SelectItem", pos, expr: { kind: "Star", pos } }],
    from: [
      {
        kind: "TableName",
        pos,
        name: { kind: "ObjectName", pos, database: rel.database, schema: rel.schema, name: rel.name },
      },
    ],
    where: filter,
  };
  return {
    kind: "DerivedTable",
    pos,
    query,
    alias: ref.alias ?? { kind: "Alias", pos, name: ref.name.name },
    lateral: false,
  };
}

/** Runs `bind` for an RLS expansion of `rel`: its own reference inside is not filtered again. */
export function expanding<T>(rel: RelationDef, state: BindState, bind: () => T): T {
  state.rlsExpanding.add(rel.oid);
  try {
    return bind();
  } finally {
    state.rlsExpanding.delete(rel.oid);
  }
}

/** A DML statement's WHERE with the target's row filter ANDed in. */
export function withRowFilter(where: Expr | undefined, rel: RelationDef, state: BindState): Expr | undefined {
  const filter = rowFilterFor(rel, state);
  if (!filter) return where;
  return where ? { kind: "Binary", pos: where.pos, op: "AND", left: where, right: filter } : filter;
}
