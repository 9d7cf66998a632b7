// tests/slt/slt.test.ts
//! One node:test per SQL logic test file under tests/slt/<area>/*.slt, each against a fresh
//! Lakeshift server (own data dir), over the wire. Environment:
//!   SLT_FILTER=<substring>  run only matching files
//!   SLT_COMPLETE=1          rewrite mismatching expected results in place (review the diff!)
//!   SLT_CONCURRENCY=<n>     files run at once (default 2)
//!   SLT_URL=postgres://...  run against an existing server instead, one fresh database per file
//!                           (for checking files against a real PostgreSQL).

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startServer } from "../helpers/server.js";
import { describeFailures, runSltFile, type SltResult, type SltTarget } from "../helpers/slt.js";

/** dist/tests/slt/slt.test.js -> <repo>/tests/slt */
const SLT_DIR = fileURLToPath(new URL("../../../tests/slt/", import.meta.url));
const REPO = fileURLToPath(new URL("../../../", import.meta.url));

function sltFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sltFiles(p));
    else if (name.endsWith(".slt")) out.push(p);
  }
  return out;
}

async function withExistingServer(url: string, path: string): Promise<SltResult> {
  const u = new URL(url);
  const base: SltTarget = {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1) || "dev",
  };
  const db = `slt_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client(base);
  await admin.connect();
  try {
    await admin.query(`create database ${db}`);
    try {
      return await runSltFile(path, { ...base, database: db });
    } finally {
      await admin.query(`drop database ${db}`);
    }
  } finally {
    await admin.end();
  }
}

async function withFreshServer(path: string): Promise<SltResult> {
  const server = await startServer();
  try {
    const result = await runSltFile(path, server.connection());
    if (!server.alive()) throw new Error(`the server died during ${path}`);
    return result;
  } catch (e) {
    throw new Error(`${(e as Error).message}\nserver output:\n${server.output().slice(-4000)}`);
  } finally {
    await server.stop();
  }
}

const filter = process.env.SLT_FILTER;
const files = sltFiles(SLT_DIR).filter((f) => !filter || f.includes(filter));
const concurrency = Number(process.env.SLT_CONCURRENCY ?? 2);

describe("sql logic tests", { concurrency }, () => {
  test("there are slt files", () => {
    assert.ok(files.length > 0 || filter !== undefined, `no .slt files under ${SLT_DIR}`);
  });
  for (const file of files) {
    const name = relative(REPO, file);
    test(name, { timeout: 180_000 }, async () => {
      const url = process.env.SLT_URL;
      const result = url ? await withExistingServer(url, file) : await withFreshServer(file);
      assert.ok(result.cases > 0, `${name} has no cases`);
      if (result.failures.length > 0) {
        assert.fail(
          `${result.failures.length} of ${result.cases} case(s) failed\n\n${describeFailures(name, result.failures)}`,
        );
      }
    });
  }
});
