// src/translate/duckdb/functions/array.ts
//! Arrays as DuckDB lists: both are 1-based, slices include both ends.

import type { Emission, EmitContext } from "./entry.js";
import { arg, custom } from "./entry.js";

const PG = "https://www.postgresql.org/docs/current/functions-array.html";

/** Only dimension 1 exists; an empty array has no bounds (NULL). */
function dimension1(c: EmitContext, value: (x: string) => string): string {
  const x = arg(c, 0);
  return `CASE WHEN ${arg(c, 1)} = 1 AND len(${x}) > 0 THEN CAST(${value(x)} AS INTEGER) END`;
}

function pg(name: string, emit: (c: EmitContext) => string): Emission {
  return { ...custom(name, "", emit), docs: PG };
}

export const ARRAY_EMISSIONS: readonly Emission[] = [
  pg("array_to_string", (c) => `array_to_string(${c.args.join(", ")})`),
  pg("array_upper", (c) => dimension1(c, (x) => `len(${x})`)),
  pg("array_lower", (c) => dimension1(c, () => "1")),
  pg("array_length", (c) => dimension1(c, (x) => `len(${x})`)),
  pg("cardinality", (c) => `CAST(len(${arg(c, 0)}) AS INTEGER)`),
  pg("array_literal", (c) => `[${c.args.join(", ")}]`),
  pg("array_subquery", (c) => `ARRAY${arg(c, 0)}`),
  pg("array_subscript", (c) => `(${arg(c, 0)})[${arg(c, 1)}]`),
  pg("array_slice", (c) => `(${arg(c, 0)})[${arg(c, 1)}:${arg(c, 2)}]`),
  // Rows of STRUCT(x, n): DuckDB unnests a list in the select list as Postgres runs a set-returning
  // function there, in step with other unnests of the same length.
  {
    ...custom(
      "_pg_expandarray",
      "",
      (c) =>
        `unnest(list_transform(range(1, len(${arg(c, 0)}) + 1), lambda _ls_i: {'x': (${arg(c, 0)})[_ls_i], 'n': CAST(_ls_i AS INTEGER)}))`,
    ),
    docs: "https://www.postgresql.org/docs/current/infoschema-datatypes.html",
  },
  pg("record_field", (c) => `struct_extract(${arg(c, 0)}, ${arg(c, 1)})`),
];
