// tests/unit/sql/walk.test.ts
//! children()/walk() reach every node: for each identity.sql statement, the nodes a walk visits
//! are exactly the objects with a `kind` found by scanning all properties.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import type { Node } from "../../../src/sql/index.js";
import { maxParamIndex, parse, parseExpression, parseStatement, print, walk } from "../../../src/sql/index.js";
import { stripPos } from "./strip-pos.js";

function scan(n: unknown, acc: Set<unknown>): void {
  if (Array.isArray(n)) for (const c of n) scan(c, acc);
  else if (n !== null && typeof n === "object") {
    if ("kind" in n) acc.add(n);
    for (const v of Object.values(n)) scan(v, acc);
  }
}

test("walk visits every node of every identity.sql statement exactly once", () => {
  const lines = readFileSync(resolve(process.cwd(), "tests/golden/identity.sql"), "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("--"))
    .map((l) => (l.includes(" -> ") ? l.slice(0, l.indexOf(" -> ")) : l));
  let total = 0;
  for (const line of lines) {
    const stmt = parse(line)[0]!;
    const expected = new Set<unknown>();
    scan(stmt, expected);
    const seen: Node[] = [];
    walk(stmt, (n) => {
      seen.push(n);
      return undefined;
    });
    assert.equal(seen.length, expected.size, line);
    assert.deepEqual(new Set(seen), expected, line);
    total += seen.length;
  }
  assert.ok(total > 2500, `only ${total} nodes`);
});

test("walk can prune subtrees; maxParamIndex finds the highest $n", () => {
  const s = parseStatement("SELECT $1, (SELECT $4) FROM t WHERE a = $2");
  assert.equal(maxParamIndex(s), 4);
  const kinds: string[] = [];
  walk(s, (n) => {
    kinds.push(n.kind);
    return n.kind === "Subquery" ? false : undefined;
  });
  assert.ok(kinds.includes("Subquery"));
  assert.equal(kinds.filter((k) => k === "Param").length, 2);
  assert.equal(maxParamIndex(parseStatement("SELECT 1")), 0);
});

const EXPR_KINDS = new Set([
  "NumberLiteral",
  "StringLiteral",
  "BooleanLiteral",
  "NullLiteral",
  "TypedLiteral",
  "IntervalLiteral",
  "Param",
  "DefaultValue",
  "ColumnRef",
  "Star",
  "Unary",
  "Binary",
  "Cast",
  "Extract",
  "Position",
  "Substring",
  "Trim",
  "Case",
  "IsNull",
  "IsBool",
  "IsDistinctFrom",
  "Between",
  "InList",
  "InSubquery",
  "Like",
  "QuantifiedSubquery",
  "QuantifiedArray",
  "Exists",
  "Subquery",
  "ArrayLiteral",
  "Subscript",
  "FieldAccess",
  "RowExpr",
  "Collate",
  "AtTimeZone",
  "FunctionCall",
]);

test("every node of every identity.sql statement prints; every expression re-parses to itself", () => {
  const lines = readFileSync(resolve(process.cwd(), "tests/golden/identity.sql"), "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("--"))
    .map((l) => (l.includes(" -> ") ? l.slice(0, l.indexOf(" -> ")) : l));
  let exprs = 0;
  for (const line of lines) {
    walk(parse(line)[0]!, (n) => {
      const text = print(n);
      assert.ok(text.length > 0, `${n.kind} in ${line}`);
      if (EXPR_KINDS.has(n.kind)) {
        exprs++;
        assert.deepEqual(stripPos(parseExpression(text)), stripPos(n), `${text} (from ${line})`);
      }
      return undefined;
    });
  }
  assert.ok(exprs > 1000, `${exprs} expressions`);
});
