// tests/unit/sql/property-query.test.ts
//! Property: random query ASTs (SELECT with joins, derived tables, grouping, windows, set
//! operations with tails, CTEs, VALUES) print and re-parse to the same AST. View definitions are
//! stored as printed text and parsed again, so this round trip must be exact.

import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { Alias, Expr, OrderItem, Query, Select, SelectItem, TableRef, With } from "../../../src/sql/index.js";
import { parseStatement, printQuery } from "../../../src/sql/index.js";
import { stripPos } from "./strip-pos.js";

const pos = 0;
const name = fc.constantFrom("a", "b", "c", "t", "u", "x", "Col", "select", "date", "s");
const column: fc.Arbitrary<Expr> = fc
  .array(name, { minLength: 1, maxLength: 2 })
  .map((parts) => ({ kind: "ColumnRef", pos, parts }));
const int: fc.Arbitrary<Expr> = fc
  .nat(50)
  .map((n) => ({ kind: "NumberLiteral", pos, value: String(n), integer: true }));

const { query } = fc.letrec<{ query: Query; select: Select; expr: Expr; table: TableRef }>((tie) => {
  const q = tie("query") as fc.Arbitrary<Query>;
  const e = tie("expr") as fc.Arbitrary<Expr>;
  const alias: fc.Arbitrary<Alias | null> = fc.option(
    fc
      .tuple(name, fc.option(fc.array(name, { minLength: 1, maxLength: 2 })))
      .map(
        ([n, cols]): Alias =>
          cols === null ? { kind: "Alias", pos, name: n } : { kind: "Alias", pos, name: n, columns: cols },
      ),
  );
  const order: fc.Arbitrary<OrderItem> = fc
    .tuple(e, fc.boolean(), fc.option(fc.constantFrom("first", "last" as const)))
    .map(([expr, desc, nulls]) =>
      nulls === null ? { kind: "OrderItem", pos, expr, desc } : { kind: "OrderItem", pos, expr, desc, nulls },
    );
  const tail = fc.record(
    {
      orderBy: fc.array(order, { minLength: 1, maxLength: 2 }),
      limit: int,
      offset: int,
      with: fc
        .tuple(
          fc.boolean(),
          fc.array(fc.tuple(name, fc.option(fc.array(name, { minLength: 1, maxLength: 2 })), q), {
            minLength: 1,
            maxLength: 2,
          }),
        )
        .map(
          ([recursive, ctes]): With => ({
            kind: "With",
            pos,
            recursive,
            ctes: ctes.map(([n, cols, query]) =>
              cols === null
                ? { kind: "Cte", pos, name: n, query }
                : { kind: "Cte", pos, name: n, columns: cols, query },
            ),
          }),
        ),
    },
    { requiredKeys: [] },
  );
  return {
    expr: fc.oneof(
      { maxDepth: 2, depthIdentifier: "sql" },
      { weight: 5, arbitrary: column },
      { weight: 2, arbitrary: int },
      fc
        .tuple(fc.constantFrom("=", "+", "AND", "OR", "||" as const), column, e)
        .map(([op, left, right]): Expr => ({ kind: "Binary", pos, op, left, right })),
      q.map((query): Expr => ({ kind: "Subquery", pos, query })),
      fc
        .tuple(column, q, fc.boolean())
        .map(([expr, query, not]): Expr => ({ kind: "InSubquery", pos, expr, query, not })),
      q.map((query): Expr => ({ kind: "Exists", pos, query })),
      fc.tuple(fc.constantFrom("sum", "count", "max"), column, fc.boolean()).map(
        ([n, arg, over]): Expr =>
          over
            ? {
                kind: "FunctionCall",
                pos,
                name: n,
                args: [arg],
                star: false,
                distinct: false,
                approximate: false,
                over: { kind: "WindowSpec", pos, ref: false, partitionBy: [arg], orderBy: [] },
              }
            : { kind: "FunctionCall", pos, name: n, args: [arg], star: false, distinct: false, approximate: false },
      ),
    ),
    table: fc.oneof(
      { maxDepth: 2, depthIdentifier: "sql" },
      {
        weight: 4,
        arbitrary: fc.tuple(fc.array(name, { minLength: 1, maxLength: 3 }), alias).map(([parts, a]): TableRef => {
          const objectName =
            parts.length === 3
              ? { kind: "ObjectName" as const, pos, database: parts[0], schema: parts[1], name: parts[2]! }
              : parts.length === 2
                ? { kind: "ObjectName" as const, pos, schema: parts[0], name: parts[1]! }
                : { kind: "ObjectName" as const, pos, name: parts[0]! };
          return a === null
            ? { kind: "TableName", pos, name: objectName }
            : { kind: "TableName", pos, name: objectName, alias: a };
        }),
      },
      fc
        .tuple(q, alias, fc.boolean())
        .map(
          ([query, a, lateral]): TableRef =>
            a === null
              ? { kind: "DerivedTable", pos, query, lateral }
              : { kind: "DerivedTable", pos, query, alias: a, lateral },
        ),
      fc
        .tuple(
          tie("table") as fc.Arbitrary<TableRef>,
          tie("table") as fc.Arbitrary<TableRef>,
          fc.constantFrom("inner", "left", "right", "full", "cross" as const),
          fc.boolean(),
          e,
          fc.boolean(),
        )
        .map(([left, right, type, natural, on, using]): TableRef => {
          // a join's right side is a primary (or a parenthesized join) in the grammar
          const r: TableRef = right.kind === "Join" ? { kind: "ParenJoin", pos, join: right } : right;
          if (type === "cross" || natural)
            return { kind: "Join", pos, type, natural: natural && type !== "cross", left, right: r };
          return using
            ? { kind: "Join", pos, type, natural: false, left, right: r, using: ["a"] }
            : { kind: "Join", pos, type, natural: false, left, right: r, on };
        }),
    ),
    select: fc
      .record(
        {
          distinct: fc.boolean(),
          items: fc.array(
            fc
              .tuple(fc.oneof(e, fc.constant<Expr>({ kind: "Star", pos })), fc.option(name))
              .map(
                ([expr, a]): SelectItem =>
                  a === null || expr.kind === "Star"
                    ? { kind: "SelectItem", pos, expr }
                    : { kind: "SelectItem", pos, expr, alias: a },
              ),
            { minLength: 1, maxLength: 3 },
          ),
          from: fc.array(tie("table") as fc.Arbitrary<TableRef>, { maxLength: 2 }),
          where: e,
          groupBy: fc.array(e, { minLength: 1, maxLength: 2 }),
          having: e,
          qualify: e,
        },
        { requiredKeys: ["distinct", "items", "from"] },
      )
      .chain((s) => tail.map((t) => ({ kind: "Select" as const, pos, ...s, ...t }) as Select)),
    query: fc.oneof(
      { maxDepth: 2, depthIdentifier: "sql" },
      { weight: 4, arbitrary: tie("select") as fc.Arbitrary<Select> },
      fc
        .tuple(fc.constantFrom("union", "intersect", "except" as const), fc.boolean(), q, q, tail)
        .map(([op, all, left, right, t]): Query => ({ kind: "SetOperation", pos, op, all, left, right, ...t })),
      fc
        .tuple(fc.array(fc.array(e, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 2 }), tail)
        .map(([rows, t]): Query => ({ kind: "Values", pos, rows, ...t })),
    ),
  };
});

test("property: random query ASTs print and re-parse to the same AST", () => {
  fc.assert(
    fc.property(query, (q) => {
      const sql = printQuery(q);
      let back: unknown;
      try {
        back = parseStatement(sql);
      } catch (err) {
        throw new Error(`${(err as Error).message}\n  printed: ${sql}`);
      }
      assert.deepEqual(stripPos(back), stripPos(q), `printed: ${sql}`);
    }),
    { numRuns: Number(process.env.SQL_PROP_RUNS ?? 300) },
  );
});

if (process.env.SQL_PROP_SAMPLE) for (const q of fc.sample(query, 6)) console.log(printQuery(q).slice(0, 400));
