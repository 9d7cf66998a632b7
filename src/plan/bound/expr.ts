// src/plan/bound/expr.ts
//! Bound expressions: every name is resolved (columns to a FROM item's emitted alias and column,
//! functions to a canonical name from the plan's function table), every node carries its SqlType.
//! Separate from the AST on purpose: a name is either unresolved (sql/ast) or resolved (here).

import type { SqlType } from "../../sql/types.js";
import type { BoundQuery } from "./query.js";

export type BoundExpr =
  | BoundColumnRef
  | BoundLiteral
  | BoundParam
  | BoundCast
  | BoundUnary
  | BoundBinary
  | BoundLike
  | BoundIs
  | BoundBetween
  | BoundInList
  | BoundInSubquery
  | BoundExists
  | BoundScalarSubquery
  | BoundQuantified
  | BoundCase
  | BoundCall
  | BoundSystemCall
  | BoundStar;

export type BoundExprKind = BoundExpr["kind"];

/** A column of a FROM item: emitted as "alias"."column". */
export interface BoundColumnRef {
  readonly kind: "column";
  /** The FROM item's emitted alias (unique within the statement). */
  readonly alias: string;
  /** The column's name inside that FROM item (engine name). */
  readonly column: string;
  readonly type: SqlType;
  /** Plain table column: the table's oid and the column's ordinal (for RowDescription). */
  readonly tableOid: number;
  readonly ordinal: number;
}

export interface BoundLiteral {
  readonly kind: "literal";
  /** Numbers keep their source text; strings their value; null for NULL. */
  readonly value: string | boolean | null;
  readonly type: SqlType;
}

export interface BoundParam {
  readonly kind: "param";
  /** 1-based ($1). */
  readonly index: number;
  readonly type: SqlType;
}

export interface BoundCast {
  readonly kind: "cast";
  readonly expr: BoundExpr;
  readonly type: SqlType;
}

export type UnaryOp = "-" | "+" | "not" | "~";

export interface BoundUnary {
  readonly kind: "unary";
  readonly op: UnaryOp;
  readonly expr: BoundExpr;
  readonly type: SqlType;
}

export type BinaryOp =
  | "+"
  | "-"
  | "*"
  | "/"
  | "%"
  | "^"
  | "||"
  | "="
  | "<>"
  | "<"
  | "<="
  | ">"
  | ">="
  | "and"
  | "or"
  | "&"
  | "|"
  | "#"
  | "<<"
  | ">>"
  | "~"
  | "~*"
  | "!~"
  | "!~*"
  | "is distinct from"
  | "is not distinct from";

export interface BoundBinary {
  readonly kind: "binary";
  readonly op: BinaryOp;
  readonly left: BoundExpr;
  readonly right: BoundExpr;
  readonly type: SqlType;
}

export interface BoundLike {
  readonly kind: "like";
  readonly op: "like" | "ilike" | "similar to";
  readonly negated: boolean;
  readonly expr: BoundExpr;
  readonly pattern: BoundExpr;
  readonly escape?: BoundExpr;
  readonly type: SqlType;
}

export interface BoundIs {
  readonly kind: "is";
  readonly test: "null" | "true" | "false" | "unknown";
  readonly negated: boolean;
  readonly expr: BoundExpr;
  readonly type: SqlType;
}

export interface BoundBetween {
  readonly kind: "between";
  readonly negated: boolean;
  readonly symmetric: boolean;
  readonly expr: BoundExpr;
  readonly low: BoundExpr;
  readonly high: BoundExpr;
  readonly type: SqlType;
}

export interface BoundInList {
  readonly kind: "in-list";
  readonly negated: boolean;
  readonly expr: BoundExpr;
  readonly list: readonly BoundExpr[];
  readonly type: SqlType;
}

export interface BoundInSubquery {
  readonly kind: "in-subquery";
  readonly negated: boolean;
  readonly expr: BoundExpr;
  readonly query: BoundQuery;
  readonly type: SqlType;
}

export interface BoundExists {
  readonly kind: "exists";
  readonly negated: boolean;
  readonly query: BoundQuery;
  readonly type: SqlType;
}

export interface BoundScalarSubquery {
  readonly kind: "subquery";
  readonly query: BoundQuery;
  readonly type: SqlType;
}

export interface BoundQuantified {
  readonly kind: "quantified";
  readonly op: "=" | "<>" | "<" | "<=" | ">" | ">=";
  readonly quantifier: "any" | "all";
  readonly left: BoundExpr;
  readonly query: BoundQuery;
  readonly type: SqlType;
}

export interface BoundCase {
  readonly kind: "case";
  readonly operand?: BoundExpr;
  readonly whens: readonly { readonly when: BoundExpr; readonly result: BoundExpr }[];
  readonly else?: BoundExpr;
  readonly type: SqlType;
}

export interface BoundOrderItem {
  readonly expr: BoundExpr;
  readonly desc: boolean;
  /** Resolved: Postgres puts NULLs last ascending and first descending unless told. */
  readonly nullsFirst: boolean;
}

export interface BoundFrameBound {
  readonly kind: "unbounded preceding" | "preceding" | "current row" | "following" | "unbounded following";
  readonly offset?: BoundExpr;
}

export interface BoundWindow {
  readonly partitionBy: readonly BoundExpr[];
  readonly orderBy: readonly BoundOrderItem[];
  readonly frame?: {
    readonly unit: "rows" | "range";
    readonly start: BoundFrameBound;
    readonly end?: BoundFrameBound;
  };
}

/** A call of a function from the plan's function table (src/plan/functions). */
export interface BoundCall {
  readonly kind: "call";
  /** Canonical name: the key of the translator's emission table. */
  readonly name: string;
  readonly args: readonly BoundExpr[];
  readonly distinct: boolean;
  /** COUNT(*). */
  readonly star: boolean;
  /** LISTAGG ... WITHIN GROUP (ORDER BY ...), or ORDER BY inside an aggregate. */
  readonly orderBy: readonly BoundOrderItem[];
  readonly filter?: BoundExpr;
  readonly over?: BoundWindow;
  /** Window functions: IGNORE NULLS. */
  readonly ignoreNulls: boolean;
  readonly type: SqlType;
}

/** A pg_catalog function implemented as a DuckDB macro (catalog.systemFunction). */
export interface BoundSystemCall {
  readonly kind: "system-call";
  readonly name: string;
  readonly engineName: string;
  readonly args: readonly BoundExpr[];
  readonly type: SqlType;
  /** The Postgres type OID the catalog declares for the result (pg_proc.prorettype), when known. */
  readonly pgReturnOid?: number;
}

/** `*` inside COUNT(*) only; select-list stars are expanded by the binder. */
export interface BoundStar {
  readonly kind: "star";
  readonly type: SqlType;
}
