// src/plan/bind/expr-call.ts
//! Function calls: session constants, the plan's function table (scalar, aggregate, window),
//! dateparts, APPROXIMATE COUNT(DISTINCT), and catalog functions implemented as DuckDB macros.

import { BindError, SqlState, UnsupportedError } from "../../common/errors.js";
import type { Expr, FunctionCall } from "../../sql/ast/index.js";
import type { SqlType } from "../../sql/types.js";
import { formatType, T } from "../../sql/types.js";
import type { BoundCall, BoundExpr } from "../bound/expr.js";
import { lookupFunction } from "../functions/index.js";
import { at } from "./context.js";
import { canonicalDatepart } from "./datepart.js";
import type { ExprEnv } from "./expr.js";
import { bindExpr, bindOrderItems, bindWindow } from "./expr.js";
import { currentSetting, SESSION_FUNCTIONS } from "./session-functions.js";
import { isDatetime } from "./typing.js";
import { bindUdfCall } from "./udf.js";

/** Time functions inside DEFAULT: evaluated per write by DuckDB (in UTC). */
const DEFERRED_TIME: Record<string, { fn: string; type: SqlType }> = {
  getdate: { fn: "write_getdate", type: T.timestamp },
  sysdate: { fn: "write_timestamp", type: T.timestamp },
  localtimestamp: { fn: "write_timestamp", type: T.timestamp },
  current_timestamp: { fn: "write_timestamptz", type: T.timestamptz },
  now: { fn: "write_timestamptz", type: T.timestamptz },
  current_date: { fn: "write_date", type: T.date },
};

/** A call as the binder sees it: a FunctionCall, or a special form folded into one. */
export type CallInput = Pick<FunctionCall, "name" | "args" | "pos"> & Partial<FunctionCall>;

export function undefinedFunction(name: string, args: readonly BoundExpr[], node: { pos: number }): BindError {
  const types = args.map((a) => (a.type.id === "unknown" ? "unknown" : formatType(a.type))).join(", ");
  return new BindError(SqlState.UndefinedFunction, `function ${name}(${types}) does not exist`, {
    ...at(node),
    hint: "No function matches the given name and argument types. You may need to add explicit type casts.",
  });
}

function datepartOf(arg: Expr | undefined, node: { pos: number }): string {
  let word: string | undefined;
  if (arg?.kind === "ColumnRef" && arg.parts.length === 1) word = arg.parts[0];
  else if (arg?.kind === "StringLiteral") word = arg.value;
  const part = word === undefined ? undefined : canonicalDatepart(word);
  if (part === undefined) {
    throw new BindError(
      SqlState.InvalidParameterValue,
      `"${word ?? "?"}" is not a recognized date part`,
      at(arg ?? node),
    );
  }
  return part;
}

export function bindCall(call: CallInput, env: ExprEnv): BoundExpr {
  const name = call.name;
  const schema = call.schema;
  if (schema === undefined || schema === "pg_catalog") {
    const deferred = env.deferTime || env.state.deferTime ? DEFERRED_TIME[name] : undefined;
    if (deferred && call.args.length === 0) {
      return {
        kind: "call",
        name: deferred.fn,
        args: [],
        distinct: false,
        star: false,
        orderBy: [],
        ignoreNulls: false,
        type: deferred.type,
      };
    }
    if (name === "current_schema" && call.args.length === 0) return currentSchema(env);
    const session = SESSION_FUNCTIONS[name];
    if (session && call.args.length === 0 && !call.over) {
      if (DEFERRED_TIME[name] || name === "localtime" || name === "current_time") env.state.timeDependent = true;
      return session(env.state.ctx);
    }
    if (name === "current_setting" && call.args.length === 1 && call.args[0]?.kind === "StringLiteral") {
      return currentSetting(env.state.ctx, call.args[0].value);
    }
  }
  if (name === "array" && schema === undefined && call.args.length === 1 && call.args[0]?.kind === "Subquery") {
    const sub = bindExpr(call.args[0], env);
    return {
      kind: "call",
      name: "array_subquery",
      args: [sub],
      distinct: false,
      star: false,
      orderBy: [],
      ignoreNulls: false,
      type: T.text,
    };
  }
  if (schema === undefined || schema === "pg_catalog") {
    const sig = lookupFunction(approximateName(call));
    if (sig) return bindListedCall(call, sig.name, env);
  }
  if (schema === "information_schema" && name === "_pg_expandarray" && call.args.length === 1) {
    // pgjdbc's getPrimaryKeys: a set-returning function of (x, n) records, one per element.
    return bindListedCall(call, name, env);
  }
  const udfs = env.state.catalog.userFunctions({ ...(schema !== undefined ? { schema } : {}), name });
  if (udfs.length > 0) return bindUdfCall(call, udfs, env);
  const sys = env.state.catalog.systemFunction(name);
  if (sys && (schema === undefined || schema === "pg_catalog")) {
    const args = call.args.map((a) => bindExpr(a, env));
    return {
      kind: "system-call",
      name,
      engineName: sys.engineName,
      args,
      type: sys.returns,
      ...(sys.pgReturnOid !== undefined ? { pgReturnOid: sys.pgReturnOid } : {}),
    };
  }
  throw undefinedFunction(
    schema ? `${schema}.${name}` : name,
    call.args.map((a) => safeBind(a, env)),
    call,
  );
}

