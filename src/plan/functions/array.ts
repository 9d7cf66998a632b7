// src/plan/functions/array.ts
//! Array functions and constructors, as Postgres clients' catalog queries use them (psql,
//! pgjdbc). Arrays have no Redshift SqlType: they are typed as text and exist only in expressions.

import { T } from "../../sql/types.js";
import type { FunctionSignature } from "./signature.js";
import { fixed, sig } from "./signature.js";

export const ARRAY_FUNCTIONS: readonly FunctionSignature[] = [
  sig("array_to_string", "scalar", 2, 3, fixed({ id: "varchar" })),
  sig("array_upper", "scalar", 2, 2, fixed(T.integer)),
  sig("array_lower", "scalar", 2, 2, fixed(T.integer)),
  sig("array_length", "scalar", 2, 2, fixed(T.integer)),
  sig("cardinality", "scalar", 1, 1, fixed(T.integer)),
  /** ARRAY[a, b], ARRAY(subquery), x[i], x[a:b]: bound from syntax. */
  sig("array_literal", "scalar", 0, Infinity, fixed(T.text)),
  sig("array_subquery", "scalar", 1, 1, fixed(T.text)),
  sig("array_subscript", "scalar", 2, 2, fixed(T.text)),
  sig("array_slice", "scalar", 3, 3, fixed(T.text)),
  /** information_schema._pg_expandarray(a): one (x, n) record per element, in the select list. */
  sig("_pg_expandarray", "scalar", 1, 1, fixed(T.text)),
  /** (record).field: bound from syntax. */
  sig("record_field", "scalar", 2, 2, fixed(T.unknown)),
];
