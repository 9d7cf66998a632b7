// tests/golden/duckdb/golden.test.ts
//! Redshift -> DuckDB golden pairs: each block of a *.sql file here is a Redshift statement
//! followed by `=> ` lines with the DuckDB statements it must translate to (or `=> ERROR <sqlstate>`).
//! Every translation is also executed on a real in-memory DuckDB (inside a rolled-back
//! transaction) unless the block has `# execute: false`. GOLDEN_UPDATE=1 rewrites expectations.

import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { LakeshiftError } from "../../../src/common/errors.js";
import { testDuck, toDuck } from "../../unit/translate/fixture.js";

const DIR = resolve(process.cwd(), "tests/golden/duckdb");
const UPDATE = process.env.GOLDEN_UPDATE === "1";

interface Block {
  readonly comments: string[];
  readonly input: string;
  readonly expected: string[];
}

function parseFile(text: string): Block[] {
  return text
    .split(/\n\s*\n/)
    .map((chunk) => chunk.split("\n").filter((l) => l.trim() !== ""))
    .filter((lines) => lines.length > 0)
    .map((lines) => ({
      comments: lines.filter((l) => l.startsWith("#")),
      input: lines.filter((l) => !l.startsWith("#") && !l.startsWith("=>")).join("\n"),
      expected: lines.filter((l) => l.startsWith("=>")).map((l) => l.slice(2).trim()),
    }));
}

function actualOf(input: string): string[] {
  try {
    const out = toDuck(input).sql;
    return out.length === 0 ? ["(nothing)"] : [...out];
  } catch (e) {
    if (e instanceof LakeshiftError) return [`ERROR ${e.sqlstate}`];
    throw e;
  }
}

for (const file of readdirSync(DIR)
  .filter((f) => f.endsWith(".sql"))
  .sort()) {
  test(`golden ${file}`, async (t) => {
    const path = join(DIR, file);
    const blocks = parseFile(readFileSync(path, "utf8"));
    const con = await testDuck();
    const rewritten: string[] = [];
    for (const b of blocks) {
      const actual = actualOf(b.input);
      rewritten.push([...b.comments, b.input, ...actual.map((a) => `=> ${a}`)].join("\n"));
      if (!UPDATE) assert.deepEqual(actual, b.expected, `translation of:\n${b.input}`);
      if (actual[0]?.startsWith("ERROR") || actual[0] === "(nothing)" || b.comments.includes("# execute: false"))
        continue;
      await t.test(b.input.slice(0, 60), async () => {
        await con.run("BEGIN");
        try {
          for (const s of actual) await con.run(s);
        } finally {
          await con.run("ROLLBACK");
        }
      });
    }
    if (UPDATE) writeFileSync(path, `${rewritten.join("\n\n")}\n`);
  });
}
