// src/lake/store/url.ts
//! s3://bucket/key URLs.

import { LakeError } from "../errors.js";
import type { ObjectRef } from "./types.js";

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Parses `s3://bucket/key` (the key may be empty or a prefix). */
export function parseS3Url(url: string): ObjectRef {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/i.exec(url.trim());
  if (!m) throw new LakeError(`invalid S3 location '${url}': expected s3://bucket/key`);
  const bucket = m[1] ?? "";
  if (!BUCKET.test(bucket)) throw new LakeError(`invalid S3 bucket name '${bucket}' in '${url}'`);
  return { bucket, key: m[2] ?? "" };
}

export function s3Url(ref: ObjectRef): string {
  return `s3://${ref.bucket}/${ref.key}`;
}
