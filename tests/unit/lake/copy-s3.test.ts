// tests/unit/lake/copy-s3.test.ts
//! COPY and UNLOAD against S3 (s3rver and radosgw on loopback), and bad input: truncated gzip, a missing
//! object or bucket, a server that drops the connection mid-object. Each fails the COPY with a
//! clear error and leaves the table unchanged.

import assert from "node:assert/strict";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { gzipSync } from "node:zlib";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nativePlainNumbers } from "../../../src/engine/index.js";
import { StreamScan } from "../../../src/lake/copy/plain.js";
import { NO_NULL } from "../../../src/lake/copy/stage.js";
import { ReadCache } from "../../../src/lake/store/cache.js";
import { S3Store } from "../../../src/lake/store/s3.js";
import { T } from "../../../src/sql/types.js";
import { withNativeAddon } from "../../helpers/native-addon.js";
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

  withNativeAddon("the plain number scan of a download", () => {
    // 6,000 lines over several 16 KiB parts: lines run across part edges.
    const lines = Array.from({ length: 6000 }, (_x, i) => `${i}|n${i % 100}`);
    const spoiled = lines.map((l, i) => (i === 5000 ? "1e3|x" : l)); // in a late part

    test("is fed by the download as it arrives, a part cut off and fetched again included", async () => {
      const native = nativePlainNumbers() ?? assert.fail("no native scan");
      const dir = mkdtempSync(join(tmpdir(), "ls-scan-cache-"));
      const store = new S3Store({
        endpoint: proxy.endpoint,
        forcePathStyle: true,
        credentials: s3.credentials,
        retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
        downloadPartSize: 16 * 1024,
      });
      try {
        for (const [name, body, plain] of [
          ["clean", lines, true],
          ["spoiled", spoiled, false],
        ] as const) {
          const ref = { bucket: "lake", key: `flaky/scan-${name}.txt` };
          await s3.store.put(ref, `${body.join("\n")}\n`);
          drops.left = 1;
          const rules = Int32Array.from([0, -1]);
          const scan = new StreamScan(native, "|", NO_NULL, 0, rules);
          const cached = await new ReadCache(dir).file(store, ref, undefined, "scan", scan);
          assert.equal(drops.left, 0, "one part was cut off and fetched again");
          const got = scan.result(cached.info.size);
          assert.deepEqual(got, await native.scanPlainNumbers(cached.path, "|", NO_NULL, 0, rules));
          assert.deepEqual(got?.plain, [plain, false]);
          // (With no column left plain the scan stops telling lines.)
          assert.deepEqual(got?.lines, plain ? { blank: false, crlf: false, bareLf: true } : undefined);
        }
      } finally {
        store.destroy();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test("a COPY reads the clean column as INTEGER, and a refused form in a late part is still an invalid digit", async () => {
      await s3.store.put({ bucket: "lake", key: "scan/clean.txt" }, `${lines.join("\n")}\n`);
      await s3.store.put({ bucket: "lake", key: "scan/spoiled.txt" }, `${spoiled.join("\n")}\n`);
      await h.conn.run("DELETE FROM dev.public.t");
      const clean = await h.copySeeingSql("copy t from 's3://lake/scan/clean.txt' iam_role default");
      assert.equal(clean.result.rows, 6000);
      assert.ok(
        clean.statements.some((q) => q.startsWith("INSERT") && q.includes("'f1': 'INTEGER'")),
        "the id column is read as INTEGER",
      );
      assert.deepEqual(await h.rows("SELECT sum(id), count(DISTINCT name) FROM dev.public.t"), [[17997000n, 100n]]);
      await h.conn.run("DELETE FROM dev.public.t");
      await h.conn.run(`DELETE FROM "ls_sys"."lakeshift"."load_errors"`);
      const r = await h.copy("copy t from 's3://lake/scan/spoiled.txt' iam_role default maxerror 1");
      assert.equal(r.rows, 5999);
      assert.deepEqual(
        (await h.loadErrors()).map((e) => [e.line_number, e.colname, e.raw_field_value, e.err_code]),
        [[5001n, "id", "1e3", 1207]],
      );
      assert.deepEqual(await h.rows("SELECT count(*) FROM dev.public.t WHERE id = 1000"), [[1n]]);
    });
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
