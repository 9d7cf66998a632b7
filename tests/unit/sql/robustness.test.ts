// tests/unit/sql/robustness.test.ts
//! Bad input never crashes the front end: random text and mangled real statements either parse
//! or throw a LakeshiftError (42601 / 0A000, 22021 for a NUL) with a position inside the input.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { LakeshiftError } from "../../../src/common/errors.js";
import { parseScript, print, tokenize } from "../../../src/sql/index.js";

function check(sql: string): void {
  try {
    for (const s of parseScript(sql)) print(s.stmt);
  } catch (e) {
    if (!(e instanceof LakeshiftError)) throw new Error(`non-Lakeshift error for ${JSON.stringify(sql)}: ${String(e)}`);
    assert.ok(
      e.sqlstate === "42601" || e.sqlstate === "0A000" || e.sqlstate === "22021",
      `${e.sqlstate} for ${JSON.stringify(sql)}`,
    );
    assert.ok(
      e.position !== undefined && e.position >= 1 && e.position <= sql.length + 1,
      `position ${e.position} for ${JSON.stringify(sql)}`,
    );
  }
}

const statements = readFileSync(resolve(process.cwd(), "tests/golden/identity.sql"), "utf8")
  .split("\n")
  .filter((l) => l.trim() && !l.startsWith("--"))
  .map((l) => (l.includes(" -> ") ? l.slice(0, l.indexOf(" -> ")) : l));

test("random strings never crash the lexer or parser", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 60, unit: "binary" }), (s) => check(s)),
    { numRuns: 3000 },
  );
});

test("token soup from SQL keywords and punctuation never crashes the parser", () => {
  const atoms = [
    "select",
    "from",
    "where",
    "(",
    ")",
    ",",
    ";",
    "a",
    "t",
    "1",
    "'x'",
    "=",
    "+",
    "-",
    "*",
    "::",
    "[",
    "]",
    ".",
    "and",
    "or",
    "not",
    "in",
    "is",
    "null",
    "case",
    "when",
    "then",
    "end",
    "join",
    "on",
    "union",
    "order",
    "by",
    "limit",
    "top",
    "create",
    "table",
    "int",
    "insert",
    "into",
    "values",
    "update",
    "set",
    "delete",
    "with",
    "as",
    "over",
    "partition",
    "rows",
    "between",
    "distinct",
    "interval",
    "date",
    "cast",
    "extract",
    "array",
    "$1",
    "#",
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...atoms), { maxLength: 25 }), (ws) => check(ws.join(" "))),
    { numRuns: 5000 },
  );
});

test("real statements with a token deleted, duplicated or swapped never crash the parser", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...statements),
      fc.nat(),
      fc.constantFrom("delete", "duplicate", "swap", "truncate"),
      (sql, k, op) => {
        const toks = tokenize(sql).filter((t) => t.kind !== "eof");
        if (toks.length < 2) return;
        const i = k % toks.length;
        const t = toks[i]!;
        const j = Math.min(i + 1, toks.length - 1);
        const u = toks[j]!;
        let mangled: string;
        if (op === "delete") mangled = sql.slice(0, t.start) + sql.slice(t.end);
        else if (op === "duplicate") mangled = sql.slice(0, t.end) + " " + sql.slice(t.start);
        else if (op === "truncate") mangled = sql.slice(0, t.end);
        else
          mangled =
            sql.slice(0, t.start) +
            sql.slice(u.start, u.end) +
            sql.slice(t.end, u.start) +
            sql.slice(t.start, t.end) +
            sql.slice(u.end);
        check(mangled);
      },
    ),
    { numRuns: 5000 },
  );
});

test("nesting too deep for the parser is 54001 stack depth limit exceeded, not a crash", () => {
  const d = 100000;
  assert.throws(
    () => parseScript(`SELECT ${"(".repeat(d)}1${")".repeat(d)}`),
    (e: unknown) => e instanceof LakeshiftError && e.sqlstate === "54001" && e.message === "stack depth limit exceeded",
  );
});

test("deep nesting is parsed (no accidental quadratic blow-up) up to a few hundred levels", () => {
  const depth = 300;
  const sql = `SELECT ${"(".repeat(depth)}1${")".repeat(depth)} + ${"-".repeat(0)}${Array.from({ length: depth }, () => "f(").join("")}1${")".repeat(depth)}`;
  const t0 = performance.now();
  check(sql);
  assert.ok(performance.now() - t0 < 500);
});
