// src/sql/ast/dml.ts
//! INSERT, UPDATE, DELETE.

import type { Expr } from "./expr.js";
import type { ObjectName, Query, TableRef, With } from "./query.js";

/** INSERT INTO t [(cols)] { VALUES ... | query | DEFAULT VALUES }. */
export interface Insert {
  readonly kind: "Insert";
  readonly pos: number;
  readonly table: ObjectName;
  readonly columns?: readonly string[];
  /** VALUES rows (a Values query, may hold DefaultValue items) or a query; undefined = DEFAULT VALUES. */
  readonly source?: Query;
}

/** SET column = value in UPDATE. */
export interface Assignment {
  readonly kind: "Assignment";
  readonly pos: number;
  readonly column: string;
  /** May be DefaultValue. */
  readonly value: Expr;
}

export interface Update {
  readonly kind: "Update";
  readonly pos: number;
  /** WITH ... UPDATE (Redshift allows CTEs before UPDATE and DELETE). */
  readonly with?: With;
  readonly table: ObjectName;
  readonly alias?: string;
  readonly set: readonly Assignment[];
  readonly from: readonly TableRef[];
  readonly where?: Expr;
}

export interface Delete {
  readonly kind: "Delete";
  readonly pos: number;
  readonly with?: With;
  readonly table: ObjectName;
  readonly alias?: string;
  readonly using: readonly TableRef[];
  readonly where?: Expr;
}
