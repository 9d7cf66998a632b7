// src/plan/bind/window.ts
//! ORDER BY items and window specifications (OVER (...), OVER w with a WINDOW clause).

import { BindError, SqlState } from "../../common/errors.js";
import type { Expr, WindowSpec } from "../../sql/ast/index.js";
import type { BoundOrderItem, BoundWindow } from "../bound/expr.js";
import { at } from "./context.js";
import type { ExprEnv } from "./expr.js";
import { bindExpr } from "./expr.js";

export function bindOrderItems(
  items: readonly { expr: Expr; desc: boolean; nulls?: "first" | "last" }[],
  env: ExprEnv,
): BoundOrderItem[] {
  return items.map((o) => ({
    expr: bindExpr(o.expr, env),
    desc: o.desc,
    nullsFirst: o.nulls === undefined ? o.desc : o.nulls === "first",
  }));
}

export function bindWindow(spec: WindowSpec, env: ExprEnv): BoundWindow {
  let base: WindowSpec | undefined;
  if (spec.base !== undefined) {
    base = env.windows?.get(spec.base);
    if (!base) throw new BindError(SqlState.UndefinedObject, `window "${spec.base}" does not exist`, at(spec));
  }
  const partitionBy = (spec.partitionBy.length > 0 ? spec.partitionBy : (base?.partitionBy ?? [])).map((p) =>
    bindExpr(p, env),
  );
  const orderBy = bindOrderItems(spec.orderBy.length > 0 ? spec.orderBy : (base?.orderBy ?? []), env);
  const frame = spec.frame ?? base?.frame;
  const bound = (b: NonNullable<WindowSpec["frame"]>["start"]) => ({
    kind: b.type,
    offset: b.offset ? bindExpr(b.offset, env) : undefined,
  });
  return {
    partitionBy,
    orderBy,
    frame: frame
      ? { unit: frame.unit, start: bound(frame.start), end: frame.end ? bound(frame.end) : undefined }
      : undefined,
  };
}
