// tests/unit/lake/copy-memory.test.ts
//! A COPY holds no whole file in the Node heap: bench/lake/copy-memory.ts runs in a process of its
//! own, COPYs a generated 48 MB file from the local lake and from s3rver (in another process), and
//! reports how far the heap plus Buffers grew; it must stay within 24 MB, half the file. The 2 GB
//! run is the same script with its defaults (see bench/lake/README.md).

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { test } from "node:test";

const script = fileURLToPath(new URL("../../../bench/lake/copy-memory.js", import.meta.url));
const run = promisify(execFile);

async function measure(extra: readonly string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, ["--expose-gc", script, "--mb", "48", "--bound-mb", "24", ...extra], {
    cwd: fileURLToPath(new URL("../../../..", import.meta.url)),
    maxBuffer: 1 << 20,
  }).catch((e: { stdout?: string; message: string }) => {
    throw new Error(`copy-memory failed: ${e.stdout ?? ""} ${e.message}`);
  });
  return JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as Record<string, unknown>;
}

for (const [name, extra] of [
  ["the local lake", []],
  ["s3rver", ["--s3"]],
] as const) {
  test(`COPY of a 48 MB file from ${name} grows the Node heap by less than 24 MB`, async () => {
    const r = await measure(extra);
    assert.equal(r.loaded, r.rows, JSON.stringify(r));
    assert.ok(Number(r.rows) > 400000, JSON.stringify(r));
    assert.ok(Number(r.heapGrowthMb) <= 24, JSON.stringify(r));
    assert.equal(r.ok, true);
  });
}
