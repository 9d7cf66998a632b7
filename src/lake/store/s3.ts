// src/lake/store/s3.ts
//! S3 (any endpoint) through @aws-sdk/client-s3: ranged GET, downloads over parallel ranged GETs
//! (s3-download.ts), HEAD, ListObjectsV2 with continuation, PUT, multipart upload for large files,
//! DELETE; transient failures retried with backoff. http:// endpoints go over http-direct.ts. Against a non-AWS endpoint checksums are
//! computed only when required: the SDK's default streams uploads aws-chunked, which s3rver stores
//! verbatim and radosgw refuses.

import { open, stat } from "node:fs/promises";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { LakeError, NoSuchBucketError, NoSuchObjectError } from "../errors.js";
import { DirectHttpHandler } from "./http-direct.js";
import { httpStatus, rangedDownload, truncatedBody, unquoteEtag } from "./s3-download.js";
import { DEFAULT_RETRY, type RetryPolicy, withRetry } from "./retry.js";
import type {
  ByteRange,
  DownloadObserver,
  ListOptions,
  ListPage,
  ObjectInfo,
  ObjectRef,
  ObjectStore,
} from "./types.js";
import { s3Url } from "./url.js";

export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface S3StoreOptions {
  /** e.g. http://127.0.0.1:4569; undefined for AWS itself. */
  readonly endpoint?: string;
  readonly region?: string;
  readonly forcePathStyle?: boolean;
  /** Static credentials; undefined uses the SDK's default chain (environment, profile...). */
  readonly credentials?: S3Credentials;
  readonly retry?: RetryPolicy;
  /** Files larger than this are uploaded in parts of this size (S3's minimum part is 5 MiB). */
  readonly partSize?: number;
  /** Downloads go in ranged GETs of this size ... */
  readonly downloadPartSize?: number;
  /** ... this many at once. */
  readonly downloadConcurrency?: number;
}

const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
// Parts pay off against S3 itself (per-connection throughput), make a cut connection cost one
// part, not the whole object, and keep a server's reads in flight: s3rver on loopback sends
// lineitem's 752 MB in ~0.63 s as 32 MiB parts 16 at a time against ~0.88 s as 64 MiB parts 4 at
// a time (bench/lake/s3-download.ts, 9 runs each, alternating; 8 at a time: ~0.80 s). Each
// connection reads through one 256 KiB buffer (http-direct.ts), so 16 of them hold 4 MiB.
const DEFAULT_DOWNLOAD_PART_SIZE = 32 * 1024 * 1024;
const DEFAULT_DOWNLOAD_CONCURRENCY = 16;

function errorName(e: unknown): string {
  return (e as { name?: string; Code?: string }).Code ?? (e as { name?: string }).name ?? "";
}

export class S3Store implements ObjectStore {
  readonly kind = "s3";
  readonly client: S3Client;
  private readonly retry: RetryPolicy;
  private readonly partSize: number;
  private readonly downloadPartSize: number;
  private readonly downloadConcurrency: number;

