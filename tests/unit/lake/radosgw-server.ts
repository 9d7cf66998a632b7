// tests/unit/lake/radosgw-server.ts
//! Ceph's radosgw (Debian `radosgw ceph-mon ceph-osd`) as a throwaway single-node S3 server on
//! loopback: one mon, one memstore OSD (pool size 1), radosgw's beast frontend, all in a temp
//! folder, started in the foreground as our children (no systemd) and stopped by their pids.
//! Unlike s3rver it verifies SigV4 signatures and behaves as a real object store (suffix ranges,
//! multipart ETags, paged listings). Cold start to a usable S3 user takes ~10-15 s.

import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { S3Store } from "../../../src/lake/store/s3.js";
import type { TestS3 } from "./s3-server.js";

const run = promisify(execFile);

const PROGRAMS = [
  "/usr/bin/radosgw",
  "/usr/bin/radosgw-admin",
  "/usr/bin/ceph",
  "/usr/bin/ceph-mon",
  "/usr/bin/ceph-osd",
  "/usr/bin/monmaptool",
];

/** Why radosgw cannot run here, or undefined when it is installed. */
export function radosgwMissing(): string | undefined {
  const missing = PROGRAMS.filter((p) => !existsSync(p));
  return missing.length === 0
    ? undefined
    : `radosgw is not installed (${missing.join(", ")} missing): apt-get install radosgw ceph-mon ceph-osd (.ci/run does)`;
}

export const RADOSGW_CREDENTIALS = { accessKeyId: "LAKESHIFTTESTKEY", secretAccessKey: "lakeshift-test-secret-key" };

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function config(dir: string, fsid: string, monPort: number, rgwPort: number): string {
  return `[global]
fsid = ${fsid}
mon host = v2:127.0.0.1:${monPort}
mon initial members = a
public addr = 127.0.0.1
auth cluster required = none
auth service required = none
auth client required = none
auth supported = none
ms bind ipv6 = false
ms bind msgr1 = false
ms mon client mode = crc
ms client mode = crc
ms cluster mode = crc
ms service mode = crc
ms mon service mode = crc
ms mon cluster mode = crc
keyring = /dev/null
run dir = ${dir}/run
admin socket = ${dir}/run/$name.asok
log file = ${dir}/log/$name.log
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon warn on pool no redundancy = false
mon data avail warn = 1
mon data avail crit = 0
osd crush chooseleaf type = 0
mon data = ${dir}/mon/ceph-$id
osd data = ${dir}/osd/ceph-$id
osd objectstore = memstore
memstore device bytes = 1073741824
osd max object name len = 256
osd max object namespace len = 64
rgw frontends = beast endpoint=127.0.0.1:${rgwPort}
rgw data = ${dir}/rgw
rgw dns name = 127.0.0.1
`;
}

async function until(what: string, timeoutMs: number, probe: () => Promise<boolean>, diag: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`radosgw test cluster: ${what} did not happen within ${timeoutMs} ms\n${diag()}`);
}

/** Starts a single-node Ceph cluster with radosgw, creates an S3 user and the given buckets. */
export async function startRadosgw(buckets: readonly string[]): Promise<TestS3> {
  const missing = radosgwMissing();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(join(tmpdir(), "ls-radosgw-"));
  for (const d of ["run", "log", "mon/ceph-a", "osd/ceph-0", "rgw"]) mkdirSync(join(dir, d), { recursive: true });
  const conf = join(dir, "ceph.conf");
  const [monPort, rgwPort] = [await freePort(), await freePort()];
  writeFileSync(conf, config(dir, crypto.randomUUID(), monPort, rgwPort));
  const children: ChildProcess[] = [];
  const killAll = () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  };
  process.once("exit", killAll);
  const daemon = (program: string, args: string[]) => {
    const c = spawn(program, ["-c", conf, "-f", ...args], { stdio: "ignore" });
    children.push(c);
    return c;
  };
  const ceph = async (program: string, args: string[]) =>
    (await run(program, ["-c", conf, ...args], { timeout: 60_000 })).stdout;
  const logs = () =>
    ["mon.a", "osd.0", "client.rgw.a"]
      .map((n) => {
        const p = join(dir, "log", `${n}.log`);
        return existsSync(p) ? `--- ${n}.log (tail)\n${readFileSync(p, "utf8").split("\n").slice(-15).join("\n")}` : "";
      })
      .join("\n");
  const endpoint = `http://127.0.0.1:${rgwPort}`;
  let store: S3Store | undefined;
  const close = async () => {
    store?.destroy();
    for (const c of [...children].reverse()) {
      if (c.exitCode !== null || c.signalCode !== null) continue;
      const exited = new Promise((r) => c.once("exit", r));
      c.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    }
    process.removeListener("exit", killAll);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await run("/usr/bin/monmaptool", ["--create", "--addv", "a", `[v2:127.0.0.1:${monPort}]`, join(dir, "monmap")]);
    await ceph("/usr/bin/ceph-mon", ["--mkfs", "-i", "a", "--monmap", join(dir, "monmap")]);
    daemon("/usr/bin/ceph-mon", ["-i", "a"]);
    const id = (await ceph("/usr/bin/ceph", ["osd", "create"])).trim();
    await ceph("/usr/bin/ceph-osd", ["-i", id, "--mkfs"]);
    daemon("/usr/bin/ceph-osd", ["-i", id]);
    await until(
      "the OSD coming up",
      30_000,
      async () => JSON.parse(await ceph("/usr/bin/ceph", ["osd", "stat", "-f", "json"])).num_up_osds === 1,
      logs,
    );
    daemon("/usr/bin/radosgw", ["-n", "client.rgw.a"]);
    await until("radosgw answering HTTP", 60_000, async () => (await fetch(endpoint)).status > 0, logs);
    await ceph("/usr/bin/radosgw-admin", [
      "user",
      "create",
      "--uid=lakeshift",
      "--display-name=Lakeshift tests",
      `--access-key=${RADOSGW_CREDENTIALS.accessKeyId}`,
      `--secret=${RADOSGW_CREDENTIALS.secretAccessKey}`,
    ]);
    store = new S3Store({
      endpoint,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: RADOSGW_CREDENTIALS,
      retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
      partSize: 5 * 1024 * 1024,
    });
    for (const b of buckets) await store.client.send(new CreateBucketCommand({ Bucket: b }));
  } catch (e) {
    await close();
    throw e;
  }
  return { kind: "radosgw", endpoint, store, credentials: RADOSGW_CREDENTIALS, close };
}
