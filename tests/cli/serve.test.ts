// tests/cli/serve.test.ts
//! `lakeshift serve` as a newcomer meets it: the generated admin password printed once at first
//! start, the flags' environment equivalents, data that survives a restart, and `lakeshift sql`.

import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import pg from "pg";

const CLI = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "lakeshift-cli-"));
  dirs.push(d);
  return d;
}

interface Running {
  child: ChildProcess;
  port: number;
  output: string;
}

async function serve(args: string[], env: Record<string, string | undefined>): Promise<Running> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  const child = spawn(process.execPath, [CLI, "serve", ...args], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (b: Buffer) => {
      output += b.toString();
      const m = /listening on [^\s:]+:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const running: Running = { child, port, output };
  child.stdout?.on("data", (b: Buffer) => {
    running.output += b.toString();
  });
  return running;
}

async function stop(r: Running): Promise<void> {
  if (r.child.exitCode !== null) return;
  const exited = new Promise((resolve) => r.child.once("exit", resolve));
  r.child.kill("SIGTERM");
  await exited;
}

test("first start prints a generated admin password once; data and password survive a restart", async () => {
  const data = tempDir();
  const lake = tempDir();
  const env = { LAKESHIFT_ADMIN_PASSWORD: undefined, LAKESHIFT_HOST: "127.0.0.1", LAKESHIFT_PORT: "0" };
  const first = await serve(["--data-dir", data, "--lake-dir", lake], env);
  const m = /Created superuser "admin" with password: (\S+)/.exec(first.output);
  assert.ok(m, `no generated password in:\n${first.output}`);
  const password = m[1] as string;
  const c1 = new pg.Client({ host: "127.0.0.1", port: first.port, user: "admin", password, database: "dev" });
  await c1.connect();
  await c1.query("create table kept (id int, note varchar(20))");
  await c1.query("insert into kept values (1, 'one'), (2, 'two')");
  await c1.end();
  await stop(first);

  // The environment names the same settings as the flags.
  const second = await serve([], { ...env, LAKESHIFT_DATA_DIR: data, LAKESHIFT_LAKE_DIR: lake });
  assert.doesNotMatch(second.output, /Created superuser/);
  const c2 = new pg.Client({ host: "127.0.0.1", port: second.port, user: "admin", password, database: "dev" });
  await c2.connect();
  const r = await c2.query("select id, note from kept order by id");
  assert.deepEqual(r.rows, [
    { id: 1, note: "one" },
    { id: 2, note: "two" },
  ]);
  await c2.end();
  const wrong = new pg.Client({
    host: "127.0.0.1",
    port: second.port,
    user: "admin",
    password: "nope",
    database: "dev",
  });
  await assert.rejects(wrong.connect(), { code: "28P01" });

  // `lakeshift sql --command` prints an aligned table, as psql does.
  const out = spawnSync(
    process.execPath,
    [
      CLI,
      "sql",
      "--port",
      String(second.port),
      "--password",
      password,
      "--command",
      "select id, note from kept order by id",
    ],
    { encoding: "utf8" },
  );
  assert.equal(out.status, 0, out.stderr);
  assert.match(out.stdout, /^ id \| note\s*\n-+\+-+/);
  assert.match(out.stdout, /\n 1\s+\| one\s*\n 2\s+\| two\s*\n\(2 rows\)/);
  const bad = spawnSync(
    process.execPath,
    [CLI, "sql", "--port", String(second.port), "--password", password, "--command", "select nope from kept"],
    {
      encoding: "utf8",
    },
  );
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /ERROR: {2}column "nope" does not exist \(SQLSTATE 42703\)/);
  await stop(second);
});

test("an invalid port is refused with a clear message", () => {
  const r = spawnSync(
    process.execPath,
    [CLI, "serve", "--port", "70000", "--data-dir", tempDir(), "--lake-dir", tempDir()],
    {
      encoding: "utf8",
    },
  );
  assert.equal(r.status, 2);
  assert.match(r.stderr, /invalid port/);
});

test("--tls-cert/--tls-key: psql with sslmode=require connects over TLS", async () => {
  const dir = tempDir();
  const gen = spawnSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1"].concat([
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
    ]),
    { encoding: "utf8" },
  );
  assert.equal(gen.status, 0, gen.stderr);
  const env = { LAKESHIFT_ADMIN_PASSWORD: "tls-secret", LAKESHIFT_PORT: "0" };
  const s = await serve(
    [
      "--data-dir",
      tempDir(),
      "--lake-dir",
      tempDir(),
      "--tls-cert",
      join(dir, "cert.pem"),
      "--tls-key",
      join(dir, "key.pem"),
    ],
    env,
  );
  try {
    assert.match(s.output, /listening on .*TLS/);
    const r = spawnSync("psql", ["-X", "-A", "-t", "-c", "select 40 + 2"], {
      encoding: "utf8",
      env: {
        ...process.env,
        PGHOST: "127.0.0.1",
        PGPORT: String(s.port),
        PGUSER: "admin",
        PGDATABASE: "dev",
        PGPASSWORD: "tls-secret",
        PGSSLMODE: "require",
      },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), "42");
  } finally {
    await stop(s);
  }
});

