// bench/tpch/run.ts
//! One TPC-H run: data (generated or reused); each system started and loaded in turn; the 22
//! queries interleaved across the systems (never two at once), each with a warm-up and N timed
//! repetitions; then the answers are compared against DuckDB and the report files are written.

import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { generateTpch, TABLE_NAMES, TPCH_GENERATOR_VERSION } from "../../src/gen/index.js";
import { type Cell, compareAnswers, median } from "../report/compare.js";
import { writeReport } from "../report/tpch-report.js";
import { DuckDbSystem } from "../systems/duckdb.js";
import { type LakeshiftLoad, LakeshiftSystem } from "../systems/lakeshift.js";
import { PostgresSystem } from "../systems/postgres.js";
import type { BenchSystem, LoadReport, TableFile } from "../systems/types.js";
import { generatedSql, lakeshiftTpch } from "./ab.js";
import { type Breakdown, breakdown, interleaved, medianOf } from "./breakdown.js";
import { type ConcurrencyResult, concurrency, type ServingResult, serving } from "./extras.js";
import { tpchQueries } from "./queries.js";

export const SYSTEM_NAMES = ["duckdb", "postgres", "lakeshift"] as const;
export type SystemName = (typeof SYSTEM_NAMES)[number];

export interface TpchOptions {
  readonly sf: number;
  readonly systems: readonly SystemName[];
  readonly reps: number;
  readonly resultsDir: string;
  readonly dataDir: string;
  readonly timeoutS: number;
  readonly queries?: readonly number[];
  readonly seed: number;
  readonly lakeshiftLoad: LakeshiftLoad;
  /** A query whose warm-up takes longer than this is not repeated (its warm-up is its time). */
  readonly slowS: number;
  /** Lakeshift/DuckDB ratio above which a query's extra time is broken down (see breakdown.ts). */
  readonly explainOver: number;
  /** Measurements after the queries: result serving and multi-client throughput. */
  readonly extras: readonly ("serving" | "concurrency")[];
  readonly servingRows: number;
  readonly clients: number;
  /** Each concurrent client runs Q6 and Q14 this many times. */
  readonly concurrencyRounds: number;
}

export interface QueryTiming {
  readonly median_s: number | null;
  readonly runs_s: readonly number[];
  readonly timedOut: boolean;
  readonly rows: number;
  readonly error?: string;
}

export interface SystemResult {
  readonly name: SystemName;
  readonly version: string;
  readonly load: LoadReport | null;
  readonly queries: Record<string, QueryTiming>;
  /** Wall-clock seconds this system was busy (start, load and its query runs). */
  readonly phase_s: number;
  /** 1-minute load average of the machine when its load began and when the queries ended (noise indicator). */
  readonly loadavg: readonly [number, number];
  readonly error?: string;
}

export interface DataInfo {
  readonly dir: string;
  readonly files: readonly TableFile[];
  /** Seconds the generator took (when reused: the earlier generation's figure, if known). */
  readonly generated_s: number | null;
  readonly reused: boolean;
}

export interface TpchRun {
  readonly options: TpchOptions;
  readonly data: DataInfo;
  readonly systems: readonly SystemResult[];
  /** Per query, per compared system: does its answer match DuckDB's? */
  readonly matches: Record<string, Record<string, { match: boolean; detail?: string }>>;
  /** Wall-clock seconds of the whole run, data generation included. */
  readonly run_s: number;
  /** Queries where Lakeshift was over `explainOver` x DuckDB: where the time went. */
  readonly breakdowns: Record<string, Breakdown>;
  readonly serving: Record<string, ServingResult>;
  readonly concurrency: Record<string, ConcurrencyResult>;
}

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

/** Reuses .tbl files made by the same generator settings, or generates them. */
async function ensureData(o: TpchOptions): Promise<DataInfo> {
  const marker = join(o.dataDir, "generated.json");
  if (existsSync(marker)) {
    const m = JSON.parse(await readFile(marker, "utf8")) as {
      sf: number;
      seed: number;
      version?: number;
      generated_s?: number;
      files: TableFile[];
    };
    const same = m.sf === o.sf && m.seed === o.seed && m.version === TPCH_GENERATOR_VERSION;
    if (same && m.files.every((f) => existsSync(f.file))) {
      log(`reusing TPC-H SF ${o.sf} data in ${o.dataDir}`);
      return { dir: o.dataDir, files: m.files, generated_s: m.generated_s ?? null, reused: true };
    }
  }
  log(`generating TPC-H SF ${o.sf} into ${o.dataDir}`);
  const t0 = performance.now();
  const files = await generateTpch({ sf: o.sf, outDir: o.dataDir, seed: o.seed });
  const generated_s = (performance.now() - t0) / 1000;
  log(`generated in ${generated_s.toFixed(1)} s`);
  await writeFile(
    marker,
    JSON.stringify({ sf: o.sf, seed: o.seed, version: TPCH_GENERATOR_VERSION, generated_s, files }, null, 2),
  );
  return { dir: o.dataDir, files, generated_s, reused: false };
}

