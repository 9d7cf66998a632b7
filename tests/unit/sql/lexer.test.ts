// tests/unit/sql/lexer.test.ts
//! The char-code lexer: identifiers and folding, quoting, strings, numbers, operators, comments,
//! and line/column spans.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ParseError } from "../../../src/common/errors.js";
import { tokenize } from "../../../src/sql/lexer/index.js";

const kv = (sql: string) => tokenize(sql).map((t) => `${t.kind}:${t.value}`);

test("unquoted identifiers fold to lower case; keywords are words", () => {
  assert.deepEqual(kv("SELECT Foo_1, bar$x FROM T"), [
    "word:select",
    "word:foo_1",
    "op:,",
    "word:bar$x",
    "word:from",
    "word:t",
    "eof:",
  ]);
});

test("quoted identifiers keep case, spaces, semicolons and doubled quotes", () => {
  const t = tokenize(`"MixedCase" "a;b" "say ""hi""" "é ü"`);
  assert.deepEqual(
    t.slice(0, 4).map((x) => [x.kind, x.value]),
    [
      ["qident", "MixedCase"],
      ["qident", "a;b"],
      ["qident", 'say "hi"'],
      ["qident", "é ü"],
    ],
  );
});

test("strings: '' escapes, E'' backslash escapes, N'', dollar quotes", () => {
  const t = tokenize(`'it''s' E'a\\nb\\t\\\\\\'x\\x41\\101\\u00e9' N'nat' $$a 'b' c$$ $fn$x$$y$fn$ ''`);
  assert.deepEqual(
    t.filter((x) => x.kind === "string").map((x) => x.value),
    ["it's", "a\nb\t\\'xAAé", "nat", "a 'b' c", "x$$y", ""],
  );
});

test("numbers: integers, decimals, leading and trailing dots, exponents", () => {
  assert.deepEqual(kv("1 1.5 .5 1. 1e10 2.5E-3 7e+2"), [
    "number:1",
    "number:1.5",
    "number:.5",
    "number:1.",
    "number:1e10",
    "number:2.5E-3",
    "number:7e+2",
    "eof:",
  ]);
});

test("parameters and punctuation", () => {
  assert.deepEqual(kv("$1 + $23 :: ( ) [ ] , ; . :"), [
    "param:1",
    "op:+",
    "param:23",
    "op:::",
    "op:(",
    "op:)",
    "op:[",
    "op:]",
    "op:,",
    "op:;",
    "op:.",
    "op::",
    "eof:",
  ]);
});

test("operator runs never end in + or - (a<>-1, a!=-1, a||-1 are two operators)", () => {
  assert.deepEqual(kv("a!=-1"), ["word:a", "op:!=", "op:-", "number:1", "eof:"]);
  assert.deepEqual(kv("a||-1"), ["word:a", "op:||", "op:-", "number:1", "eof:"]);
  assert.deepEqual(kv("a~+b"), ["word:a", "op:~", "op:+", "word:b", "eof:"]);
  assert.deepEqual(kv("a<>-1"), ["word:a", "op:<>", "op:-", "number:1", "eof:"]);
  assert.deepEqual(kv("a*-1"), ["word:a", "op:*", "op:-", "number:1", "eof:"]);
  assert.deepEqual(kv("a !~* b"), ["word:a", "op:!~*", "word:b", "eof:"]);
  assert.deepEqual(kv("a||b"), ["word:a", "op:||", "word:b", "eof:"]);
  assert.deepEqual(kv("a<=b>=c!=d"), ["word:a", "op:<=", "word:b", "op:>=", "word:c", "op:!=", "word:d", "eof:"]);
  assert.deepEqual(kv("#tmp"), ["op:#", "word:tmp", "eof:"]);
});

test("comments: -- to end of line, nested /* */, and a comment starting inside an operator run", () => {
  assert.deepEqual(kv("a -- x\n+ /* one /* two */ still */ b"), ["word:a", "op:+", "word:b", "eof:"]);
  assert.deepEqual(kv("a+--c\nb"), ["word:a", "op:+", "word:b", "eof:"]);
  assert.deepEqual(kv("a/*c*/b"), ["word:a", "word:b", "eof:"]);
});

test("spans: start/end offsets and 1-based line/column across newlines and multi-line strings", () => {
  const t = tokenize("select\n  'a\nb' x,\n\ty");
  const x = t.find((k) => k.value === "x")!;
  assert.equal(x.start, 15);
  assert.equal(x.line, 3);
  assert.equal(x.column, 4);
  const y = t.find((k) => k.value === "y")!;
  assert.deepEqual([y.line, y.column, y.start, y.end], [4, 2, 19, 20]);
  const eof = t[t.length - 1]!;
  assert.equal(eof.kind, "eof");
  assert.equal(eof.start, 20);
});

test("lexical errors are ParseErrors with positions", () => {
  const cases: [string, RegExp, number][] = [
    ["select 'abc", /^unterminated quoted string at or near "'abc" at line 1, column 8$/, 8],
    ['select "abc', /^unterminated quoted identifier/, 8],
    ["select /* x", /^unterminated \/\* comment/, 8],
    ["select $$abc", /^unterminated dollar-quoted string/, 8],
    ['select ""', /^zero-length delimited identifier/, 8],
    ["select\n  a \\ b", /^syntax error at or near "\\" at line 2, column 5$/, 12],
  ];
  for (const [sql, re, position] of cases) {
    assert.throws(
      () => tokenize(sql),
      (e: unknown) => {
        assert.ok(e instanceof ParseError, sql);
        assert.match(e.message, re);
        assert.equal(e.sqlstate, "42601");
        assert.equal(e.position, position, sql);
        return true;
      },
    );
  }
});

test("a 10k-token statement lexes in linear time", () => {
  const sql = `SELECT ${Array.from({ length: 3000 }, (_, i) => `c${i} + 'x${i}'`).join(", ")} FROM t`;
  const t0 = performance.now();
  const toks = tokenize(sql);
  const ms = performance.now() - t0;
  assert.equal(toks.length, 3000 * 4 + 3);
  assert.ok(ms < 200, `took ${ms} ms`);
});
