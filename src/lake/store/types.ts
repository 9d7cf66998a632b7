// src/lake/store/types.ts
//! One object-store interface, two implementations: a local folder standing in for S3
//! (`s3://bucket/key` is `<lake-dir>/bucket/key`) and S3 itself through @aws-sdk/client-s3.

/** Where an object lives: s3://bucket/key. */
export interface ObjectRef {
  readonly bucket: string;
  readonly key: string;
}

export interface ObjectInfo {
  readonly key: string;
  readonly size: number;
  /** The store's version tag (S3's ETag, quotes removed); changes whenever the bytes change. */
  readonly etag: string;
  readonly lastModified: Date;
}

/** A byte range, both ends inclusive as in HTTP; `end` omitted means to the end of the object. */
export interface ByteRange {
  readonly start: number;
  readonly end?: number;
}

export interface ListPage {
  readonly objects: readonly ObjectInfo[];
  /** Pass back as `continuation` to get the next page; undefined on the last page. */
  readonly next?: string;
}

export interface ListOptions {
  readonly continuation?: string;
  readonly maxKeys?: number;
}

/**
 * Sees a download's bytes as they arrive (S3: each ranged GET is a part at its offset), so a
 * reader can look at them without reading the file again.
 */
export interface DownloadObserver {
  /** The next bytes of the part that starts at `start` (a view valid only during the call). */
  data(start: number, bytes: Uint8Array): void;
  /** The part is complete (true), or is being fetched from its start again (false). */
  part(start: number, ended: boolean): void;
}

export interface ObjectStore {
  /** 'local' or 's3', for messages and cache keys. */
  readonly kind: "local" | "s3";
  /** Bytes of an object, or of a range of it. NoSuchObjectError / NoSuchBucketError when absent. */
  get(ref: ObjectRef, range?: ByteRange): Promise<Buffer>;
  /**
   * Streams an object to a local file; returns what was written (size, etag). `known` (from a
   * listing or HEAD) saves S3 a HEAD to learn the size.
   */
  download(ref: ObjectRef, path: string, known?: ObjectInfo, observer?: DownloadObserver): Promise<ObjectInfo>;
  /** Metadata, or undefined when the object does not exist (NoSuchBucketError if the bucket doesn't). */
  head(ref: ObjectRef): Promise<ObjectInfo | undefined>;
  exists(ref: ObjectRef): Promise<boolean>;
  /** One page of the objects whose keys start with `prefix`, in key order. */
  list(bucket: string, prefix: string, opts?: ListOptions): Promise<ListPage>;
  /** Writes bytes. */
  put(ref: ObjectRef, body: Buffer | string): Promise<ObjectInfo>;
  /** Writes a local file (multipart above the store's part size). */
  upload(ref: ObjectRef, path: string): Promise<ObjectInfo>;
  /**
   * Writes a local file the caller is done with: the local lake renames it into place when it is on
   * the same filesystem (no copy); S3 uploads it. The file may be gone afterwards.
   */
  move(ref: ObjectRef, path: string): Promise<ObjectInfo>;
  /** Deletes an object; deleting a missing object is not an error. */
  delete(ref: ObjectRef): Promise<void>;
  bucketExists(bucket: string): Promise<boolean>;
}

/** Every object under a prefix, following continuations. */
export async function listAll(store: ObjectStore, bucket: string, prefix: string): Promise<ObjectInfo[]> {
  const out: ObjectInfo[] = [];
  let continuation: string | undefined;
  do {
    const page = await store.list(bucket, prefix, continuation ? { continuation } : {});
    out.push(...page.objects);
    continuation = page.next;
  } while (continuation);
  return out;
}
