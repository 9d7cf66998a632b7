// tests/e2e/lake-s3.test.ts
//! COPY and UNLOAD over the wire against an S3 endpoint (s3rver on loopback), configured the way
//! an operator does it: LAKESHIFT_S3_ENDPOINT and the AWS_* keys in the server's environment.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";
import { startS3, TEST_CREDENTIALS, type TestS3 } from "../unit/lake/s3-server.js";

describe("COPY and UNLOAD with an S3 endpoint", () => {
  let s3: TestS3;
  let server: TestServer;
  let c: pg.Client;

  before(async () => {
    s3 = await startS3(["warehouse"]);
    server = await startServer({
      env: {
        LAKESHIFT_S3_ENDPOINT: s3.endpoint,
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
        AWS_REGION: "us-east-1",
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --openssl-legacy-provider`.trim(),
      },
    });
    c = new pg.Client(server.connection());
    await c.connect();
    await c.query("CREATE TABLE events (id BIGINT, kind VARCHAR(16), at DATE)");
  });
  after(async () => {
    await c?.end();
    await server?.stop();
    await s3?.close();
  });

  test("COPY reads gzip parts from the endpoint; UNLOAD writes Parquet back to it", async () => {
    await s3.store.put(
      { bucket: "warehouse", key: "in/events_00.gz" },
      gzipSync("1|click|2024-05-01\n2|view|2024-05-02\n"),
    );
    await s3.store.put({ bucket: "warehouse", key: "in/events_01.gz" }, gzipSync("3|click|2024-05-03\n"));
    const r = await c.query("COPY events FROM 's3://warehouse/in/events_' IAM_ROLE default GZIP");
    assert.equal(r.rowCount, 3);
    await c.query(
      "UNLOAD ('select kind, count(*) as n from events group by kind') TO 's3://warehouse/out/kinds_' IAM_ROLE default FORMAT PARQUET MANIFEST",
    );
    const keys = (await s3.store.list("warehouse", "out/")).objects.map((o) => o.key).sort();
    assert.deepEqual(keys, ["out/kinds_0000_part_00.parquet", "out/kinds_manifest"]);
    await c.query("CREATE TABLE kinds (kind VARCHAR(16), n BIGINT)");
    await c.query("COPY kinds FROM 's3://warehouse/out/kinds_manifest' IAM_ROLE default FORMAT AS PARQUET MANIFEST");
    const k = await c.query("SELECT kind, n::int AS n FROM kinds ORDER BY kind");
    assert.deepEqual(k.rows, [
      { kind: "click", n: 2 },
      { kind: "view", n: 1 },
    ]);
  });
});
