// src/plan/bind/scope.ts
//! Name scopes: the FROM items visible to an expression, the columns USING/NATURAL joins merged,
//! the enclosing query's scope for correlated references, and CTEs.

import { BindError, SqlState } from "../../common/errors.js";
import type { SqlType } from "../../sql/types.js";
import type { BoundColumnRef, BoundExpr } from "../bound/expr.js";
import type { BoundQuery } from "../bound/query.js";

export interface ScopeColumn {
  /** The name a query uses. */
  readonly name: string;
  /** The name inside the emitted FROM item. */
  readonly engineColumn: string;
  readonly type: SqlType;
  readonly tableOid: number;
  readonly ordinal: number;
  /** Set when the session may not read this column: the relation named in the 42501. */
  readonly denied?: string;
}

export interface ScopeItem {
  /** The name that qualifies its columns (alias, else table name). */
  readonly name: string;
  /** For an unaliased table: its schema and database, so s.t.c and db.s.t.c resolve. */
  readonly schema?: string;
  readonly database?: string;
  readonly emitAlias: string;
  readonly columns: readonly ScopeColumn[];
}

export interface MergedColumn {
  readonly name: string;
  readonly expr: BoundExpr;
  /** The per-side columns it hides from unqualified lookup and `*`. */
  readonly hides: readonly BoundColumnRef[];
}

export interface CteInfo {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: SqlType }[];
  /** Undefined while a recursive CTE's own body is being bound. */
  readonly query?: BoundQuery;
}

export function columnRef(item: ScopeItem, c: ScopeColumn): BoundColumnRef {
  if (c.denied !== undefined)
    throw new BindError(SqlState.InsufficientPrivilege, `permission denied for relation ${c.denied}`);
  return {
    kind: "column",
    alias: item.emitAlias,
    column: c.engineColumn,
    type: c.type,
    tableOid: c.tableOid,
    ordinal: c.ordinal,
  };
}

export class Scope {
  readonly items: ScopeItem[] = [];
  readonly merged: MergedColumn[] = [];
  private readonly ctes = new Map<string, CteInfo>();

  constructor(readonly parent?: Scope) {}

  addCte(cte: CteInfo): void {
    this.ctes.set(cte.name, cte);
  }

  cte(name: string): CteInfo | undefined {
    return this.ctes.get(name) ?? this.parent?.cte(name);
  }

  private isHidden(item: ScopeItem, c: ScopeColumn): boolean {
    if (this.merged.length === 0) return false;
    return this.merged.some((m) => m.hides.some((h) => h.alias === item.emitAlias && h.column === c.engineColumn));
  }

  /** Finds the item a qualifier (1-3 parts) names in this scope only. */
  findItem(qualifier: readonly string[], position?: number): ScopeItem | undefined {
    const name = qualifier[qualifier.length - 1];
    const schema = qualifier.length >= 2 ? qualifier[qualifier.length - 2] : undefined;
    const database = qualifier.length >= 3 ? qualifier[0] : undefined;
    const hits = this.items.filter(
      (i) =>
        i.name === name &&
        (schema === undefined || i.schema === schema) &&
        (database === undefined || i.database === database),
    );
    if (hits.length > 1 && schema === undefined) {
      throw new BindError("42P09", `table reference "${name}" is ambiguous`, { position });
    }
    return hits[0];
  }

  /**
   * Resolves an unqualified column in this scope only: undefined when absent, throws 42702 when
   * ambiguous.
   */
  resolveUnqualified(name: string, position: number): BoundExpr | undefined {
    const merged = this.merged.find((m) => m.name === name);
    let found: BoundExpr | undefined = merged?.expr;
    let count = merged ? 1 : 0;
    for (const item of this.items) {
      for (const c of item.columns) {
        if (c.name !== name || this.isHidden(item, c)) continue;
        count++;
        found = columnRef(item, c);
      }
    }
    if (count > 1)
      throw new BindError(SqlState.AmbiguousColumn, `column reference "${name}" is ambiguous`, { position });
    return found;
  }

  /** Columns `*` expands to: merged columns first, then each item's visible columns. */
  starColumns(): { name: string; expr: BoundExpr }[] {
    const out: { name: string; expr: BoundExpr }[] = this.merged.map((m) => ({ name: m.name, expr: m.expr }));
    for (const item of this.items) {
      for (const c of item.columns) if (!this.isHidden(item, c)) out.push({ name: c.name, expr: columnRef(item, c) });
    }
    return out;
  }
}
