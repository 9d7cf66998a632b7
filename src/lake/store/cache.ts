// src/lake/store/cache.ts
//! The local read cache: DuckDB reads lake objects from local files. An S3 object is downloaded
//! once per version (its ETag is in the file name, so a changed object is fetched again and a
//! cached copy is never stale); objects of the local lake are read in place.

import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { NoSuchObjectError } from "../errors.js";
import { LocalStore } from "./local.js";
import type { DownloadObserver, ObjectInfo, ObjectRef, ObjectStore } from "./types.js";
import { s3Url } from "./url.js";

export interface CachedObject {
  /** A local file DuckDB can read. */
  readonly path: string;
  readonly info: ObjectInfo;
}

export class ReadCache {
  private readonly inflight = new Map<string, Promise<CachedObject>>();

  /** `dir` holds the cached files; `scope` tells stores apart (e.g. the endpoint). */
  constructor(readonly dir: string) {}

  /**
   * A local file with the object's current bytes. `known` saves a HEAD when a listing already gave
   * the ETag; `observer` sees the bytes when they are downloaded now (not for a cached copy, nor
   * for a download another caller started).
   */
  async file(
    store: ObjectStore,
    ref: ObjectRef,
    known?: ObjectInfo,
    scope = "",
    observer?: DownloadObserver,
  ): Promise<CachedObject> {
    if (store instanceof LocalStore) {
      const info = known ?? (await store.head(ref));
      if (!info) throw new NoSuchObjectError(`S3ServiceException: The specified key does not exist: '${s3Url(ref)}'`);
      return { path: store.pathOf(ref), info };
    }
    const info = known ?? (await store.head(ref));
    if (!info) throw new NoSuchObjectError(`S3ServiceException: The specified key does not exist: '${s3Url(ref)}'`);
    const stem = createHash("sha256")
      .update(`${store.kind}\0${scope}\0${ref.bucket}\0${ref.key}`)
      .digest("hex")
      .slice(0, 32);
    const etag = info.etag.replace(/[^A-Za-z0-9-]/g, "") || "noetag";
    const path = join(this.dir, `${stem}-${etag}${safeExt(ref.key)}`);
    const pending = this.inflight.get(path);
    if (pending) return pending;
    const job = this.fetch(store, ref, info, path, stem, observer).finally(() => this.inflight.delete(path));
    this.inflight.set(path, job);
    return job;
  }

  private async fetch(
    store: ObjectStore,
    ref: ObjectRef,
    info: ObjectInfo,
    path: string,
    stem: string,
    observer?: DownloadObserver,
  ): Promise<CachedObject> {
    try {
      const st = await stat(path);
      if (st.size === info.size) return { path, info };
    } catch {
      // not cached yet
    }
    await mkdir(this.dir, { recursive: true });
    const tmp = `${path}.${randomBytes(4).toString("hex")}.part`;
    try {
      const got = await store.download(ref, tmp, info, observer);
      await rename(tmp, path);
      await this.dropOtherVersions(stem, path);
      return { path, info: { ...info, size: got.size } };
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  /** Removes cached copies of older versions of the same object. */
  private async dropOtherVersions(stem: string, keep: string): Promise<void> {
    for (const name of await readdir(this.dir)) {
      const p = join(this.dir, name);
      if (name.startsWith(`${stem}-`) && p !== keep && !name.endsWith(".part")) await rm(p, { force: true });
    }
  }
}

/** The key's extension when it is a plain one ('.gz', '.parquet'), so file names stay readable. */
function safeExt(key: string): string {
  const ext = extname(key);
  return /^\.[A-Za-z0-9]{1,10}$/.test(ext) ? ext : "";
}
