// tests/unit/sql/property.test.ts
//! Property: random expression ASTs print to SQL that parses back to the same AST (ignoring pos).
//! The generator builds nodes in the forms the parser produces (e.g. no Subquery as a lone IN
//! item, numeric frame offsets), so any mismatch is a printer or parser bug.

import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { Expr, OrderItem, TypeName, WindowSpec } from "../../../src/sql/index.js";
import { parseExpression, printExpr } from "../../../src/sql/index.js";
import { stripPos } from "./strip-pos.js";

const pos = 0;

const identifier = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("a", "b", "col_1", "t", "x$y", "date", "interval", "between", "nulls") },
  { weight: 1, arbitrary: fc.constantFrom("select", "user", "order", "Mixed", "with space", 'q"uote', "é", "1st") },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 6 }) },
);

const typeSpellings = [
  "int",
  "bigint",
  "smallint",
  "numeric(12,2)",
  "decimal",
  "real",
  "double precision",
  "boolean",
  "char(3)",
  "varchar(20)",
  "varchar(max)",
  "text",
  "date",
  "time",
  "timestamptz",
  "timestamp with time zone",
  "interval",
  "super",
  "varbyte(8)",
  "regclass",
  '"char"',
  "text[]",
  "pg_catalog.oid",
];
const typeName: fc.Arbitrary<TypeName> = fc.constantFrom(...typeSpellings).map((s) => {
  const e = parseExpression(`CAST(x AS ${s})`);
  if (e.kind !== "Cast") throw new Error(s);
  return e.type;
});

const number: fc.Arbitrary<Expr> = fc
  .oneof(
    fc.nat({ max: 100000 }).map(String),
    fc.tuple(fc.nat(999), fc.nat(999)).map(([a, b]) => `${a}.${b}`),
    fc.nat(99).map((a) => `.${a}`),
    fc.nat(99).map((a) => `${a}e${a % 7}`),
  )
  .map((value) => ({ kind: "NumberLiteral", pos, value, integer: /^\d+$/.test(value) }));

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  number,
  fc.string({ maxLength: 8, unit: "grapheme" }).map((value): Expr => ({ kind: "StringLiteral", pos, value })),
  fc
    .constantFrom("tab\there", "nl\n", "back\\slash", "it's", "\u0001x")
    .map((value): Expr => ({ kind: "StringLiteral", pos, value })),
  fc.boolean().map((value): Expr => ({ kind: "BooleanLiteral", pos, value })),
  fc.constant<Expr>({ kind: "NullLiteral", pos }),
  fc.integer({ min: 1, max: 99 }).map((index): Expr => ({ kind: "Param", pos, index })),
  fc.array(identifier, { minLength: 1, maxLength: 4 }).map((parts): Expr => ({ kind: "ColumnRef", pos, parts })),
  fc
    .tuple(
      fc.constantFrom(
        "date",
        "timestamp",
        "timestamptz",
        "time",
        "int",
        "bool",
        "double precision",
        "varchar",
        "text",
        "numeric",
      ),
      fc.string({ maxLength: 10 }),
    )
    .map(([t, value]): Expr => ({ kind: "TypedLiteral", pos, type: typeNameOf(t), value })),
  fc
    .tuple(
      fc.string({ maxLength: 6 }),
      fc.option(fc.constantFrom("day", "month", "year to month", "second(3)", "hour to minute")),
    )
    .map(
      ([value, q]): Expr =>
        q === null ? { kind: "IntervalLiteral", pos, value } : { kind: "IntervalLiteral", pos, value, qualifier: q },
    ),
  fc
    .constantFrom("current_date", "current_timestamp", "sysdate", "current_user", "localtimestamp")
    .map(
      (name): Expr => ({ kind: "FunctionCall", pos, name, args: [], star: false, distinct: false, approximate: false }),
    ),
);

function typeNameOf(spelling: string): TypeName {
  const e = parseExpression(`CAST(x AS ${spelling})`);
  if (e.kind !== "Cast") throw new Error(spelling);
  return e.type;
}

const binaryOps = [
  "AND",
  "OR",
  "=",
  "<>",
  "<",
  "<=",
  ">",
  ">=",
  "+",
  "-",
  "*",
  "/",
  "%",
  "^",
  "||",
  "&",
  "|",
  "#",
  "<<",
  ">>",
  "~",
  "~*",
  "!~",
  "!~*",
] as const;
const unaryOps = ["-", "+", "NOT", "~", "|/", "||/", "@"] as const;
const fnNames = ["f", "coalesce", "nvl", "dateadd", "pg_get_expr", "lower", "sum", "count", "left"];

/** Expressions allowed where a '(' directly after IN/ANY would be read as a subquery. */
const notSubquery = (e: Expr) => e.kind !== "Subquery";

