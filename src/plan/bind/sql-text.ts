// src/plan/bind/sql-text.ts
//! Redshift SQL text of AST fragments, for what the catalog stores as text (DEFAULT expressions,
//! view bodies). Delegates to the sql layer's printer.

import { UnsupportedError } from "../../common/errors.js";
import type { Expr, Query } from "../../sql/ast/index.js";

export function exprSql(e: Expr): string {
  throw new UnsupportedError(`printing ${e.kind}`);
}

export function querySql(q: Query): string {
  throw new UnsupportedError(`printing ${q.kind}`);
}
