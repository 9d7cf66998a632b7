// src/lake/store/local.ts
//! The local lake: a folder standing in for S3. `s3://bucket/key` is `<root>/bucket/key`; a bucket
//! is a top-level folder. Writes go to a temporary file first and are renamed into place, so a
//! reader never sees half an object.

import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { LakeError, NoSuchBucketError, NoSuchObjectError } from "../errors.js";
import { s3Url } from "./url.js";
import type { ByteRange, ListOptions, ListPage, ObjectInfo, ObjectRef, ObjectStore } from "./types.js";

const TMP_PREFIX = ".lakeshift-tmp-";
const DEFAULT_MAX_KEYS = 1000;

function isMissing(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR";
}

export class LocalStore implements ObjectStore {
  readonly kind = "local";

  constructor(readonly root: string) {}

  /** The file holding an object; refuses keys that would leave the bucket's folder. */
  pathOf(ref: ObjectRef): string {
    const parts = ref.key.split("/");
    if (ref.key === "" || parts.some((p) => p === ".." || p === "." || p === "") || ref.key.includes("\0")) {
      throw new LakeError(`invalid object key '${ref.key}' for the local lake`);
    }
    return join(this.root, ref.bucket, ...parts);
  }

  private async requireBucket(bucket: string): Promise<void> {
    if (!(await this.bucketExists(bucket))) {
      throw new NoSuchBucketError(`S3ServiceException: The specified bucket does not exist: '${bucket}'`);
    }
  }

  async bucketExists(bucket: string): Promise<boolean> {
    try {
      return (await stat(join(this.root, bucket))).isDirectory();
    } catch (e) {
      if (isMissing(e)) return false;
      throw e;
    }
  }

  async head(ref: ObjectRef): Promise<ObjectInfo | undefined> {
    await this.requireBucket(ref.bucket);
    try {
      const st = await stat(this.pathOf(ref));
      if (!st.isFile()) return undefined;
      return { key: ref.key, size: st.size, etag: etagOf(st), lastModified: st.mtime };
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  async exists(ref: ObjectRef): Promise<boolean> {
    return (await this.head(ref)) !== undefined;
  }

  private async require(ref: ObjectRef): Promise<ObjectInfo> {
    const info = await this.head(ref);
    if (!info) throw new NoSuchObjectError(`S3ServiceException: The specified key does not exist: '${s3Url(ref)}'`);
    return info;
  }

  async get(ref: ObjectRef, range?: ByteRange): Promise<Buffer> {
    const info = await this.require(ref);
    if (!range) return readFile(this.pathOf(ref));
    const end = Math.min(range.end ?? info.size - 1, info.size - 1);
    const length = Math.max(0, end - range.start + 1);
    const fh = await open(this.pathOf(ref), "r");
    try {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, range.start);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  }

  async download(ref: ObjectRef, path: string): Promise<ObjectInfo> {
    const info = await this.require(ref);
    await mkdir(dirname(path), { recursive: true });
    await copyFile(this.pathOf(ref), path);
    return info;
  }

  async list(bucket: string, prefix: string, opts: ListOptions = {}): Promise<ListPage> {
    await this.requireBucket(bucket);
    const keys: string[] = [];
    await walk(join(this.root, bucket), "", prefix, keys);
    keys.sort();
    const after = opts.continuation ? Buffer.from(opts.continuation, "base64url").toString("utf8") : undefined;
    const from = after === undefined ? 0 : keys.findIndex((k) => k > after);
    const max = opts.maxKeys ?? DEFAULT_MAX_KEYS;
    const page = from < 0 ? [] : keys.slice(from, from + max);
    const objects: ObjectInfo[] = [];
    for (const key of page) {
      const st = await stat(this.pathOf({ bucket, key }));
      objects.push({ key, size: st.size, etag: etagOf(st), lastModified: st.mtime });
    }
    const last = page[page.length - 1];
    const more = from >= 0 && from + max < keys.length && last !== undefined;
    return more ? { objects, next: Buffer.from(last, "utf8").toString("base64url") } : { objects };
  }

  private async place(ref: ObjectRef, write: (tmp: string) => Promise<void>): Promise<ObjectInfo> {
    await this.requireBucket(ref.bucket);
    const path = this.pathOf(ref);
    await mkdir(dirname(path), { recursive: true });
    const tmp = join(dirname(path), `${TMP_PREFIX}${randomBytes(6).toString("hex")}`);
    try {
      await write(tmp);
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    return this.require(ref);
  }

  put(ref: ObjectRef, body: Buffer | string): Promise<ObjectInfo> {
    return this.place(ref, (tmp) => writeFile(tmp, body));
  }

  upload(ref: ObjectRef, path: string): Promise<ObjectInfo> {
    return this.place(ref, (tmp) => copyFile(path, tmp));
  }

  /** Renames `path` into place (atomic, no copy); copies when it is on another filesystem. */
  move(ref: ObjectRef, path: string): Promise<ObjectInfo> {
    return this.place(ref, async (tmp) => {
      try {
        await rename(path, tmp);
      } catch (e) {
        if ((e as { code?: string }).code !== "EXDEV") throw e;
        await copyFile(path, tmp);
      }
    });
  }

  async delete(ref: ObjectRef): Promise<void> {
    await rm(this.pathOf(ref), { force: true });
  }

  /** Creates a bucket folder (tests, `lakeshift` setup). */
  async createBucket(bucket: string): Promise<void> {
    await mkdir(join(this.root, bucket), { recursive: true });
  }

  /** The MD5 of an object's bytes (S3's ETag for a single-part upload), for tests and manifests. */
  async md5(ref: ObjectRef): Promise<string> {
    const h = createHash("md5");
    for await (const chunk of createReadStream(this.pathOf(ref))) h.update(chunk as Buffer);
    return h.digest("hex");
  }
}

function etagOf(st: { size: number; mtimeMs: number; ino: number }): string {
  return createHash("md5").update(`${st.size}:${st.mtimeMs}:${st.ino}`).digest("hex");
}

async function walk(dir: string, rel: string, prefix: string, out: string[]): Promise<void> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if (isMissing(e)) return;
    throw e;
  }
  for (const ent of entries) {
    if (ent.name.startsWith(TMP_PREFIX)) continue;
    const key = rel === "" ? ent.name : `${rel}/${ent.name}`;
    if (ent.isDirectory()) {
      // Only descend where keys under this folder can still match the prefix.
      const folder = `${key}/`;
      if (folder.startsWith(prefix) || prefix.startsWith(folder)) await walk(join(dir, ent.name), key, prefix, out);
    } else if (ent.isFile() && key.startsWith(prefix)) {
      out.push(key);
    }
  }
}
