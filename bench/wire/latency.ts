// bench/wire/latency.ts
//! Round-trip latency of a trivial statement over loopback, one client, after a warm-up.

import pg from "pg";
import type { PgTarget } from "../systems/pg-client.js";

export interface LatencyFigures {
  readonly median_ms: number;
  readonly p90_ms: number;
  readonly p99_ms: number;
}

export async function selectOneLatency(t: PgTarget, n = 2000, sql = "select 1"): Promise<LatencyFigures> {
  const c = new pg.Client(t);
  await c.connect();
  try {
    for (let i = 0; i < 200; i++) await c.query(sql);
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await c.query(sql);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    return { median_ms: at(0.5), p90_ms: at(0.9), p99_ms: at(0.99) };
  } finally {
    await c.end();
  }
}
