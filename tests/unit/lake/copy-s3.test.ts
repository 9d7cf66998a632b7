// tests/unit/lake/copy-s3.test.ts
//! COPY and UNLOAD against S3 (s3rver and radosgw on loopback), and bad input: truncated gzip, a missing
//! object or bucket, a server that drops the connection mid-object. Each fails the COPY with a
//! clear error and leaves the table unchanged.

import assert from "node:assert/strict";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { gzipSync } from "node:zlib";
import { T } from "../../../src/sql/types.js";
import { type Harness, openHarness } from "./copy-harness.js";
import { describeOnS3Servers } from "./s3-servers.js";

/** An HTTP proxy to s3rver that cuts GETs of keys containing 'flaky' after half the body (`drops` times). */
async function flakyProxy(upstream: string, drops: { left: number }): Promise<{ endpoint: string; server: Server }> {
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    const up = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (r) => {
        const cut = req.method === "GET" && (req.url ?? "").includes("flaky") && drops.left > 0;
        res.writeHead(r.statusCode ?? 500, r.headers);
        if (!cut) {
          r.pipe(res);
          return;
        }
        drops.left--;
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => {
          const body = Buffer.concat(chunks);
          res.write(body.subarray(0, Math.floor(body.length / 2)));
          setTimeout(() => res.socket?.destroy(), 10);
        });
      },
    );
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describeOnS3Servers("COPY and UNLOAD on S3", ["lake"], (server) => {
  let s3: ReturnType<typeof server>;
  let h: Harness;
  let proxy: { endpoint: string; server: Server };
  const drops = { left: 0 };

  before(async () => {
    s3 = server();
    proxy = await flakyProxy(s3.endpoint, drops);
    h = await openHarness({
      s3: {
        endpoint: proxy.endpoint,
        forcePathStyle: true,
        credentials: s3.credentials,
        retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
        // Objects of a few parts, so a cut-off part is fetched again on its own.
        downloadPartSize: 16 * 1024,
      },
    });
    await h.table("t", [
      { name: "id", type: T.integer, ddl: "INTEGER" },
      { name: "name", type: { id: "varchar", length: 10 }, ddl: "VARCHAR" },
    ]);
  });
  after(async () => {
    await h.close();
    await new Promise((r) => proxy.server.close(r));
  });

  async function count(): Promise<bigint> {
    return (await h.rows("SELECT count(*) FROM dev.public.t"))[0]?.[0] as bigint;
  }

  test("gzip text under a prefix, through the read cache", async () => {
    await s3.store.put({ bucket: "lake", key: "in/a.gz" }, gzipSync("1|one\n2|two\n"));
    await s3.store.put({ bucket: "lake", key: "in/b.gz" }, gzipSync("3|three\n"));
    const r = await h.copy("copy t from 's3://lake/in/' iam_role default gzip");
    assert.deepEqual([r.rows, r.files], [3, 2]);
    assert.deepEqual(await h.rows("SELECT id, name FROM dev.public.t ORDER BY id"), [
      [1, "one"],
      [2, "two"],
      [3, "three"],
    ]);
  });

  test("CREDENTIALS with keys reach the same endpoint", async () => {
    await h.conn.run("DELETE FROM dev.public.t");
    const { accessKeyId, secretAccessKey } = s3.credentials;
    const r = await h.copy(
      `copy t from 's3://lake/in/a.gz' credentials 'aws_access_key_id=${accessKeyId};aws_secret_access_key=${secretAccessKey}' gzip`,
    );
    assert.equal(r.rows, 2);
  });

  test("UNLOAD to S3 then COPY back", async () => {
    await h.conn.run("DELETE FROM dev.public.t");
    await h.conn.run("INSERT INTO dev.public.t VALUES (7, 'seven'), (8, NULL)");
    const u = await h.unload(
      "unload ('select * from t') to 's3://lake/out/t_' iam_role default format parquet manifest",
    );
    assert.deepEqual(u.files, ["s3://lake/out/t_0000_part_00.parquet", "s3://lake/out/t_manifest"]);
    const manifest = JSON.parse((await s3.store.get({ bucket: "lake", key: "out/t_manifest" })).toString());
    assert.equal(manifest.entries[0].url, "s3://lake/out/t_0000_part_00.parquet");
    await h.conn.run("DELETE FROM dev.public.t");
    await h.copy("copy t from 's3://lake/out/t_0000' iam_role default parquet");
    assert.deepEqual(await h.rows("SELECT id, name FROM dev.public.t ORDER BY id"), [
      [7, "seven"],
      [8, null],
    ]);
  });

  test("a truncated gzip fails the COPY and leaves the table unchanged", async () => {
    const before = await count();
    const full = gzipSync(Buffer.from("9|nine\n".repeat(5000)));
    await s3.store.put({ bucket: "lake", key: "bad/t.gz" }, full.subarray(0, Math.floor(full.length / 2)));
    await assert.rejects(
      h.copy("copy t from 's3://lake/bad/t.gz' iam_role default gzip"),
      /gzip|compress|truncat|EOF/i,
    );
    assert.equal(await count(), before);
  });

  test("a missing object, a missing bucket", async () => {
    const before = await count();
    await assert.rejects(h.copy("copy t from 's3://lake/none/x' iam_role default"), /prefix 'none\/x' does not exist/);
    await assert.rejects(h.copy("copy t from 's3://nobucket/x' iam_role default"), /bucket does not exist/);
    assert.equal(await count(), before);
  });

  test("a dropped connection is retried; dropped every time, the COPY fails cleanly", async () => {
    await h.conn.run("DELETE FROM dev.public.t");
    const body = "1|x\n".repeat(20000);
    await s3.store.put({ bucket: "lake", key: "flaky/a.txt" }, body);
    drops.left = 1;
    const r = await h.copy("copy t from 's3://lake/flaky/a.txt' iam_role default");
    assert.equal(r.rows, 20000);
    await h.conn.run("DELETE FROM dev.public.t");
    await s3.store.put({ bucket: "lake", key: "flaky/b.txt" }, `${body}2|y\n`);
    drops.left = 100;
    await assert.rejects(h.copy("copy t from 's3://lake/flaky/b.txt' iam_role default"), /S3ServiceException/);
    assert.equal(await count(), 0n);
    drops.left = 0;
  });

  test("a denied object names the action and the object", async () => {
    h.roles.put({
      arn: "arn:aws:iam::123456789012:role/reader",
      policies: [{ Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*" }] }],
    });
    await assert.rejects(
      h.unload("unload ('select 1') to 's3://lake/denied/x_' iam_role 'arn:aws:iam::123456789012:role/reader'"),
      /not authorized to perform s3:PutObject on s3:\/\/lake\/denied\/x_0000_part_00/,
    );
    assert.equal((await s3.store.list("lake", "denied/")).objects.length, 0);
  });
});
