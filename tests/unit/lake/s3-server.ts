// tests/unit/lake/s3-server.ts
//! s3rver (npm) in-process on loopback, for the lake's S3 tests. It does not verify signatures;
//! its paged listings need --openssl-legacy-provider (scripts/run-tests.mjs sets it).

import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { S3Store } from "../../../src/lake/store/s3.js";

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverCtor = new (opts: Record<string, unknown>) => S3rverInstance;

const S3rver = createRequire(import.meta.url)("s3rver") as S3rverCtor;

export interface TestS3 {
  /** Which server: s3rver (npm, signatures not checked) or radosgw (Ceph, a real object store). */
  readonly kind: "s3rver" | "radosgw";
  readonly endpoint: string;
  /** Keys the server accepts. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly store: S3Store;
  close(): Promise<void>;
}

export const TEST_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/** Starts s3rver with the given buckets; `store` is an S3Store pointed at it. */
export async function startS3(buckets: readonly string[]): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), "ls-s3rver-"));
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory,
    resetOnClose: true,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const addr = await server.run();
  const endpoint = `http://127.0.0.1:${addr.port}`;
  const store = new S3Store({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: TEST_CREDENTIALS,
    retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
    partSize: 5 * 1024 * 1024,
  });
  return {
    kind: "s3rver",
    endpoint,
    credentials: TEST_CREDENTIALS,
    store,
    close: async () => {
      store.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
