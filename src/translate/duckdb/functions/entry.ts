// src/translate/duckdb/functions/entry.ts
//! The shape of an emission-table entry: how one canonical function (src/plan/functions) is
//! written in DuckDB, with the Redshift docs page it follows.

import type { BoundCall } from "../../../plan/bound/expr.js";

export interface EmitContext {
  /** The arguments, already emitted. */
  readonly args: readonly string[];
  readonly call: BoundCall;
  /** The call's ORDER BY (WITHIN GROUP) expressions, emitted. */
  readonly orderExprs: readonly string[];
  /**
   * `name(DISTINCT args IGNORE NULLS ORDER BY ...) OVER (...)` with this call's modifiers; args
   * default to `args`; `opts` turns DISTINCT or the ORDER BY off.
   */
  agg(name: string, args?: readonly string[], opts?: { readonly distinct?: boolean; readonly order?: boolean }): string;
  /** A DuckDB string literal. */
  str(value: string): string;
}

export interface Emission {
  readonly name: string;
  readonly docs: string;
  /** A DuckDB function of the same arguments (the simple case). */
  readonly duck?: string;
  readonly emit?: (c: EmitContext) => string;
}

export const RS = "https://docs.aws.amazon.com/redshift/latest/dg/";

export function rename(name: string, duck: string, page: string): Emission {
  return { name, duck, docs: RS + page };
}

export function custom(name: string, page: string, emit: (c: EmitContext) => string): Emission {
  return { name, docs: RS + page, emit };
}

/** The i-th emitted argument (the binder checked arity). */
export function arg(c: EmitContext, i: number): string {
  return c.args[i] as string;
}
