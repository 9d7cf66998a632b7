// tests/unit/catalog/engine-runner.test.ts
//! The catalog over the real engine: EngineConnection satisfies SqlRunner structurally, and the
//! values its all() returns load into snapshots (a guard against the two drifting apart).

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { SqlRunner } from "../../../src/catalog/runner.js";
import { CatalogStore } from "../../../src/catalog/store/catalog-store.js";
import { installSystemViews } from "../../../src/catalog/system/install.js";
import { Engine } from "../../../src/engine/index.js";

test("CatalogStore and system views over Engine connections", async () => {
  const dir = mkdtempSync(join(tmpdir(), "lakeshift-catalog-engine-"));
  const engine = await Engine.open({ dataDir: dir });
  try {
    await engine.createDatabase("dev");
    const conn = await engine.connect("dev");
    const runner: SqlRunner = conn;
    const store = await CatalogStore.open(runner, ["dev"]);
    await installSystemViews(runner, ["dev"]);
    await installSystemViews(runner, ["dev"]);
    await runner.run("SET VARIABLE ls_search_path = ['public']");
    await runner.run("BEGIN");
    await runner.run(`CREATE TABLE "dev"."public"."t" (a VARCHAR)`);
    const oid = await store.createTable(runner, {
      database: "dev",
      schema: "public",
      name: "t",
      columns: [{ name: "a", type: { id: "varchar", length: 30 }, identity: { seed: 5, step: 2 } }],
      owner: "rdsdb",
      distStyle: "even",
    });
    // Users live in dev too, so this joins the same transaction.
    await store.createUser(runner, { name: "u1", validUntil: new Date("2031-02-03T04:05:06Z") });
    await runner.run("COMMIT");
    await store.afterCommit(runner);
    const rel = store.readerFor({ database: "dev", searchPath: ["public"], runner }).relation({ name: "t" });
    assert.equal(rel?.oid, oid);
    assert.equal(rel?.distStyle, "even");
    assert.deepEqual(rel?.columns[0]?.type, { id: "varchar", length: 30 });
    assert.deepEqual(rel?.columns[0]?.identity, { seed: 5, step: 2 });
    assert.equal(store.getUser("u1")?.validUntil?.toISOString(), "2031-02-03T04:05:06.000Z");
    const r = await runner.all(
      `SELECT c.relname, "ls_sys"."dev/pg_catalog".format_type(a.atttypid, a.atttypmod)
       FROM "ls_sys"."dev/pg_catalog".pg_class c JOIN "ls_sys"."dev/pg_catalog".pg_attribute a ON a.attrelid = c.oid
       WHERE "ls_sys"."dev/pg_catalog".pg_table_is_visible(c.oid) AND c.relnamespace = 2200`,
    );
    assert.deepEqual(r.rows, [["t", "character varying(30)"]]);
    conn.close();
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
