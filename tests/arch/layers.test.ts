// tests/arch/layers.test.ts
//! Every import in src/ is checked against the allowed dependency table in DESIGN.md.
//! A -> B means A may import B; every layer may import common.

import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { test } from "node:test";

const ALLOWED: Record<string, readonly string[]> = {
  common: [],
  sql: [],
  catalog: ["sql"],
  security: ["catalog", "sql"],
  plan: ["sql", "catalog", "security"],
  translate: ["sql", "plan"],
  engine: [],
  lake: ["engine", "catalog", "plan", "sql"],
  federation: ["engine", "catalog", "plan", "sql"],
  mv: ["plan", "translate", "engine", "catalog", "sql"],
  wlm: ["engine"],
  gen: [],
  session: ["sql", "catalog", "security", "plan", "translate", "engine", "lake", "federation", "mv", "wlm"],
  wire: ["session"],
  api: ["session"],
  cli: ["wire", "api", "session", "gen"],
};
/** Packages only one layer may import. */
const PACKAGE_OWNERS: Record<string, string> = {
  "@duckdb/node-api": "engine",
  "@duckdb/node-bindings": "engine",
};

const SRC = resolve(process.cwd(), "src");

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) tsFiles(p, out);
    else if (name.endsWith(".ts")) out.push(p);
  }
  return out;
}

function importsOf(text: string): string[] {
  const out: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? "");
  return out;
}

test("every src import follows the layer table", () => {
  const violations: string[] = [];
  const files = tsFiles(SRC);
  assert.ok(files.length > 0, "no source files found");
  for (const file of files) {
    const layer = relative(SRC, file).split(/[\\/]/)[0] ?? "";
    assert.ok(layer in ALLOWED, `unknown layer folder src/${layer}`);
    for (const spec of importsOf(readFileSync(file, "utf8"))) {
      if (spec.startsWith(".")) {
        const target = relative(SRC, resolve(join(file, ".."), spec)).split(/[\\/]/)[0] ?? "";
        if (target === layer || target === "common") continue;
        if (!(ALLOWED[layer] ?? []).includes(target))
          violations.push(`${relative(SRC, file)} imports ${target} (${spec})`);
      } else {
        const owner = Object.entries(PACKAGE_OWNERS).find(([p]) => spec === p || spec.startsWith(`${p}/`));
        if (owner && owner[1] !== layer)
          violations.push(`${relative(SRC, file)} imports ${spec}, which only ${owner[1]} may`);
      }
    }
  }
  assert.deepEqual(violations, []);
});

test("wire and api never import each other", () => {
  assert.ok(!ALLOWED.wire?.includes("api"));
  assert.ok(!ALLOWED.api?.includes("wire"));
});
