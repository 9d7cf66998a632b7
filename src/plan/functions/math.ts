// src/plan/functions/math.ts
//! Math functions. https://docs.aws.amazon.com/redshift/latest/dg/Math_functions.html

import { T } from "../../sql/types.js";
import type { FunctionSignature } from "./signature.js";
import { argType, fixed, integerOrDouble, numericOf, sig } from "./signature.js";

const roundType = (a: readonly { id: string; precision?: number; scale?: number }[]) => {
  const t = a[0];
  if (t?.id === "decimal") return { id: "decimal" as const, precision: t.precision ?? 18, scale: t.scale ?? 0 };
  if (t?.id === "real" || t?.id === "double precision" || t === undefined) return T.double;
  return t as typeof T.integer;
};

export const MATH_FUNCTIONS: readonly FunctionSignature[] = [
  sig("abs", "scalar", 1, 1, argType(0)),
  sig("round", "scalar", 1, 2, roundType),
  sig("trunc", "scalar", 1, 2, roundType),
  sig("ceil", "scalar", 1, 1, roundType, { aliases: ["ceiling"] }),
  sig("floor", "scalar", 1, 1, roundType),
  sig("mod", "scalar", 2, 2, numericOf),
  sig("power", "scalar", 2, 2, fixed(T.double), { aliases: ["pow"] }),
  sig("sqrt", "scalar", 1, 1, fixed(T.double)),
  sig("cbrt", "scalar", 1, 1, fixed(T.double)),
  sig("exp", "scalar", 1, 1, fixed(T.double)),
  sig("ln", "scalar", 1, 1, fixed(T.double)),
  sig("log", "scalar", 1, 1, fixed(T.double)),
  sig("sign", "scalar", 1, 1, integerOrDouble),
  sig("pi", "scalar", 0, 0, fixed(T.double)),
  sig("random", "scalar", 0, 0, fixed(T.double)),
  sig("degrees", "scalar", 1, 1, fixed(T.double)),
  sig("radians", "scalar", 1, 1, fixed(T.double)),
  sig("sin", "scalar", 1, 1, fixed(T.double)),
  sig("cos", "scalar", 1, 1, fixed(T.double)),
  sig("tan", "scalar", 1, 1, fixed(T.double)),
  sig("cot", "scalar", 1, 1, fixed(T.double)),
  sig("asin", "scalar", 1, 1, fixed(T.double)),
  sig("acos", "scalar", 1, 1, fixed(T.double)),
  sig("atan", "scalar", 1, 1, fixed(T.double)),
  sig("atan2", "scalar", 2, 2, fixed(T.double)),
];
