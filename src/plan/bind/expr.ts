// src/plan/bind/expr.ts
//! Expression binding: resolves column names through scopes (then Redshift's lateral column
//! aliases, then enclosing queries), types every node, and folds spelling into meaning.

import { BindError, SqlState, UnsupportedError } from "../../common/errors.js";
import type { ColumnRef, Expr, WindowSpec } from "../../sql/ast/index.js";
import type { SqlType } from "../../sql/types.js";
import { T } from "../../sql/types.js";
import type { BinaryOp, BoundExpr } from "../bound/expr.js";
import type { BoundQuery } from "../bound/query.js";
import type { BindState } from "./context.js";
import { at, inferParam, undefinedColumn } from "./context.js";
import { castTo } from "./cast.js";
import { bindCall } from "./expr-call.js";
import { bindQuery } from "./query.js";
import { udfArgument } from "./udf.js";
import { BARE_SESSION_WORDS } from "./session-functions.js";
import { field, navigate, superNavigation } from "./super.js";
import type { Scope } from "./scope.js";
import { columnRef } from "./scope.js";
import { arithmeticType, commonType, isInteger, isString } from "./typing.js";

export interface ExprEnv {
  readonly state: BindState;
  readonly scope: Scope;
  /** Redshift lateral column aliases visible here (earlier select items; all of them in WHERE). */
  readonly aliases?: ReadonlyMap<string, BoundExpr>;
  /** WINDOW clause definitions. */
  readonly windows?: ReadonlyMap<string, WindowSpec>;
  /** DEFAULT expressions: time functions are evaluated when a row is written, not folded now. */
  readonly deferTime?: boolean;
}

const BOOL = T.boolean;

/**
 * (r).f on a composite value: information_schema._pg_expandarray(a) gives rows (x anyelement,
 * n int); a derived table's column holding one is typed text like other catalog arrays.
 */
function recordFieldType(x: BoundExpr, name: string): SqlType | undefined {
  if (x.kind === "call" && x.name === "_pg_expandarray")
    return name === "n" ? T.integer : name === "x" ? T.unknown : undefined;
  if (x.kind === "column" && (x.type.id === "text" || x.type.id === "unknown")) return T.unknown;
  return undefined;
}

/** Catalog columns of Postgres's zero-based vector types (int2vector, oidvector). */
const ZERO_BASED_VECTORS: ReadonlySet<string> = new Set([
  "indkey",
  "indclass",
  "indcollation",
  "indoption",
  "proargtypes",
  "tgattr",
]);

