// src/translate/duckdb/functions/index.ts
//! The emission tables by family, keyed by the plan's canonical function names.

import { ADMIN_EMISSIONS } from "./admin.js";
import { AGGREGATE_EMISSIONS } from "./aggregate.js";
import { ARRAY_EMISSIONS } from "./array.js";
import { CONDITIONAL_EMISSIONS } from "./conditional.js";
import { DATE_EMISSIONS } from "./date.js";
import type { Emission } from "./entry.js";
import { JSON_EMISSIONS } from "./json.js";
import { MATH_EMISSIONS } from "./math.js";
import { STRING_EMISSIONS } from "./string.js";

export type { Emission, EmitContext } from "./entry.js";

export const ALL_EMISSIONS: readonly Emission[] = [
  ...DATE_EMISSIONS,
  ...STRING_EMISSIONS,
  ...MATH_EMISSIONS,
  ...CONDITIONAL_EMISSIONS,
  ...AGGREGATE_EMISSIONS,
  ...JSON_EMISSIONS,
  ...ARRAY_EMISSIONS,
  ...ADMIN_EMISSIONS,
];

export const EMISSIONS: ReadonlyMap<string, Emission> = new Map(ALL_EMISSIONS.map((e) => [e.name, e]));
