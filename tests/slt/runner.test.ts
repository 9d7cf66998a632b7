// tests/slt/runner.test.ts
//! The slt runner's own parts, without a server: record parsing, value formatting, type letters
//! and the SLT_COMPLETE rewrite.

import assert from "node:assert/strict";
import { test } from "node:test";
import { rewrite, typeLetter } from "../helpers/slt.js";
import { countCases, formatValue, parseSlt, type Query, SltParseError } from "../helpers/slt-parse.js";

const FILE = [
  "# comment",
  "statement ok",
  "create table t (a int)",
  "",
  "statement count 2",
  "insert into t values (1), (2)",
  "",
  "statement error 42P01 nosuch table",
  "select * from nosuch",
  "",
  "connection other",
  "query IT rowsort",
  "select a,",
  "  'x'",
  "from t",
  "----",
  "1\tx",
  "2\tx",
  "",
  "query I",
  "select 1 where false",
  "----",
  "",
  "halt",
  "",
  "statement ok",
  "not reached",
].join("\n");

test("records parse with their kinds, lines, SQL and connection", () => {
  const records = parseSlt(FILE, "f.slt");
  assert.deepEqual(
    records.map((r) => [r.kind, r.line]),
    [
      ["statement-ok", 2],
      ["statement-count", 5],
      ["statement-error", 8],
      ["query", 12],
      ["query", 20],
      ["halt", 24],
      ["statement-ok", 26],
    ],
  );
  const err = records[2]!;
  assert.equal(err.kind, "statement-error");
  if (err.kind === "statement-error") {
    assert.equal(err.sqlstate, "42P01");
    assert.equal(err.message, "nosuch table");
  }
  const q = records[3] as Query;
  assert.equal(q.connection, "other");
  assert.equal(q.sql, "select a,\n  'x'\nfrom t");
  assert.equal(q.types, "IT");
  assert.equal(q.sort, "rowsort");
  assert.deepEqual(q.expected, [
    ["1", "x"],
    ["2", "x"],
  ]);
  assert.equal((records[4] as Query).connection, "default");
  assert.deepEqual((records[4] as Query).expected, []);
  assert.equal(countCases(records), 6);
});

test("bad records are parse errors with file and line", () => {
  assert.throws(
    () => parseSlt("query X\nselect 1\n----\n1\n", "bad.slt"),
    (e: unknown) => {
      return e instanceof SltParseError && e.message.startsWith("bad.slt:1:");
    },
  );
  assert.throws(() => parseSlt("statement error nope\nselect 1\n"), SltParseError);
  assert.throws(() => parseSlt("frobnicate\n"), SltParseError);
});

test("values format as in the result blocks", () => {
  assert.equal(formatValue(null), "NULL");
  assert.equal(formatValue(""), "(empty)");
  assert.equal(formatValue("a\tb\nc\\"), "a\\tb\\nc\\\\");
  assert.equal(formatValue("ab   "), "ab   ");
});

test("type OIDs map to letters", () => {
  assert.deepEqual(
    [20, 21, 23, 700, 701, 1700, 16, 1082, 1114, 1184, 1083, 25, 1043, 1042, 3802].map(typeLetter).join(""),
    "IIIRRRBDPPZTTT?",
  );
});

test("SLT_COMPLETE rewrites letters and result blocks, leaving the rest", () => {
  const text = "query I\nselect 1, 'a'\n----\n9\n\nquery I\nselect 2\n\nstatement ok\nselect 3\n";
  const records = parseSlt(text);
  const q1 = records[0] as Query;
  const q2 = records[1] as Query;
  const out = rewrite(text, [
    { q: q1, rows: [["1", "a"]], letters: "IT" },
    { q: q2, rows: [["2"]], letters: "I" },
  ]);
  assert.equal(out, "query IT\nselect 1, 'a'\n----\n1\ta\n\nquery I\nselect 2\n----\n2\n\nstatement ok\nselect 3\n");
});
