// tests/e2e/tpch-bench.test.ts
//! The benchmark runner end to end at SF 0.01 with DuckDB only: it generates the data and
//! writes the Markdown report, the JSON beside it and a PNG chart into --results-dir.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";

test("npm run bench -- tpch --sf 0.01 --systems duckdb --reps 1 writes md, json and png", async () => {
  const dir = await mkdtemp(join(tmpdir(), "tpch-bench-test-"));
  try {
    const main = resolve("dist/bench/main.js");
    const args = [main, "tpch", "--sf", "0.01", "--systems", "duckdb", "--reps", "1"];
    args.push("--results-dir", join(dir, "results"), "--data-dir", join(dir, "data"));
    const r = spawnSync(process.execPath, args, { encoding: "utf8", timeout: 120000 });
    assert.equal(r.status, 0, r.stderr);
    const files = (await readdir(join(dir, "results"))).sort();
    assert.equal(files.length, 3, files.join(","));
    const base = files[0]!.replace(/\.\w+$/, "");
    assert.match(base, /^\d{4}-\d\d-\d\d-tpch-sf0\.01$/);
    assert.deepEqual(files, [`${base}.json`, `${base}.md`, `${base}.png`]);
    const j = JSON.parse(await readFile(join(dir, "results", `${base}.json`), "utf8"));
    assert.equal(j.sf, 0.01);
    assert.equal(Object.keys(j.queries).length, 22);
    for (const q of Object.values(j.queries) as { duckdb_s: number; lakeshift_s: unknown; postgres_s: unknown }[]) {
      assert.ok(q.duckdb_s > 0);
      assert.equal(q.lakeshift_s, null);
      assert.equal(q.postgres_s, null);
    }
    assert.ok("geomean_ratio_vs_duckdb" in j && "geomean_ratio_vs_postgres" in j && "answers_match" in j);
    const md = await readFile(join(dir, "results", `${base}.md`), "utf8");
    assert.match(md, /\| Q22 \|/);
    assert.match(md, /## Loads/);
    const png = await readFile(join(dir, "results", `${base}.png`));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(existsSync(join(dir, "data", "lineitem.tbl")));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
