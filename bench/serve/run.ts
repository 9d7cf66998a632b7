// bench/serve/run.ts
//! `npm run bench -- serve [--sf N] [--rows N] [--runs R]`: result serving only, Lakeshift vs
//! PostgreSQL 15 on the same lineitem rows (the first N lines of the cached TPC-H .tbl file).
//! Each run reads `select * from lineitem limit N` in full with psql (unaligned, to /dev/null)
//! and with node-postgres (array rows, raw text), Lakeshift and PostgreSQL in turn (A B A B),
//! so that noise on a shared machine falls on both alike. Besides wall time it records the CPU
//! time of the serving process: Lakeshift's server (all its threads), and PostgreSQL's backend
//! (node-postgres: the connection's own backend; psql: the postmaster's reaped children).
//! node-postgres runs in this process, where a read of 1M rows leaves 16M strings behind: the
//! process collects its garbage before each timed read, and odd runs take PostgreSQL first, so
//! that the previous result's collection falls on neither side.

import { createReadStream, createWriteStream, existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createInterface } from "node:readline";
import { median } from "../report/compare.js";
import { LakeshiftSystem } from "../systems/lakeshift.js";
import { connectRaw, type PgTarget } from "../systems/pg-client.js";
import { PostgresSystem } from "../systems/postgres.js";
import type { BenchSystem } from "../systems/types.js";
import { psqlRead } from "../tpch/extras.js";

export interface ServeOptions {
  readonly sf: number;
  readonly rows: number;
  readonly runs: number;
  readonly dataDir: string;
  readonly resultsDir: string;
}

const CLK_TCK = 100;

/** V8's full garbage collection, made callable without starting node with --expose-gc. */
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** CPU seconds of a process: its own user + system time, plus reaped children's with `children`. */
function cpuOf(pid: number, children = false): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields from state (3) on: utime 14, stime 15, cutime 16, cstime 17.
  const n = (i: number) => Number(f[i - 3]);
  return (n(14) + n(15) + (children ? n(16) + n(17) : 0)) / CLK_TCK;
}

async function firstLines(src: string, dst: string, rows: number): Promise<number> {
  const out = createWriteStream(dst);
  const lines = createInterface({ input: createReadStream(src) });
  let n = 0;
  for await (const line of lines) {
    if (n >= rows) break;
    out.write(`${line}\n`);
    n++;
  }
  lines.close();
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  return n;
}

interface Side {
  readonly name: string;
  readonly sys: BenchSystem;
  /** CPU seconds of the serving process(es) so far, for a psql run and a node-pg run. */
  readonly psqlCpu: () => number;
  readonly nodeCpu: () => number;
  readonly target: PgTarget;
  psql: { wall: number; cpu: number }[];
  node: { wall: number; cpu: number }[];
}

async function measure(read: () => Promise<number>, cpu: () => number): Promise<{ wall: number; cpu: number }> {
  const c0 = cpu();
  const wall = await read();
  await new Promise((r) => setTimeout(r, 50)); // let the postmaster reap a finished backend
  return { wall, cpu: cpu() - c0 };
}

