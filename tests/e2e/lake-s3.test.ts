// tests/e2e/lake-s3.test.ts
//! COPY and UNLOAD over the wire against an S3 endpoint, configured the way an operator does it:
//! LAKESHIFT_S3_ENDPOINT and the AWS_* keys in the server's environment. The same cases run on
//! s3rver and on Ceph's radosgw (which verifies SigV4 and behaves as a real object store).

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { startServer, type TestServer } from "../helpers/server.js";
import { describeOnS3Servers } from "../unit/lake/s3-servers.js";

describeOnS3Servers("COPY and UNLOAD with an S3 endpoint", ["warehouse"], (s3, kind) => {
  let server: TestServer;
  let c: pg.Client;

  before(async () => {
    server = await startServer({
      env: {
        LAKESHIFT_S3_ENDPOINT: s3().endpoint,
        AWS_ACCESS_KEY_ID: s3().credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3().credentials.secretAccessKey,
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
  });

  const count = async (table: string) => Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

  test("COPY reads gzip parts from the endpoint; UNLOAD writes Parquet back to it", async () => {
    await s3().store.put(
      { bucket: "warehouse", key: "in/events_00.gz" },
      gzipSync("1|click|2024-05-01\n2|view|2024-05-02\n"),
    );
    await s3().store.put({ bucket: "warehouse", key: "in/events_01.gz" }, gzipSync("3|click|2024-05-03\n"));
    const r = await c.query("COPY events FROM 's3://warehouse/in/events_' IAM_ROLE default GZIP");
    assert.equal(r.rowCount, 3);
    await c.query(
      "UNLOAD ('select kind, count(*) as n from events group by kind') TO 's3://warehouse/out/kinds_' IAM_ROLE default FORMAT PARQUET MANIFEST",
    );
    const keys = (await s3().store.list("warehouse", "out/")).objects.map((o) => o.key).sort();
    assert.deepEqual(keys, ["out/kinds_0000_part_00.parquet", "out/kinds_manifest"]);
    await c.query("CREATE TABLE kinds (kind VARCHAR(16), n BIGINT)");
    await c.query("COPY kinds FROM 's3://warehouse/out/kinds_manifest' IAM_ROLE default FORMAT AS PARQUET MANIFEST");
    const k = await c.query("SELECT kind, n::int AS n FROM kinds ORDER BY kind");
    assert.deepEqual(k.rows, [
      { kind: "click", n: 2 },
      { kind: "view", n: 1 },
    ]);
  });

  test("a file above the part size goes up in parts and loads back identically", async () => {
    await c.query("CREATE TABLE big (id BIGINT, label VARCHAR(40))");
    await c.query(
      "INSERT INTO big SELECT n, 'label-' || n || '-' || repeat('x', (n % 17)::int) FROM generate_series(1, 400000) AS g(n)",
    );
    await c.query("UNLOAD ('select * from big') TO 's3://warehouse/big/b_' IAM_ROLE default PARALLEL OFF");
    const parts = (await s3().store.list("warehouse", "big/")).objects;
    assert.equal(parts.length, 1);
    const part = parts[0];
    assert.ok(part && part.size > 8 * 1024 * 1024, `one object above the 8 MiB part size (${part?.size})`);
    // The ETag a multipart upload reports is the one HEAD and listings report: the read cache keys on it.
    const head = await s3().store.head({ bucket: "warehouse", key: part.key });
    assert.ok(head && head.etag.length > 0 && head.etag === part.etag);
    await c.query("CREATE TABLE big2 (id BIGINT, label VARCHAR(40))");
    const r = await c.query("COPY big2 FROM 's3://warehouse/big/b_' IAM_ROLE default");
    assert.equal(r.rowCount, 400000);
    const diff = await c.query(
      "SELECT count(*) AS n FROM (SELECT * FROM big EXCEPT SELECT * FROM big2) UNION ALL SELECT count(*) FROM (SELECT * FROM big2 EXCEPT SELECT * FROM big)",
    );
    assert.deepEqual(
      diff.rows.map((x) => Number(x.n)),
      [0, 0],
    );
  });

  test("CREDENTIALS in the statement sign the requests; a missing object fails cleanly", async () => {
    await s3().store.put({ bucket: "warehouse", key: "cred/e.txt" }, "10|login|2024-06-01\n");
    const before = await count("events");
    const { accessKeyId, secretAccessKey } = s3().credentials;
    const r = await c.query(
      `COPY events FROM 's3://warehouse/cred/e.txt' CREDENTIALS 'aws_access_key_id=${accessKeyId};aws_secret_access_key=${secretAccessKey}'`,
    );
    assert.equal(r.rowCount, 1);
    await assert.rejects(
      c.query("COPY events FROM 's3://warehouse/cred/none.txt' IAM_ROLE default"),
      /prefix 'cred\/none.txt' does not exist/,
    );
    await assert.rejects(c.query("COPY events FROM 's3://no-such-bucket/x' IAM_ROLE default"), /bucket does not exist/);
    assert.equal(await count("events"), before + 1);
  });

  if (kind === "radosgw") {
    test("radosgw verifies signatures: a wrong secret is refused, the table unchanged", async () => {
      const before = await count("events");
      const { accessKeyId } = s3().credentials;
      await assert.rejects(
        c.query(
          `COPY events FROM 's3://warehouse/cred/e.txt' CREDENTIALS 'aws_access_key_id=${accessKeyId};aws_secret_access_key=wrong-secret'`,
        ),
        (e: Error & { code?: string }) => {
          assert.match(e.message, /Access Denied/);
          assert.equal(e.code, "42501");
          return true;
        },
      );
      assert.equal(await count("events"), before);
    });
  }
});
