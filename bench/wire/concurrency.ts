// bench/wire/concurrency.ts
//! Many clients at once (issue 2: 64 connections, 100 mixed statements each): point lookups,
//! small aggregates, parameterized queries, and short transactions that write. Every statement
//! must succeed; the figure is statements per second over the whole run.

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

const ROWS = 100_000;

/** The table the mix reads and writes, made the same way on every system. */
export async function prepareMix(t: PgTarget): Promise<void> {
  const c = new pg.Client(t);
  await c.connect();
  try {
    await c.query("drop table if exists mix_t");
    await c.query(
      "create table mix_t (id integer not null, grp integer not null, amount decimal(12,2), note varchar(40))",
    );
    await c.query(
      `insert into mix_t select n, n % 100, (n % 997) * 1.25, 'note ' || n from generate_series(1, ${ROWS}) as g(n)`,
    );
    await c.query("drop table if exists mix_log");
    await c.query("create table mix_log (client integer, step integer, at_id integer)");
  } finally {
    await c.end();
  }
}

function statement(i: number, client: number): { text: string; values?: unknown[] } {
  const id = ((client * 7919 + i * 104729) % ROWS) + 1;
  switch (i % 6) {
    case 0:
      return { text: "select 1" };
    case 1:
      return { text: "select grp, amount, note from mix_t where id = $1", values: [id] };
    case 2:
      return { text: "select grp, count(*), sum(amount) from mix_t where grp < 5 group by grp order by grp" };
    case 3:
      return { text: "select count(*), max(amount) from mix_t where id between $1 and $2", values: [id, id + 500] };
    case 4:
      return { text: "insert into mix_log values ($1, $2, $3)", values: [client, i, id] };
    default:
      return { text: "select note from mix_t where grp = $1 order by id desc limit 5", values: [id % 100] };
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
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    conns.map(async (c, client) => {
      for (let i = 0; i < perClient; i++) {
        try {
          // Every 20th step is a short transaction around the statement.
          if (i % 20 === 19) {
            await c.query("begin");
            await c.query(statement(i, client));
            await c.query("commit");
          } else {
            await c.query(statement(i, client));
          }
          done++;
        } catch (e) {
          failures++;
          firstError ??= (e as Error).message;
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(conns.map((c) => c.end()));
  return {
    clients,
    statements: done + failures,
    failures,
    seconds,
    statements_per_s: done / seconds,
    ...(firstError ? { firstError } : {}),
  };
}
