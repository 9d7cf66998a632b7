// tests/unit/plan/memory-catalog.test.ts
//! The in-memory CatalogReader resolves names like the store: search_path, then pg_catalog.

import assert from "node:assert/strict";
import { test } from "node:test";
import { MemoryCatalog } from "../../../src/catalog/memory.js";
import { T } from "../../../src/sql/types.js";

test("relations resolve through the search path, then pg_catalog", () => {
  const c = new MemoryCatalog({ searchPath: ["app", "public"] });
  c.addTable({ name: "t", columns: [{ name: "a", type: T.integer }] });
  const appT = c.addTable({ schema: "app", name: "t", columns: [{ name: "b", type: T.text }] });
  c.addTable({ schema: "pg_catalog", name: "pg_class", kind: "system", columns: [] });
  assert.equal(c.relation({ name: "t" })?.oid, appT.oid);
  assert.equal(c.relation({ schema: "public", name: "t" })?.schema, "public");
  assert.equal(c.relation({ name: "pg_class" })?.kind, "system");
  assert.equal(c.relation({ name: "nope" }), undefined);
  assert.equal(appT.engineName, '"dev"."app"."t"');
  assert.deepEqual(
    appT.columns.map((x) => [x.name, x.ordinal, x.encoding]),
    [["b", 1, "none"]],
  );
  assert.ok(c.schema("dev", "app"));
  assert.equal(c.schema("dev", "nope"), undefined);
});

test("other databases and system functions", () => {
  const c = new MemoryCatalog();
  c.addTable({ name: "x", columns: [] }, "other");
  assert.deepEqual(c.databases(), ["dev", "other"]);
  assert.equal(c.relation({ database: "other", name: "x" })?.database, "other");
  assert.equal(c.relation({ name: "x" }), undefined);
  c.addSystemFunction({ name: "f", engineName: '"s"."f"', returns: T.text });
  assert.equal(c.systemFunction("f")?.engineName, '"s"."f"');
});