  constructor(readonly options: S3StoreOptions = {}) {
    const custom = options.endpoint !== undefined;
    this.client = new S3Client({
      region: options.region ?? "us-east-1",
      ...(custom ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle ?? custom,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(custom ? { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" } : {}),
      // Plain http:// (loopback s3rver, radosgw): our own HTTP/1.1 transport, which takes bodies in
      // without an allocation per read (http-direct.ts). https:// keeps the SDK's.
      ...(custom && /^http:/i.test(options.endpoint ?? "") ? { requestHandler: new DirectHttpHandler() } : {}),
      // Our own retry loop covers the whole operation (including a body cut off mid-stream).
      maxAttempts: 1,
    });
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.partSize = Math.max(5 * 1024 * 1024, options.partSize ?? DEFAULT_PART_SIZE);
    this.downloadPartSize = Math.max(1, options.downloadPartSize ?? DEFAULT_DOWNLOAD_PART_SIZE);
    this.downloadConcurrency = Math.max(1, options.downloadConcurrency ?? DEFAULT_DOWNLOAD_CONCURRENCY);
  }

  /** Maps the SDK's errors to the lake's, naming the object. */
  private fail(e: unknown, ref: ObjectRef | { bucket: string; key?: string }): never {
    if (e instanceof LakeError) throw e;
    const name = errorName(e);
    const where = ref.key !== undefined ? s3Url({ bucket: ref.bucket, key: ref.key }) : `s3://${ref.bucket}`;
    if (name === "NoSuchBucket") {
      throw new NoSuchBucketError(`S3ServiceException: The specified bucket does not exist: '${ref.bucket}'`);
    }
    if (name === "NoSuchKey" || name === "NotFound" || httpStatus(e) === 404) {
      throw new NoSuchObjectError(`S3ServiceException: The specified key does not exist: '${where}'`);
    }
    if (name === "AccessDenied" || name === "InvalidAccessKeyId" || httpStatus(e) === 403) {
      throw new LakeError(`S3ServiceException: Access Denied: '${where}'`, { sqlstate: "42501" });
    }
    const message = e instanceof Error ? e.message : String(e);
    throw new LakeError(`S3ServiceException: ${name || "error"} on '${where}': ${message}`);
  }

  private async run<T>(ref: ObjectRef | { bucket: string; key?: string }, op: () => Promise<T>): Promise<T> {
    try {
      return await withRetry(op, this.retry);
    } catch (e) {
      this.fail(e, ref);
    }
  }

  async bucketExists(bucket: string): Promise<boolean> {
    try {
      await withRetry(() => this.client.send(new HeadBucketCommand({ Bucket: bucket })), this.retry);
      return true;
    } catch (e) {
      if (httpStatus(e) === 404 || errorName(e) === "NotFound" || errorName(e) === "NoSuchBucket") return false;
      this.fail(e, { bucket });
    }
  }

  async head(ref: ObjectRef): Promise<ObjectInfo | undefined> {
    try {
      const r = await withRetry(
        () => this.client.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key })),
        this.retry,
      );
      return {
        key: ref.key,
        size: r.ContentLength ?? 0,
        etag: unquoteEtag(r.ETag),
        lastModified: r.LastModified ?? new Date(0),
      };
    } catch (e) {
      if (httpStatus(e) === 404 || errorName(e) === "NotFound" || errorName(e) === "NoSuchKey") {
        // HEAD cannot tell a missing bucket from a missing key: ask the bucket.
        if (!(await this.bucketExists(ref.bucket))) this.fail({ name: "NoSuchBucket" }, ref);
        return undefined;
      }
      this.fail(e, ref);
    }
  }

  async exists(ref: ObjectRef): Promise<boolean> {
    return (await this.head(ref)) !== undefined;
  }

