// tests/e2e/cli-serve.test.ts
//! `lakeshift serve` as a newcomer starts it: configured through LAKESHIFT_* variables instead of
//! flags, with the admin password generated and printed once at first start (and not again),
//! one DuckDB file per database under the data dir, data kept across restarts; and `lakeshift sql`.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, test } from "node:test";
import pg from "pg";
import { startServer } from "../helpers/server.js";

const CLI = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));

/** Runs `lakeshift sql` with `input` on stdin; resolves with its exit code and output. */
function sqlPrompt(
  args: string[],
  input: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "sql", ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString("utf8");
    });
    child.stderr.on("data", (d: Buffer) => {
      out += d.toString("utf8");
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
    child.stdin.end(input);
  });
}

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

  test("lakeshift sql runs statements from its prompt and goes on after an error", async () => {
    const server = await startServer();
    try {
      const c = server.connection();
      const env = { ...process.env, PGPASSWORD: c.password };
      const args = ["--host", c.host, "--port", String(c.port), "--user", c.user, "--database", c.database];
      const { code, out } = await sqlPrompt(
        args,
        "create table prompt_t (a int);\ninsert into prompt_t\n  values (1), (2);\nselect * from nope;\nselect sum(a) as total from prompt_t;\n\\q\n",
        env,
      );
      assert.equal(code, 0, out);
      assert.match(out, /ERROR: .*nope.*\(SQLSTATE 42P01\)/);
      assert.match(out, /total/);
      assert.match(out, /^\s*3\s*$/m);
      const one = await sqlPrompt([...args, "--command", "select count(*) as n from prompt_t"], "", env);
      assert.equal(one.code, 0, one.out);
      assert.match(one.out, /^\s*2\s*$/m);
    } finally {
      await server.stop();
    }
  });
});