export function bindExpr(e: Expr, env: ExprEnv): BoundExpr {
  switch (e.kind) {
    case "NumberLiteral":
      return { kind: "literal", value: e.value, type: numberType(e.value, e.integer) };
    case "StringLiteral":
      return { kind: "literal", value: e.value, type: T.unknown };
    case "BooleanLiteral":
      return { kind: "literal", value: e.value, type: BOOL };
    case "NullLiteral":
      return { kind: "literal", value: null, type: T.unknown };
    case "TypedLiteral":
      return castTo({ kind: "literal", value: e.value, type: T.unknown }, e.type, env);
    case "IntervalLiteral":
      return { kind: "cast", expr: { kind: "literal", value: intervalText(e), type: T.unknown }, type: T.interval };
    case "Param":
      if (env.state.udfArgs || env.state.ctx.functionArgs) return udfArgument(e, env);
      if (env.state.paramTypes.length < e.index) env.state.paramTypes.length = e.index;
      return { kind: "param", index: e.index, type: env.state.paramTypes[e.index - 1] ?? T.unknown };
    case "DefaultValue":
      throw new BindError(SqlState.SyntaxError, "DEFAULT is not allowed in this context", at(e));
    case "ColumnRef":
      return bindColumnRef(e, env);
    case "Star":
      throw new BindError(SqlState.SyntaxError, "a * is not allowed in this context", at(e));
    case "Unary":
      return bindUnary(e.op, bindExpr(e.operand, env), e);
    case "Binary":
      return bindBinary(e.op, bindExpr(e.left, env), bindExpr(e.right, env), env.state);
    case "Cast":
      return castTo(bindExpr(e.expr, env), e.type, env);
    case "Extract":
      return bindCall(
        { name: "extract", args: [{ kind: "StringLiteral", pos: e.pos, value: e.field }, e.expr], pos: e.pos },
        env,
      );
    case "Position":
      return bindCall({ name: "position", args: [e.needle, e.haystack], pos: e.pos }, env);
    case "Substring": {
      const args = [e.expr, e.start ?? { kind: "NumberLiteral", pos: e.pos, value: "1", integer: true }];
      if (e.length) args.push(e.length);
      return bindCall({ name: "substring", args, pos: e.pos }, env);
    }
    case "Trim": {
      const name = e.side === "both" ? "btrim" : e.side === "leading" ? "ltrim" : "rtrim";
      return bindCall({ name, args: e.chars ? [e.expr, e.chars] : [e.expr], pos: e.pos }, env);
    }
    case "Case": {
      const operand = e.operand ? bindExpr(e.operand, env) : undefined;
      const whens = e.whens.map((w) => ({ when: bindExpr(w.when, env), result: bindExpr(w.then, env) }));
      const els = e.else ? bindExpr(e.else, env) : undefined;
      const type = commonType([...whens.map((w) => w.result.type), ...(els ? [els.type] : [])]);
      return { kind: "case", operand, whens, else: els, type };
    }
    case "IsNull":
      return { kind: "is", test: "null", negated: e.not, expr: bindExpr(e.expr, env), type: BOOL };
    case "IsBool":
      return { kind: "is", test: e.value, negated: e.not, expr: bindExpr(e.expr, env), type: BOOL };
    case "IsDistinctFrom":
      return {
        kind: "binary",
        op: e.not ? "is not distinct from" : "is distinct from",
        left: bindExpr(e.left, env),
        right: bindExpr(e.right, env),
        type: BOOL,
      };
    case "Between": {
      const x = bindExpr(e.expr, env);
      const low = inferParam(bindExpr(e.low, env), x.type, env.state);
      const high = inferParam(bindExpr(e.high, env), x.type, env.state);
      return { kind: "between", negated: e.not, symmetric: e.symmetric, expr: x, low, high, type: BOOL };
    }
    case "InList": {
      const x = bindExpr(e.expr, env);
      const list = e.list.map((i) => inferParam(bindExpr(i, env), x.type, env.state));
      return { kind: "in-list", negated: e.not, expr: x, list, type: BOOL };
    }
    case "InSubquery":
      return {
        kind: "in-subquery",
        negated: e.not,
        expr: bindExpr(e.expr, env),
        query: subquery(e.query, env, 1, e),
        type: BOOL,
      };
    case "Like": {
      if (e.op === "similar" && (e.pattern.kind !== "StringLiteral" || e.escape)) {
        throw new UnsupportedError("SIMILAR TO with a non-constant pattern or ESCAPE", at(e));
      }
      return {
        kind: "like",
        op: e.op === "similar" ? "similar to" : e.op,
        negated: e.not,
        expr: bindExpr(e.expr, env),
        pattern: inferParam(bindExpr(e.pattern, env), T.text, env.state),
        escape: e.escape ? bindExpr(e.escape, env) : undefined,
        type: BOOL,
      };
    }
    case "QuantifiedSubquery": {
      if (e.op === "~" || e.op === "~*" || e.op === "!~" || e.op === "!~*" || e.op === "like" || e.op === "ilike") {
        throw new UnsupportedError(`${e.op.toUpperCase()} ${e.quantifier.toUpperCase()} (subquery)`, at(e));
      }
      const left = bindExpr(e.left, env);
      return {
        kind: "quantified",
        op: e.op,
        quantifier: e.quantifier,
        left,
        query: subquery(e.query, env, 1, e),
        type: BOOL,
      };
    }
    case "QuantifiedArray": {
      if (e.array.kind === "ArrayLiteral" && (e.op === "=" || e.op === "<>")) {
        const anyEq = e.op === "=" && e.quantifier === "any";
        const allNe = e.op === "<>" && e.quantifier === "all";
        if (anyEq || allNe) {
          const list = e.array.elements.map((x) => bindExpr(x, env));
          return { kind: "in-list", negated: allNe, expr: bindExpr(e.left, env), list, type: BOOL };
        }
      }
      const anyEq = e.op === "=" && e.quantifier === "any";
      if (anyEq || (e.op === "<>" && e.quantifier === "all")) {
        // x = ANY(array-valued expression), e.g. nspname = ANY(current_schemas(true)).
        const contains: BoundExpr = {
          kind: "call",
          name: "array_contains",
          args: [bindExpr(e.array, env), bindExpr(e.left, env)],
          distinct: false,
          star: false,
          orderBy: [],
          ignoreNulls: false,
          type: BOOL,
        };
        return anyEq ? contains : { kind: "unary", op: "not", expr: contains, type: BOOL };
      }
      throw new UnsupportedError(`${e.op} ${e.quantifier.toUpperCase()} (array)`, at(e));
    }
    case "Exists":
      return { kind: "exists", negated: false, query: subquery(e.query, env, undefined, e), type: BOOL };
    case "Subquery": {
      const query = subquery(e.query, env, 1, e);
      return { kind: "subquery", query, type: query.columns[0]?.type ?? T.unknown };
    }
    case "ArrayLiteral":
      return fn(
        "array_literal",
        e.elements.map((x) => bindExpr(x, env)),
        T.text,
      );
    case "Subscript": {
      const x = bindExpr(e.expr, env);
      const index = e.index;
      if (x.type.id !== "super") {
        // An array (catalog queries: (current_schemas(true))[1], x[a:b]).
        const given = index ? bindExpr(index, env) : ({ kind: "literal", value: "1", type: T.integer } as const);
        // int2vector/oidvector catalog columns (pg_index.indkey, ...) count from 0; DuckDB lists from 1.
        const one: BoundExpr = { kind: "literal", value: "1", type: T.integer };
        const lower =
          x.kind === "column" && ZERO_BASED_VECTORS.has(x.column) ? bindBinary("+", given, one, env.state) : given;
        if (!e.slice && !e.upper) return fn("array_subscript", [x, lower], T.text);
        const upper = e.upper ? bindExpr(e.upper, env) : fn("cardinality", [x], T.integer);
        return fn("array_slice", [x, lower, upper], T.text);
      }
      if (e.slice || index?.kind !== "NumberLiteral" || !index.integer) {
        throw new UnsupportedError("SUPER subscript other than [n]", at(e));
      }
      return navigate(x, `[${index.value}]`);
    }
    case "FieldAccess": {
      const x = bindExpr(e.expr, env);
      if (x.type.id === "super") return navigate(x, field(e.field, e));
      const type = recordFieldType(x, e.field);
      if (!type) throw new UnsupportedError("field access on a non-SUPER value", at(e));
      return fn("record_field", [x, { kind: "literal", value: e.field, type: T.text }], type);
    }
    case "RowExpr":
      throw new UnsupportedError("row constructor", at(e));
    case "Collate": {
      const name = e.collation[e.collation.length - 1] ?? "";
      if (["default", "c", "C", "posix", "POSIX", "case_sensitive"].includes(name)) return bindExpr(e.expr, env);
      throw new UnsupportedError(`COLLATE ${e.collation.join(".")}`, at(e));
    }
    case "AtTimeZone": {
      const x = bindExpr(e.expr, env);
      const zone = bindExpr(e.zone, env);
      const type = x.type.id === "timestamptz" ? T.timestamp : T.timestamptz;
      return {
        kind: "call",
        name: "timezone",
        args: [zone, x],
        distinct: false,
        star: false,
        orderBy: [],
        ignoreNulls: false,
        type,
      };
    }
    case "FunctionCall":
      return bindCall(e, env);
    default: {
      const never: never = e;
      throw new UnsupportedError(`expression ${(never as Expr).kind}`);
    }
  }
}