export async function runServe(o: ServeOptions): Promise<string> {
  const src = join(o.dataDir, "lineitem.tbl");
  if (!existsSync(src)) throw new Error(`${src} is missing: run \`npm run bench -- tpch --sf ${o.sf}\` once first`);
  const tmp = await mkdtemp(join(tmpdir(), "lakeshift-serve-"));
  const ls = new LakeshiftSystem("copy");
  const pg = new PostgresSystem();
  const log = (s: string) => process.stderr.write(`[serve] ${s}\n`);
  try {
    const file = join(tmp, "lineitem.tbl");
    const rows = await firstLines(src, file, o.rows);
    const versions: string[] = [];
    for (const s of [ls, pg] as BenchSystem[]) {
      versions.push(await s.start());
      const r = await s.load([{ table: "lineitem", file, rows }]);
      log(`${s.name}: loaded ${rows} rows in ${r.total_s.toFixed(1)} s`);
    }
    const sql = `select * from lineitem limit ${rows}`;
    const lsPid = ls.serverPid();
    const pgPid = pg.postmasterPid();
    const lsTarget = ls.pgTarget();
    const pgTarget = pg.pgTarget();
    const lsClient = await connectRaw(lsTarget);
    await lsClient.query("set enable_result_cache_for_session to off");
    const pgClient = await connectRaw(pgTarget);
    const backend = Number((await pgClient.query("select pg_backend_pid() as p")).rows[0].p);
    const sides: Side[] = [
      {
        name: "lakeshift",
        sys: ls,
        target: lsTarget,
        psqlCpu: () => cpuOf(lsPid),
        nodeCpu: () => cpuOf(lsPid),
        psql: [],
        node: [],
      },
      {
        name: "postgres",
        sys: pg,
        target: pgTarget,
        psqlCpu: () => cpuOf(pgPid, true),
        nodeCpu: () => cpuOf(backend),
        psql: [],
        node: [],
      },
    ];
    const clients = [lsClient, pgClient];
    // psql sessions on Lakeshift turn the result cache off too (1M rows are never cached anyway).
    const psqlSql = (i: number) => (i === 0 ? ["set enable_result_cache_for_session to off", sql] : [sql]);
    for (let run = 0; run <= o.runs; run++) {
      for (let i = 0; i < sides.length; i++) {
        const s = sides[i] as Side;
        const m = await measure(() => psqlRead(s.target, psqlSql(i)), s.psqlCpu);
        if (run > 0) s.psql.push(m);
      }
      for (const i of run % 2 === 0 ? [0, 1] : [1, 0]) {
        const s = sides[i] as Side;
        const c = clients[i] as Awaited<ReturnType<typeof connectRaw>>;
        collectGarbage();
        const m = await measure(async () => {
          const t0 = performance.now();
          const r = await c.query({ text: sql, rowMode: "array" });
          if (r.rows.length !== rows) throw new Error(`${s.name}: ${r.rows.length} rows, expected ${rows}`);
          return (performance.now() - t0) / 1000;
        }, s.nodeCpu);
        if (run > 0) s.node.push(m);
      }
      if (run > 0) {
        const [a, b] = sides as [Side, Side];
        log(
          `run ${run}: psql ${a.psql[run - 1]?.wall.toFixed(2)} vs ${b.psql[run - 1]?.wall.toFixed(2)} s, ` +
            `node-pg ${a.node[run - 1]?.wall.toFixed(2)} vs ${b.node[run - 1]?.wall.toFixed(2)} s`,
        );
      } else log("warm-up done");
    }
    await lsClient.end();
    await pgClient.end();
    return await writeServeReport(o, rows, sides, versions);
  } finally {
    await ls.stop().catch(() => {});
    await pg.stop().catch(() => {});
    await rm(tmp, { recursive: true, force: true });
  }
}

async function writeServeReport(o: ServeOptions, rows: number, sides: Side[], versions: string[]): Promise<string> {
  const [a, b] = sides as [Side, Side];
  const f = (x: number) => x.toFixed(2);
  const med = (xs: { wall: number; cpu: number }[], k: "wall" | "cpu") => median(xs.map((x) => x[k]));
  const ratios = (xs: { wall: number }[], ys: { wall: number }[]) => xs.map((x, i) => x.wall / (ys[i]?.wall ?? 1));
  const perM = 1e6 / rows;
  const lines = [
    `# Result serving: \`select * from lineitem limit ${rows}\` (TPC-H SF${o.sf} lineitem, 16 columns)`,
    "",
    `${new Date().toISOString()}; ${o.runs} interleaved runs after one warm-up; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}.`,
    `Lakeshift: ${versions[0]}; PostgreSQL: ${versions[1]}.`,
    "psql: `psql -A -t -q`, output to /dev/null; node-postgres: array rows, every value as raw text,",
    "in the bench process, which collects its garbage before each read; odd runs read PostgreSQL first.",
    "Server CPU: Lakeshift's server process (all threads); PostgreSQL's backend serving the query.",
    "",
    "| client | Lakeshift wall (median) | PostgreSQL wall (median) | Lakeshift/PostgreSQL (median of per-run ratios) | ratio min-max | Lakeshift CPU per 1M rows | PostgreSQL CPU per 1M rows |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const [label, k] of [
    ["psql", "psql"],
    ["node-postgres", "node"],
  ] as const) {
    const r = ratios(a[k], b[k]);
    lines.push(
      `| ${label} | ${f(med(a[k], "wall"))} s | ${f(med(b[k], "wall"))} s | ${f(median(r))}x | ${f(Math.min(...r))}-${f(Math.max(...r))} | ${f(med(a[k], "cpu") * perM)} s | ${f(med(b[k], "cpu") * perM)} s |`,
    );
  }
  lines.push("", "Per run (wall s / server CPU s):", "");
  lines.push(
    "| run | Lakeshift psql | PostgreSQL psql | Lakeshift node-pg | PostgreSQL node-pg |",
    "| --- | --- | --- | --- | --- |",
  );
  const c = (m?: { wall: number; cpu: number }) => (m ? `${f(m.wall)} / ${f(m.cpu)}` : "-");
  for (let i = 0; i < a.psql.length; i++) {
    lines.push(`| ${i + 1} | ${c(a.psql[i])} | ${c(b.psql[i])} | ${c(a.node[i])} | ${c(b.node[i])} |`);
  }
  await mkdir(o.resultsDir, { recursive: true });
  const file = join(o.resultsDir, `${new Date().toISOString().slice(0, 10)}-serve.md`);
  await writeFile(file, `${lines.join("\n")}\n`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return file;
}
