// tests/e2e/tpch-lakeshift.test.ts
//! Issue 3's acceptance test: the 22 TPC-H queries at SF 0.01 through Lakeshift over the wire
//! (started as the benchmark starts it: `serve` on a free port, loaded with DDL and COPY or
//! INSERTs) give the same answers as DuckDB directly.

import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { compareAnswers } from "../../bench/report/compare.js";
import { DuckDbSystem } from "../../bench/systems/duckdb.js";
import { LakeshiftSystem } from "../../bench/systems/lakeshift.js";
import type { BenchSystem } from "../../bench/systems/types.js";
import { tpchQueries } from "../../bench/tpch/queries.js";
import { generateTpch } from "../../src/gen/index.js";

test("TPC-H SF 0.01 through Lakeshift matches DuckDB", async () => {
  const dir = await mkdtemp(join(tmpdir(), "tpch-ls-test-"));
  const systems: BenchSystem[] = [];
  try {
    const files = await generateTpch({ sf: 0.01, outDir: dir });
    const duck = new DuckDbSystem();
    const ls = new LakeshiftSystem("auto");
    systems.push(duck, ls);
    await duck.start();
    await duck.load(files);
    await ls.start();
    await ls.load(files);
    const failures: string[] = [];
    for (const q of tpchQueries(0.01)) {
      const expected = await duck.run(q.sql);
      try {
        const actual = await ls.run(q.sql, 60);
        const m = compareAnswers(actual.rows, expected.rows);
        if (actual.timedOut) failures.push(`${q.id}: timed out`);
        else if (!m.match) failures.push(`${q.id}: ${m.detail}`);
      } catch (e) {
        failures.push(`${q.id}: ${(e as Error).message}`);
      }
    }
    assert.deepEqual(failures, []);
  } finally {
    for (const s of systems.reverse()) await s.stop().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
});
