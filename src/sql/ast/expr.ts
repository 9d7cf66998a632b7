// src/sql/ast/expr.ts
//! Expression nodes. Every node is a readonly interface with a string-literal `kind` and `pos`,
//! the 0-based character offset of the node's first token in the statement text.
//! Nodes stand for meaning, not spelling: `x::int` and `CAST(x AS int)` are both Cast;
//! `OPERATOR(pg_catalog.~)` is Binary "~"; `SOME` is ANY; E'..' and $$..$$ are StringLiteral.

import type { SqlType } from "../types.js";
import type { OrderItem, Query, WindowSpec } from "./query.js";

/** A type as written: `name` is the canonical lower-case spelling; `sql` is set when it is a Redshift type. */
export interface TypeName {
  readonly kind: "TypeName";
  readonly pos: number;
  /**
   * Canonical spelling. Redshift types use their TypeId spelling after synonym folding
   * (int/int4/integer -> "integer", float8/float -> "double precision", bpchar/nchar/character -> "char",
   * nvarchar/character varying -> "varchar", "timestamp with time zone" -> "timestamptz", numeric -> "decimal").
   * TEXT keeps the name "text" (sql = varchar(256)) so a binder may treat `::text` casts as unbounded.
   * Other catalog types keep their spelling: "regclass", "regtype", "oid", "name", "int2vector",
   * and `"char"` (with the double quotes, Postgres' one-byte char).
   */
  readonly name: string;
  /** Schema qualifier as written, e.g. pg_catalog.int4 -> "pg_catalog". */
  readonly schema?: string;
  /** The Redshift type, when `name` is one (varchar(MAX) -> length 65535; text -> varchar(256)). */
  readonly sql?: SqlType;
  /** Type modifiers as written: varchar(10) -> [10], numeric(12,2) -> [12, 2], varchar(max) -> ["max"]. */
  readonly modifiers: readonly (number | "max")[];
  /** Number of trailing [] (text[] -> 1). */
  readonly arrayDims: number;
}

export interface NumberLiteral {
  readonly kind: "NumberLiteral";
  readonly pos: number;
  /** The digits as written (no sign): "1", "1.5", ".5", "1.", "1e10". */
  readonly value: string;
  /** True when the text has no '.', 'e' or 'E' (an integer literal). */
  readonly integer: boolean;
}

export interface StringLiteral {
  readonly kind: "StringLiteral";
  readonly pos: number;
  /** Decoded value ('' -> ', E'\n' -> newline, $$..$$ verbatim). */
  readonly value: string;
}

export interface BooleanLiteral {
  readonly kind: "BooleanLiteral";
  readonly pos: number;
  readonly value: boolean;
}

export interface NullLiteral {
  readonly kind: "NullLiteral";
  readonly pos: number;
}

/** DATE '2020-01-01', TIMESTAMP '...', TIMESTAMPTZ '...', TIME '...', and `type 'string'` generally. */
export interface TypedLiteral {
  readonly kind: "TypedLiteral";
  readonly pos: number;
  readonly type: TypeName;
  readonly value: string;
}

/** INTERVAL '1 day', INTERVAL '90' DAY, INTERVAL '1-2' YEAR TO MONTH. */
export interface IntervalLiteral {
  readonly kind: "IntervalLiteral";
  readonly pos: number;
  readonly value: string;
  /** Lower-case qualifier: "day", "year to month", "second", ...; undefined when absent. */
  readonly qualifier?: string;
}

/** Positional parameter $1 (index is 1-based). */
export interface Param {
  readonly kind: "Param";
  readonly pos: number;
  readonly index: number;
}

/** DEFAULT in INSERT ... VALUES or UPDATE ... SET c = DEFAULT. */
export interface DefaultValue {
  readonly kind: "DefaultValue";
  readonly pos: number;
}

/** A column reference with 1-4 parts (col, t.col, s.t.col, db.s.t.col), already case-folded. */
export interface ColumnRef {
  readonly kind: "ColumnRef";
  readonly pos: number;
  readonly parts: readonly string[];
}

/** `*` or `t.*` (qualifier parts, e.g. ["s", "t"]). */
export interface Star {
  readonly kind: "Star";
  readonly pos: number;
  readonly qualifier?: readonly string[];
}

export type UnaryOp = "-" | "+" | "NOT" | "~" | "|/" | "||/" | "@";

export interface Unary {
  readonly kind: "Unary";
  readonly pos: number;
  readonly op: UnaryOp;
  readonly operand: Expr;
}

