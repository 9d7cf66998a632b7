// src/lake/copy/source.ts
//! What a COPY reads: every object under a key prefix, or the entries of a MANIFEST (a mandatory
//! entry that is missing fails the COPY; an optional one is skipped).
//! https://docs.aws.amazon.com/redshift/latest/dg/loading-data-files-using-manifest.html

import type { LakeAccess } from "../access.js";
import { LakeError, NoSuchObjectError } from "../errors.js";
import { listAll, type ObjectInfo, type ObjectRef } from "../store/types.js";
import { parseS3Url, s3Url } from "../store/url.js";

export interface SourceFile {
  readonly ref: ObjectRef;
  readonly url: string;
  readonly info: ObjectInfo;
}

interface ManifestEntry {
  readonly url: string;
  readonly mandatory: boolean;
}

function manifestEntries(text: string, where: string): ManifestEntry[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new LakeError(`Manifest file ${where} is not valid JSON: ${(e as Error).message}`);
  }
  const entries = (doc as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) throw new LakeError(`Manifest file ${where} has no "entries" list`);
  return entries.map((e, i) => {
    const url = (e as { url?: unknown }).url;
    if (typeof url !== "string") throw new LakeError(`Manifest file ${where}: entry ${i + 1} has no "url"`);
    return { url, mandatory: (e as { mandatory?: unknown }).mandatory === true };
  });
}

/** The objects a COPY loads, in key order (prefix) or manifest order. */
export async function listSource(access: LakeAccess, url: string, manifest: boolean): Promise<SourceFile[]> {
  const ref = parseS3Url(url);
  if (manifest) {
    access.authorize("s3:GetObject", ref);
    const text = (await access.store.get(ref)).toString("utf8");
    const out: SourceFile[] = [];
    for (const entry of manifestEntries(text, url)) {
      const r = parseS3Url(entry.url);
      access.authorize("s3:GetObject", r);
      let info: ObjectInfo | undefined;
      try {
        info = await access.store.head(r);
      } catch (e) {
        if (!(e instanceof NoSuchObjectError) || entry.mandatory) throw e;
      }
      if (!info) {
        if (entry.mandatory) {
          throw new NoSuchObjectError(`Manifest file entry ${entry.url} is mandatory but the object does not exist`);
        }
        continue;
      }
      out.push({ ref: r, url: s3Url(r), info });
    }
    return out;
  }
  access.authorize("s3:ListBucket", { bucket: ref.bucket });
  const objects = (await listAll(access.store, ref.bucket, ref.key)).filter((o) => !o.key.endsWith("/"));
  if (objects.length === 0) {
    throw new NoSuchObjectError(`The specified S3 prefix '${ref.key}' does not exist: no object matches ${url}`);
  }
  return objects.map((info) => {
    const r = { bucket: ref.bucket, key: info.key };
    access.authorize("s3:GetObject", r);
    return { ref: r, url: s3Url(r), info };
  });
}
