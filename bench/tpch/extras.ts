// bench/tpch/extras.ts
//! Two measurements beyond the 22 queries, on the loaded systems that speak the Postgres
//! protocol (DuckDB direct as the in-process reference where it applies):
//! - result serving: `select * from lineitem limit N` (16 columns) read in full by psql
//!   (unaligned, to /dev/null) and by node-postgres (array rows, text values);
//! - concurrency: C clients, each on its own connection, each running Q6 and Q14 R times;
//!   throughput is the queries completed over the wall time of the whole batch.

import { spawn } from "node:child_process";
import { join } from "node:path";
import { median } from "../report/compare.js";
import { connectRaw, type PgTarget } from "../systems/pg-client.js";
import type { BenchSystem } from "../systems/types.js";
import { tpchQueries } from "./queries.js";

const PSQL = join(process.env.LAKESHIFT_PG_BIN ?? "/usr/lib/postgresql/15/bin", "psql");

export interface ServingResult {
  readonly rows: number;
  readonly psql_s: number | null;
  readonly node_pg_s: number | null;
  /** DuckDB direct: rows converted to JS values in-process. */
  readonly in_process_s: number | null;
}

export interface ConcurrencyResult {
  readonly clients: number;
  readonly seconds: number;
  readonly completed: number;
  readonly queries_per_s: number;
  readonly p50_latency_s: number | null;
  readonly errors: number;
}

/** Runs psql -A -t -q with output to /dev/null, one -c per statement; resolves with the wall seconds. */
export function psqlRead(t: PgTarget, sql: string | readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const args = ["-h", t.host, "-p", String(t.port), "-U", t.user, "-d", t.database, "-A", "-t", "-q"];
    for (const s of typeof sql === "string" ? [sql] : sql) args.push("-c", s);
    const t0 = performance.now();
    const p = spawn(PSQL, args, {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, PGPASSWORD: t.password ?? "" },
    });
    let err = "";
    p.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    p.on("error", reject);
    p.on("close", (code) => (code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(err))));
  });
}

async function best<T>(reps: number, f: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < reps; i++) out.push(await f());
  return out;
}

export async function serving(sys: BenchSystem, rows: number, reps: number): Promise<ServingResult> {
  const sql = `select * from lineitem limit ${rows}`;
  const target = sys.pgTarget?.();
  if (!target) {
    const readAll = sys.readAll?.bind(sys);
    if (!readAll) return { rows, psql_s: null, node_pg_s: null, in_process_s: null };
    const times = await best(reps, async () => {
      const t0 = performance.now();
      await readAll(sql);
      return (performance.now() - t0) / 1000;
    }).catch(() => null);
    return { rows, psql_s: null, node_pg_s: null, in_process_s: times ? median(times) : null };
  }
  const psql = await best(reps, () => psqlRead(target, sql)).catch(() => null);
  const c = await connectRaw(target);
  try {
    const node = await best(reps, async () => {
      const t0 = performance.now();
      await c.query({ text: sql, rowMode: "array" });
      return (performance.now() - t0) / 1000;
    }).catch(() => null);
    return { rows, psql_s: psql ? median(psql) : null, node_pg_s: node ? median(node) : null, in_process_s: null };
  } finally {
    await c.end().catch(() => {});
  }
}

export async function concurrency(
  sys: BenchSystem,
  sf: number,
  clients: number,
  rounds: number,
): Promise<ConcurrencyResult | null> {
  const target = sys.pgTarget?.();
  if (!target) return null;
  const queries = tpchQueries(sf, [6, 14]).map((q) => q.sql);
  const conns = await Promise.all(Array.from({ length: clients }, () => connectRaw(target)));
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  try {
    // Fixed work: every client runs Q6 and Q14 `rounds` times (starting at alternate queries).
    await Promise.all(
      conns.map(async (c, i) => {
        for (let k = 0; k < rounds * queries.length; k++) {
          const t0 = performance.now();
          try {
            await c.query(queries[(i + k) % queries.length] as string);
            latencies.push((performance.now() - t0) / 1000);
          } catch {
            errors++;
          }
        }
      }),
    );
  } finally {
    await Promise.all(conns.map((c) => c.end().catch(() => {})));
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    clients,
    seconds,
    completed: latencies.length,
    queries_per_s: latencies.length / seconds,
    p50_latency_s: latencies.length ? median(latencies) : null,
    errors,
  };
}