export type ComparisonOp = "=" | "<>" | "<" | "<=" | ">" | ">=";

export type BinaryOp =
  | "AND"
  | "OR"
  | ComparisonOp
  | "+"
  | "-"
  | "*"
  | "/"
  | "%"
  | "^"
  | "||"
  | "&"
  | "|"
  | "#"
  | "<<"
  | ">>"
  | "~" // regex match
  | "~*"
  | "!~"
  | "!~*";

/** Binary operators; `!=` is stored as "<>"; `OPERATOR(pg_catalog.~)` as "~". */
export interface Binary {
  readonly kind: "Binary";
  readonly pos: number;
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}

/** CAST(x AS t), x::t, CONVERT(t, x). */
export interface Cast {
  readonly kind: "Cast";
  readonly pos: number;
  readonly expr: Expr;
  readonly type: TypeName;
}

/** EXTRACT(field FROM expr); field lower-case ("year", "epoch", ...). */
export interface Extract {
  readonly kind: "Extract";
  readonly pos: number;
  readonly field: string;
  readonly expr: Expr;
}

/** POSITION(needle IN haystack). */
export interface Position {
  readonly kind: "Position";
  readonly pos: number;
  readonly needle: Expr;
  readonly haystack: Expr;
}

/** SUBSTRING(x FROM a FOR b) and SUBSTRING(x, a[, b]) / SUBSTR are both this node. */
export interface Substring {
  readonly kind: "Substring";
  readonly pos: number;
  readonly expr: Expr;
  readonly start?: Expr;
  readonly length?: Expr;
}

/** TRIM([BOTH|LEADING|TRAILING] [chars] FROM expr) and TRIM(expr). */
export interface Trim {
  readonly kind: "Trim";
  readonly pos: number;
  readonly side: "both" | "leading" | "trailing";
  readonly chars?: Expr;
  readonly expr: Expr;
}

export interface WhenClause {
  readonly kind: "WhenClause";
  readonly pos: number;
  readonly when: Expr;
  readonly then: Expr;
}

/** CASE [operand] WHEN .. THEN .. [ELSE ..] END. */
export interface Case {
  readonly kind: "Case";
  readonly pos: number;
  readonly operand?: Expr;
  readonly whens: readonly WhenClause[];
  readonly else?: Expr;
}

/** x IS [NOT] NULL (also ISNULL / NOTNULL). */
export interface IsNull {
  readonly kind: "IsNull";
  readonly pos: number;
  readonly expr: Expr;
  readonly not: boolean;
}

/** x IS [NOT] TRUE | FALSE | UNKNOWN. */
export interface IsBool {
  readonly kind: "IsBool";
  readonly pos: number;
  readonly expr: Expr;
  readonly value: "true" | "false" | "unknown";
  readonly not: boolean;
}

/** a IS [NOT] DISTINCT FROM b. */
export interface IsDistinctFrom {
  readonly kind: "IsDistinctFrom";
  readonly pos: number;
  readonly left: Expr;
  readonly right: Expr;
  readonly not: boolean;
}

/** x [NOT] BETWEEN [SYMMETRIC] low AND high. */
export interface Between {
  readonly kind: "Between";
  readonly pos: number;
  readonly expr: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly not: boolean;
  readonly symmetric: boolean;
}

/** x [NOT] IN (a, b, ...). */
export interface InList {
  readonly kind: "InList";
  readonly pos: number;
  readonly expr: Expr;
  readonly list: readonly Expr[];
  readonly not: boolean;
}

/** x [NOT] IN (SELECT ...). */
export interface InSubquery {
  readonly kind: "InSubquery";
  readonly pos: number;
  readonly expr: Expr;
  readonly query: Query;
  readonly not: boolean;
}

/** x [NOT] LIKE | ILIKE | SIMILAR TO pattern [ESCAPE e]. */
export interface Like {
  readonly kind: "Like";
  readonly pos: number;
  readonly op: "like" | "ilike" | "similar";
  readonly expr: Expr;
  readonly pattern: Expr;
  readonly escape?: Expr;
  readonly not: boolean;
}

/** x op ANY|ALL (SELECT ...); SOME is ANY. */
export interface QuantifiedSubquery {
  readonly kind: "QuantifiedSubquery";
  readonly pos: number;
  readonly op: ComparisonOp | "~" | "~*" | "!~" | "!~*" | "like" | "ilike";
  readonly quantifier: "any" | "all";
  readonly left: Expr;
  readonly query: Query;
}

