// tests/golden/identity.test.ts
//! Runs tests/golden/identity.sql: each line parses to one statement, prints to the canonical
//! text (the part after ` -> `, or the line itself), and the printed text re-parses to the same
//! AST ignoring `pos`. Printing is idempotent.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import { parse, print } from "../../src/sql/index.js";
import { stripPos } from "../unit/sql/strip-pos.js";

const file = resolve(process.cwd(), "tests/golden/identity.sql");
const cases = readFileSync(file, "utf8")
  .split("\n")
  .map((line, i) => ({ line, n: i + 1 }))
  .filter(({ line }) => line.trim() !== "" && !line.startsWith("--"));

test("identity.sql has at least 250 cases", () => {
  assert.ok(cases.length >= 250, `only ${cases.length} cases`);
});

for (const { line, n } of cases) {
  const sep = line.indexOf(" -> ");
  const input = sep >= 0 ? line.slice(0, sep) : line;
  const expected = sep >= 0 ? line.slice(sep + 4) : line;
  test(`identity.sql:${n} ${input.slice(0, 80)}`, () => {
    const stmts = parse(input);
    assert.equal(stmts.length, 1);
    const printed = print(stmts[0]!);
    assert.equal(printed, expected);
    const again = parse(printed);
    assert.equal(again.length, 1);
    assert.deepEqual(stripPos(again[0]), stripPos(stmts[0]));
    assert.equal(print(again[0]!), printed);
  });
}
