// src/security/rls.ts
//! Row-level security: the row filter a table's attached policies put on a principal. A table
//! with RLS on shows a user the rows where the predicates of the policies attached to them (or
//! to their roles, or to PUBLIC) hold, combined with AND (default) or OR; with no policy
//! attached, no rows. Superusers bypass (they get no checker). Predicates come back as AST with
//! the policy's alias dropped, so they read the table's columns by name wherever they are placed.
//! https://docs.aws.amazon.com/redshift/latest/dg/t_rls_usage.html

import type { RelationDef } from "../catalog/reader.js";
import type { RlsData } from "../catalog/store/rls.js";
import type { Expr } from "../sql/ast/index.js";
import { parseExpression } from "../sql/index.js";
import { type Principal, reaches } from "./privileges.js";

/** Drops `alias.` from column references (a generic rebuild of the readonly AST). */
function unqualify<T>(node: T, alias: string): T {
  if (Array.isArray(node)) return node.map((x) => unqualify(x, alias)) as T;
  if (node === null || typeof node !== "object") return node;
  const n = node as Record<string, unknown>;
  if (n.kind === "ColumnRef") {
    const parts = n.parts as readonly string[];
    if (parts.length === 2 && parts[0] === alias) return { ...n, parts: [parts[1]] } as T;
    return node;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) out[k] = unqualify(v, alias);
  return out as T;
}

const TRUE: Expr = { kind: "BooleanLiteral", pos: 0, value: true };
const FALSE: Expr = { kind: "BooleanLiteral", pos: 0, value: false };

/** The predicate rows of `rel` must meet for `p`; undefined when RLS is off for the table. */
export function rowFilter(p: Principal, rel: RelationDef, rls: RlsData): Expr | undefined {
  const table = rls.tables.get(rel.oid);
  if (!table?.enabled || rel.kind !== "table") return undefined;
  const names = new Set(
    rls.attachments.filter((a) => a.relOid === rel.oid && reaches(p, a.granteeKind, a.grantee)).map((a) => a.policy),
  );
  const predicates: Expr[] = [];
  for (const name of [...names].sort()) {
    const policy = rls.policies.get(name);
    if (!policy) continue;
    const e = policy.usingSql === undefined ? TRUE : parseExpression(policy.usingSql);
    predicates.push(policy.alias !== undefined ? unqualify(e, policy.alias) : e);
  }
  if (predicates.length === 0) return FALSE;
  const op = table.conjunction === "or" ? "OR" : "AND";
  return predicates.reduce((left, right) => ({ kind: "Binary", pos: 0, op, left, right }));
}
