// src/gen/tpch/generate.ts
//! generateTpch: plans row-range tasks, runs them on a pool of worker threads (or inline),
//! and writes each table's chunks to its file in order, so the output is the same byte for
//! byte whatever the number of workers.

import { mkdir, open } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { nationRows, regionRows, scaleOf, TABLE_NAMES, type TableName } from "./tables.js";
import { type GenContext, planTasks, runTask, type Task, type TaskResult } from "./tasks.js";
import { buildPools } from "./text.js";

export interface GenerateOptions {
  readonly sf: number;
  readonly outDir: string;
  /** Seed of the pseudo-random streams; the same seed gives the same files. Default 1. */
  readonly seed?: number;
  /** Write `<table>.tbl.gz` (concatenated gzip members) in place of `<table>.tbl`. */
  readonly gzip?: boolean;
  /** A subset of the eight tables; default all. */
  readonly tables?: readonly string[];
  /** Worker threads; 0 generates on the calling thread. Default: available cores, at most 8. */
  readonly workers?: number;
}

export interface GeneratedTable {
  readonly table: string;
  readonly rows: number;
  readonly file: string;
}

function checkTables(names: readonly string[] | undefined): TableName[] {
  if (!names) return [...TABLE_NAMES];
  for (const n of names) {
    if (!(TABLE_NAMES as readonly string[]).includes(n)) throw new Error(`unknown TPC-H table '${n}'`);
  }
  return TABLE_NAMES.filter((t) => names.includes(t));
}

/** Runs tasks in order of id on `workers` threads, handing each result to `sink` in id order. */
async function runPool(
  ctx: GenContext,
  tasks: readonly Task[],
  workers: number,
  sink: (r: TaskResult) => Promise<void>,
): Promise<void> {
  if (workers <= 0) {
    const pools = buildPools(ctx.seed);
    const scale = scaleOf(ctx.sf);
    for (const t of tasks) await sink(runTask(ctx, pools, scale, t));
    return;
  }
  const url = new URL("./worker.js", import.meta.url);
  const pool = Array.from(
    { length: Math.min(workers, Math.max(1, tasks.length)) },
    () => new Worker(url, { workerData: ctx }),
  );
  const done = new Map<number, TaskResult>();
  const maxAhead = pool.length * 3;
  let next = 0;
  let written = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let writing = false;
      let failed = false;
      const fail = (e: unknown) => {
        failed = true;
        reject(e);
      };
      const flush = async () => {
        if (writing) return;
        writing = true;
        try {
          for (let r = done.get(written); r; r = done.get(written)) {
            done.delete(written);
            await sink(r);
            written++;
            for (const w of idle.splice(0)) feed(w);
          }
        } catch (e) {
          fail(e);
        } finally {
          writing = false;
        }
        if (written === tasks.length && !failed) resolve();
      };
      const idle: Worker[] = [];
      const feed = (w: Worker) => {
        if (failed) return;
        if (next < tasks.length && next - written < maxAhead) w.postMessage(tasks[next++]);
        else idle.push(w);
      };
      for (const w of pool) {
        w.on("message", (r: TaskResult) => {
          done.set(r.id, r);
          feed(w);
          void flush();
        });
        w.on("error", fail);
        feed(w);
      }
      if (tasks.length === 0) resolve();
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

export async function generateTpch(opts: GenerateOptions): Promise<GeneratedTable[]> {
  if (!(opts.sf > 0)) throw new Error(`scale factor must be positive, got ${opts.sf}`);
  const tables = checkTables(opts.tables);
  const ctx: GenContext = { seed: opts.seed ?? 1, sf: opts.sf, gzip: opts.gzip ?? false };
  await mkdir(opts.outDir, { recursive: true });
  const ext = ctx.gzip ? ".tbl.gz" : ".tbl";
  const files = new Map<TableName, { file: string; fh: FileHandle; rows: number }>();
  try {
    for (const t of tables) {
      const file = join(opts.outDir, t + ext);
      files.set(t, { file, fh: await open(file, "w"), rows: 0 });
    }
    const write = async (t: TableName, data: Uint8Array, rows: number) => {
      const f = files.get(t);
      if (!f) return;
      await f.fh.write(data);
      f.rows += rows;
    };
    const small = async (t: TableName, text: () => string, rows: number) => {
      if (!files.has(t)) return;
      const buf = Buffer.from(text(), "latin1");
      await write(t, ctx.gzip ? gzipSync(buf) : buf, rows);
    };
    if (files.has("region") || files.has("nation")) {
      const pools = buildPools(ctx.seed);
      await small("region", () => regionRows(ctx.seed, pools), 5);
      await small("nation", () => nationRows(ctx.seed, pools), 25);
    }
    const workers = opts.workers ?? Math.min(8, availableParallelism());
    await runPool(ctx, planTasks(ctx.sf, tables), workers, async (r) => {
      for (const c of r.chunks) await write(c.table, c.data, c.rows);
    });
  } finally {
    for (const f of files.values()) await f.fh.close();
  }
  return tables.map((t) => {
    const f = files.get(t)!;
    return { table: t, rows: f.rows, file: f.file };
  });
}