test("without the native DataRow encoder the server warns once at startup and serves the same bytes", async () => {
  const env = { LAKESHIFT_ADMIN_PASSWORD: "pw-native", LAKESHIFT_HOST: "127.0.0.1", LAKESHIFT_PORT: "0" };
  // The same file in each server's lake, for COPY (whose plain integers, decimals and CHAR padding
  // the addon parses; without it the SQL conversion does all).
  const lakes = [tempDir(), tempDir()];
  const copyLines = ["1|7|-12.5|ab", "2|+8|12.345|abc", "3| 9 |0.5|", "4|1e3|1|x", "5|-2147483648|-0.01|wxyz"];
  for (const lake of lakes) {
    mkdirSync(join(lake, "inbox"), { recursive: true });
    writeFileSync(join(lake, "inbox", "c.txt"), `${copyLines.join("\n")}\n`);
  }
  const native = await serve(["--data-dir", tempDir(), "--lake-dir", lakes[0] as string], {
    ...env,
    LAKESHIFT_NATIVE: undefined,
  });
  const fallback = await serve(["--data-dir", tempDir(), "--lake-dir", lakes[1] as string], {
    ...env,
    LAKESHIFT_NATIVE: "off",
  });
  try {
    assert.equal(
      (fallback.output.match(/WARNING: native DataRow encoder not loaded/g) ?? []).length,
      1,
      fallback.output,
    );
    assert.match(fallback.output, /LAKESHIFT_NATIVE=off/);
    // 3000 rows (two DuckDB chunks) of every type the native encoder formats, with NULLs.
    const rows: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const n = (v: string) => (i % 7 === 3 ? "null" : v);
      rows.push(
        `(${i}, ${n(String(i * 7919 - 9000000))}, ${n(`${i % 2 ? "-" : ""}${i * 1234567}.${String(i % 100).padStart(2, "0")}`)}, ` +
          `${n(`'${i % 2 ? "-" : ""}${i}12345678901234567.${String(i).padStart(10, "0")}'`)}, ${n(`date '1992-01-01' + ${i * 11}`)}, ` +
          `${n(`'${"é".repeat(i % 5)}row ${i}${"x".repeat(i % 40)}'`)}, ${n(i % 2 ? "true" : "false")}, ${n(`${i} / 7.0`)})`,
      );
    }
    const results: unknown[][][] = [];
    const copies: unknown[][] = [];
    for (const r of [native, fallback]) {
      const c = new pg.Client({
        host: "127.0.0.1",
        port: r.port,
        user: "admin",
        password: "pw-native",
        database: "dev",
      });
      await c.connect();
      await c.query(
        "create table t (id int, i bigint, d decimal(15,2), h decimal(38,10), dt date, s varchar(200), b boolean, f float8)",
      );
      await c.query(`insert into t values ${rows.join(", ")}`);
      const res = await c.query({
        text: "select * from t order by id",
        rowMode: "array",
        types: { getTypeParser: () => (v: string) => v },
      });
      results.push(res.rows as unknown[][]);
      await c.query("create table c (id int, n int, d decimal(8,2), ch char(3))");
      await c.query("copy c from 's3://inbox/c.txt' iam_role default maxerror 5");
      const copied = await c.query({ text: "select * from c order by id", rowMode: "array" });
      const errors = await c.query({
        text: "select line_number, trim(colname), err_code from stl_load_errors order by line_number",
        rowMode: "array",
      });
      copies.push([copied.rows, errors.rows]);
      await c.end();
    }
    assert.deepEqual(copies[0], [
      [
        [1, 7, "-12.50", "ab "],
        [2, 8, "12.34", "abc"],
        [3, 9, "0.50", "   "],
      ],
      [
        ["4", "n", 1207],
        ["5", "ch", 1204],
      ],
    ]);
    assert.deepEqual(copies[1], copies[0], "COPY without the addon loads the same rows and errors");
    assert.equal(results[0]?.length, 3000);
    assert.deepEqual(results[0]?.[1]?.slice(0, 7), [
      "1",
      "-8992081",
      "-1234567.01",
      "-112345678901234567.0000000001",
      "1992-01-12",
      "érow 1x",
      "t",
    ]);
    assert.deepEqual(results[0]?.[3], ["3", null, null, null, null, null, null, null]);
    assert.deepEqual(results[0], results[1]);
    assert.ok(!/native DataRow encoder not loaded/.test(native.output) || process.env.CI === undefined, native.output);
  } finally {
    await stop(native);
    await stop(fallback);
  }
});
