// src/session/dependents.ts
//! Which views depend on a relation: DROP TABLE / DROP VIEW without CASCADE refuses (2BP01) when
//! a view reads the relation, and with CASCADE drops those views too. A view's dependencies are
//! the relations its body names, resolved as the binder resolves them. Late-binding views
//! (WITH NO SCHEMA BINDING) depend on nothing, as in Redshift.

import type { CatalogReader, RelationDef } from "../catalog/reader.js";
import { parseStatement, walk } from "../sql/index.js";

/** The relations a view's body names (CTE names excluded). */
function referencedOids(view: RelationDef, reader: CatalogReader): Set<number> {
  const out = new Set<number>();
  if (!view.viewSql || view.lateBinding) return out;
  let stmt: ReturnType<typeof parseStatement>;
  try {
    stmt = parseStatement(view.viewSql);
  } catch {
    return out;
  }
  const ctes = new Set<string>();
  walk(stmt, (n) => {
    if (n.kind === "Cte") ctes.add(n.name);
    return true;
  });
  walk(stmt, (n) => {
    if (n.kind !== "TableName") return true;
    const name = n.name;
    if (!name.schema && !name.database && ctes.has(name.name)) return true;
    const rel = reader.relation({
      database: name.database ?? view.database,
      schema: name.schema ?? (name.database ? undefined : view.schema),
      name: name.name,
    });
    const found = rel ?? (name.schema ? undefined : reader.relation({ database: name.database, name: name.name }));
    if (found) out.add(found.oid);
    return true;
  });
  return out;
}

/**
 * Views that depend, directly or through other views, on any of `targets`, in an order they can
 * be dropped in (dependents first).
 */
export function dependentViews(
  targets: readonly RelationDef[],
  all: readonly RelationDef[],
  reader: CatalogReader,
): RelationDef[] {
  const views = all.filter((r) => r.kind === "view" && !r.lateBinding);
  const deps = new Map(views.map((v) => [v.oid, referencedOids(v, reader)] as const));
  const doomed = new Set(targets.map((t) => t.oid));
  const found: RelationDef[] = [];
  let grew = true;
  while (grew) {
    grew = false;
    for (const v of views) {
      if (doomed.has(v.oid)) continue;
      const uses = deps.get(v.oid);
      if (uses && [...uses].some((oid) => doomed.has(oid))) {
        doomed.add(v.oid);
        found.push(v);
        grew = true;
      }
    }
  }
  return found.reverse();
}

/**
 * Views that read column `column` of `table` directly: a view naming the table whose body
 * mentions the column, or selects * (which takes every column).
 */
export function viewsUsingColumn(
  table: RelationDef,
  column: string,
  all: readonly RelationDef[],
  reader: CatalogReader,
): RelationDef[] {
  return all.filter((v) => {
    if (v.kind !== "view" || v.lateBinding || !v.viewSql || !referencedOids(v, reader).has(table.oid)) return false;
    let uses = false;
    walk(parseStatement(v.viewSql), (n) => {
      if ((n.kind === "ColumnRef" && n.parts.at(-1) === column) || n.kind === "Star") uses = true;
      return !uses;
    });
    return uses;
  });
}
