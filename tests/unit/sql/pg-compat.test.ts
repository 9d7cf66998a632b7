// tests/unit/sql/pg-compat.test.ts
//! Checks the printer against a real PostgreSQL 15, started for the test (as the benchmark starts
//! it), or the one LAKESHIFT_SQL_PG_URL names. (1) Every identity.sql statement Postgres can parse still parses after
//! our canonical print. (2) Random expressions printed with minimal parentheses evaluate in
//! Postgres exactly like their fully parenthesized form, so our precedence table is Postgres'.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { after, before, test } from "node:test";
import fc from "fast-check";
import pg from "pg";
import type { Expr } from "../../../src/sql/index.js";
import { parseStatement, parseType, print, printExpr } from "../../../src/sql/index.js";
import { PostgresSystem } from "../../../bench/systems/postgres.js";

const url = process.env.LAKESHIFT_SQL_PG_URL;
let server: PostgresSystem | undefined;
let target: pg.ClientConfig = { connectionString: url };
before(async () => {
  if (url) return;
  server = new PostgresSystem();
  await server.start();
  target = server.pgTarget();
});
after(async () => {
  await server?.stop();
});

async function withClient(fn: (run: (sql: string) => Promise<string>) => Promise<void>): Promise<void> {
  const c = new pg.Client(target);
  await c.connect();
  try {
    await fn(async (sql) => {
      await c.query("BEGIN");
      try {
        const r = await c.query(sql);
        return `=${JSON.stringify(r.rows ?? [])}`;
      } catch (e) {
        return `!${(e as { code?: string }).code}`;
      } finally {
        await c.query("ROLLBACK");
      }
    });
  } finally {
    await c.end();
  }
}

test("Postgres accepts the canonical print of every identity.sql statement it accepts as written", async () => {
  const lines = readFileSync(resolve(process.cwd(), "tests/golden/identity.sql"), "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("--"))
    .map((l) => (l.includes(" -> ") ? l.slice(0, l.indexOf(" -> ")) : l));
  await withClient(async (run) => {
    let checked = 0;
    for (const input of lines) {
      const stmt = parseStatement(input);
      if (["Begin", "Commit", "Rollback", "SetTransaction"].includes(stmt.kind)) continue;
      if ((await run(input)) === "!42601") continue; // Redshift-only syntax
      checked++;
      assert.notEqual(await run(print(stmt)), "!42601", `${input}\n  printed: ${print(stmt)}`);
    }
    assert.ok(checked > 200, `${checked} checked`);
  });
});

const pos = 0;
const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.integer({ min: 0, max: 9 }).map((n): Expr => ({ kind: "NumberLiteral", pos, value: String(n), integer: true })),
  fc.constant<Expr>({ kind: "NullLiteral", pos }),
  fc.boolean().map((value): Expr => ({ kind: "BooleanLiteral", pos, value })),
);
const ops = ["+", "-", "*", "/", "%", "^", "=", "<>", "<", ">=", "AND", "OR", "||", "&", "|", "#", "<<"] as const;
const { e } = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { maxDepth: 4 },
    { weight: 3, arbitrary: leaf },
    fc
      .tuple(fc.constantFrom(...ops), tie("e"), tie("e"))
      .map(([op, left, right]): Expr => ({ kind: "Binary", pos, op, left, right })),
    fc
      .tuple(fc.constantFrom("-", "+", "NOT", "~", "|/", "@" as const), tie("e"))
      .map(([op, operand]): Expr => ({ kind: "Unary", pos, op, operand })),
    fc
      .tuple(tie("e"), fc.constantFrom("integer", "text", "boolean", "double precision"))
      .map(([expr, t]): Expr => ({ kind: "Cast", pos, expr, type: parseType(t) })),
    fc
      .tuple(tie("e"), fc.constantFrom("true", "false", "unknown" as const), fc.boolean())
      .map(([expr, value, not]): Expr => ({ kind: "IsBool", pos, expr, value, not })),
    fc
      .tuple(tie("e"), tie("e"), fc.boolean())
      .map(([expr, x, not]): Expr => ({ kind: "InList", pos, expr, list: [x], not })),
    fc
      .tuple(tie("e"), fc.constantFrom("~", "!~", "~*" as const), tie("e"))
      .map(([left, op, right]): Expr => ({ kind: "Binary", pos, op, left, right })),
    fc.tuple(tie("e"), fc.boolean()).map(([expr, not]): Expr => ({ kind: "IsNull", pos, expr, not })),
    fc
      .tuple(tie("e"), tie("e"), tie("e"), fc.boolean())
      .map(([expr, low, high, not]): Expr => ({ kind: "Between", pos, expr, low, high, not, symmetric: false })),
    fc
      .tuple(tie("e"), tie("e"), fc.boolean())
      .map(([expr, pattern, not]): Expr => ({ kind: "Like", pos, op: "like", expr, pattern, not })),
    fc
      .tuple(tie("e"), tie("e"), fc.boolean())
      .map(([left, right, not]): Expr => ({ kind: "IsDistinctFrom", pos, left, right, not })),
  ),
}));

function fullyParenthesized(x: Expr): string {
  const f = fullyParenthesized;
  switch (x.kind) {
    case "Binary":
      return `(${f(x.left)} ${x.op} ${f(x.right)})`;
    case "Unary":
      return `(${x.op} ${f(x.operand)})`;
    case "IsNull":
      return `(${f(x.expr)} IS ${x.not ? "NOT " : ""}NULL)`;
    case "Between":
      return `(${f(x.expr)} ${x.not ? "NOT " : ""}BETWEEN ${f(x.low)} AND ${f(x.high)})`;
    case "Like":
      return `(${f(x.expr)} ${x.not ? "NOT " : ""}LIKE ${f(x.pattern)})`;
    case "IsDistinctFrom":
      return `(${f(x.left)} IS ${x.not ? "NOT " : ""}DISTINCT FROM ${f(x.right)})`;
    case "IsBool":
      return `(${f(x.expr)} IS ${x.not ? "NOT " : ""}${x.value.toUpperCase()})`;
    case "InList":
      return `(${f(x.expr)} ${x.not ? "NOT " : ""}IN (${x.list.map(f).join(", ")}))`;
    case "Cast":
      return `CAST(${f(x.expr)} AS ${print(x.type)})`;
    default:
      return printExpr(x);
  }
}

test("minimal parentheses mean in Postgres what the AST means", async () => {
  await withClient(async (run) => {
    let values = 0;
    const runs = Number(process.env.LAKESHIFT_SQL_PG_RUNS ?? 1500);
    for (const x of fc.sample(e, { numRuns: runs, seed: Number(process.env.LAKESHIFT_SQL_PG_SEED ?? 7) })) {
      const full = await run(`SELECT (${fullyParenthesized(x)})::text AS v`);
      const canon = await run(`SELECT (${printExpr(x)})::text AS v`);
      assert.equal(canon, full, `${printExpr(x)} vs ${fullyParenthesized(x)}`);
      if (full.startsWith("=")) values++;
    }
    assert.ok(values > 500);
  });
});
