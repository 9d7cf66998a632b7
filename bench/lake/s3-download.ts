// bench/lake/s3-download.ts
//! The S3 download alone: S3Store.download of one large object from s3rver on loopback (a child
//! process), timed by wall clock and by this process's CPU (process.cpuUsage) and s3rver's (/proc).
//! Usage: node --openssl-legacy-provider dist/bench/lake/s3-download.js [--file bench/data/tpch-sf1/lineitem.tbl]
//!   [--dir /tmp/ls-s3dl] [--reps 3] [--part-mib 64] [--concurrency 4]
//! `--dir` keeps s3rver's storage between runs, so the object is uploaded (not timed) only once.

import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { S3Store } from "../../src/lake/store/s3.js";
import { S3RVER_CREDENTIALS, startS3rver } from "./s3rver.js";

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? dflt) : dflt;
}

/** user+system CPU seconds of a process, from /proc (Linux). */
function procCpu(pid: number | undefined): number {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

async function main(): Promise<void> {
  const file = resolve(arg("file", "bench/data/tpch-sf1/lineitem.tbl"));
  const dir = resolve(arg("dir", "/tmp/ls-s3dl"));
  const reps = Number(arg("reps", "3"));
  const partSize = Number(arg("part-mib", "64")) * 1024 * 1024;
  const concurrency = Number(arg("concurrency", "4"));
  mkdirSync(dir, { recursive: true });
  const { child, endpoint } = await startS3rver(join(dir, "s3rver"), ["bench"]);
  const opts = { endpoint, region: "us-east-1", forcePathStyle: true, credentials: S3RVER_CREDENTIALS };
  const store = new S3Store({ ...opts, downloadPartSize: partSize, downloadConcurrency: concurrency });
  try {
    const ref = { bucket: "bench", key: "download/object" };
    const size = statSync(file).size;
    const have = await store.head(ref);
    if (have?.size !== size) await store.upload(ref, file);
    const info = await store.head(ref);
    const out = join(dir, "out");
    const lines: string[] = [];
    for (let i = 0; i < reps; i++) {
      rmSync(out, { force: true });
      const s0 = procCpu(child.pid);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const got = await store.download(ref, out, info);
      const wall = (performance.now() - t0) / 1000;
      const c = process.cpuUsage(c0);
      const server = procCpu(child.pid) - s0;
      if (got.size !== size || statSync(out).size !== size) throw new Error(`downloaded ${got.size} of ${size} bytes`);
      lines.push(
        `wall ${wall.toFixed(2)} s  cpu ${((c.user + c.system) / 1e6).toFixed(2)} s (user ${(c.user / 1e6).toFixed(2)}, sys ${(c.system / 1e6).toFixed(2)})  s3rver ${server.toFixed(2)} s`,
      );
    }
    process.stdout.write(`${size} bytes, ${partSize / 1048576} MiB parts x ${concurrency}\n${lines.join("\n")}\n`);
    rmSync(out, { force: true });
  } finally {
    store.destroy();
    child.kill();
  }
}

await main();
