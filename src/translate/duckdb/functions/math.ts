// src/translate/duckdb/functions/math.ts
//! Math functions.

import type { BoundExpr } from "../../../plan/bound/expr.js";
import { divisor } from "../expr.js";
import { duckType } from "../types.js";
import type { Emission } from "./entry.js";
import { arg, custom, rename } from "./entry.js";

export const MATH_EMISSIONS: readonly Emission[] = [
  rename("abs", "abs", "r_ABS.html"),
  custom("round", "r_ROUND.html", (c) =>
    c.args.length === 1 ? `round(${arg(c, 0)})` : `round(${arg(c, 0)}, CAST(${arg(c, 1)} AS INTEGER))`,
  ),
  custom("trunc", "r_TRUNC.html", (c) =>
    c.args.length === 1 ? `trunc(${arg(c, 0)})` : `trunc(${arg(c, 0)}, CAST(${arg(c, 1)} AS INTEGER))`,
  ),
  rename("ceil", "ceil", "r_CEILING_FLOOR.html"),
  rename("floor", "floor", "r_FLOOR.html"),
  custom("mod", "r_MOD.html", (c) => `(${arg(c, 0)} % ${divisor(c.call.args[1] as BoundExpr, arg(c, 1))})`),
  rename("power", "power", "r_POWER.html"),
  rename("sqrt", "sqrt", "r_SQRT.html"),
  rename("cbrt", "cbrt", "r_CBRT.html"),
  rename("exp", "exp", "r_EXP.html"),
  rename("ln", "ln", "r_LN.html"),
  rename("log", "log10", "r_LOG.html"),
  custom("sign", "r_SIGN.html", (c) => `CAST(sign(${arg(c, 0)}) AS ${duckType(c.call.type)})`),
  rename("pi", "pi", "r_PI.html"),
  rename("random", "random", "r_RANDOM.html"),
  rename("degrees", "degrees", "r_DEGREES.html"),
  rename("radians", "radians", "r_RADIANS.html"),
  rename("sin", "sin", "r_SIN.html"),
  rename("cos", "cos", "r_COS.html"),
  rename("tan", "tan", "r_TAN.html"),
  rename("cot", "cot", "r_COT.html"),
  rename("asin", "asin", "r_ASIN.html"),
  rename("acos", "acos", "r_ACOS.html"),
  rename("atan", "atan", "r_ATAN.html"),
  rename("atan2", "atan2", "r_ATAN2.html"),
];
