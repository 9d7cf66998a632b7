// src/sql/ast/query.ts
//! Query nodes: SELECT, set operations, VALUES, table references, windows, CTEs.
//! A Query is Select | SetOperation | Values; each carries its own WITH, ORDER BY, LIMIT and
//! OFFSET (for a set operation they apply to the whole result). TOP n is stored as `limit`;
//! LIMIT ALL is no limit; MINUS is EXCEPT.

import type { Expr, FunctionCall, TypeName } from "./expr.js";

/** A possibly qualified object name: [database.][schema.]name; names already case-folded. */
export interface ObjectName {
  readonly kind: "ObjectName";
  readonly pos: number;
  readonly database?: string;
  readonly schema?: string;
  /** Temp tables written #name keep the '#'. */
  readonly name: string;
}

export interface OrderItem {
  readonly kind: "OrderItem";
  readonly pos: number;
  readonly expr: Expr;
  /** DESC; ASC (default) is false. */
  readonly desc: boolean;
  /** NULLS FIRST / NULLS LAST when written. */
  readonly nulls?: "first" | "last";
}

export interface FrameBound {
  readonly kind: "FrameBound";
  readonly pos: number;
  readonly type: "unbounded preceding" | "preceding" | "current row" | "following" | "unbounded following";
  /** For `n PRECEDING` / `n FOLLOWING`. */
  readonly offset?: Expr;
}

export interface WindowFrame {
  readonly kind: "WindowFrame";
  readonly pos: number;
  readonly unit: "rows" | "range";
  readonly start: FrameBound;
  /** Set for BETWEEN start AND end. */
  readonly end?: FrameBound;
}

/** OVER (...) contents, a WINDOW clause definition, or `OVER w` (only `base` set, `ref` true). */
export interface WindowSpec {
  readonly kind: "WindowSpec";
  readonly pos: number;
  /** Name of a window from the WINDOW clause this one refers to or extends. */
  readonly base?: string;
  /** True for `OVER w` without parentheses. */
  readonly ref: boolean;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderItem[];
  readonly frame?: WindowFrame;
}

export interface NamedWindow {
  readonly kind: "NamedWindow";
  readonly pos: number;
  readonly name: string;
  readonly spec: WindowSpec;
}

export interface SelectItem {
  readonly kind: "SelectItem";
  readonly pos: number;
  /** May be a Star. */
  readonly expr: Expr;
  readonly alias?: string;
}

/** AS alias [(col, ...)]. */
export interface Alias {
  readonly kind: "Alias";
  readonly pos: number;
  readonly name: string;
  readonly columns?: readonly string[];
  /**
   * Column definition list for a record-returning function, parallel to `columns`:
   * `pg_get_late_binding_view_cols() cols(view_schema name, col_num int)` (dbt sends this).
   */
  readonly columnTypes?: readonly TypeName[];
}

/** A table, view or CTE by name; also SUPER/array unnesting in FROM (`FROM t, t.arr AS x`), left to the binder. */
export interface TableName {
  readonly kind: "TableName";
  readonly pos: number;
  readonly name: ObjectName;
  readonly alias?: Alias;
}

/** (SELECT ...) [AS] alias [(cols)]. */
export interface DerivedTable {
  readonly kind: "DerivedTable";
  readonly pos: number;
  readonly query: Query;
  readonly alias?: Alias;
  readonly lateral: boolean;
}

/** A set-returning function in FROM: generate_series(1, 10) AS g(n). */
export interface TableFunction {
  readonly kind: "TableFunction";
  readonly pos: number;
  readonly call: FunctionCall;
  readonly alias?: Alias;
  readonly lateral: boolean;
}

export type JoinType = "inner" | "left" | "right" | "full" | "cross";

export interface Join {
  readonly kind: "Join";
  readonly pos: number;
  readonly type: JoinType;
  readonly natural: boolean;
  readonly left: TableRef;
  readonly right: TableRef;
  readonly on?: Expr;
  readonly using?: readonly string[];
}

/** A parenthesized join tree in FROM: (a JOIN b ON ...) [AS alias]. */
export interface ParenJoin {
  readonly kind: "ParenJoin";
  readonly pos: number;
  readonly join: Join | ParenJoin;
  readonly alias?: Alias;
}

export type TableRef = TableName | DerivedTable | TableFunction | Join | ParenJoin;

export interface Rollup {
  readonly kind: "Rollup";
  readonly pos: number;
  readonly exprs: readonly Expr[];
}

export interface Cube {
  readonly kind: "Cube";
  readonly pos: number;
  readonly exprs: readonly Expr[];
}

/** GROUPING SETS ((a, b), (a), ()). */
export interface GroupingSets {
  readonly kind: "GroupingSets";
  readonly pos: number;
  readonly sets: readonly (readonly Expr[])[];
}

/** A GROUP BY element: an expression (ordinals are integer NumberLiterals), ROLLUP, CUBE or GROUPING SETS. */
export type GroupingElement = Expr | Rollup | Cube | GroupingSets;

export interface Cte {
  readonly kind: "Cte";
  readonly pos: number;
  readonly name: string;
  readonly columns?: readonly string[];
  readonly query: Query;
}

export interface With {
  readonly kind: "With";
  readonly pos: number;
  readonly recursive: boolean;
  readonly ctes: readonly Cte[];
}

/** SELECT ... INTO [TEMP] table. */
export interface SelectInto {
  readonly kind: "SelectInto";
  readonly pos: number;
  readonly table: ObjectName;
  readonly temp: boolean;
}

/** Clauses every query form carries. */
export interface QueryTail {
  readonly with?: With;
  readonly orderBy?: readonly OrderItem[];
  /** LIMIT n or TOP n; undefined for none or LIMIT ALL. */
  readonly limit?: Expr;
  readonly offset?: Expr;
}

export interface Select extends QueryTail {
  readonly kind: "Select";
  readonly pos: number;
  readonly distinct: boolean;
  /** DISTINCT ON (...) (Postgres); Redshift rejects it, kept so the binder can refuse it by name. */
  readonly distinctOn?: readonly Expr[];
  readonly items: readonly SelectItem[];
  readonly into?: SelectInto;
  /** Comma-separated FROM items; empty when there is no FROM. */
  readonly from: readonly TableRef[];
  readonly where?: Expr;
  readonly groupBy?: readonly GroupingElement[];
  readonly having?: Expr;
  readonly windows?: readonly NamedWindow[];
  readonly qualify?: Expr;
}

export interface SetOperation extends QueryTail {
  readonly kind: "SetOperation";
  readonly pos: number;
  readonly op: "union" | "intersect" | "except";
  readonly all: boolean;
  readonly left: Query;
  readonly right: Query;
}

/** VALUES (..), (..) used as a query (or as INSERT's source). Items may be DefaultValue in INSERT. */
export interface Values extends QueryTail {
  readonly kind: "Values";
  readonly pos: number;
  readonly rows: readonly (readonly Expr[])[];
}

export type Query = Select | SetOperation | Values;
