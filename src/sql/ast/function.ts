// src/sql/ast/function.ts
//! CREATE [OR REPLACE] FUNCTION (scalar SQL UDFs) and DROP FUNCTION.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_FUNCTION.html

import type { Expr, TypeName } from "./expr.js";
import type { ObjectName } from "./query.js";

export type Volatility = "volatile" | "stable" | "immutable";

export interface CreateFunction {
  readonly kind: "CreateFunction";
  readonly pos: number;
  readonly orReplace: boolean;
  readonly name: ObjectName;
  readonly argTypes: readonly TypeName[];
  readonly returns: TypeName;
  readonly volatility: Volatility;
  /** The body `SELECT <expr>`: its one expression, referring to arguments as $1, $2, ... */
  readonly body: Expr;
}

export interface DropFunction {
  readonly kind: "DropFunction";
  readonly pos: number;
  readonly ifExists: boolean;
  readonly name: ObjectName;
  readonly argTypes: readonly TypeName[];
  readonly behavior?: "cascade" | "restrict";
}