function numberType(text: string, integer: boolean): SqlType {
  if (integer) {
    const n = BigInt(text);
    if (n <= 2147483647n) return T.integer;
    if (n <= 9223372036854775807n) return T.bigint;
    return { id: "decimal", precision: Math.min(38, text.length), scale: 0 };
  }
  if (/[eE]/.test(text)) return T.double;
  const [whole = "", frac = ""] = text.split(".");
  const digits = whole.replace(/^0+/, "").length + frac.length;
  return { id: "decimal", precision: Math.max(1, digits, frac.length), scale: frac.length };
}

const INTERVAL_UNITS = new Set(["year", "month", "day", "hour", "minute", "second"]);

function intervalText(e: { readonly value: string; readonly qualifier?: string; readonly pos: number }): string {
  if (e.qualifier === undefined) return e.value;
  if (INTERVAL_UNITS.has(e.qualifier) && /^\s*[-+]?\d+(\.\d+)?\s*$/.test(e.value))
    return `${e.value.trim()} ${e.qualifier}`;
  throw new UnsupportedError(`INTERVAL '...' ${e.qualifier.toUpperCase()}`, at(e));
}

function subquery(
  q: Parameters<typeof bindQuery>[0],
  env: ExprEnv,
  columns: number | undefined,
  node: { pos: number },
): BoundQuery {
  const bound = bindQuery(q, env.state, env.scope);
  if (columns !== undefined && bound.columns.length !== columns) {
    throw new BindError(SqlState.SyntaxError, "subquery has too many columns", at(node));
  }
  return bound;
}

