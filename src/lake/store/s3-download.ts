// src/lake/store/s3-download.ts
//! Downloads an S3 object to a local file over several connections: the first ranged GET tells the
//! object's size and ETag, the other parts are asked for with If-Match on that ETag (so a changed
//! object fails rather than mixing versions) and written at their offsets as they stream in. A
//! part cut off mid-body is fetched again on its own, with the store's backoff; a failed part stops
//! the others and removes the file. Memory stays at a few socket buffers per connection.

import { setMaxListeners } from "node:events";
import { mkdir, open, rm } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { LakeError } from "../errors.js";
import { type RetryPolicy, withRetry } from "./retry.js";
import { DirectBody } from "./http-direct.js";
import type { DownloadObserver, ObjectInfo, ObjectRef } from "./types.js";
import { s3Url } from "./url.js";

export interface RangedDownloadOptions {
  /** Bytes per ranged GET. */
  readonly partSize: number;
  /** Ranged GETs in flight at once. */
  readonly concurrency: number;
  readonly retry: RetryPolicy;
  /** Sees each part's bytes as they are written. */
  readonly observer?: DownloadObserver;
}

interface PartResult {
  readonly etag: string;
  readonly lastModified?: Date;
  /** The object's whole size from Content-Range; undefined when the server sent the whole body (200). */
  readonly total?: number;
  readonly bytes: number;
}

export function unquoteEtag(etag: string | undefined): string {
  return (etag ?? "").replaceAll('"', "");
}

/** A body that ended early: transient, so the part is fetched again. */
export function truncatedBody(ref: ObjectRef, got: number, expected: number): Error {
  return Object.assign(new Error(`connection closed after ${got} of ${expected} bytes of '${s3Url(ref)}'`), {
    transient: true,
  });
}

/** The HTTP status of an SDK error, when it has one. */
export function httpStatus(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

/** GETs one range (or the whole object) and writes it at its offset in `fh`. */
async function getPart(
  client: S3Client,
  ref: ObjectRef,
  fh: FileHandle,
  range: { start: number; end: number } | undefined,
  etag: string | undefined,
  signal: AbortSignal,
  observer?: DownloadObserver,
): Promise<PartResult> {
  const r = await client.send(
    new GetObjectCommand({
      Bucket: ref.bucket,
      Key: ref.key,
      ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
      ...(etag ? { IfMatch: `"${etag}"` } : {}),
    }),
    { abortSignal: signal },
  );
  const body = r.Body as (AsyncIterable<Uint8Array> & { destroy?(): void }) | undefined;
  const got = unquoteEtag(r.ETag);
  if (etag !== undefined && got !== "" && got !== etag) {
    body?.destroy?.();
    throw changed(ref);
  }
  const whole = r.ContentRange === undefined;
  const from = whole ? 0 : (range?.start ?? 0);
  let bytes = 0;
  // Each attempt at a part starts the observer's view of it over.
  observer?.part(from, false);
  const see = observer ? (b: Uint8Array) => observer.data(from, b) : undefined;
  try {
    if (body instanceof DirectBody) {
      bytes = await body.writeTo(fh.fd, from, see);
    } else if (body) {
      for await (const chunk of body) {
        see?.(chunk);
        await fh.write(chunk, 0, chunk.length, from + bytes);
        bytes += chunk.length;
      }
    }
  } catch (e) {
    body?.destroy?.();
    if (signal.aborted) throw e;
    throw Object.assign(e instanceof Error ? e : new Error(String(e)), { transient: true });
  }
  if (r.ContentLength !== undefined && bytes !== r.ContentLength) throw truncatedBody(ref, bytes, r.ContentLength);
  observer?.part(from, true);
  const total = whole ? undefined : Number(/\/(\d+)\s*$/.exec(r.ContentRange ?? "")?.[1]);
  return {
    etag: got,
    bytes,
    ...(r.LastModified ? { lastModified: r.LastModified } : {}),
    ...(total !== undefined && Number.isFinite(total) ? { total } : {}),
  };
}

function changed(ref: ObjectRef): LakeError {
  return new LakeError(`S3ServiceException: '${s3Url(ref)}' changed while it was being downloaded`);
}

/**
 * Streams `ref` into the file `path` (created or replaced) over up to `o.concurrency` ranged GETs;
 * `expectedSize` (from a listing or HEAD) picks one plain GET or ranges, the first range's
 * Content-Range is what counts.
 */
export async function rangedDownload(
  client: S3Client,
  ref: ObjectRef,
  path: string,
  expectedSize: number,
  o: RangedDownloadOptions,
): Promise<ObjectInfo> {
  await mkdir(dirname(path), { recursive: true });
  const fh = await open(path, "w");
  const abort = new AbortController();
  // Every ranged GET in flight listens on it (Node warns past 10 listeners by default).
  setMaxListeners(o.concurrency + 8, abort.signal);
  try {
    const fetchPart = (range: { start: number; end: number } | undefined, etag?: string) =>
      withRetry(() => getPart(client, ref, fh, range, etag, abort.signal, o.observer), o.retry);
    // Small objects (and empty ones, which have no byte range) come in one plain GET.
    const first = await fetchPart(expectedSize > o.partSize ? { start: 0, end: o.partSize - 1 } : undefined);
    const size = first.total ?? first.bytes;
    const parts: { start: number; end: number }[] = [];
    if (first.total !== undefined) {
      for (let start = first.bytes; start < size; start += o.partSize) {
        parts.push({ start, end: Math.min(size, start + o.partSize) - 1 });
      }
    }
    let next = 0;
    let failure: unknown;
    const worker = async () => {
      while (failure === undefined && next < parts.length) {
        const part = parts[next++] as { start: number; end: number };
        try {
          const r = await fetchPart(part, first.etag || undefined);
          if (r.total !== undefined && r.total !== size) throw changed(ref);
        } catch (e) {
          if (failure === undefined) {
            failure = httpStatus(e) === 412 ? changed(ref) : e;
            abort.abort();
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.concurrency, parts.length) }, worker));
    if (failure !== undefined) throw failure;
    const written = (await fh.stat()).size;
    if (written !== size) throw truncatedBody(ref, written, size);
    await fh.close();
    return { key: ref.key, size, etag: first.etag, lastModified: first.lastModified ?? new Date(0) };
  } catch (e) {
    await fh.close().catch(() => {});
    await rm(path, { force: true });
    throw e;
  }
}