  get(ref: ObjectRef, range?: ByteRange): Promise<Buffer> {
    return this.run(ref, async () => {
      const r = await this.client.send(
        new GetObjectCommand({
          Bucket: ref.bucket,
          Key: ref.key,
          ...(range ? { Range: `bytes=${range.start}-${range.end ?? ""}` } : {}),
        }),
      );
      const bytes = Buffer.from(
        await (r.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      );
      if (r.ContentLength !== undefined && bytes.length !== r.ContentLength)
        throw truncatedBody(ref, bytes.length, r.ContentLength);
      return bytes;
    });
  }

  async download(ref: ObjectRef, path: string, known?: ObjectInfo, observer?: DownloadObserver): Promise<ObjectInfo> {
    const size = known?.size ?? (await this.head(ref))?.size;
    if (size === undefined) this.fail({ name: "NoSuchKey" }, ref);
    try {
      return await rangedDownload(this.client, ref, path, size, {
        partSize: this.downloadPartSize,
        concurrency: this.downloadConcurrency,
        retry: this.retry,
        ...(observer ? { observer } : {}),
      });
    } catch (e) {
      this.fail(e, ref);
    }
  }

  list(bucket: string, prefix: string, opts: ListOptions = {}): Promise<ListPage> {
    return this.run({ bucket, key: prefix }, async () => {
      const r = await this.client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix,
          ...(opts.continuation ? { ContinuationToken: opts.continuation } : {}),
          ...(opts.maxKeys ? { MaxKeys: opts.maxKeys } : {}),
        }),
      );
      const objects: ObjectInfo[] = (r.Contents ?? []).map((o) => ({
        key: o.Key ?? "",
        size: o.Size ?? 0,
        etag: unquoteEtag(o.ETag),
        lastModified: o.LastModified ?? new Date(0),
      }));
      return r.IsTruncated && r.NextContinuationToken ? { objects, next: r.NextContinuationToken } : { objects };
    });
  }

  async put(ref: ObjectRef, body: Buffer | string): Promise<ObjectInfo> {
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    const r = await this.run(ref, () =>
      this.client.send(new PutObjectCommand({ Bucket: ref.bucket, Key: ref.key, Body: bytes })),
    );
    return { key: ref.key, size: bytes.length, etag: unquoteEtag(r.ETag), lastModified: new Date() };
  }

  async upload(ref: ObjectRef, path: string): Promise<ObjectInfo> {
    const size = (await stat(path)).size;
    if (size <= this.partSize) {
      const fh = await open(path, "r");
      try {
        return await this.put(ref, await fh.readFile());
      } finally {
        await fh.close();
      }
    }
    return this.multipart(ref, path, size);
  }

  move(ref: ObjectRef, path: string): Promise<ObjectInfo> {
    return this.upload(ref, path);
  }

  /** Uploads a file in parts (each read into a buffer, so no aws-chunked framing); aborts on failure. */
  private async multipart(ref: ObjectRef, path: string, size: number): Promise<ObjectInfo> {
    const created = await this.run(ref, () =>
      this.client.send(new CreateMultipartUploadCommand({ Bucket: ref.bucket, Key: ref.key })),
    );
    const uploadId = created.UploadId ?? "";
    const fh = await open(path, "r");
    try {
      const parts: { ETag: string; PartNumber: number }[] = [];
      for (let offset = 0, n = 1; offset < size; offset += this.partSize, n++) {
        const length = Math.min(this.partSize, size - offset);
        const buf = Buffer.alloc(length);
        await fh.read(buf, 0, length, offset);
        const r = await this.run(ref, () =>
          this.client.send(
            new UploadPartCommand({ Bucket: ref.bucket, Key: ref.key, UploadId: uploadId, PartNumber: n, Body: buf }),
          ),
        );
        parts.push({ ETag: r.ETag ?? "", PartNumber: n });
      }
      const done = await this.run(ref, () =>
        this.client.send(
          new CompleteMultipartUploadCommand({
            Bucket: ref.bucket,
            Key: ref.key,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts },
          }),
        ),
      );
      // radosgw answers CompleteMultipartUpload without an ETag the SDK can read: ask HEAD, whose
      // ETag is the one listings report (the read cache keys on it).
      const etag = unquoteEtag(done.ETag) || (await this.head(ref))?.etag || "";
      return { key: ref.key, size, etag, lastModified: new Date() };
    } catch (e) {
      await this.client
        .send(new AbortMultipartUploadCommand({ Bucket: ref.bucket, Key: ref.key, UploadId: uploadId }))
        .catch(() => {});
      throw e;
    } finally {
      await fh.close();
    }
  }

  async delete(ref: ObjectRef): Promise<void> {
    await this.run(ref, () => this.client.send(new DeleteObjectCommand({ Bucket: ref.bucket, Key: ref.key })));
  }

  destroy(): void {
    this.client.destroy();
  }
}
