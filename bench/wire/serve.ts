// bench/wire/serve.ts
//! Serving a large result: every row of a query read in full by psql (unaligned, tuples only, to
//! /dev/null) and by node-postgres (raw text cells in array row mode, no type parsing).

import { spawn } from "node:child_process";
import { openSync } from "node:fs";
import pg from "pg";
import type { PgTarget } from "../systems/pg-client.js";

const RAW = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

/** Seconds for psql to read the whole result of `sql` into /dev/null. */
export function psqlSeconds(t: PgTarget, sql: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const out = openSync("/dev/null", "w");
    const p = spawn(
      "psql",
      ["-h", t.host, "-p", String(t.port), "-U", t.user, "-d", t.database, "-X", "-A", "-t", "-q", "-c", sql],
      { env: { ...process.env, PGPASSWORD: t.password ?? "" }, stdio: ["ignore", out, "pipe"] },
    );
    let err = "";
    p.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
    });
    p.on("error", reject);
    p.on("exit", (code) => {
      if (code === 0) resolve((performance.now() - t0) / 1000);
      else reject(new Error(`psql exited with ${code}: ${err}`));
    });
  });
}

/** Seconds for node-postgres to receive every row of `sql` as raw text cells; also the row count. */
export async function nodePgSeconds(t: PgTarget, sql: string): Promise<{ seconds: number; rows: number }> {
  const c = new pg.Client({ ...t, types: RAW });
  await c.connect();
  try {
    const t0 = performance.now();
    const r = await c.query({ text: sql, rowMode: "array" });
    return { seconds: (performance.now() - t0) / 1000, rows: r.rows.length };
  } finally {
    await c.end();
  }
}
