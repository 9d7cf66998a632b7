// tests/unit/translate/result-types.test.ts
//! The binder's result types agree with the types DuckDB reports for the translated SQL (so the
//! session can announce the binder's type and still send DuckDB's binary values).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import type { SqlType } from "../../../src/sql/types.js";
import { sqlTypeFromDuck } from "../../../src/translate/index.js";
import { testDuck, toDuck } from "./fixture.js";

const FILES = ["select.sql", "functions.sql"].map((f) => resolve(process.cwd(), "tests/golden/duckdb", f));

/** Same family: strings are strings; JSON (SUPER) comes back as VARCHAR from the node API. */
function family(t: SqlType): string {
  return t.id === "char" || t.id === "text" || t.id === "super" || t.id === "unknown" ? "varchar" : t.id;
}

test("bound result types match DuckDB's for every golden query", async () => {
  const con = await testDuck();
  let checked = 0;
  for (const file of FILES) {
    for (const block of readFileSync(file, "utf8").split(/\n\s*\n/)) {
      // Blocks the golden harness does not run either (host functions a bare DuckDB lacks).
      if (block.split("\n").includes("# execute: false")) continue;
      const input = block
        .split("\n")
        .filter((l) => l && !l.startsWith("#") && !l.startsWith("=>"))
        .join("\n");
      let d: ReturnType<typeof toDuck>;
      try {
        d = toDuck(input);
      } catch {
        continue;
      }
      if (d.kind !== "query" || !d.columns) continue;
      const prepared = await con.prepare(d.sql[0] as string);
      for (let i = 0; i < prepared.columnCount; i++) {
        const duck = String(prepared.columnType(i));
        const bound: SqlType | undefined = d.columns[i]?.type;
        assert.ok(bound, input);
        assert.equal(family(bound), family(sqlTypeFromDuck(duck)), `${input}: column ${i + 1} is ${duck}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 100, `only ${checked} columns checked`);
});
