// src/plan/bound/query.ts
//! Bound queries and FROM items. Every FROM item has an alias unique within its statement, so
//! the generator can always emit qualified column references.

import type { SqlType } from "../../sql/types.js";
import type { BoundExpr, BoundOrderItem } from "./expr.js";

/** A result column as the client sees it. */
export interface OutputColumn {
  /** The name Postgres/Redshift gives it (lower-cased, `?column?` when unnamed). */
  readonly name: string;
  /** A name unique within the query, used as the emitted DuckDB alias. */
  readonly engineAlias: string;
  /**
   * `unknown` (top-level query only): no type of its own, as an untyped NULL or parameter or a
   * catalog function declared to return Postgres text; clients see text (PostgreSQL 10 and
   * later resolve such select-list items to text).
   */
  readonly type: SqlType;
  readonly tableOid: number;
  readonly ordinal: number;
}

export interface BoundCte {
  readonly name: string;
  readonly columns: readonly string[];
  readonly query: BoundQuery;
}

export interface BoundWith {
  readonly recursive: boolean;
  readonly ctes: readonly BoundCte[];
}

export type BoundQuery = BoundSelect | BoundSetOp | BoundValues;

interface QueryTail {
  readonly with?: BoundWith;
  readonly orderBy: readonly BoundOrderItem[];
  readonly limit?: BoundExpr;
  readonly offset?: BoundExpr;
  readonly columns: readonly OutputColumn[];
}

export interface BoundGroupBy {
  readonly kind: "plain" | "rollup" | "cube" | "grouping sets";
  /** plain/rollup/cube: one expression per element; grouping sets: a list per set. */
  readonly sets: readonly (readonly BoundExpr[])[];
}

export interface BoundSelect extends QueryTail {
  readonly kind: "select";
  readonly distinct: boolean;
  readonly items: readonly BoundExpr[];
  readonly from: readonly BoundFromItem[];
  readonly where?: BoundExpr;
  readonly groupBy: readonly BoundGroupBy[];
  readonly having?: BoundExpr;
  readonly qualify?: BoundExpr;
}

export type SetOpKind = "union" | "except" | "intersect";

export interface BoundSetOp extends QueryTail {
  readonly kind: "setop";
  readonly op: SetOpKind;
  readonly all: boolean;
  readonly left: BoundQuery;
  readonly right: BoundQuery;
}

export interface BoundValues extends QueryTail {
  readonly kind: "values";
  readonly rows: readonly (readonly BoundExpr[])[];
}

export type BoundFromItem = BoundTableRef | BoundDerived | BoundCteRef | BoundJoin | BoundTableFunction;

/** A set-returning function in FROM: generate_series, unnest, or a catalog table macro. */
export interface BoundTableFunction {
  readonly kind: "table-function";
  /** Emitted as is: a DuckDB built-in name or a catalog macro's engine name. */
  readonly function: string;
  readonly args: readonly BoundExpr[];
  readonly alias: string;
  readonly columnNames: readonly string[];
}

export interface BoundTableRef {
  readonly kind: "table";
  readonly engineName: string;
  readonly alias: string;
}

export interface BoundDerived {
  readonly kind: "derived";
  readonly query: BoundQuery;
  readonly alias: string;
  /** The derived table's column names as emitted (unique). */
  readonly columnNames: readonly string[];
  readonly lateral: boolean;
}

export interface BoundCteRef {
  readonly kind: "cte-ref";
  readonly name: string;
  readonly alias: string;
}

export type JoinType = "inner" | "left" | "right" | "full" | "cross";

export interface BoundJoin {
  readonly kind: "join";
  readonly joinType: JoinType;
  readonly left: BoundFromItem;
  readonly right: BoundFromItem;
  readonly on?: BoundExpr;
}
