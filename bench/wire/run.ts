// bench/wire/run.ts
//! `npm run bench -- wire`: the per-statement costs that sit around every query: the front end
//! (parse + bind + translate of the 22 TPC-H queries, in process) and the round trip of a trivial
//! statement over loopback, Lakeshift and PostgreSQL 15 side by side in one run.

import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { LakeshiftSystem } from "../systems/lakeshift.js";
import { PostgresSystem } from "../systems/postgres.js";
import { tpchQueries } from "../tpch/queries.js";
import { type ConcurrencyFigures, concurrentMix, prepareMix } from "./concurrency.js";
import { measureFrontEnd } from "./front-end.js";
import { type LatencyFigures, selectOneLatency } from "./latency.js";

export interface WireRun {
  readonly date: string;
  readonly machine: { readonly cpus: number; readonly load_before: readonly number[] };
  readonly front_end_ms: ReturnType<typeof measureFrontEnd>;
  readonly select1: { readonly lakeshift: LatencyFigures; readonly postgres: LatencyFigures; readonly ratio: number };
  readonly concurrency: { readonly lakeshift: ConcurrencyFigures; readonly postgres: ConcurrencyFigures };
}

export async function runWire(resultsDir: string): Promise<string> {
  const date = new Date().toISOString().slice(0, 10);
  const load = loadavg();
  const front = measureFrontEnd(tpchQueries(1));
  const ls = new LakeshiftSystem("insert");
  const pgs = new PostgresSystem();
  let select1: WireRun["select1"];
  let concurrency: WireRun["concurrency"];
  try {
    await ls.start();
    await pgs.start();
    // Interleaved rounds so machine noise hits both alike; the median of the round medians.
    const a: LatencyFigures[] = [];
    const b: LatencyFigures[] = [];
    for (let round = 0; round < 3; round++) {
      a.push(await selectOneLatency(ls.pgTarget()));
      b.push(await selectOneLatency(pgs.pgTarget()));
    }
    const mid = (xs: LatencyFigures[]) => [...xs].sort((x, y) => x.median_ms - y.median_ms)[1] as LatencyFigures;
    select1 = { lakeshift: mid(a), postgres: mid(b), ratio: mid(a).median_ms / mid(b).median_ms };
    await prepareMix(ls.pgTarget());
    await prepareMix(pgs.pgTarget());
    concurrency = { lakeshift: await concurrentMix(ls.pgTarget()), postgres: await concurrentMix(pgs.pgTarget()) };
  } finally {
    await ls.stop().catch(() => {});
    await pgs.stop().catch(() => {});
  }
  const run: WireRun = {
    date,
    machine: { cpus: cpus().length, load_before: load },
    front_end_ms: front,
    select1,
    concurrency,
  };
  mkdirSync(resultsDir, { recursive: true });
  const base = join(resultsDir, `${date}-wire`);
  writeFileSync(`${base}.json`, `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(`${base}.md`, report(run));
  return `${base}.md`;
}

function report(r: WireRun): string {
  const f = (x: number) => x.toFixed(3);
  const rows = r.front_end_ms.map(
    (q) => `| ${q.id} | ${f(q.parse_ms)} | ${f(q.bind_ms)} | ${f(q.translate_ms)} | ${f(q.total_ms)} |`,
  );
  const worst = Math.max(...r.front_end_ms.map((q) => q.total_ms));
  const s = r.select1;
  return [
    `# Per-statement costs (${r.date})`,
    "",
    `Machine: ${r.machine.cpus} cores; load average before the run ${r.machine.load_before.map((x) => x.toFixed(1)).join(", ")}.`,
    "",
    "## `select 1` round trip over loopback (node-postgres, one connection, median of 2,000 after a warm-up)",
    "",
    "| system | median ms | p90 ms | p99 ms |",
    "|---|---:|---:|---:|",
    `| Lakeshift | ${f(s.lakeshift.median_ms)} | ${f(s.lakeshift.p90_ms)} | ${f(s.lakeshift.p99_ms)} |`,
    `| PostgreSQL 15 | ${f(s.postgres.median_ms)} | ${f(s.postgres.p90_ms)} | ${f(s.postgres.p99_ms)} |`,
    "",
    `Lakeshift / PostgreSQL: **${s.ratio.toFixed(2)}x** (target: within 2x). A repeated small query is answered`,
    "from Lakeshift's result cache (as Redshift's), so this measures the session and the wire, not DuckDB.",
    "",
    "## 64 connections, 100 mixed statements each (lookups, aggregates, parameters, writes in transactions)",
    "",
    "| system | statements | failures | seconds | statements/s |",
    "|---|---:|---:|---:|---:|",
    ...(["lakeshift", "postgres"] as const).map((k) => {
      const c = r.concurrency[k];
      return `| ${k === "lakeshift" ? "Lakeshift" : "PostgreSQL 15"} | ${c.statements} | ${c.failures} | ${c.seconds.toFixed(2)} | ${c.statements_per_s.toFixed(0)} |`;
    }),
    ...(r.concurrency.lakeshift.firstError ? ["", `First Lakeshift error: ${r.concurrency.lakeshift.firstError}`] : []),
    "",
    "## Front end per TPC-H query (parse + bind + translate, in process, median ms)",
    "",
    "| query | parse | bind | translate | total |",
    "|---|---:|---:|---:|---:|",
    ...rows,
    "",
    `Slowest: **${f(worst)} ms** (target: under 2 ms each).`,
    "",
  ].join("\n");
}
