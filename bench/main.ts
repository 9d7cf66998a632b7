// bench/main.ts
//! `npm run bench -- tpch [--sf N] [--systems lakeshift,duckdb,postgres] [--reps N] [--results-dir D]
//!   [--data-dir D] [--timeout S] [--queries 1,6,13] [--seed S] [--lakeshift-load auto|copy|insert]`

import { resolve } from "node:path";
import type { LakeshiftLoad } from "./systems/lakeshift.js";
import { runTpch, SYSTEM_NAMES, type SystemName, type TpchOptions } from "./tpch/run.js";
import { runServe } from "./serve/run.js";
import { runWire } from "./wire/run.js";

const USAGE = `usage: npm run bench -- wire [--results-dir D]   (select-1 latency vs PostgreSQL, front-end cost)
       npm run bench -- serve [--sf N] [--rows N] [--runs R] [--results-dir D]
                         (result serving only: lineitem's first N rows (default 1000000) read in
                          full by psql and node-postgres, Lakeshift and PostgreSQL interleaved,
                          R runs (default 5); writes <results-dir>/<date>-serve.md)
       npm run bench -- tpch [options]
  --sf N                 scale factor (default 1)
  --systems a,b          of ${SYSTEM_NAMES.join(",")} (default all)
  --reps N               timed repetitions after the warm-up (default 3)
  --timeout S            per-query timeout in seconds (default 300)
  --slow S               queries whose warm-up exceeds S seconds run once (default 60)
  --queries 1,6,13       a subset of the 22 queries
  --results-dir D        where the report goes (default bench/results)
  --data-dir D           where the .tbl files are (re)used (default bench/data/tpch-sf<N>)
  --seed S               generator seed (default 1)
  --lakeshift-load M     auto (COPY, else INSERT) | copy | insert (default auto)
  --explain-over R       break down queries where Lakeshift/DuckDB exceeds R (default 1.15)
  --extras a,b           serving,concurrency or none (default serving,concurrency)
  --serving-rows N       rows of lineitem read in full (default 1000000)
  --clients N            concurrent clients (default 64)
  --rounds R             each concurrent client runs Q6 and Q14 R times (default 1)
`;

function parseExtras(v: string): TpchOptions["extras"] {
  if (v === "none" || v === "") return [];
  const xs = v.split(",");
  for (const x of xs) if (x !== "serving" && x !== "concurrency") throw new Error(`unknown extra '${x}'`);
  return xs as TpchOptions["extras"];
}

export function parseBenchArgs(argv: readonly string[]): TpchOptions {
  const [what, ...rest] = argv;
  if (what !== "tpch") throw new Error(`unknown benchmark '${what ?? ""}' (expected 'tpch')`);
  const f = flags(rest, [
    "sf",
    "systems",
    "reps",
    "timeout",
    "slow",
    "queries",
    "results-dir",
    "data-dir",
    "seed",
    "lakeshift-load",
    "explain-over",
    "extras",
    "serving-rows",
    "clients",
    "rounds",
  ]);
  const num = (k: string, d: number): number => {
    const v = f.get(k);
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${k} must be a non-negative number`);
    return n;
  };
  const sf = num("sf", 1);
  if (!(sf > 0)) throw new Error("--sf must be positive");
  const systems = (f.get("systems") ?? SYSTEM_NAMES.join(",")).split(",").filter(Boolean);
  for (const s of systems)
    if (!(SYSTEM_NAMES as readonly string[]).includes(s)) throw new Error(`unknown system '${s}'`);
  const queries = f.get("queries")?.split(",").map(Number);
  if (queries?.some((q) => !Number.isInteger(q) || q < 1 || q > 22)) throw new Error("--queries takes numbers 1-22");
  const load = f.get("lakeshift-load") ?? "auto";
  if (!["auto", "copy", "insert"].includes(load)) throw new Error("--lakeshift-load is auto, copy or insert");
  return {
    sf,
    systems: systems as SystemName[],
    reps: Math.max(1, Math.round(num("reps", 3))),
    timeoutS: num("timeout", 300),
    slowS: num("slow", 60),
    resultsDir: resolve(f.get("results-dir") ?? "bench/results"),
    dataDir: resolve(f.get("data-dir") ?? `bench/data/tpch-sf${String(Number(sf.toPrecision(6)))}`),
    seed: num("seed", 1),
    lakeshiftLoad: load as LakeshiftLoad,
    explainOver: num("explain-over", 1.15),
    extras: parseExtras(f.get("extras") ?? "serving,concurrency"),
    servingRows: Math.round(num("serving-rows", 1000000)),
    clients: Math.max(1, Math.round(num("clients", 64))),
    concurrencyRounds: Math.max(1, Math.round(num("rounds", 1))),
    ...(queries ? { queries } : {}),
  };
}

function flags(rest: readonly string[], known: readonly string[]): Map<string, string> {
  const f = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (!a.startsWith("--")) throw new Error(`unexpected argument '${a}'`);
    const eq = a.indexOf("=");
    const k = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const v = eq > 0 ? a.slice(eq + 1) : rest[++i];
    if (v === undefined) throw new Error(`--${k} needs a value`);
    if (!known.includes(k)) throw new Error(`unknown option --${k}`);
    f.set(k, v);
  }
  return f;
}

export function parseServeArgs(rest: readonly string[]): Parameters<typeof runServe>[0] {
  const f = flags(rest, ["sf", "rows", "runs", "results-dir", "data-dir"]);
  const num = (k: string, d: number): number => {
    const n = Number(f.get(k) ?? d);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${k} must be a positive number`);
    return n;
  };
  const sf = num("sf", 1);
  return {
    sf,
    rows: Math.round(num("rows", 1_000_000)),
    runs: Math.round(num("runs", 5)),
    resultsDir: resolve(f.get("results-dir") ?? "bench/results"),
    dataDir: resolve(f.get("data-dir") ?? `bench/data/tpch-sf${String(Number(sf.toPrecision(6)))}`),
  };
}

export async function benchMain(argv: readonly string[]): Promise<number> {
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === "wire") {
    const dir = argv[1] === "--results-dir" && argv[2] ? resolve(argv[2]) : resolve("bench/results");
    process.stderr.write(`[bench] wire report: ${await runWire(dir)}\n`);
    return 0;
  }
  if (argv[0] === "serve") {
    let so: Parameters<typeof runServe>[0];
    try {
      so = parseServeArgs(argv.slice(1));
    } catch (e) {
      process.stderr.write(`bench: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
    process.stderr.write(`[bench] serve report: ${await runServe(so)}\n`);
    return 0;
  }
  let o: TpchOptions;
  try {
    o = parseBenchArgs(argv);
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const t0 = performance.now();
  const { run } = await runTpch(o);
  process.stderr.write(`[bench] done in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  return run.systems.every((s) => !s.error) ? 0 : 1;
}

const invoked = process.argv[1] ?? "";
if (invoked.endsWith("bench/main.js")) {
  benchMain(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
