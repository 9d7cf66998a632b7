// bench/lake/copy-memory.ts
//! Memory of a large COPY: generates a pipe-delimited file of about --mb megabytes in a temporary
//! folder, COPYs it from the local lake (or, with --s3, from an s3rver on loopback running in a
//! child process, so its buffers are not counted here), samples this process's memory every
//! 50 ms while the COPY runs (collecting garbage first when run with --expose-gc), prints the peaks and deletes everything. The Node heap plus the
//! ArrayBuffers (Buffers) must stay within --bound-mb of where they were before the COPY: a
//! whole-file buffer anywhere would show. RSS is reported too; it includes DuckDB's own memory.
//! Usage: node --expose-gc dist/bench/lake/copy-memory.js [--mb 2048] [--s3] [--bound-mb 64]
//! Prints one JSON line; exits 1 when the bound is exceeded, 2 when there is not enough disk.

import { type ChildProcess, execFileSync } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statfsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { MemoryCatalog } from "../../src/catalog/memory.js";
import { Engine } from "../../src/engine/index.js";
import { Lake } from "../../src/lake/access.js";
import { runCopy } from "../../src/lake/copy/run.js";
import { S3Store } from "../../src/lake/store/s3.js";
import { bindCopy } from "../../src/plan/bind/copy.js";
import { BindState } from "../../src/plan/bind/context.js";
import { RoleStore, requireS3 } from "../../src/security/policy/index.js";
import { tokenize } from "../../src/sql/lexer/lexer.js";
import { parseCopy } from "../../src/sql/parser/copy.js";
import { Cursor } from "../../src/sql/parser/cursor.js";
import { T } from "../../src/sql/types.js";
import { copyConverterWith } from "../../src/translate/duckdb/copy.js";
import { S3RVER_CREDENTIALS, startS3rver } from "./s3rver.js";

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? dflt) : dflt;
}

const MB = 1024 * 1024;

/** Writes rows until the file holds `bytes`; returns the row count. Streamed, with backpressure. */
async function generate(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path, { highWaterMark: 4 * MB });
  let written = 0;
  let rows = 0;
  while (written < bytes) {
    let batch = "";
    for (let i = 0; i < 10000; i++) {
      rows++;
      batch += `${rows}|${(rows * 7919) % 100000}|item number ${rows % 977} of the memory bench|${(rows % 100000) / 100}|2024-${String((rows % 12) + 1).padStart(2, "0")}-${String((rows % 28) + 1).padStart(2, "0")}\n`;
    }
    written += Buffer.byteLength(batch);
    if (!out.write(batch)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return rows;
}

async function main(): Promise<void> {
  const mb = Number(arg("mb", "2048"));
  const boundMb = Number(arg("bound-mb", "64"));
  const s3 = process.argv.includes("--s3");
  const base = arg("dir", tmpdir());
  const fs = statfsSync(base);
  const free = fs.bavail * fs.bsize;
  const need = mb * MB * (s3 ? 4 : 2);
  if (free < need) {
    process.stdout.write(`${JSON.stringify({ error: `needs ${need / MB} MB free in ${base}, has ${free / MB}` })}\n`);
    process.exit(2);
  }
  const work = mkdtempSync(join(base, "ls-copy-memory-"));
  let s3rver: ChildProcess | undefined;
  try {
    const lakeDir = join(work, "lake");
    mkdirSync(join(lakeDir, "bench"), { recursive: true });
    const file = join(work, "big.txt");
    const rows = await generate(file, mb * MB);
    let endpoint: string | undefined;
    if (s3) {
      const started = await startS3rver(join(work, "s3rver"), ["bench"]);
      s3rver = started.child;
      endpoint = started.endpoint;
      const store = new S3Store({
        endpoint,
        region: "us-east-1",
        forcePathStyle: true,
        credentials: S3RVER_CREDENTIALS,
        partSize: 16 * MB,
      });
      await store.upload({ bucket: "bench", key: "big.txt" }, file);
      store.destroy();
      rmSync(file);
    } else {
      execFileSync("mv", [file, join(lakeDir, "bench", "big.txt")]);
    }
    const engine = await Engine.open({ dataDir: join(work, "data"), threads: 2 });
    await engine.createDatabase("dev");
    const conn = await engine.connect("dev");
    await conn.run(`CREATE SCHEMA IF NOT EXISTS "dev"."public"`);
    await conn.run(
      `CREATE TABLE "dev"."public"."big" (id BIGINT, k INTEGER, label VARCHAR(64), amount DECIMAL(12,2), day DATE)`,
    );
    const catalog = new MemoryCatalog();
    catalog.addTable({
      name: "big",
      columns: [
        { name: "id", type: T.bigint },
        { name: "k", type: T.integer },
        { name: "label", type: { id: "varchar", length: 64 } },
        { name: "amount", type: { id: "decimal", precision: 12, scale: 2 } },
        { name: "day", type: T.date },
      ],
    });
    const roles = new RoleStore();
    const lake = new Lake({
      lakeDir,
      ...(endpoint
        ? {
            s3: {
              endpoint,
              region: "us-east-1",
              forcePathStyle: true,
              credentials: S3RVER_CREDENTIALS,
            },
          }
        : {}),
      roles: { resolve: (s) => roles.resolve(s) },
      authorize: (role, action, bucket, key) => requireS3(roles.resolve(role.arn), action, bucket, key),
    });
    const now = new Date();
    const state = new BindState(catalog, {
      user: "admin",
      database: "dev",
      statementTime: now,
      transactionTime: now,
      sessionInfo: { version: "1", backendPid: 1, currentSchema: "public", settings: () => undefined },
    });
    const sql = "copy big from 's3://bench/big.txt' iam_role default";
    const bound = bindCopy(parseCopy(new Cursor(sql, tokenize(sql))), state);
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    const peak = { heapUsed: 0, arrayBuffers: 0, rss: 0 };
    // With --expose-gc each sample collects first, so it measures what is held, not garbage
    // waiting for the collector.
    const gc = (globalThis as { gc?: () => void }).gc;
    const sample = () => {
      gc?.();
      const m = process.memoryUsage();
      peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
      peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
      peak.rss = Math.max(peak.rss, m.rss);
    };
    const timer = setInterval(sample, 50);
    const t0 = performance.now();
    const result = await runCopy(conn, bound, {
      lake,
      converter: copyConverterWith(engine.copyCasts() ?? undefined),
      identity: { userId: 1, sessionId: 1, queryId: 1, database: "dev" },
    });
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(timer);
    sample();
    const growth = (peak.heapUsed - before.heapUsed + (peak.arrayBuffers - before.arrayBuffers)) / MB;
    const report = {
      source: s3 ? "s3rver" : "local lake",
      fileMb: mb,
      rows,
      loaded: result.rows,
      seconds: Number(seconds.toFixed(1)),
      heapBeforeMb: Number((before.heapUsed / MB).toFixed(1)),
      heapPeakMb: Number((peak.heapUsed / MB).toFixed(1)),
      arrayBuffersPeakMb: Number((peak.arrayBuffers / MB).toFixed(1)),
      rssPeakMb: Number((peak.rss / MB).toFixed(1)),
      heapGrowthMb: Number(growth.toFixed(1)),
      boundMb,
      ok: growth <= boundMb && result.rows === rows,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    lake.close();
    conn.close();
    await engine.close();
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    s3rver?.kill();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
