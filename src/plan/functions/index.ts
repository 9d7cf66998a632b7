// src/plan/functions/index.ts
//! The binder's function table: every Redshift function the binder resolves, by name and alias.
//! Session functions (version(), current_user, ...) are folded to constants in bind/session-functions.ts.

import { ADMIN_FUNCTIONS } from "./admin.js";
import { AGGREGATE_FUNCTIONS } from "./aggregate.js";
import { ARRAY_FUNCTIONS } from "./array.js";
import { CONDITIONAL_FUNCTIONS } from "./conditional.js";
import { DATE_FUNCTIONS } from "./date.js";
import { JSON_FUNCTIONS } from "./json.js";
import { MATH_FUNCTIONS } from "./math.js";
import type { FunctionSignature } from "./signature.js";
import { STRING_FUNCTIONS } from "./string.js";

export type { FunctionKind, FunctionSignature } from "./signature.js";

export const ALL_FUNCTIONS: readonly FunctionSignature[] = [
  ...DATE_FUNCTIONS,
  ...STRING_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...CONDITIONAL_FUNCTIONS,
  ...AGGREGATE_FUNCTIONS,
  ...JSON_FUNCTIONS,
  ...ARRAY_FUNCTIONS,
  ...ADMIN_FUNCTIONS,
];

const BY_NAME = new Map<string, FunctionSignature>();
for (const f of ALL_FUNCTIONS) {
  BY_NAME.set(f.name, f);
  for (const a of f.aliases ?? []) BY_NAME.set(a, f);
}

/** The function a (lower-case) name refers to, or undefined. */
export function lookupFunction(name: string): FunctionSignature | undefined {
  return BY_NAME.get(name);
}
