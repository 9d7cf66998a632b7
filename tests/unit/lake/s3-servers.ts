// tests/unit/lake/s3-servers.ts
//! The S3 servers every S3 test case runs against: s3rver (npm, in-process, always there) and
//! Ceph's radosgw (Debian packages; verifies SigV4, a real object store). Without radosgw
//! installed the radosgw cases are reported loudly as not run (a failing TODO naming the
//! packages); in CI (CI=true) a missing radosgw fails the run.

import { after, before, describe, test } from "node:test";
import { radosgwMissing, startRadosgw } from "./radosgw-server.js";
import { startS3, type TestS3 } from "./s3-server.js";

export interface S3ServerKind {
  readonly name: TestS3["kind"];
  start(buckets: readonly string[]): Promise<TestS3>;
  /** Why it cannot run here (undefined: it can). */
  missing(): string | undefined;
}

export const S3_SERVERS: readonly S3ServerKind[] = [
  { name: "s3rver", start: startS3, missing: () => undefined },
  { name: "radosgw", start: startRadosgw, missing: radosgwMissing },
];

/**
 * Declares `body`'s cases once per S3 server, each in its own describe with a fresh server holding
 * `buckets`; `s3()` is the running server (valid inside hooks and tests).
 */
export function describeOnS3Servers(
  title: string,
  buckets: readonly string[],
  body: (s3: () => TestS3, kind: TestS3["kind"]) => void,
): void {
  for (const kind of S3_SERVERS) {
    describe(`${title} (${kind.name})`, { timeout: 300_000 }, () => {
      const missing = kind.missing();
      if (missing && process.env.CI !== "true") {
        test(`${kind.name}: NOT RUN because ${missing}`, { todo: missing }, () => {
          throw new Error(missing);
        });
        return;
      }
      let server: TestS3 | undefined;
      before(async () => {
        server = await kind.start(buckets);
      });
      body(() => {
        if (!server) throw new Error(`${kind.name} did not start`);
        return server;
      }, kind.name);
      after(async () => {
        await server?.close();
      });
    });
  }
}
