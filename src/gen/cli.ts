// src/gen/cli.ts
//! `lakeshift gen tpch --sf N --out DIR [--gzip] [--seed S] [--tables a,b] [--workers W] [--parquet]`.
//! Generates the .tbl files and prints one line per table. Parquet conversion needs DuckDB, which
//! this layer may not import: the caller converts the returned files (see runGenCommand's result).

import { generateTpch, type GeneratedTable } from "./tpch/index.js";

export interface GenArgs {
  readonly sf: number;
  readonly out: string;
  readonly gzip: boolean;
  readonly parquet: boolean;
  readonly seed: number;
  readonly tables?: readonly string[];
  readonly workers?: number;
}

const USAGE =
  "usage: lakeshift gen tpch --sf N --out DIR [--gzip] [--parquet] [--seed S] [--tables t1,t2] [--workers W]\n";

/** Parses the flags after `gen`; throws with a message on bad input. */
export function parseGenArgs(argv: readonly string[]): GenArgs {
  const [what, ...rest] = argv;
  if (what !== "tpch") throw new Error(`unknown generator '${what ?? ""}' (expected 'tpch')`);
  const flags = new Map<string, string>();
  const bool = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (!a.startsWith("--")) throw new Error(`unexpected argument '${a}'`);
    const eq = a.indexOf("=");
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (key === "gzip" || key === "parquet") {
      bool.add(key);
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : rest[++i];
    if (value === undefined) throw new Error(`--${key} needs a value`);
    flags.set(key, value);
  }
  for (const k of flags.keys()) {
    if (!["sf", "out", "seed", "tables", "workers"].includes(k)) throw new Error(`unknown option --${k}`);
  }
  const num = (k: string, dflt?: number): number | undefined => {
    const v = flags.get(k);
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`--${k} must be a number, got '${v}'`);
    return n;
  };
  const sf = num("sf");
  if (sf === undefined || !(sf > 0)) throw new Error("--sf must be a positive number");
  const out = flags.get("out");
  if (!out) throw new Error("--out DIR is required");
  const tables = flags.get("tables")?.split(",").filter(Boolean);
  const workers = num("workers");
  return {
    sf,
    out,
    gzip: bool.has("gzip"),
    parquet: bool.has("parquet"),
    seed: num("seed", 1) as number,
    ...(tables ? { tables } : {}),
    ...(workers !== undefined ? { workers } : {}),
  };
}

/** Runs the generator for parsed arguments and reports per table on stdout. */
export async function runGen(args: GenArgs): Promise<GeneratedTable[]> {
  const t0 = performance.now();
  const out = await generateTpch({
    sf: args.sf,
    outDir: args.out,
    seed: args.seed,
    gzip: args.gzip,
    ...(args.tables ? { tables: args.tables } : {}),
    ...(args.workers !== undefined ? { workers: args.workers } : {}),
  });
  for (const t of out) process.stdout.write(`${t.table.padEnd(9)} ${String(t.rows).padStart(10)} rows  ${t.file}\n`);
  process.stdout.write(`generated TPC-H SF ${args.sf} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return out;
}

export interface GenHooks {
  /** Converts the generated .tbl files to Parquet (the CLI layer supplies it; it needs DuckDB). */
  readonly toParquet?: (tables: readonly GeneratedTable[], args: GenArgs) => Promise<void>;
}

/** `lakeshift gen ...`: returns the process exit code. */
export async function runGenCommand(argv: string[], hooks: GenHooks = {}): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(USAGE);
    return 0;
  }
  let args: GenArgs;
  try {
    args = parseGenArgs(argv);
  } catch (e) {
    process.stderr.write(`lakeshift gen: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.parquet && !hooks.toParquet) {
    process.stderr.write("lakeshift gen: --parquet needs a Parquet converter, which this build lacks\n");
    return 2;
  }
  const out = await runGen(args);
  if (args.parquet && hooks.toParquet) await hooks.toParquet(out, args);
  return 0;
}