function makeSystem(name: SystemName, o: TpchOptions): BenchSystem {
  switch (name) {
    case "duckdb":
      return new DuckDbSystem();
    case "postgres":
      return new PostgresSystem();
    case "lakeshift":
      return new LakeshiftSystem(o.lakeshiftLoad);
  }
}

/** A system during the run: started and loaded, then timed query by query. */
interface Live {
  readonly name: SystemName;
  readonly sys: BenchSystem;
  readonly queries: Record<string, QueryTiming>;
  readonly answers: Map<string, Cell[][]>;
  version: string;
  load: LoadReport | null;
  error?: string;
  busy_s: number;
  loadavg: [number, number];
}

async function startAndLoad(live: Live, data: DataInfo): Promise<void> {
  const t0 = performance.now();
  live.loadavg[0] = loadavg()[0] ?? 0;
  try {
    live.version = await live.sys.start();
    log(`${live.name}: ${live.version}; loading`);
    const order = TABLE_NAMES.map((t) => data.files.find((f) => f.table === t)).filter((f): f is TableFile => !!f);
    live.load = await live.sys.load(order);
    log(`${live.name}: loaded in ${live.load.total_s.toFixed(2)} s (${live.load.method})`);
  } catch (e) {
    const msg = (e as Error).message;
    live.error = msg.slice(0, 2000);
    log(`${live.name}: FAILED ${msg.split("\n")[0]}`);
    await live.sys.stop().catch(() => {});
  }
  live.busy_s += (performance.now() - t0) / 1000;
}

/** One warm-up run (its answer is kept), then `reps` timed runs unless the warm-up was slow or timed out. */
async function timeQuery(live: Live, id: string, sql: string, o: TpchOptions): Promise<void> {
  const t0 = performance.now();
  try {
    const warm = await live.sys.run(sql, o.timeoutS);
    const warmS = (performance.now() - t0) / 1000;
    live.answers.set(id, warm.rows);
    if (warm.timedOut) {
      live.queries[id] = { median_s: o.timeoutS, runs_s: [o.timeoutS], timedOut: true, rows: 0 };
    } else if (warmS > o.slowS) {
      live.queries[id] = { median_s: warmS, runs_s: [warmS], timedOut: false, rows: warm.rows.length };
    } else {
      const runs: number[] = [];
      let timedOut = false;
      for (let i = 0; i < o.reps; i++) {
        const t1 = performance.now();
        const r = await live.sys.run(sql, o.timeoutS);
        timedOut ||= r.timedOut;
        runs.push(r.timedOut ? o.timeoutS : (performance.now() - t1) / 1000);
      }
      live.queries[id] = { median_s: median(runs), runs_s: runs, timedOut, rows: warm.rows.length };
    }
    const t = live.queries[id];
    log(`${live.name} ${id}: ${t?.timedOut ? "TIMEOUT" : `${t?.median_s?.toFixed(3)} s`} (${t?.rows} rows)`);
  } catch (e) {
    const msg = (e as Error).message.split("\n")[0] ?? "error";
    live.queries[id] = { median_s: null, runs_s: [], timedOut: false, rows: 0, error: msg };
    log(`${live.name} ${id}: ERROR ${msg}`);
  }
  live.busy_s += (performance.now() - t0) / 1000;
}

async function explainSlow(lives: readonly Live[], o: TpchOptions, out: Record<string, Breakdown>): Promise<void> {
  const ls = lives.find((l) => l.name === "lakeshift" && !l.error);
  const dk = lives.find((l) => l.name === "duckdb" && !l.error);
  if (!ls || !dk || !(dk.sys instanceof DuckDbSystem)) return;
  const duck = dk.sys;
  const slow = tpchQueries(o.sf, o.queries).filter((q) => {
    const a = ls.queries[q.id];
    const b = dk.queries[q.id];
    return a?.median_s && b?.median_s && !a.timedOut && !a.error && !b.error && a.median_s / b.median_s > o.explainOver;
  });
  if (slow.length === 0) return;
  log(`duckdb: adding the tables as Lakeshift stores them, to time the generated SQL in process`);
  await duck.addLakeshiftForm();
  const { catalog } = lakeshiftTpch();
  const reps = Math.max(5, o.reps);
  const roundTrip = await medianOf(20, () => ls.sys.run("select 1", o.timeoutS));
  for (const q of slow) {
    const a = ls.queries[q.id]?.median_s as number;
    const b = dk.queries[q.id]?.median_s as number;
    const gen = generatedSql(catalog, q.sql);
    const translation = await medianOf(20, () => generatedSql(catalog, q.sql));
    const [g, r] = await interleaved(
      reps,
      () => duck.run(gen),
      () => duck.run(q.sql),
    );
    const bd = breakdown(a, b, {
      translation_s: translation,
      generated_s: g,
      reference_inproc_s: r,
      round_trip_s: roundTrip,
    });
    out[q.id] = bd;
    log(`lakeshift ${q.id}: ${(a / b).toFixed(2)}x DuckDB, mostly ${bd.verdict}`);
  }
}

