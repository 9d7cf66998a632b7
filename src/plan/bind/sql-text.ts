// src/plan/bind/sql-text.ts
//! Redshift SQL text of AST fragments, for what the catalog stores as text (DEFAULT expressions,
//! view bodies). Delegates to the sql layer's printer.

import type { Expr, Query } from "../../sql/ast/index.js";
import { printExpr, printQuery } from "../../sql/index.js";

export function exprSql(e: Expr): string {
  return printExpr(e);
}

export function querySql(q: Query): string {
  return printQuery(q);
}
