// src/plan/functions/aggregate.ts
//! Aggregate and window functions. https://docs.aws.amazon.com/redshift/latest/dg/c_Aggregate_Functions.html
//! https://docs.aws.amazon.com/redshift/latest/dg/c_Window_functions.html

import type { SqlType } from "../../sql/types.js";
import { T } from "../../sql/types.js";
import { isInteger } from "../bind/typing.js";
import type { FunctionSignature } from "./signature.js";
import { argType, fixed, sig } from "./signature.js";

/** SUM: BIGINT for integer arguments, NUMERIC(38, s) for numeric, DOUBLE for floats. */
const sumType = (a: readonly SqlType[]): SqlType => {
  const t = a[0] ?? T.bigint;
  if (isInteger(t)) return T.bigint;
  if (t.id === "decimal") return { id: "decimal", precision: 38, scale: t.scale ?? 0 };
  if (t.id === "real" || t.id === "double precision") return T.double;
  return t;
};
/** AVG: BIGINT (truncated) for integers, NUMERIC(38, s) for numeric, DOUBLE for floats. */
const avgType = sumType;

export const AGGREGATE_FUNCTIONS: readonly FunctionSignature[] = [
  sig("count", "aggregate", 0, 1, fixed(T.bigint)),
  sig("approximate_count", "aggregate", 1, 1, fixed(T.bigint)),
  sig("sum", "aggregate", 1, 1, sumType),
  sig("avg", "aggregate", 1, 1, avgType),
  sig("min", "aggregate", 1, 1, argType(0)),
  sig("max", "aggregate", 1, 1, argType(0)),
  sig("listagg", "aggregate", 1, 2, fixed({ id: "varchar", length: 65535 })),
  sig("stddev_samp", "aggregate", 1, 1, fixed(T.double), { aliases: ["stddev"] }),
  sig("stddev_pop", "aggregate", 1, 1, fixed(T.double)),
  sig("var_samp", "aggregate", 1, 1, fixed(T.double), { aliases: ["variance"] }),
  sig("var_pop", "aggregate", 1, 1, fixed(T.double)),
  sig("bool_and", "aggregate", 1, 1, fixed(T.boolean)),
  sig("bool_or", "aggregate", 1, 1, fixed(T.boolean)),
  sig("bit_and", "aggregate", 1, 1, argType(0)),
  sig("bit_or", "aggregate", 1, 1, argType(0)),
  sig("median", "aggregate", 1, 1, (a) =>
    a[0] && isInteger(a[0]) ? { id: "decimal", precision: 38, scale: 0 } : (a[0] ?? T.double),
  ),
  sig("percentile_cont", "aggregate", 1, 1, fixed(T.double)),
  sig("percentile_disc", "aggregate", 1, 1, fixed(T.double)),
  sig("any_value", "aggregate", 1, 1, argType(0)),
  sig("row_number", "window", 0, 0, fixed(T.bigint)),
  sig("rank", "window", 0, 0, fixed(T.bigint)),
  sig("dense_rank", "window", 0, 0, fixed(T.bigint)),
  sig("percent_rank", "window", 0, 0, fixed(T.double)),
  sig("cume_dist", "window", 0, 0, fixed(T.double)),
  sig("ntile", "window", 1, 1, fixed(T.bigint)),
  sig("lag", "window", 1, 3, argType(0)),
  sig("lead", "window", 1, 3, argType(0)),
  sig("first_value", "window", 1, 1, argType(0)),
  sig("last_value", "window", 1, 1, argType(0)),
  sig("nth_value", "window", 2, 2, argType(0)),
  sig("ratio_to_report", "window", 1, 1, fixed(T.double)),
];