const { expr } = fc.letrec<{ expr: Expr; orderItem: OrderItem; window: WindowSpec }>((tie) => {
  const e = tie("expr");
  const small = fc.array(e, { minLength: 1, maxLength: 3 });
  return {
    expr: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      { weight: 6, arbitrary: leaf },
      fc
        .tuple(fc.constantFrom(...binaryOps), e, e)
        .map(([op, left, right]): Expr => ({ kind: "Binary", pos, op, left, right })),
      fc.tuple(fc.constantFrom(...unaryOps), e).map(([op, operand]): Expr => ({ kind: "Unary", pos, op, operand })),
      fc.tuple(e, typeName).map(([x, type]): Expr => ({ kind: "Cast", pos, expr: x, type })),
      fc.tuple(e, fc.boolean()).map(([x, not]): Expr => ({ kind: "IsNull", pos, expr: x, not })),
      fc
        .tuple(e, fc.constantFrom("true", "false", "unknown" as const), fc.boolean())
        .map(([x, value, not]): Expr => ({ kind: "IsBool", pos, expr: x, value, not })),
      fc
        .tuple(e, e, fc.boolean())
        .map(([left, right, not]): Expr => ({ kind: "IsDistinctFrom", pos, left, right, not })),
      fc
        .tuple(e, e, e, fc.boolean(), fc.boolean())
        .map(([x, low, high, not, symmetric]): Expr => ({ kind: "Between", pos, expr: x, low, high, not, symmetric })),
      fc
        .tuple(
          e,
          small.filter((l) => l.length > 1 || notSubquery(l[0]!)),
          fc.boolean(),
        )
        .map(([x, list, not]): Expr => ({ kind: "InList", pos, expr: x, list, not })),
      fc
        .tuple(fc.constantFrom("like", "ilike", "similar" as const), e, e, fc.option(e), fc.boolean())
        .map(
          ([op, x, pattern, esc, not]): Expr =>
            esc === null
              ? { kind: "Like", pos, op, expr: x, pattern, not }
              : { kind: "Like", pos, op, expr: x, pattern, escape: esc, not },
        ),
      fc
        .tuple(
          fc.constantFrom("=", "<>", "<", ">=", "~" as const),
          fc.constantFrom("any", "all" as const),
          e,
          e.filter(notSubquery),
        )
        .map(([op, quantifier, left, array]): Expr => ({ kind: "QuantifiedArray", pos, op, quantifier, left, array })),
      e.map(
        (x): Expr => ({
          kind: "Subquery",
          pos,
          query: { kind: "Select", pos, distinct: false, items: [{ kind: "SelectItem", pos, expr: x }], from: [] },
        }),
      ),
      fc
        .tuple(fc.option(e), fc.array(fc.tuple(e, e), { minLength: 1, maxLength: 2 }), fc.option(e))
        .map(([operand, ws, els]): Expr => {
          const whens = ws.map(([when, then]) => ({ kind: "WhenClause" as const, pos, when, then }));
          const c: { -readonly [K in keyof Extract<Expr, { kind: "Case" }>]?: unknown } = { kind: "Case", pos };
          if (operand !== null) c.operand = operand;
          c.whens = whens;
          if (els !== null) c.else = els;
          return c as Expr;
        }),
      fc
        .tuple(fc.constantFrom("year", "month", "epoch", "dow"), e)
        .map(([field, x]): Expr => ({ kind: "Extract", pos, field, expr: x })),
      fc.tuple(e, e).map(([needle, haystack]): Expr => ({ kind: "Position", pos, needle, haystack })),
      fc.tuple(e, fc.option(e), fc.option(e)).map(([x, s, l]): Expr => {
        const n: { -readonly [K in keyof Extract<Expr, { kind: "Substring" }>]?: unknown } = {
          kind: "Substring",
          pos,
          expr: x,
        };
        if (s !== null) n.start = s;
        if (l !== null) n.length = l;
        return n as Expr;
      }),
      fc
        .tuple(fc.constantFrom("both", "leading", "trailing" as const), fc.option(e), e)
        .map(
          ([side, chars, x]): Expr =>
            chars === null ? { kind: "Trim", pos, side, expr: x } : { kind: "Trim", pos, side, chars, expr: x },
        ),
      fc.array(e, { maxLength: 3 }).map((elements): Expr => ({ kind: "ArrayLiteral", pos, elements })),
      fc.array(e, { maxLength: 3 }).map((items): Expr => ({ kind: "RowExpr", pos, items })),
      fc.tuple(e, e).map(([x, index]): Expr => ({ kind: "Subscript", pos, expr: x, index, slice: false })),
      fc.tuple(e, fc.option(e), fc.option(e)).map(([x, lo, hi]): Expr => {
        const n: { -readonly [K in keyof Extract<Expr, { kind: "Subscript" }>]?: unknown } = {
          kind: "Subscript",
          pos,
          expr: x,
          slice: true,
        };
        if (lo !== null) n.index = lo;
        if (hi !== null) n.upper = hi;
        return n as Expr;
      }),
      fc.tuple(e, identifier).map(([x, field]): Expr => ({ kind: "FieldAccess", pos, expr: x, field })),
      fc
        .tuple(e, fc.array(identifier, { minLength: 1, maxLength: 2 }))
        .map(([x, collation]): Expr => ({ kind: "Collate", pos, expr: x, collation })),
      fc.tuple(e, e).map(([x, zone]): Expr => ({ kind: "AtTimeZone", pos, expr: x, zone })),
      fc
        .tuple(
          fc.constantFrom(...fnNames),
          fc.option(fc.constantFrom("pg_catalog", "s")),
          fc.array(e, { maxLength: 3 }),
          fc.boolean(),
          fc.option(tie("window") as fc.Arbitrary<WindowSpec>),
          fc.option(fc.array(tie("orderItem") as fc.Arbitrary<OrderItem>, { minLength: 1, maxLength: 2 })),
        )
        .map(([name, schema, args, distinct, over, withinGroup]): Expr => {
          const f: { -readonly [K in keyof Extract<Expr, { kind: "FunctionCall" }>]?: unknown } = {
            kind: "FunctionCall",
            pos,
            name,
            args,
            star: false,
            distinct: distinct && args.length > 0,
            approximate: false,
          };
          if (schema !== null) f.schema = schema;
          if (withinGroup !== null) f.withinGroup = withinGroup;
          if (over !== null) f.over = over;
          return f as Expr;
        }),
      fc.boolean().map(
        (approximate): Expr => ({
          kind: "FunctionCall",
          pos,
          name: "count",
          args: [],
          star: true,
          distinct: false,
          approximate,
        }),
      ),
    ),
    orderItem: fc
      .tuple(e, fc.boolean(), fc.option(fc.constantFrom("first", "last" as const)))
      .map(
        ([x, desc, nulls]): OrderItem =>
          nulls === null ? { kind: "OrderItem", pos, expr: x, desc } : { kind: "OrderItem", pos, expr: x, desc, nulls },
      ),
    window: fc
      .tuple(
        fc.array(e, { maxLength: 2 }),
        fc.array(tie("orderItem") as fc.Arbitrary<OrderItem>, { maxLength: 2 }),
        fc.option(
          fc.tuple(
            fc.constantFrom("rows", "range" as const),
            fc.constantFrom("unbounded preceding", "current row", "preceding", "following" as const),
            fc.option(fc.constantFrom("unbounded following", "current row", "following" as const)),
            fc.nat(9),
          ),
        ),
        fc.option(fc.constantFrom("w", "w2")),
      )
      .map(([partitionBy, orderBy, frame, base]): WindowSpec => {
        const w: { -readonly [K in keyof WindowSpec]?: unknown } = {
          kind: "WindowSpec",
          pos,
          ref: false,
          partitionBy,
          orderBy,
        };
        if (base !== null) w.base = base;
        if (frame !== null) {
          const [unit, startType, endType, n] = frame;
          const bound = (type: string) => {
            const offset: Expr = { kind: "NumberLiteral", pos, value: String(n), integer: true };
            return type === "preceding" || type === "following"
              ? { kind: "FrameBound", pos, type, offset }
              : { kind: "FrameBound", pos, type };
          };
          w.frame =
            endType === null
              ? { kind: "WindowFrame", pos, unit, start: bound(startType) }
              : { kind: "WindowFrame", pos, unit, start: bound(startType), end: bound(endType) };
        }
        return w as WindowSpec;
      }),
  };
});

