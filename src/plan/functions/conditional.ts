// src/plan/functions/conditional.ts
//! Conditional expressions. https://docs.aws.amazon.com/redshift/latest/dg/c_conditional_expressions.html

import type { SqlType } from "../../sql/types.js";
import { T } from "../../sql/types.js";
import { commonType } from "../bind/typing.js";
import type { FunctionSignature } from "./signature.js";
import { argType, common, fixed, sig } from "./signature.js";

/** DECODE(expr, search, result, ..., default): the results and the default. */
const decodeType = (a: readonly SqlType[]): SqlType => {
  const results: SqlType[] = [];
  for (let i = 2; i < a.length; i += 2) results.push(a[i] as SqlType);
  if (a.length % 2 === 0) results.push(a[a.length - 1] as SqlType);
  return commonType(results);
};

export const CONDITIONAL_FUNCTIONS: readonly FunctionSignature[] = [
  sig("coalesce", "scalar", 1, Infinity, common, { aliases: ["nvl"] }),
  sig("nvl2", "scalar", 3, 3, (a) => commonType(a.slice(1))),
  sig("nullif", "scalar", 2, 2, argType(0)),
  sig("decode", "scalar", 3, Infinity, decodeType),
  sig("array_contains", "scalar", 2, 2, fixed(T.boolean)),
  sig("greatest", "scalar", 1, Infinity, common),
  sig("least", "scalar", 1, Infinity, common),
];
