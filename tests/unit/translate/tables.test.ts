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
    assert.match(e.docs, /^https:\/\/(docs\.aws\.amazon\.com\/redshift\/|www\.postgresql\.org\/docs\/)/, e.name);
  }
  const bound = new Set(ALL_FUNCTIONS.map((f) => f.name));
  for (const e of ALL_EMISSIONS) assert.ok(bound.has(e.name), `emission ${e.name} has no signature`);
});

test("every function appears in a golden Redshift -> DuckDB pair", async () => {
  const { readdirSync, readFileSync } = await import("node:fs");
  const { resolve, join } = await import("node:path");
  const dir = resolve(process.cwd(), "tests/golden/duckdb");
  const inputs = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .join("\n")
    .split("\n")
    .filter((l) => !l.startsWith("=>"))
    .join("\n")
    .toLowerCase();
  /** Functions reached through syntax rather than by name. */
  const SYNTAX: Record<string, string> = {
    approximate_count: "approximate count(",
    trunc_date: "trunc(ts)",
    timezone: "at time zone",
    super_path: "j.a",
    array_contains: "= any (current_schemas",
    write_timestamp: "default sysdate",
    write_getdate: "default getdate()",
    write_timestamptz: "default current_timestamp",
    write_date: "default current_date",
    extract: "extract(",
    position: "position(",
    array_literal: "array['r'",
    array_subquery: "array(select",
    array_subscript: "[s.r]",
    array_slice: "[1:1]",
    record_field: "(r.keys).x",
  };
  const missing = ALL_FUNCTIONS.filter((f) => {
    const names = [f.name, ...(f.aliases ?? [])];
    const syntax = SYNTAX[f.name];
    return syntax ? !inputs.includes(syntax) : !names.some((n) => inputs.includes(`${n}(`));
  }).map((f) => f.name);
  assert.deepEqual(missing, []);
});
