// tests/golden/parse-errors.test.ts
//! Runs tests/golden/errors/parse.sql: each input fails to parse with the SQLSTATE (42601 syntax
//! error or 0A000 unsupported construct), the 1-based position and the exact message given.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import { LakeshiftError, ParseError, UnsupportedError } from "../../src/common/errors.js";
import { parseScript } from "../../src/sql/index.js";

const file = resolve(process.cwd(), "tests/golden/errors/parse.sql");
const cases = readFileSync(file, "utf8")
  .split("\n")
  .map((line, i) => ({ line, n: i + 1 }))
  .filter(({ line }) => line.trim() !== "" && !line.startsWith("--"));

test("errors/parse.sql has cases for both SQLSTATEs", () => {
  assert.ok(cases.some((c) => c.line.includes(" -> 42601 ")));
  assert.ok(cases.some((c) => c.line.includes(" -> 0A000 ")));
});

for (const { line, n } of cases) {
  const m = /^(.*?) -> ([0-9A-Z]{5}) (\d+) (.*)$/.exec(line);
  const input = (m?.[1] ?? line).replaceAll("\\n", "\n");
  test(`errors/parse.sql:${n} ${input.slice(0, 60)}`, () => {
    assert.ok(m, `malformed expectation on line ${n}`);
    const [, , sqlstate, position, message] = m;
    assert.throws(
      () => parseScript(input),
      (e: unknown) => {
        assert.ok(e instanceof LakeshiftError);
        assert.ok(sqlstate === "42601" ? e instanceof ParseError : e instanceof UnsupportedError);
        assert.equal(e.sqlstate, sqlstate);
        assert.equal(e.position, Number(position));
        assert.equal(e.message, message);
        return true;
      },
    );
  });
}
