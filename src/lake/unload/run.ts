// src/lake/unload/run.ts
//! runUnload: DuckDB's COPY TO writes the query's result into a local staging folder (Parquet,
//! CSV, JSON or delimited text; partitioned, split at MAXFILESIZE, compressed), then each file is
//! put to the store under Redshift's names (the local lake renames them into place: the stage is in
//! its work folder, so UNLOAD writes each byte once, as DuckDB's own COPY TO does). Nothing is put until DuckDB has written everything, and
//! files already put are deleted if a later one fails, so a failed UNLOAD leaves no partial output.

import { randomBytes } from "node:crypto";
import { mkdir, readdir, rm } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { EngineConnection } from "../../engine/types.js";
import type { BoundUnload, CopyConverter } from "../../plan/bound/copy.js";
import type { Lake, LakeAccess } from "../access.js";
import { str } from "../copy/sql.js";
import { LakeError } from "../errors.js";
import { listAll } from "../store/types.js";
import { s3Url } from "../store/url.js";
import { fileName, manifestJson, outputSelect, type WrittenFile } from "./files.js";

export interface UnloadContext {
  readonly lake: Lake;
  /** The translator's SQL for the query (src/translate/duckdb/copy.ts: copyConverter). */
  readonly converter: Pick<CopyConverter, "querySql">;
  /** The database user running the UNLOAD: the IAM role must trust them. */
  readonly user?: string;
}

export interface UnloadResult {
  /** Rows written. */
  readonly rows: number;
  /** The objects written, manifest last when there is one. */
  readonly files: readonly string[];
}

export type UnloadConnection = Pick<EngineConnection, "run" | "all">;

const PUT_CONCURRENCY = 8;

async function walk(dir: string, out: string[] = []): Promise<string[]> {
  for (const ent of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, ent.name);
    if (ent.isDirectory()) await walk(p, out);
    else if (ent.isFile()) out.push(p);
  }
  return out;
}

/** Staged file -> object key: partition folders kept, file names Redshift's, numbered per folder. */
function plan(u: BoundUnload, stage: string, staged: readonly string[]): { path: string; key: string }[] {
  const prefix = u.destination.key;
  const byFolder = new Map<string, string[]>();
  for (const p of [...staged].sort()) {
    const rel = relative(stage, p).split(sep);
    const folder = rel.slice(0, -1).join("/");
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), p]);
  }
  const out: { path: string; key: string }[] = [];
  for (const [folder, paths] of byFolder) {
    const ordered = paths.sort((a, b) => fileIndex(a) - fileIndex(b));
    ordered.forEach((path, n) => {
      const dir = folder === "" ? prefix : `${prefix}${prefix === "" || prefix.endsWith("/") ? "" : "/"}${folder}/`;
      out.push({ path, key: `${dir}${fileName(u, n)}` });
    });
  }
  return out;
}

function fileIndex(path: string): number {
  const m = /data_(\d+)/.exec(path);
  return m ? Number(m[1]) : 0;
}

async function existing(access: LakeAccess, u: BoundUnload): Promise<string[]> {
  access.authorize("s3:ListBucket", { bucket: u.destination.bucket });
  const objs = await listAll(access.store, u.destination.bucket, u.destination.key);
  return objs.map((o) => o.key);
}

async function putAll(
  access: LakeAccess,
  u: BoundUnload,
  files: readonly { path: string; key: string }[],
): Promise<WrittenFile[]> {
  const written: WrittenFile[] = [];
  let failure: unknown;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < files.length && failure === undefined; i = next++) {
      const f = files[i] as { path: string; key: string };
      const ref = { bucket: u.destination.bucket, key: f.key };
      try {
        const info = await access.store.move(ref, f.path);
        written.push({ url: s3Url(ref), key: f.key, size: info.size });
      } catch (e) {
        failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PUT_CONCURRENCY, files.length) }, worker));
  if (failure !== undefined) {
    await Promise.all(
      written.map((w) => access.store.delete({ bucket: u.destination.bucket, key: w.key }).catch(() => {})),
    );
    throw failure;
  }
  const order = new Map(files.map((f, i) => [f.key, i]));
  return written.sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
}

/** Runs a bound UNLOAD on `conn` (its transaction's snapshot of the data). */
export async function runUnload(conn: UnloadConnection, u: BoundUnload, ctx: UnloadContext): Promise<UnloadResult> {
  const o = u.options;
  const access = ctx.lake.accessFor(u.access, o.region, ctx.user);
  const bucket = u.destination.bucket;
  if (!(await access.store.bucketExists(bucket))) {
    throw new LakeError(`S3ServiceException: The specified bucket does not exist: '${bucket}'`);
  }
  const before = await existing(access, u);
  if (before.length > 0 && !o.allowOverwrite && !o.cleanPath) {
    throw new LakeError(
      `Specified unload destination on S3 is not empty: ${u.destination.url}. Consider using a different bucket / prefix, manually removing the target files in S3, or using the ALLOWOVERWRITE option.`,
    );
  }
  const stage = join(ctx.lake.workDir, "unload", randomBytes(8).toString("hex"));
  await mkdir(stage, { recursive: true });
  try {
    const out = outputSelect(u, ctx.converter.querySql(u.query));
    const partitioned = u.partitionColumns.length > 0;
    const split = o.maxFileSize !== undefined && !partitioned;
    const target = partitioned || split ? join(stage, "out") : join(stage, "data_0");
    const size = split ? `, FILE_SIZE_BYTES ${o.maxFileSize}` : "";
    const rows = await conn.run(`COPY (${out.sql}) TO ${str(target)} (${out.options}${size})`);
    const staged = await walk(stage);
    const root = partitioned || split ? join(stage, "out") : stage;
    const files = plan(u, root, staged);
    for (const f of files) access.authorize("s3:PutObject", { bucket, key: f.key });
    if (o.cleanPath) {
      for (const key of before) {
        access.authorize("s3:DeleteObject", { bucket, key });
        await access.store.delete({ bucket, key });
      }
    }
    // MANIFEST VERBOSE's record counts come from the staged files: putting may move them away.
    const records = new Map<string, number>();
    if (o.manifest?.verbose && o.format === "parquet") {
      for (const f of files) {
        const r = await conn.all(`SELECT count(*) FROM read_parquet(${str(f.path)})`);
        records.set(f.key, Number(r.rows[0]?.[0] ?? 0));
      }
    }
    const written = (await putAll(access, u, files)).map((w) => {
      const n = records.get(w.key);
      return n === undefined ? w : { ...w, records: n };
    });
    if (o.manifest) {
      const key = `${u.destination.key}manifest`;
      access.authorize("s3:PutObject", { bucket, key });
      try {
        await access.store.put({ bucket, key }, manifestJson(u, written));
      } catch (e) {
        await Promise.all(written.map((w) => access.store.delete({ bucket, key: w.key }).catch(() => {})));
        throw e;
      }
      return { rows, files: [...written.map((w) => w.url), s3Url({ bucket, key })] };
    }
    return { rows, files: written.map((w) => w.url) };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