/** x op ANY|ALL (array-expr), e.g. `x = ANY(ARRAY[1,2])` or `= ANY($1)`. */
export interface QuantifiedArray {
  readonly kind: "QuantifiedArray";
  readonly pos: number;
  readonly op: ComparisonOp | "~" | "~*" | "!~" | "!~*" | "like" | "ilike";
  readonly quantifier: "any" | "all";
  readonly left: Expr;
  readonly array: Expr;
}

/** EXISTS (SELECT ...); NOT EXISTS is Unary NOT over it. */
export interface Exists {
  readonly kind: "Exists";
  readonly pos: number;
  readonly query: Query;
}

/** A scalar subquery used as an expression. */
export interface Subquery {
  readonly kind: "Subquery";
  readonly pos: number;
  readonly query: Query;
}

/** ARRAY[a, b, ...]. */
export interface ArrayLiteral {
  readonly kind: "ArrayLiteral";
  readonly pos: number;
  readonly elements: readonly Expr[];
}

/** expr[index] and expr[lower:upper] (slice when `upper` is set or `slice` is true). */
export interface Subscript {
  readonly kind: "Subscript";
  readonly pos: number;
  readonly expr: Expr;
  readonly index?: Expr;
  readonly upper?: Expr;
  readonly slice: boolean;
}

/** (expr).field and SUPER navigation after a subscript: a.b[0].c -> FieldAccess(Subscript(ColumnRef a.b), c). */
export interface FieldAccess {
  readonly kind: "FieldAccess";
  readonly pos: number;
  readonly expr: Expr;
  readonly field: string;
}

/** Row constructor: (a, b) or ROW(a, b). */
export interface RowExpr {
  readonly kind: "RowExpr";
  readonly pos: number;
  readonly items: readonly Expr[];
}

/** expr AT TIME ZONE zone. */
export interface AtTimeZone {
  readonly kind: "AtTimeZone";
  readonly pos: number;
  readonly expr: Expr;
  readonly zone: Expr;
}

/** expr COLLATE name (name parts, e.g. ["pg_catalog", "default"]). */
export interface Collate {
  readonly kind: "Collate";
  readonly pos: number;
  readonly expr: Expr;
  readonly collation: readonly string[];
}

/**
 * Any function call, aggregate or window call, by name. The translator's function table gives the
 * meaning. Niladic SQL keywords (CURRENT_DATE, CURRENT_TIMESTAMP, LOCALTIMESTAMP, CURRENT_USER,
 * SESSION_USER, USER, SYSDATE, CURRENT_SCHEMA, ...) are FunctionCalls with no args and the keyword as name.
 * `count(*)` has star = true and no args. `ARRAY(SELECT ...)` is a call named "array" whose one
 * argument is a Subquery.
 */
export interface FunctionCall {
  readonly kind: "FunctionCall";
  readonly pos: number;
  /** Lower-case function name (unquoted) or as quoted. */
  readonly name: string;
  /** Schema qualifier, e.g. "pg_catalog". */
  readonly schema?: string;
  readonly args: readonly Expr[];
  readonly star: boolean;
  /** Aggregate DISTINCT (ALL is the default and not kept). */
  readonly distinct: boolean;
  /** APPROXIMATE COUNT(DISTINCT x) / APPROXIMATE PERCENTILE_DISC. */
  readonly approximate: boolean;
  /** f(x IGNORE NULLS) / f(x RESPECT NULLS) for FIRST_VALUE, LAST_VALUE, LAG, LEAD, NTH_VALUE. */
  readonly nulls?: "ignore" | "respect";
  /** LISTAGG / PERCENTILE_CONT / PERCENTILE_DISC / MEDIAN ... WITHIN GROUP (ORDER BY ...). */
  readonly withinGroup?: readonly OrderItem[];
  /** OVER (...) or OVER name. */
  readonly over?: WindowSpec;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | BooleanLiteral
  | NullLiteral
  | TypedLiteral
  | IntervalLiteral
  | Param
  | DefaultValue
  | ColumnRef
  | Star
  | Unary
  | Binary
  | Cast
  | Extract
  | Position
  | Substring
  | Trim
  | Case
  | IsNull
  | IsBool
  | IsDistinctFrom
  | Between
  | InList
  | InSubquery
  | Like
  | QuantifiedSubquery
  | QuantifiedArray
  | Exists
  | Subquery
  | ArrayLiteral
  | Subscript
  | FieldAccess
  | RowExpr
  | Collate
  | AtTimeZone
  | FunctionCall;
