// src/plan/bind/super.ts
//! PartiQL navigation into SUPER values: c.a[0].b becomes one JSON path over the column.
//! https://docs.aws.amazon.com/redshift/latest/dg/query-super.html

import { UnsupportedError } from "../../common/errors.js";
import type { ColumnRef } from "../../sql/ast/index.js";
import { T } from "../../sql/types.js";
import type { BoundExpr } from "../bound/expr.js";
import { at } from "./context.js";

/** PartiQL navigation into a SUPER column: c.a.b where c (or t.c) is a SUPER column. */
export function superNavigation(e: ColumnRef, resolve: (parts: readonly string[]) => BoundExpr): BoundExpr | undefined {
  for (const head of [1, 2]) {
    if (e.parts.length <= head) continue;
    let base: BoundExpr | undefined;
    try {
      base = resolve(e.parts.slice(0, head));
    } catch {
      continue;
    }
    if (base.type.id !== "super") continue;
    return e.parts.slice(head).reduce((x, f) => navigate(x, field(f, e)), base);
  }
  return undefined;
}

export function field(name: string, node: { pos: number }): string {
  if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(name)) throw new UnsupportedError(`SUPER attribute name "${name}"`, at(node));
  return `.${name}`;
}

/** Extends a SUPER path: json_extract(x, '$.a[0].b'), merged into one call. */
export function navigate(x: BoundExpr, step: string): BoundExpr {
  if (x.kind === "call" && x.name === "super_path") {
    const [base, path] = x.args;
    if (base && path?.kind === "literal" && typeof path.value === "string") {
      return { ...x, args: [base, { ...path, value: path.value + step }] };
    }
  }
  const path: BoundExpr = { kind: "literal", value: `$${step}`, type: T.text };
  return {
    kind: "call",
    name: "super_path",
    args: [x, path],
    distinct: false,
    star: false,
    orderBy: [],
    ignoreNulls: false,
    type: T.super,
  };
}