function bindColumnRef(e: ColumnRef, env: ExprEnv): BoundExpr {
  const parts = e.parts;
  const name = parts[parts.length - 1] as string;
  const position = e.pos + 1;
  if (parts.length === 1) {
    const local = env.scope.resolveUnqualified(name, position);
    if (local) return local;
    const alias = env.aliases?.get(name);
    if (alias) return alias;
    for (let s = env.scope.parent; s; s = s.parent) {
      const outer = s.resolveUnqualified(name, position);
      if (outer) return outer;
    }
    if (BARE_SESSION_WORDS.has(name)) return bindCall({ name, args: [], pos: e.pos }, env);
    throw undefinedColumn(name, e);
  }
  const qualifier = parts.slice(0, -1);
  for (let s: Scope | undefined = env.scope; s; s = s.parent) {
    const item = s.findItem(qualifier, position);
    if (!item) continue;
    const col = item.columns.find((c) => c.name === name);
    if (!col)
      throw new BindError(SqlState.UndefinedColumn, `column ${qualifier.join(".")}.${name} does not exist`, {
        position,
      });
    return columnRef(item, col);
  }
  const nav = superNavigation(e, (parts) => bindColumnRef({ ...e, parts }, env));
  if (nav) return nav;
  throw new BindError(
    SqlState.UndefinedTable,
    `missing FROM-clause entry for table "${qualifier[qualifier.length - 1]}"`,
    {
      position,
    },
  );
}

function bindUnary(op: string, x: BoundExpr, node: { pos: number }): BoundExpr {
  switch (op) {
    case "-":
    case "+":
      return { kind: "unary", op, expr: x, type: x.type.id === "unknown" ? T.integer : x.type };
    case "NOT":
      return { kind: "unary", op: "not", expr: x, type: BOOL };
    case "~":
      return { kind: "unary", op: "~", expr: x, type: x.type };
    case "|/":
      return fn("sqrt", [x], T.double);
    case "||/":
      return fn("cbrt", [x], T.double);
    case "@":
      return fn("abs", [x], x.type);
    default:
      throw new UnsupportedError(`prefix operator ${op}`, at(node));
  }
}

function fn(name: string, args: BoundExpr[], type: SqlType): BoundExpr {
  return { kind: "call", name, args, distinct: false, star: false, orderBy: [], ignoreNulls: false, type };
}

export function bindBinary(op: string, l: BoundExpr, r: BoundExpr, state: BindState): BoundExpr {
  const left = inferParam(l, r.type, state);
  const right = inferParam(r, left.type, state);
  switch (op) {
    case "AND":
    case "OR":
      return { kind: "binary", op: op === "AND" ? "and" : "or", left, right, type: BOOL };
    case "=":
    case "<>":
    case "<":
    case "<=":
    case ">":
    case ">=":
    case "~":
    case "~*":
    case "!~":
    case "!~*":
      return { kind: "binary", op, left, right, type: BOOL };
    case "||": {
      // VARBYTE || VARBYTE concatenates bytes (a string operand is its UTF-8 bytes).
      if (left.type.id === "varbyte" || right.type.id === "varbyte") {
        return { kind: "binary", op, left, right, type: { id: "varbyte" } };
      }
      const len =
        left.type.length !== undefined && right.type.length !== undefined
          ? left.type.length + right.type.length
          : undefined;
      return { kind: "binary", op, left, right, type: { id: "varchar", length: len } };
    }
    case "&":
    case "|":
    case "#":
    case "<<":
    case ">>":
      return { kind: "binary", op, left, right, type: isInteger(left.type) ? left.type : T.bigint };
    case "^":
      return { kind: "binary", op, left, right, type: T.double };
    default: {
      const type =
        isString(left.type) && isString(right.type) && op === "+" ? T.text : arithmeticType(op, left.type, right.type);
      return { kind: "binary", op: op as BinaryOp, left, right, type };
    }
  }
}

export { typeOf } from "./cast.js";
export { bindOrderItems, bindWindow } from "./window.js";
