// src/translate/duckdb/functions/conditional.ts
//! NVL, NVL2, DECODE, COALESCE, NULLIF, GREATEST, LEAST.

import type { Emission } from "./entry.js";
import { arg, custom, rename } from "./entry.js";

export const CONDITIONAL_EMISSIONS: readonly Emission[] = [
  rename("coalesce", "coalesce", "r_NVL_function.html"),
  custom("nvl2", "r_NVL2.html", (c) => `CASE WHEN ${arg(c, 0)} IS NOT NULL THEN ${arg(c, 1)} ELSE ${arg(c, 2)} END`),
  rename("nullif", "nullif", "r_NULLIF_function.html"),
  /** DECODE matches NULL with NULL, so each search is IS NOT DISTINCT FROM. */
  custom("decode", "r_DECODE_expression.html", (c) => {
    const [expr, ...rest] = c.args;
    const whens: string[] = [];
    let i = 0;
    for (; i + 1 < rest.length; i += 2) whens.push(`WHEN ${expr} IS NOT DISTINCT FROM ${rest[i]} THEN ${rest[i + 1]}`);
    const otherwise = i < rest.length ? ` ELSE ${rest[i]}` : "";
    return `CASE ${whens.join(" ")}${otherwise} END`;
  }),
  /** x = ANY(array): bound from QuantifiedArray. */
  custom("array_contains", "r_ARRAY_CONTAINS.html", (c) => `list_contains(${arg(c, 0)}, ${arg(c, 1)})`),
  rename("greatest", "greatest", "r_GREATEST_LEAST.html"),
  rename("least", "least", "r_GREATEST_LEAST.html"),
];
