// bench/lake/s3rver.ts
//! s3rver (npm) in a child process on loopback for the lake benchmarks, so its buffers and CPU
//! are not counted in the measuring process. Needs --openssl-legacy-provider for paged listings.

import { type ChildProcess, spawn } from "node:child_process";

export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/** Starts s3rver storing under `dir` with the given buckets; resolves to its endpoint. */
export async function startS3rver(
  dir: string,
  buckets: readonly string[],
): Promise<{ endpoint: string; child: ChildProcess }> {
  const script = `const S3rver = require("s3rver");
new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: ${JSON.stringify(dir)}, configureBuckets: ${JSON.stringify(buckets.map((name) => ({ name })))} })
  .run().then((a) => console.log("PORT " + a.port));`;
  const child = spawn(process.execPath, ["--openssl-legacy-provider", "-e", script], {
    cwd: process.cwd(),
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`s3rver exited (${code})`)));
    child.stdout?.on("data", (d: Buffer) => {
      const m = /PORT (\d+)/.exec(d.toString());
      if (m) resolve(m[1] ?? "");
    });
  });
  return { endpoint: `http://127.0.0.1:${port}`, child };
}
