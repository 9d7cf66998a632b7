// src/plan/bind/context.ts
//! What binding a statement needs besides the catalog: the session's constants, and per-statement
//! state (unique FROM-item aliases, CTEs in scope).

import type { CatalogReader, FunctionDef } from "../../catalog/reader.js";
import type { AccessChecker } from "../../security/access.js";
import { BindError, SqlState } from "../../common/errors.js";
import type { TypeName } from "../../sql/ast/index.js";
import type { SqlType } from "../../sql/types.js";
import type { BoundExpr } from "../bound/expr.js";

export interface SessionInfo {
  /** Lakeshift's build number, shown as Redshift 1.0.<version> by version(). */
  readonly version: string;
  readonly backendPid: number;
  readonly currentSchema: string;
  readonly settings: (name: string) => string | undefined;
}

export interface BindContext {
  readonly user: string;
  readonly database: string;
  /** Start of the statement: GETDATE(). */
  readonly statementTime: Date;
  /** Start of the transaction: SYSDATE, CURRENT_TIMESTAMP, NOW(), CURRENT_DATE. */
  readonly transactionTime: Date;
  readonly sessionInfo: SessionInfo;
  /** Privilege checks for the session user; absent for superusers (and binder unit tests). */
  readonly access?: AccessChecker;
  /** Checking a SQL UDF's body at CREATE FUNCTION: $n stands for a NULL of the n-th argument type. */
  readonly functionArgs?: readonly TypeName[];
  /** Told of every SQL UDF a call reaches (DROP FUNCTION finds the views that call one). */
  readonly onUserFunction?: (f: FunctionDef) => void;
}

/** State shared by everything bound within one statement. */
export class BindState {
  private readonly aliases = new Set<string>();
  /** The statement's outermost query: its regclass/regtype items are shown as names. */
  topQuery?: unknown;
  /** Set while binding a view body: time functions must be evaluated when the view is read. */
  deferTime = false;
  /** Set when a time function was folded to a constant from the context. */
  timeDependent = false;
  /** $n types inferred from their context (index n-1); holes are unknown. */
  readonly paramTypes: SqlType[] = [];
  /** Whose privileges apply: the session user's, inside a late-binding view its owner's. */
  access: AccessChecker | undefined;
  /** Tables whose row-level security expansion is being bound (their inner reference is not filtered). */
  readonly rlsExpanding = new Set<number>();
  /** While inlining a SQL UDF's body: its arguments, cast to the parameter types ($n is the n-th). */
  udfArgs: readonly BoundExpr[] | undefined;
  /** How deeply SQL UDF bodies are nested (a function calling itself is refused past a limit). */
  udfDepth = 0;
  constructor(
    readonly catalog: CatalogReader,
    readonly ctx: BindContext,
  ) {
    this.access = ctx.access;
  }

  /** A FROM-item alias unique within the statement, as close to `wanted` as possible. */
  uniqueAlias(wanted: string): string {
    let name = wanted;
    // DuckDB matches identifiers case-insensitively, so uniqueness is too.
    for (let i = 2; this.aliases.has(name.toLowerCase()); i++) name = `${wanted}_${i}`;
    this.aliases.add(name.toLowerCase());
    return name;
  }
}

/** Gives an untyped parameter the type its context expects, and records it for the statement. */
export function inferParam<E extends { readonly kind: string; readonly type: SqlType }>(
  x: E,
  type: SqlType,
  state: BindState,
): E {
  if (x.kind !== "param" || x.type.id !== "unknown" || type.id === "unknown") return x;
  const index = (x as unknown as { index: number }).index;
  state.paramTypes[index - 1] = type;
  return { ...x, type };
}

/** 1-based error position from an AST node's 0-based offset. */
export function at(node: { readonly pos: number }): { position: number } {
  return { position: node.pos + 1 };
}

export function undefinedColumn(name: string, node: { readonly pos: number }): BindError {
  return new BindError(SqlState.UndefinedColumn, `column "${name}" does not exist`, at(node));
}

export function undefinedTable(name: string, node: { readonly pos: number }): BindError {
  return new BindError(SqlState.UndefinedTable, `relation "${name}" does not exist`, at(node));
}

/** Makes names unique by suffixing _2, _3, ... (for emitted aliases; clients see the originals). */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    let name = n;
    for (let i = 2; seen.has(name.toLowerCase()); i++) name = `${n}_${i}`;
    seen.add(name.toLowerCase());
    return name;
  });
}
