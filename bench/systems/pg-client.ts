// bench/systems/pg-client.ts
//! node-postgres with every value left as the server's text, so answers compare as text.

import pg from "pg";
import type { QueryOutcome } from "./types.js";

const RAW = { getTypeParser: () => (v: string) => v };

export interface PgTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password?: string;
  readonly database: string;
}

export async function connectRaw(t: PgTarget): Promise<pg.Client> {
  const c = new pg.Client({ ...t, types: RAW as unknown as pg.CustomTypesConfig });
  await c.connect();
  c.on("error", () => {});
  return c;
}

/** Runs a query in array row mode; a statement_timeout cancel (57014) comes back as timedOut. */
export async function runRaw(c: pg.Client, sql: string): Promise<QueryOutcome> {
  try {
    const r = await c.query({ text: sql, rowMode: "array" });
    return {
      rows: (r.rows as unknown[][]).map((row) => row.map((v) => (v === null ? null : String(v)))),
      timedOut: false,
    };
  } catch (e) {
    if ((e as { code?: string }).code === "57014") return { rows: [], timedOut: true };
    throw e;
  }
}
