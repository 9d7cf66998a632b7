// src/session/dependents.ts
//! Which views depend on a relation: DROP TABLE / DROP VIEW without CASCADE refuses (2BP01) when
//! a view reads the relation, and with CASCADE drops those views too. A view's dependencies are
//! the relations its body names, resolved as the binder resolves them. Late-binding views
//! (WITH NO SCHEMA BINDING) depend on nothing, as in Redshift. A renamed table is renamed in the
//! bodies of the views reading it.

import type { CatalogReader, RelationDef } from "../catalog/reader.js";
import type { Alias, ObjectName, Query, Statement, TableName } from "../sql/index.js";
import { parseStatement, walk } from "../sql/index.js";

/** The relation a FROM-list name in a view's body reaches, as the binder resolves it from the view's schema. */
function resolve(view: RelationDef, name: ObjectName, reader: CatalogReader): RelationDef | undefined {
  const rel = reader.relation({
    database: name.database ?? view.database,
    schema: name.schema ?? (name.database ? undefined : view.schema),
    name: name.name,
  });
  return rel ?? (name.schema ? undefined : reader.relation({ database: name.database, name: name.name }));
}

/** The CTE names a statement defines (a FROM-list name matching one is not a relation). */
function cteNames(stmt: Statement): Set<string> {
  const ctes = new Set<string>();
  walk(stmt, (n) => {
    if (n.kind === "Cte") ctes.add(n.name);
    return true;
  });
  return ctes;
}

function parsedBody(view: RelationDef): Statement | undefined {
  if (!view.viewSql || view.lateBinding) return undefined;
  try {
    return parseStatement(view.viewSql);
  } catch {
    return undefined;
  }
}

/** The relations a view's body names (CTE names excluded). */
function referencedOids(view: RelationDef, reader: CatalogReader): Set<number> {
  const out = new Set<number>();
  const stmt = parsedBody(view);
  if (!stmt) return out;
  const ctes = cteNames(stmt);
  walk(stmt, (n) => {
    if (n.kind !== "TableName") return true;
    if (!n.name.schema && !n.name.database && ctes.has(n.name.name)) return true;
    const found = resolve(view, n.name, reader);
    if (found) out.add(found.oid);
    return true;
  });
  return out;
}

/** Whether a view's body names `rel` itself (not only through another view). */
export function readsRelation(view: RelationDef, rel: RelationDef, reader: CatalogReader): boolean {
  return view.kind === "view" && !view.lateBinding && referencedOids(view, reader).has(rel.oid);
}

/**
 * A view's body with every FROM-list name that reaches `rel` renamed to `to`, for ALTER TABLE ...
 * RENAME TO (the view follows the table, as in Redshift). A name without an alias keeps the old
 * name as its alias, so columns qualified by it still resolve. Undefined when the body does not
 * parse as a query.
 */
export function bodyAfterRename(
  view: RelationDef,
  rel: RelationDef,
  to: string,
  reader: CatalogReader,
): Query | undefined {
  const stmt = parsedBody(view);
  if (stmt?.kind !== "Select" && stmt?.kind !== "SetOperation" && stmt?.kind !== "Values") return undefined;
  const ctes = cteNames(stmt);
  const renamed = (n: TableName): TableName => {
    if (!n.name.schema && !n.name.database && ctes.has(n.name.name)) return n;
    if (resolve(view, n.name, reader)?.oid !== rel.oid) return n;
    const alias: Alias = n.alias ?? { kind: "Alias", pos: n.pos, name: n.name.name };
    return { ...n, name: { ...n.name, name: to }, alias };
  };
  return mapTableNames(stmt, renamed) as Query;
}

/** A copy of an AST (plain data) with every TableName node replaced by `fn`'s result. */
function mapTableNames(node: unknown, fn: (n: TableName) => TableName): unknown {
  if (Array.isArray(node)) return node.map((x) => mapTableNames(x, fn));
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = mapTableNames(v, fn);
  return (out as { kind?: string }).kind === "TableName" ? fn(out as unknown as TableName) : out;
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
