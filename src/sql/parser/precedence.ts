// src/sql/parser/precedence.ts
//! The one precedence table (Postgres order, loosest first). The parser and the printer share it.
//! https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-PRECEDENCE

import type { BinaryOp } from "../ast/index.js";

export const Prec = {
  Or: 1,
  And: 2,
  Not: 3,
  /** IS, ISNULL, NOTNULL */
  Is: 4,
  /** < > = <= >= <> */
  Compare: 5,
  /** BETWEEN IN LIKE ILIKE SIMILAR */
  Like: 6,
  /** any other operator: || ~ ~* !~ !~* & | # << >> */
  Other: 7,
  Add: 8,
  Mul: 9,
  Exp: 10,
  AtTimeZone: 11,
  Collate: 12,
  Unary: 13,
  /** :: [ ] . */
  Postfix: 14,
  Primary: 100,
} as const;

/** Binary operator spelling (after `!=` -> `<>`) -> precedence. */
export const BINARY_PREC: Readonly<Record<BinaryOp, number>> = {
  OR: Prec.Or,
  AND: Prec.And,
  "=": Prec.Compare,
  "<>": Prec.Compare,
  "<": Prec.Compare,
  "<=": Prec.Compare,
  ">": Prec.Compare,
  ">=": Prec.Compare,
  "+": Prec.Add,
  "-": Prec.Add,
  "*": Prec.Mul,
  "/": Prec.Mul,
  "%": Prec.Mul,
  "^": Prec.Exp,
  "||": Prec.Other,
  "&": Prec.Other,
  "|": Prec.Other,
  "#": Prec.Other,
  "<<": Prec.Other,
  ">>": Prec.Other,
  "~": Prec.Other,
  "~*": Prec.Other,
  "!~": Prec.Other,
  "!~*": Prec.Other,
};

/** Operator-token text -> BinaryOp. */
export const OP_TOKENS: ReadonlyMap<string, BinaryOp> = new Map<string, BinaryOp>([
  ["=", "="],
  ["<>", "<>"],
  ["!=", "<>"],
  ["<", "<"],
  ["<=", "<="],
  [">", ">"],
  [">=", ">="],
  ["+", "+"],
  ["-", "-"],
  ["*", "*"],
  ["/", "/"],
  ["%", "%"],
  ["^", "^"],
  ["||", "||"],
  ["&", "&"],
  ["|", "|"],
  ["#", "#"],
  ["<<", "<<"],
  [">>", ">>"],
  ["~", "~"],
  ["~*", "~*"],
  ["!~", "!~"],
  ["!~*", "!~*"],
]);

export function isComparison(op: BinaryOp): op is "=" | "<>" | "<" | "<=" | ">" | ">=" {
  return BINARY_PREC[op] === Prec.Compare;
}