async function runExtras(
  lives: readonly Live[],
  o: TpchOptions,
  data: DataInfo,
  servingOut: Record<string, ServingResult>,
  concurrencyOut: Record<string, ConcurrencyResult>,
): Promise<void> {
  const lineitem = data.files.find((f) => f.table === "lineitem")?.rows ?? 0;
  for (const l of lives) {
    if (l.error) continue;
    try {
      if (o.extras.includes("serving") && lineitem > 0) {
        const r = await serving(l.sys, Math.min(o.servingRows, lineitem), 2);
        servingOut[l.name] = r;
        const f = (x: number | null) => (x === null ? "-" : x.toFixed(2));
        log(
          `${l.name} serving ${r.rows} rows: psql ${f(r.psql_s)}, node-pg ${f(r.node_pg_s)}, in-process ${f(r.in_process_s)} s`,
        );
      }
      if (o.extras.includes("concurrency")) {
        const r = await concurrency(l.sys, o.sf, o.clients, o.concurrencyRounds);
        if (r) {
          concurrencyOut[l.name] = r;
          log(`${l.name} ${r.clients} clients: ${r.queries_per_s.toFixed(2)} queries/s, ${r.errors} errors`);
        }
      }
    } catch (e) {
      log(`${l.name} extras failed: ${(e as Error).message}`);
    }
  }
}

/**
 * Loads each system in turn, then runs the queries interleaved (for each query, each system in
 * turn, never two at once), so that noise on a shared machine falls on all systems alike.
 */
export async function runTpch(o: TpchOptions): Promise<{ run: TpchRun; files: string[] }> {
  const t0 = performance.now();
  const data = await ensureData(o);
  // DuckDB first: its answers are the reference.
  const lives: Live[] = SYSTEM_NAMES.filter((s) => o.systems.includes(s)).map((name) => ({
    name,
    sys: makeSystem(name, o),
    queries: {},
    answers: new Map(),
    version: name,
    load: null,
    busy_s: 0,
    loadavg: [0, 0],
  }));
  const breakdowns: Record<string, Breakdown> = {};
  const servingOut: Record<string, ServingResult> = {};
  const concurrencyOut: Record<string, ConcurrencyResult> = {};
  const stopAll = () => Promise.all(lives.map((l) => l.sys.stop().catch(() => {})));
  const onSignal = () => {
    log("interrupted: stopping the systems");
    void stopAll().then(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    for (const l of lives) await startAndLoad(l, data);
    for (const q of tpchQueries(o.sf, o.queries)) {
      for (const l of lives) if (!l.error) await timeQuery(l, q.id, q.sql, o);
    }
    for (const l of lives) l.loadavg[1] = loadavg()[0] ?? 0;
    await explainSlow(lives, o, breakdowns);
    await runExtras(lives, o, data, servingOut, concurrencyOut);
  } finally {
    await stopAll();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  const systems: SystemResult[] = lives.map((l) => ({
    name: l.name,
    version: l.version,
    load: l.load,
    queries: l.queries,
    phase_s: l.busy_s,
    loadavg: l.loadavg,
    ...(l.error ? { error: l.error } : {}),
  }));
  const answers = new Map(lives.map((l) => [l.name, l.answers]));
  const matches: TpchRun["matches"] = {};
  const ref = answers.get("duckdb");
  if (ref) {
    for (const [name, a] of answers) {
      if (name === "duckdb") continue;
      for (const [q, rows] of a) {
        const expected = ref.get(q);
        const timing = systems.find((s) => s.name === name)?.queries[q];
        if (!expected || !timing || timing.timedOut || timing.error) continue;
        const m = compareAnswers(rows, expected);
        (matches[q] ??= {})[name] = m;
        if (!m.match) log(`${name} ${q}: answer differs from DuckDB: ${m.detail}`);
      }
    }
  }
  const run: TpchRun = {
    options: o,
    data,
    systems,
    matches,
    run_s: (performance.now() - t0) / 1000,
    breakdowns,
    serving: servingOut,
    concurrency: concurrencyOut,
  };
  const files = await writeReport(run);
  for (const f of files) log(`wrote ${f}`);
  return { run, files };
}
