// src/plan/bind/cast.ts
//! Casts: type names to SqlTypes, and regclass/regtype/regnamespace casts through the catalog's macros.

import { BindError, SqlState, UnsupportedError } from "../../common/errors.js";
import type { TypeName } from "../../sql/ast/index.js";
import type { SqlType } from "../../sql/types.js";
import { T } from "../../sql/types.js";
import type { BoundExpr } from "../bound/expr.js";
import { at, inferParam } from "./context.js";
import type { ExprEnv } from "./expr.js";
import { isInteger, isString } from "./typing.js";

/** The SqlType a TypeName denotes (catalog-only types map onto the nearest Redshift type). */
export function typeOf(t: TypeName): SqlType {
  if (t.arrayDims > 0) throw new UnsupportedError(`array type ${t.name}[]`, at(t));
  if (t.name === "text") return T.text;
  if (t.sql) return t.sql;
  switch (t.name) {
    case "oid":
      return T.integer;
    case "name":
      return { id: "varchar", length: 128 };
    case "regproc":
    case "regprocedure":
      // Function references compare by name against the catalog's text columns.
      return T.text;
    case '"char"':
      return { id: "char", length: 1 };
    default:
      throw new BindError(SqlState.UndefinedObject, `type "${t.name}" does not exist`, at(t));
  }
}

/** Object-identifier types whose casts go through the catalog's <type>_in / <type>_out macros. */
export const REG_TYPES: ReadonlySet<string> = new Set(["regclass", "regtype", "regnamespace"]);
const REG_INPUTS: ReadonlySet<string> = new Set([...REG_TYPES].map((t) => `${t}_in`));

export function castTo(x: BoundExpr, t: TypeName, env: ExprEnv): BoundExpr {
  if (t.arrayDims === 0 && REG_TYPES.has(t.name)) {
    const fnName = `${t.name}_in`;
    if (x.kind === "system-call" && x.name === fnName) return x;
    if (isInteger(x.type)) return x;
    const sys = env.state.catalog.systemFunction(fnName);
    if (!sys) throw new UnsupportedError(`::${t.name}`, at(t));
    return { kind: "system-call", name: fnName, engineName: sys.engineName, args: [x], type: T.integer };
  }
  if (t.arrayDims === 0 && (t.name === "regproc" || t.name === "regprocedure") && isString(x.type)) {
    // A function name: checked against pg_proc, compared as the name regproc prints.
    const sys = env.state.catalog.systemFunction("regproc_in");
    if (!sys) throw new UnsupportedError(`::${t.name}`, at(t));
    return { kind: "system-call", name: "regproc_in", engineName: sys.engineName, args: [x], type: T.text };
  }
  const type = typeOf(t);
  if (x.kind === "system-call" && REG_INPUTS.has(x.name) && isString(type)) {
    const outName = `${x.name.slice(0, -3)}_out`;
    const sys = env.state.catalog.systemFunction(outName);
    if (!sys) throw new UnsupportedError(`${x.name.slice(0, -3)}::text`, at(t));
    return { kind: "system-call", name: outName, engineName: sys.engineName, args: [x], type: T.text };
  }
  return { kind: "cast", expr: inferParam(x, type, env.state), type };
}
