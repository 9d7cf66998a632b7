// tests/unit/lake/store.test.ts
//! The same object-store cases against the local lake folder and against each S3 server on loopback
//! (s3rver, radosgw).

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { NoSuchBucketError, NoSuchObjectError } from "../../../src/lake/errors.js";
import { ReadCache } from "../../../src/lake/store/cache.js";
import { LocalStore } from "../../../src/lake/store/local.js";
import { S3Store } from "../../../src/lake/store/s3.js";
import { listAll, type ObjectStore } from "../../../src/lake/store/types.js";
import { parseS3Url } from "../../../src/lake/store/url.js";
import { describeOnS3Servers } from "./s3-servers.js";

const md5 = (b: Buffer) => createHash("md5").update(b).digest("hex");

/** The cases, on the store `open` gives (called in a before hook); `close` ends it. */
function cases(open: () => Promise<{ store: ObjectStore; close(): Promise<void> }>): void {
  {
    let store: ObjectStore;
    let close: () => Promise<void>;
    let work: string;
    before(async () => {
      ({ store, close } = await open());
      work = mkdtempSync(join(tmpdir(), "ls-store-"));
    });
    after(async () => {
      await close();
      rmSync(work, { recursive: true, force: true });
    });

    test("put, head, get, ranged get, exists, delete", async () => {
      const ref = { bucket: "lake", key: "dir/a.txt" };
      const body = Buffer.from("0123456789abcdef\u00e9\n", "utf8");
      const put = await store.put(ref, body);
      assert.equal(put.size, body.length);
      const head = await store.head(ref);
      assert.equal(head?.size, body.length);
      assert.ok(head && head.etag.length > 0);
      assert.deepEqual(await store.get(ref), body);
      assert.equal((await store.get(ref, { start: 2, end: 5 })).toString(), "2345");
      assert.equal((await store.get(ref, { start: 10 })).toString(), "abcdef\u00e9\n");
      assert.equal(await store.exists(ref), true);
      await store.delete(ref);
      assert.equal(await store.exists(ref), false);
      assert.equal(await store.head(ref), undefined);
      await store.delete(ref); // deleting a missing object is fine
    });

    test("missing object and missing bucket are told apart", async () => {
      await assert.rejects(store.get({ bucket: "lake", key: "nope.txt" }), NoSuchObjectError);
      await assert.rejects(store.get({ bucket: "no-such-bucket", key: "x" }), NoSuchBucketError);
      await assert.rejects(store.head({ bucket: "no-such-bucket", key: "x" }), NoSuchBucketError);
      assert.equal(await store.bucketExists("no-such-bucket"), false);
      assert.equal(await store.bucketExists("lake"), true);
    });

    test("list pages through a prefix with continuation, in key order", async () => {
      for (let i = 0; i < 25; i++)
        await store.put({ bucket: "lake", key: `data/p${String(i).padStart(2, "0")}` }, `${i}`);
      await store.put({ bucket: "lake", key: "datax/other" }, "x");
      await store.put({ bucket: "lake", key: "data/sub/deep.csv" }, "deep");
      const first = await store.list("lake", "data/", { maxKeys: 10 });
      assert.equal(first.objects.length, 10);
      assert.ok(first.next);
      const second = await store.list("lake", "data/", { maxKeys: 10, continuation: first.next });
      assert.equal(second.objects[0]?.key, "data/p10");
      const all = await listAll(store, "lake", "data/");
      assert.equal(all.length, 26);
      assert.deepEqual(
        all.map((o) => o.key),
        [...all.map((o) => o.key)].sort(),
      );
      assert.ok(all.some((o) => o.key === "data/sub/deep.csv"));
      assert.ok(!all.some((o) => o.key === "datax/other"));
      const prefixed = await listAll(store, "lake", "data");
      assert.equal(prefixed.length, 27);
      assert.equal((await listAll(store, "lake", "nothing-here/")).length, 0);
    });

    test("keys and prefixes with characters that need escaping: put, list, get, download", async () => {
      // The path and the listing's query string are escaped by the SDK and sent as they are;
      // radosgw checks the signature over both.
      const keys = ["odd/a b+c.txt", "odd/x*(y)'!.txt", "odd/é=&?.txt"];
      for (const key of keys) await store.put({ bucket: "lake", key }, key);
      assert.deepEqual(
        (await listAll(store, "lake", "odd/a b+")).map((o) => o.key),
        ["odd/a b+c.txt"],
      );
      assert.deepEqual((await listAll(store, "lake", "odd/")).map((o) => o.key).sort(), [...keys].sort());
      for (const key of keys) {
        assert.equal((await store.get({ bucket: "lake", key })).toString(), key);
        const dst = join(work, "odd.bin");
        await store.download({ bucket: "lake", key }, dst);
        assert.equal(readFileSync(dst, "utf8"), key);
      }
    });

    test("upload of a large file goes in parts and comes back identical", async () => {
      const big = Buffer.alloc(11 * 1024 * 1024 + 123);
      for (let i = 0; i < big.length; i += 4096) big[i] = (i / 4096) % 251;
      const src = join(work, "big.bin");
      writeFileSync(src, big);
      const ref = { bucket: "lake", key: "big/big.bin" };
      const put = await store.upload(ref, src);
      const head = await store.head(ref);
      assert.equal(head?.size, big.length);
      // The ETag the upload reports is the one HEAD reports (the read cache keys on it).
      assert.ok(put.etag.length > 0);
      assert.equal(put.etag, head?.etag);
      const dst = join(work, "back.bin");
      const info = await store.download(ref, dst);
      assert.equal(info.size, big.length);
      assert.equal(md5(readFileSync(dst)), md5(big));
    });

    test("move writes a file the caller is done with; the object replaces an older one whole", async () => {
      const ref = { bucket: "lake", key: "moved/m.bin" };
      await store.put(ref, "old bytes");
      const body = Buffer.from("moved \u00e9 bytes\n".repeat(1000), "utf8");
      const src = join(work, "m.bin");
      writeFileSync(src, body);
      const info = await store.move(ref, src);
      assert.equal(info.size, body.length);
      assert.equal((await store.head(ref))?.etag, info.etag);
      assert.equal(md5(await store.get(ref)), md5(body));
      await assert.rejects(store.move({ bucket: "lake", key: "moved/none" }, join(work, "absent")));
      assert.equal(await store.exists({ bucket: "lake", key: "moved/none" }), false);
    });

    test("the read cache fetches once per version and again after a change", async () => {
      const cache = new ReadCache(join(work, "cache"));
      const ref = { bucket: "lake", key: "cached/v.csv" };
      await store.put(ref, "one\n");
      const a = await cache.file(store, ref);
      assert.equal(readFileSync(a.path, "utf8"), "one\n");
      const b = await cache.file(store, ref);
      assert.equal(b.path, a.path);
      await new Promise((r) => setTimeout(r, 20));
      await store.put(ref, "two two\n");
      const c = await cache.file(store, ref);
      assert.equal(readFileSync(c.path, "utf8"), "two two\n");
      await assert.rejects(cache.file(store, { bucket: "lake", key: "cached/none" }), NoSuchObjectError);
    });
  }
}