/** The first schema of the search path that exists ('$user' often does not), as Postgres answers. */
function currentSchema(env: ExprEnv): BoundExpr {
  const catalog = env.state.catalog;
  const schema =
    catalog.searchPath.find((s) => catalog.schema(catalog.database, s)) ?? env.state.ctx.sessionInfo.currentSchema;
  return { kind: "literal", value: schema, type: { id: "varchar", length: 128 } };
}

function safeBind(a: Expr, env: ExprEnv): BoundExpr {
  try {
    return bindExpr(a, env);
  } catch {
    return { kind: "literal", value: null, type: T.unknown };
  }
}

/** EXTRACT(epoch FROM x) counts seconds past 2^31: BIGINT. */
function epochExtract(name: string, args: readonly BoundExpr[]): boolean {
  const p = args[0];
  return name === "extract" && p?.kind === "literal" && p.value === "epoch";
}

function approximateName(call: CallInput): string {
  if (call.approximate) {
    if (call.name === "count" && call.distinct) return "approximate_count";
    // An exact percentile is a valid answer to APPROXIMATE PERCENTILE_DISC.
    if (call.name === "percentile_disc") return call.name;
    throw new UnsupportedError(`APPROXIMATE ${call.name.toUpperCase()}`, at(call));
  }
  return call.name;
}

const VOLATILE = new Set(["random", "pg_cancel_backend", "pg_terminate_backend"]);

function bindListedCall(call: CallInput, canonical: string, env: ExprEnv): BoundExpr {
  const sig = lookupFunction(canonical);
  if (!sig) throw new UnsupportedError(`function ${call.name}`, at(call));
  // A volatile function gives a new answer each run: like GETDATE(), the statement must be
  // evaluated again each time (no reuse of its plan or of a cached result).
  if (VOLATILE.has(sig.name)) env.state.timeDependent = true;
  let name = sig.name;
  const args: BoundExpr[] = call.args.map((a, i) =>
    i === sig.datepartArg ? { kind: "literal", value: datepartOf(a, call), type: T.text } : bindExpr(a, env),
  );
  const star = call.star === true;
  const count = star ? 0 : args.length;
  if (count < sig.minArgs || count > sig.maxArgs) throw undefinedFunction(call.name, args, call);
  if (name === "trunc" && args[0] && isDatetime(args[0].type)) name = "trunc_date";
  if (call.over === undefined && sig.kind === "window") {
    throw new BindError(SqlState.WrongObjectType, `window function ${call.name} requires an OVER clause`, at(call));
  }
  const orderBy = call.withinGroup ? bindOrderItems(call.withinGroup, env) : [];
  if (call.withinGroup && !["listagg", "percentile_cont", "percentile_disc", "median"].includes(name)) {
    throw new UnsupportedError(`${call.name.toUpperCase()} ... WITHIN GROUP`, at(call));
  }
  const argTypes =
    (name === "percentile_cont" || name === "percentile_disc") && orderBy[0]
      ? [orderBy[0].expr.type]
      : args.map((a) => a.type);
  const bound: BoundCall = {
    kind: "call",
    name: name === "trunc_date" ? "trunc_date" : sig.name,
    args,
    distinct: call.distinct === true || name === "approximate_count",
    star,
    orderBy,
    over: call.over ? bindWindow(call.over, env) : undefined,
    ignoreNulls: call.nulls === "ignore",
    type:
      name === "trunc_date"
        ? T.date
        : name === "percentile_disc"
          ? (argTypes[0] ?? T.double)
          : epochExtract(name, args)
            ? T.bigint
            : sig.returns(argTypes),
  };
  return bound;
}
