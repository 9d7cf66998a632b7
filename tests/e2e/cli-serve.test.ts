// tests/e2e/cli-serve.test.ts
//! `lakeshift serve` as a newcomer starts it: configured through LAKESHIFT_* variables instead of
//! flags, with the admin password generated and printed once at first start (and not again),
//! one DuckDB file per database under the data dir, data kept across restarts.

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import pg from "pg";
import { startServer } from "../helpers/server.js";

async function scalar(conn: pg.ClientConfig, sql: string): Promise<unknown> {
  const c = new pg.Client({ ...conn, connectionTimeoutMillis: 10_000 });
  await c.connect();
  try {
    const { rows } = await c.query({ text: sql, rowMode: "array" });
    return (rows[0] as unknown[] | undefined)?.[0];
  } finally {
    await c.end();
  }
}

describe("lakeshift serve", { timeout: 120_000 }, () => {
  test("env configuration, a generated admin password printed once, data kept across restarts", async () => {
    const server = await startServer({ password: null, viaEnv: true });
    try {
      const printed = /Created superuser "admin" with password: (\S+)/.exec(server.output());
      assert.ok(printed, `no generated password in the output:\n${server.output()}`);
      assert.equal(server.password, printed[1]);
      assert.ok(existsSync(join(server.dataDir, "dev.duckdb")), "the dev database is <data-dir>/dev.duckdb");

      await scalar(server.connection(), "create table kept (a int)");
      await scalar(server.connection(), "insert into kept values (42)");
      await assert.rejects(scalar(server.connection({ password: "guess" }), "select 1"), { code: "28P01" });

      await server.restart();
      assert.doesNotMatch(server.output(), /password/i, "the password is printed only at first start");
      assert.equal(await scalar(server.connection(), "select a from kept"), 42);
    } finally {
      await server.stop();
    }
  });
});
