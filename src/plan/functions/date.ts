// src/plan/functions/date.ts
//! Date and time functions. https://docs.aws.amazon.com/redshift/latest/dg/Date_functions_header.html

import { T } from "../../sql/types.js";
import type { FunctionSignature } from "./signature.js";
import { fixed, sig, VARCHAR } from "./signature.js";

const dateaddType = fixed(T.timestamp);

export const DATE_FUNCTIONS: readonly FunctionSignature[] = [
  sig(
    "dateadd",
    "scalar",
    3,
    3,
    (a) => (a[2]?.id === "time" || a[2]?.id === "timetz" || a[2]?.id === "timestamptz" ? a[2] : dateaddType()),
    {
      aliases: ["date_add"],
      datepartArg: 0,
    },
  ),
  sig("datediff", "scalar", 3, 3, fixed(T.bigint), { aliases: ["date_diff"], datepartArg: 0 }),
  sig("date_part", "scalar", 2, 2, fixed(T.double), { aliases: ["pgdate_part"], datepartArg: 0 }),
  sig("extract", "scalar", 2, 2, fixed(T.integer), { datepartArg: 0 }),
  sig("date_trunc", "scalar", 2, 2, (a) => (a[1]?.id === "timestamptz" ? T.timestamptz : T.timestamp), {
    datepartArg: 0,
  }),
  sig("add_months", "scalar", 2, 2, fixed(T.timestamp)),
  sig("months_between", "scalar", 2, 2, fixed(T.double)),
  sig("last_day", "scalar", 1, 1, fixed(T.date)),
  sig("to_char", "scalar", 2, 2, fixed(VARCHAR)),
  sig("to_date", "scalar", 2, 2, fixed(T.date)),
  sig("to_timestamp", "scalar", 2, 2, fixed(T.timestamptz)),
  sig("convert_timezone", "scalar", 2, 3, fixed(T.timestamp)),
  sig("timezone", "scalar", 2, 2, (a) => (a[1]?.id === "timestamptz" ? T.timestamp : T.timestamptz)),
  sig("write_timestamp", "scalar", 0, 0, fixed(T.timestamp)),
  sig("write_getdate", "scalar", 0, 0, fixed(T.timestamp)),
  sig("write_timestamptz", "scalar", 0, 0, fixed(T.timestamptz)),
  sig("write_date", "scalar", 0, 0, fixed(T.date)),
  sig("date_cmp", "scalar", 2, 2, fixed(T.integer)),
  sig("date", "scalar", 1, 1, fixed(T.date)),
  sig("trunc_date", "scalar", 1, 1, fixed(T.date)),
];