test("property: random expression ASTs print and re-parse to the same AST", () => {
  fc.assert(
    fc.property(expr, (e) => {
      const sql = printExpr(e);
      let back: Expr;
      try {
        back = parseExpression(sql);
      } catch (err) {
        throw new Error(`${(err as Error).message}\n  printed: ${sql}`);
      }
      assert.deepEqual(stripPos(back), stripPos(e), `printed: ${sql}`);
      assert.equal(printExpr(back), sql);
    }),
    { numRuns: 3000 },
  );
});

test("property generator covers the expression kinds and nests them", () => {
  const kinds = new Set<string>();
  let deepest = 0;
  const walk = (n: unknown, depth: number): void => {
    if (Array.isArray(n)) for (const c of n) walk(c, depth);
    else if (n !== null && typeof n === "object") {
      const k = (n as { kind?: string }).kind;
      if (k) kinds.add(k);
      deepest = Math.max(deepest, depth);
      for (const v of Object.values(n)) walk(v, depth + 1);
    }
  };
  for (const e of fc.sample(expr, { numRuns: 500, seed: 42 })) walk(e, 0);
  if (process.env.SQL_PROP_SAMPLE) for (const e of fc.sample(expr, 15)) console.log(printExpr(e));
  assert.ok(kinds.size >= 35, `only ${kinds.size} kinds: ${[...kinds].join(",")}`);
  assert.ok(deepest >= 6);
});
