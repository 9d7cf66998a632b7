// bench/wire/concurrency.ts
//! Many clients at once: each opens its own connection and runs a mix of statements (point
//! lookups, a small aggregate, a parameterized query, a short transaction). Every statement must
//! succeed; the figure is statements per second over the whole run.

import pg from "pg";
import type { PgTarget } from "../systems/pg-client.js";

export interface ConcurrencyFigures {
  readonly clients: number;
  readonly statements: number;
  readonly failures: number;
  readonly seconds: number;
  readonly statements_per_s: number;
  readonly firstError?: string;
}

/** The mix, over the TPC-H tables (orders, lineitem, nation). */
function mix(i: number, client: number): { text: string; values?: unknown[] } {
  const key = ((client * 7919 + i * 104729) % 1_000_000) + 1;
  switch (i % 5) {
    case 0:
      return { text: "select 1" };
    case 1:
      return { text: "select o_orderstatus, o_totalprice from orders where o_orderkey = $1", values: [key] };
    case 2:
      return { text: "select n_name, count(*) from nation group by n_name order by n_name" };
    case 3:
      return {
        text: "select count(*), sum(l_quantity) from lineitem where l_orderkey between $1 and $2",
        values: [key, key + 1000],
      };
    default:
      return { text: "select max(o_orderdate) from orders where o_custkey = $1", values: [(key % 1000) + 1] };
  }
}

export async function concurrentMix(t: PgTarget, clients = 64, perClient = 100): Promise<ConcurrencyFigures> {
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client(t);
      await c.connect();
      return c;
    }),
  );
  let failures = 0;
  let firstError: string | undefined;
  const t0 = performance.now();
  await Promise.all(
    conns.map(async (c, client) => {
      for (let i = 0; i < perClient; i++) {
        try {
          if (i % 25 === 24) {
            await c.query("begin");
            await c.query(mix(i, client));
            await c.query("commit");
          } else {
            await c.query(mix(i, client));
          }
        } catch (e) {
          failures++;
          firstError ??= (e as Error).message;
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(conns.map((c) => c.end()));
  const statements = clients * perClient;
  return {
    clients,
    statements,
    failures,
    seconds,
    statements_per_s: statements / seconds,
    ...(firstError ? { firstError } : {}),
  };
}