describe("local lake folder", () =>
  cases(async () => {
    const root = mkdtempSync(join(tmpdir(), "ls-lake-"));
    const store = new LocalStore(root);
    await store.createBucket("lake");
    return { store, close: async () => rmSync(root, { recursive: true, force: true }) };
  }));

describeOnS3Servers("S3 on loopback", ["lake"], (s3) =>
  cases(async () => ({ store: s3().store, close: async () => {} })),
);

describeOnS3Servers("S3 downloads in parallel ranged GETs", ["lake"], (s3) => {
  let store: S3Store;
  let work: string;
  before(() => {
    const server = s3();
    store = new S3Store({
      endpoint: server.endpoint,
      forcePathStyle: true,
      credentials: server.credentials,
      downloadPartSize: 1000,
      downloadConcurrency: 3,
    });
    work = mkdtempSync(join(tmpdir(), "ls-ranged-"));
  });
  after(() => {
    store.destroy();
    rmSync(work, { recursive: true, force: true });
  });

  test("objects of every size around the part size come back identical, with the ETag HEAD reports", async () => {
    for (const size of [0, 1, 999, 1000, 1001, 2999, 3000, 10_007]) {
      const body = Buffer.alloc(size);
      for (let i = 0; i < size; i++) body[i] = (i * 7 + size) % 256;
      const ref = { bucket: "lake", key: `ranged/${size}.bin` };
      await s3().store.put(ref, body);
      const dst = join(work, `${size}.bin`);
      writeFileSync(dst, "older and longer contents than some of the objects");
      const info = await store.download(ref, dst);
      assert.equal(info.size, size, `size ${size}`);
      assert.equal(md5(readFileSync(dst)), md5(body), `bytes of ${size}`);
      assert.equal(info.etag, (await store.head(ref))?.etag);
    }
  });

  test("an object replaced between its parts fails the download and leaves no file", async () => {
    const ref = { bucket: "lake", key: "ranged/changing.bin" };
    await s3().store.put(ref, Buffer.alloc(3500, 1));
    const changing = new S3Store({
      endpoint: s3().endpoint,
      forcePathStyle: true,
      credentials: s3().credentials,
      downloadPartSize: 1000,
      downloadConcurrency: 1,
    });
    let gets = 0;
    // After the first part, another writer replaces the object (same size, other bytes).
    changing.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "GetObjectCommand" && ++gets === 2)
          await s3().store.put(ref, Buffer.alloc(3500, 2));
        return next(args);
      },
      { step: "initialize" },
    );
    const dst = join(work, "changing.bin");
    try {
      await assert.rejects(changing.download(ref, dst), /changed while it was being downloaded/);
    } finally {
      changing.destroy();
    }
    assert.equal(existsSync(dst), false);
  });

  test("a missing object fails with NoSuchObjectError and leaves no file", async () => {
    const dst = join(work, "none.bin");
    await assert.rejects(store.download({ bucket: "lake", key: "ranged/none" }, dst), NoSuchObjectError);
    assert.equal(existsSync(dst), false);
  });
});

test("s3:// URLs", () => {
  assert.deepEqual(parseS3Url("s3://my-bucket/a/b.csv"), { bucket: "my-bucket", key: "a/b.csv" });
  assert.deepEqual(parseS3Url("s3://my-bucket"), { bucket: "my-bucket", key: "" });
  assert.throws(() => parseS3Url("http://x/y"), /invalid S3 location/);
  assert.throws(() => parseS3Url("s3://UPPER/x"), /invalid S3 bucket/);
});

test("the local lake refuses keys that leave the bucket", () => {
  const store = new LocalStore("/tmp/nowhere");
  assert.throws(() => store.pathOf({ bucket: "b", key: "../etc/passwd" }), /invalid object key/);
  assert.throws(() => store.pathOf({ bucket: "b", key: "a//b" }), /invalid object key/);
});
