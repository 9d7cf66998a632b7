// src/lake/copy/work-file.ts
//! Files COPY derives from a source file (inflated, line endings evened out) live in the work
//! folder, made once per version of the object: named by a hash of the source's path and version
//! (its ETag), written to a temporary name and renamed into place, so a reader never sees half a
//! file and a failed write leaves nothing behind.

import { createHash } from "node:crypto";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";

/**
 * The path of the file derived from `path` at `version` under `workDir/folder`, written by `write`
 * (to the path it is given) if it is not there yet. `write`'s error is passed to `failed`, whose
 * result is thrown.
 */
export async function derivedFile(
  workDir: string,
  folder: string,
  path: string,
  version: string,
  write: (tmp: string) => Promise<void>,
  failed: (e: unknown) => Error,
): Promise<string> {
  const dir = join(workDir, folder);
  const out = join(dir, `${createHash("sha256").update(`${path}\0${version}`).digest("hex").slice(0, 32)}.txt`);
  try {
    await stat(out);
    return out;
  } catch {
    // not made yet
  }
  await mkdir(dir, { recursive: true });
  const tmp = `${out}.${process.pid}.part`;
  try {
    await write(tmp);
    await rename(tmp, out);
  } catch (e) {
    await rm(tmp, { force: true });
    throw failed(e);
  }
  return out;
}
