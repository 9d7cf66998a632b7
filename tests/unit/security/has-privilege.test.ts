// tests/unit/security/has-privilege.test.ts
//! The argument forms of the has_*_privilege functions: privilege lists and qualified names.

import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePrivilegeList, splitQualifiedName } from "../../../src/security/has-privilege.js";

test("privilege lists: case, spaces, commas, WITH GRANT OPTION; unknown ones are 22023", () => {
  assert.deepEqual(parsePrivilegeList(" Select , INSERT with  grant option", "table"), [
    { privilege: "select", grantOption: false },
    { privilege: "insert", grantOption: true },
  ]);
  assert.deepEqual(parsePrivilegeList("TEMPORARY", "database"), [{ privilege: "temp", grantOption: false }]);
  for (const [text, kind] of [
    ["usage", "table"],
    ["select with grant", "table"],
    ["select grant option", "table"],
    ["", "table"],
    ["execute", "schema"],
    ["select,", "table"],
  ] as const) {
    assert.throws(
      () => parsePrivilegeList(text, kind),
      (e: { sqlstate?: string }) => e.sqlstate === "22023",
      text,
    );
  }
});

test("qualified names: dots outside quotes split, quoted parts keep case and doubled quotes", () => {
  assert.deepEqual(splitQualifiedName("S.T"), ["s", "t"]);
  assert.deepEqual(splitQualifiedName('"My.Schema"."a""b"'), ["My.Schema", 'a"b']);
  assert.deepEqual(splitQualifiedName(" dev.public.t "), ["dev", "public", "t"]);
  for (const bad of ['"open', "a..b", ".a", 'a"b"', "a."]) {
    assert.throws(
      () => splitQualifiedName(bad),
      (e: { sqlstate?: string }) => /^(42602|22023)$/.test(e.sqlstate ?? ""),
      bad,
    );
  }
});
