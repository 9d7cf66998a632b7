// tests/unit/translate/tables.test.ts
//! The plan's function table and the translator's emission tables name the same functions.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ALL_FUNCTIONS } from "../../../src/plan/index.js";
import { ALL_EMISSIONS } from "../../../src/translate/index.js";

test("every bound function has exactly one DuckDB emission with a docs URL", () => {
  const emitted = new Map(ALL_EMISSIONS.map((e) => [e.name, e]));
  assert.equal(emitted.size, ALL_EMISSIONS.length, "duplicate emission names");
  for (const f of ALL_FUNCTIONS) {
    const e = emitted.get(f.name);
    assert.ok(e, `no emission for ${f.name}`);
    assert.match(e.docs, /^https:\/\/docs\.aws\.amazon\.com\/redshift\//);
  }
  const bound = new Set(ALL_FUNCTIONS.map((f) => f.name));
  for (const e of ALL_EMISSIONS) assert.ok(bound.has(e.name), `emission ${e.name} has no signature`);
});
