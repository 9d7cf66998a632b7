// src/plan/functions/signature.ts
//! The shape of a function-table entry: what the binder needs to resolve and type a call. The
//! translator's emission tables (src/translate/duckdb/functions) are keyed by the same names.

import type { SqlType } from "../../sql/types.js";
import { T } from "../../sql/types.js";
import { arithmeticType, commonType, isInteger } from "../bind/typing.js";

export type FunctionKind = "scalar" | "aggregate" | "window";

export interface FunctionSignature {
  /** Canonical name (lower case). */
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly kind: FunctionKind;
  readonly minArgs: number;
  /** Infinity for variadic. */
  readonly maxArgs: number;
  /** The return type from the argument types. */
  readonly returns: (args: readonly SqlType[]) => SqlType;
  /** Index of an argument that is a datepart (bare word or string), normalised by the binder. */
  readonly datepartArg?: number;
}

export const fixed = (t: SqlType) => (): SqlType => t;
export const argType =
  (i: number) =>
  (args: readonly SqlType[]): SqlType =>
    args[i] ?? T.unknown;
export const common = (args: readonly SqlType[]): SqlType => commonType(args);
export const numericOf = (args: readonly SqlType[]): SqlType =>
  args.length === 0 ? T.double : args.slice(1).reduce((a, b) => arithmeticType("+", a, b), args[0] ?? T.double);
export const integerOrDouble = (args: readonly SqlType[]): SqlType =>
  args[0] && isInteger(args[0]) ? args[0] : T.double;
export const VARCHAR: SqlType = { id: "varchar" };

export function sig(
  name: string,
  kind: FunctionKind,
  minArgs: number,
  maxArgs: number,
  returns: (args: readonly SqlType[]) => SqlType,
  extra: { aliases?: readonly string[]; datepartArg?: number } = {},
): FunctionSignature {
  return { name, kind, minArgs, maxArgs, returns, ...extra };
}
