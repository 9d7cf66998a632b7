// src/plan/bind/udf.ts
//! Calls of scalar SQL UDFs (CREATE FUNCTION ... LANGUAGE sql). A call is inlined: the stored body
//! is bound with $n standing for the n-th argument cast to its parameter type, and the result is
//! cast to the RETURNS type. An argument used twice in the body is evaluated twice (harmless for
//! IMMUTABLE/STABLE bodies; a VOLATILE argument such as RANDOM() may then differ between uses).
//! Overloads are chosen by argument count, then exact types, then same type category.
//! https://docs.aws.amazon.com/redshift/latest/dg/udf-creating-a-scalar-sql-udf.html

import type { FunctionDef } from "../../catalog/reader.js";
import { BindError, SqlState } from "../../common/errors.js";
import type { Expr, Param, TypeName } from "../../sql/ast/index.js";
import { maxParamIndex, parseExpression, parseType, walk } from "../../sql/index.js";
import type { SqlType } from "../../sql/types.js";
import { T } from "../../sql/types.js";
import type { BoundExpr } from "../bound/expr.js";
import { lookupFunction } from "../functions/index.js";
import { castTo, typeOf } from "./cast.js";
import { at } from "./context.js";
import type { ExprEnv } from "./expr.js";
import { bindExpr } from "./expr.js";
import { undefinedFunction } from "./expr-call.js";
import type { CallInput } from "./expr-call.js";
import { isDatetime, isNumeric, isString } from "./typing.js";

/** Nesting limit of UDF bodies (a function calling itself, directly or not). */
const MAX_DEPTH = 32;

/** $n inside a UDF body: the call's n-th argument, or at CREATE a NULL of the parameter type. */
export function udfArgument(e: Param, env: ExprEnv): BoundExpr {
  const args = env.state.udfArgs;
  if (args) {
    const a = args[e.index - 1];
    if (!a) throw new BindError(SqlState.UndefinedParameter, `there is no parameter $${e.index}`, at(e));
    return a;
  }
  const types = env.state.ctx.functionArgs ?? [];
  const t = types[e.index - 1];
  if (!t) throw new BindError(SqlState.UndefinedParameter, `there is no parameter $${e.index}`, at(e));
  return castTo({ kind: "literal", value: null, type: T.unknown }, t, env);
}

/**
 * Refuses what a SQL UDF body may not contain (Redshift: a single SELECT of an expression
 * without FROM): subqueries, aggregate and window functions, parameters past the argument count.
 */
export function checkUdfBody(body: Expr, argCount: number): void {
  walk(body, (n) => {
    if (n.kind === "Subquery" || n.kind === "Exists" || n.kind === "InSubquery" || n.kind === "QuantifiedSubquery") {
      throw new BindError(SqlState.FeatureNotSupported, "a SQL function body cannot contain a subquery", at(n));
    }
    if (n.kind === "FunctionCall" && (n.over || lookupFunction(n.name)?.kind === "aggregate")) {
      throw new BindError(
        SqlState.FeatureNotSupported,
        `a SQL function body cannot contain aggregate or window function ${n.name}`,
        at(n),
      );
    }
    return undefined;
  });
  const max = maxParamIndex(body);
  if (max > argCount) throw new BindError(SqlState.UndefinedParameter, `there is no parameter $${max}`);
}

/** The SqlType of a stored parameter or return type. */
export function storedType(text: string): SqlType {
  return typeOf(parseType(text));
}

function category(t: SqlType): string {
  if (isNumeric(t)) return "numeric";
  if (isString(t)) return "string";
  if (isDatetime(t)) return "datetime";
  return t.id;
}

/** The overload a call reaches; undefined when none, 42725 when several fit equally. */
export function chooseOverload(
  fns: readonly FunctionDef[],
  argTypes: readonly SqlType[],
  node: { pos: number },
): FunctionDef | undefined {
  const sameCount = fns.filter((f) => f.argTypes.length === argTypes.length);
  const params = (f: FunctionDef) => f.argTypes.map(storedType);
  const fits = (f: FunctionDef, same: (p: SqlType, a: SqlType) => boolean) =>
    params(f).every((p, i) => argTypes[i]?.id === "unknown" || same(p, argTypes[i] as SqlType));
  for (const same of [
    (p: SqlType, a: SqlType) => p.id === a.id,
    (p: SqlType, a: SqlType) => category(p) === category(a),
  ]) {
    let found = sameCount.filter((f) => fits(f, same));
    if (found.length > 1) {
      // An untyped literal ('x') prefers a string parameter, as in Postgres.
      const strings = found.filter((f) => params(f).every((p, i) => argTypes[i]?.id !== "unknown" || isString(p)));
      if (strings.length > 0) found = strings;
    }
    if (found.length === 1) return found[0];
    if (found.length > 1) {
      throw new BindError(SqlState.AmbiguousFunction, `function ${fns[0]?.name}(...) is not unique`, {
        ...at(node),
        hint: "Could not choose a best candidate function. You may need to add explicit type casts.",
      });
    }
  }
  return undefined;
}

export function bindUdfCall(call: CallInput, fns: readonly FunctionDef[], env: ExprEnv): BoundExpr {
  const args = call.args.map((a) => bindExpr(a, env));
  const fn = chooseOverload(
    fns,
    args.map((a) => a.type),
    call,
  );
  if (!fn) throw undefinedFunction(call.schema ? `${call.schema}.${call.name}` : call.name, args, call);
  if (call.star || call.distinct || call.over || call.withinGroup) {
    throw new BindError(SqlState.WrongObjectType, `${fn.name} is not an aggregate or window function`, at(call));
  }
  env.state.access?.execute(fn);
  env.state.ctx.onUserFunction?.(fn);
  const state = env.state;
  if (state.udfDepth >= MAX_DEPTH) {
    throw new BindError("54001", `SQL functions nested too deeply (${fn.name})`, at(call));
  }
  const types: TypeName[] = fn.argTypes.map((t) => parseType(t));
  const cast = args.map((a, i) => castTo(a, types[i] as TypeName, env));
  const saved = state.udfArgs;
  state.udfArgs = cast;
  state.udfDepth++;
  try {
    const body = bindExpr(parseExpression(fn.body), env);
    return castTo(body, parseType(fn.returns), env);
  } finally {
    state.udfArgs = saved;
    state.udfDepth--;
  }
}
