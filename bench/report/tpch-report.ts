// bench/report/tpch-report.ts
//! Writes <date>-tpch-sf<N>.md, .json and .png for a TPC-H run.

import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, release, totalmem, type } from "node:os";
import { join } from "node:path";
import type { SystemResult, TpchRun } from "../tpch/run.js";
import { barChart, COLORS, type Series } from "./chart.js";
import { geomean } from "./compare.js";

type Q = Record<string, { [k: string]: number | boolean | string | null }>;

export interface TpchJson {
  readonly sf: number;
  readonly date: string;
  readonly systems: Record<string, { version: string; error: string | null }>;
  readonly machine: Record<string, string | number>;
  readonly generator_s: number | null;
  readonly load_s: Record<string, number | null>;
  readonly queries: Q;
  readonly geomean_ratio_vs_duckdb: number | null;
  readonly geomean_ratio_vs_postgres: number | null;
  readonly geomean_postgres_vs_duckdb: number | null;
  /** The same over the queries that finished on PostgreSQL within the timeout. */
  readonly geomean_postgres_vs_duckdb_finished: number | null;
  readonly postgres_timeouts: readonly string[];
  readonly run_s: number;
  /** Per query over the threshold: where Lakeshift's extra time went (see bench/tpch/breakdown.ts). */
  readonly breakdowns: TpchRun["breakdowns"];
  readonly serving: TpchRun["serving"];
  readonly concurrency: TpchRun["concurrency"];
  readonly phases: Record<string, { seconds: number; loadavg_start: number; loadavg_end: number }>;
  /** Lakeshift's answers all equal DuckDB's; null when Lakeshift did not run. */
  readonly answers_match: boolean | null;
  readonly postgres_answers_match_duckdb: boolean | null;
}

function machine(): Record<string, string | number> {
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    nproc: availableParallelism(),
    memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
  };
}

const fmt = (v: number | null | undefined, digits = 3): string =>
  v === null || v === undefined ? "–" : v.toFixed(digits);
const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a !== null && a !== undefined && b !== null && b !== undefined && b > 0 ? a / b : null;

function sfLabel(sf: number): string {
  return String(Number(sf.toPrecision(6)));
}

export function buildJson(run: TpchRun, date: string): TpchJson {
  const by = (n: string): SystemResult | undefined => run.systems.find((s) => s.name === n && !s.error);
  const ls = by("lakeshift");
  const dk = by("duckdb");
  const pg = by("postgres");
  const ids = Object.keys(run.systems[0]?.queries ?? {});
  for (const s of run.systems) for (const q of Object.keys(s.queries)) if (!ids.includes(q)) ids.push(q);
  ids.sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  const queries: Q = {};
  const rDuck: number[] = [];
  const rPg: number[] = [];
  const rPgDuck: number[] = [];
  const rPgDuckFinished: number[] = [];
  const pgTimeouts: string[] = [];
  for (const id of ids) {
    const l = ls?.queries[id];
    const d = dk?.queries[id];
    const p = pg?.queries[id];
    queries[id] = {
      lakeshift_s: l?.median_s ?? null,
      duckdb_s: d?.median_s ?? null,
      postgres_s: p?.median_s ?? null,
      postgres_timed_out: p?.timedOut ?? null,
      lakeshift_timed_out: l?.timedOut ?? null,
      rows: d?.rows ?? l?.rows ?? p?.rows ?? null,
      lakeshift_matches_duckdb: run.matches[id]?.lakeshift?.match ?? null,
      postgres_matches_duckdb: run.matches[id]?.postgres?.match ?? null,
    };
    const a = ratio(l?.median_s, d?.median_s);
    const b = ratio(l?.median_s, p?.median_s);
    const c = ratio(p?.median_s, d?.median_s);
    if (a !== null) rDuck.push(a);
    if (b !== null) rPg.push(b);
    if (c !== null) rPgDuck.push(c);
    if (c !== null && !p?.timedOut) rPgDuckFinished.push(c);
    if (p?.timedOut) pgTimeouts.push(id);
  }
  const all = (n: string): boolean | null => {
    if (!by(n) || !dk) return null;
    const ms = ids.map((id) => run.matches[id]?.[n]?.match);
    const lsq = by(n)?.queries ?? {};
    return ids.every((id, i) => ms[i] === true || lsq[id]?.timedOut === true);
  };
  const load_s: Record<string, number | null> = {};
  for (const s of run.systems) load_s[s.name] = s.load?.total_s ?? null;
  const systems: TpchJson["systems"] = {};
  for (const s of run.systems) systems[s.name] = { version: s.version, error: s.error ?? null };
  return {
    sf: run.options.sf,
    date,
    systems,
    machine: machine(),
    generator_s: run.data.generated_s,
    load_s,
    queries,
    geomean_ratio_vs_duckdb: geomean(rDuck),
    geomean_ratio_vs_postgres: geomean(rPg),
    geomean_postgres_vs_duckdb: geomean(rPgDuck),
    geomean_postgres_vs_duckdb_finished: geomean(rPgDuckFinished),
    postgres_timeouts: pgTimeouts,
    run_s: run.run_s,
    breakdowns: run.breakdowns,
    serving: run.serving,
    concurrency: run.concurrency,
    phases: Object.fromEntries(
      run.systems.map((s) => [s.name, { seconds: s.phase_s, loadavg_start: s.loadavg[0], loadavg_end: s.loadavg[1] }]),
    ),
    answers_match: all("lakeshift"),
    postgres_answers_match_duckdb: all("postgres"),
  };
}

function markdown(run: TpchRun, j: TpchJson, png: string): string {
  const o = run.options;
  const has = (n: string) => run.systems.some((s) => s.name === n && !s.error);
  const L: string[] = [];
  L.push(`# TPC-H SF ${sfLabel(o.sf)}: ${run.systems.map((s) => s.name).join(", ")} (${j.date})`, "");
  L.push(
    `Same data for every system (Lakeshift's own generator, seed ${o.seed}). The systems were loaded one after the other,`,
    "then the queries ran interleaved: for each query, each system in turn, never two at once, so that noise on this",
    `shared machine falls on all of them alike. Each query: one warm-up run, then the median of ${o.reps} timed runs (a query`,
    `whose warm-up took over ${o.slowS} s ran once; a timed-out query counts at the ${o.timeoutS} s timeout, marked ⏱).`,
    "Times are wall-clock in the client and include fetching the results.",
    "",
  );
  L.push("## Summary", "");
  if (has("lakeshift")) {
    L.push(`- Geometric mean Lakeshift/DuckDB: **${fmt(j.geomean_ratio_vs_duckdb, 2)}x**`);
    if (has("postgres")) L.push(`- Geometric mean Lakeshift/PostgreSQL: **${fmt(j.geomean_ratio_vs_postgres, 3)}x**`);
    L.push(`- Lakeshift answers equal DuckDB's: **${j.answers_match}**`);
  }
  if (has("postgres") && has("duckdb")) {
    const to = j.postgres_timeouts;
    L.push(
      `- Geometric mean PostgreSQL/DuckDB: **${fmt(j.geomean_postgres_vs_duckdb, 1)}x** over all queries` +
        (to.length
          ? ` (${to.join(", ")} timed out and count at ${o.timeoutS} s); ${fmt(j.geomean_postgres_vs_duckdb_finished, 1)}x over the ${Object.keys(j.queries).length - to.length} that finished`
          : ""),
    );
    L.push(`- PostgreSQL answers equal DuckDB's: ${j.postgres_answers_match_duckdb}`);
  }
  for (const s of run.systems) if (s.error) L.push(`- **${s.name} failed**: ${s.error.split("\n")[0]}`);
  L.push("", `![per-query ratios](${png})`, "", "## Queries (median seconds)", "");
  const cols = run.systems.filter((s) => !s.error).map((s) => s.name);
  const ratioCols: [string, string, string][] = [];
  if (cols.includes("lakeshift") && cols.includes("duckdb")) ratioCols.push(["lakeshift", "duckdb", "LS/DuckDB"]);
  if (cols.includes("lakeshift") && cols.includes("postgres")) ratioCols.push(["lakeshift", "postgres", "LS/PG"]);
  if (cols.includes("postgres") && cols.includes("duckdb")) ratioCols.push(["postgres", "duckdb", "PG/DuckDB"]);
  L.push(
    `| Query | rows | ${cols.map((c) => `${c} s`).join(" | ")} | ${ratioCols.map((r) => r[2]).join(" | ")} | answers |`,
  );
  L.push(`|---|---:|${cols.map(() => "---:|").join("")}${ratioCols.map(() => "---:|").join("")}---|`);
  for (const [id, q] of Object.entries(j.queries)) {
    const cell = (c: string) => {
      const s = run.systems.find((x) => x.name === c)?.queries[id];
      if (!s) return "–";
      if (s.error) return `error: ${s.error.slice(0, 60).replaceAll("|", "\\|")}`;
      return s.timedOut ? `⏱ ${fmt(s.median_s, 0)}` : fmt(s.median_s);
    };
    const rs = ratioCols.map(([a, b]) => {
      const r = ratio(q[`${a}_s`] as number | null, q[`${b}_s`] as number | null);
      const lb = q[`${a}_timed_out`] === true ? ">" : "";
      return r === null ? "–" : `${lb}${fmt(r, 2)}x`;
    });
    const m = run.matches[id] ?? {};
    const ans = Object.entries(m)
      .map(([n, v]) => `${n} ${v.match ? "✓" : `✗ ${(v.detail ?? "").slice(0, 80).replaceAll("|", "\\|")}`}`)
      .join("; ");
    L.push(
      `| ${id.toUpperCase()} | ${q.rows ?? "–"} | ${cols.map(cell).join(" | ")} | ${rs.join(" | ")} | ${ans || "–"} |`,
    );
  }
  const slow = Object.entries(run.breakdowns);
  if (slow.length > 0) {
    L.push("", `## Where Lakeshift is over ${o.explainOver}x DuckDB (seconds, medians)`, "");
    L.push(
      "Translation = parse, bind and translate in process. Execution = the DuckDB SQL Lakeshift generates minus",
      "DuckDB's own form of the query, both run in process on DuckDB over the same rows (stored as Lakeshift stores",
      "them), interleaved. Round trip = `select 1` through Lakeshift. Result = what is left of the difference:",
      "rows on the wire, their encoding, per-statement session work.",
      "",
      "| Query | Lakeshift | DuckDB | translation | generated SQL in process | DuckDB SQL in process | execution | round trip | result | mostly |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    );
    for (const [id, b] of slow) {
      L.push(
        `| ${id.toUpperCase()} | ${fmt(b.subject_s)} | ${fmt(b.reference_s)} | ${fmt(b.translation_s, 4)} | ${fmt(b.generated_s)} | ${fmt(b.reference_inproc_s)} | ${fmt(b.execution_s)} | ${fmt(b.round_trip_s, 4)} | ${fmt(b.result_s)} | ${b.verdict} |`,
      );
    }
  }
  const serving = Object.entries(run.serving);
  if (serving.length > 0) {
    L.push(
      "",
      `## Result serving: \`select * from lineitem limit N\` (16 columns) read in full (median of 2, seconds)`,
      "",
    );
    L.push("| system | rows | psql -A | node-postgres (array rows) | in-process (JS values) | rows/s (best) |");
    L.push("|---|---:|---:|---:|---:|---:|");
    for (const [n, r] of serving) {
      const bestS = Math.min(...[r.psql_s, r.node_pg_s, r.in_process_s].filter((x): x is number => x !== null));
      const rate = Number.isFinite(bestS) && bestS > 0 ? Math.round(r.rows / bestS).toLocaleString("en-US") : "–";
      L.push(
        `| ${n} | ${r.rows.toLocaleString("en-US")} | ${fmt(r.psql_s, 2)} | ${fmt(r.node_pg_s, 2)} | ${fmt(r.in_process_s, 2)} | ${rate} |`,
      );
    }
  }
  const conc = Object.entries(run.concurrency);
  if (conc.length > 0) {
    L.push(
      "",
      `## Concurrency: clients on their own connections, each running Q6 and Q14 ${o.concurrencyRounds} time(s)`,
      "",
    );
    L.push("| system | clients | wall s | queries done | queries/s | p50 latency s | errors |");
    L.push("|---|---:|---:|---:|---:|---:|---:|");
    for (const [n, r] of conc) {
      L.push(
        `| ${n} | ${r.clients} | ${fmt(r.seconds, 1)} | ${r.completed} | ${fmt(r.queries_per_s, 2)} | ${fmt(r.p50_latency_s)} | ${r.errors} |`,
      );
    }
  }
  L.push("", "## Loads (seconds)", "");
  const loaded = run.systems.filter((s) => s.load);
  if (loaded.length > 0) {
    const tables = Object.keys(loaded[0]?.load?.tables ?? {});
    L.push(`| step | ${loaded.map((s) => s.name).join(" | ")} |`, `|---|${loaded.map(() => "---:|").join("")}`);
    for (const t of tables) L.push(`| ${t} | ${loaded.map((s) => fmt(s.load?.tables[t], 2)).join(" | ")} |`);
    const extras = [...new Set(loaded.flatMap((s) => Object.keys(s.load?.extra ?? {})))];
    for (const e of extras) L.push(`| ${e} | ${loaded.map((s) => fmt(s.load?.extra[e], 2)).join(" | ")} |`);
    L.push(`| **total** | ${loaded.map((s) => `**${fmt(s.load?.total_s, 2)}**`).join(" | ")} |`);
    L.push(`| method | ${loaded.map((s) => s.load?.method ?? "").join(" | ")} |`);
  }
  L.push("", "## Data", "");
  L.push(`| table | rows |`, `|---|---:|`);
  for (const f of run.data.files) L.push(`| ${f.table} | ${f.rows.toLocaleString("en-US")} |`);
  L.push(
    "",
    run.data.reused
      ? `Data reused from an earlier generation (${run.data.generated_s === null ? "time not recorded" : `which took ${fmt(run.data.generated_s, 1)} s`}).`
      : `Generated in ${fmt(run.data.generated_s, 1)} s (${j.machine.nproc} cores).`,
  );
  L.push("", "## Run", "");
  L.push(
    `Whole run: ${fmt(j.run_s, 0)} s. The machine is shared; its 1-minute load average (${j.machine.nproc} cores) tells how noisy the figures are:`,
    "",
  );
  L.push("| system | busy s (load + queries) | load avg at its load | after the queries |", "|---|---:|---:|---:|");
  for (const [n, ph] of Object.entries(j.phases))
    L.push(`| ${n} | ${fmt(ph.seconds, 0)} | ${fmt(ph.loadavg_start, 2)} | ${fmt(ph.loadavg_end, 2)} |`);
  L.push("", "## Machine and versions", "");
  for (const [k, v] of Object.entries(j.machine)) L.push(`- ${k}: ${v}`);
  for (const s of run.systems) L.push(`- ${s.name}: ${s.version}`);
  L.push(
    "",
    `Command: \`npm run bench -- tpch --sf ${sfLabel(o.sf)} --systems ${o.systems.join(",")} --reps ${o.reps}\``,
    "",
  );
  return L.join("\n");
}

function chart(run: TpchRun, j: TpchJson): Buffer {
  const ids = Object.keys(j.queries);
  const cats = ids.map((id) => id.toUpperCase());
  const ok = (n: string) => run.systems.some((s) => s.name === n && !s.error);
  const rs = (a: string, b: string) =>
    ids.map((id) => ratio(j.queries[id]?.[`${a}_s`] as number, j.queries[id]?.[`${b}_s`] as number));
  const marks = (a: string) => ids.map((id) => j.queries[id]?.[`${a}_timed_out`] === true);
  const series: Series[] = [];
  const sf = sfLabel(run.options.sf);
  if (ok("lakeshift") && ok("duckdb"))
    series.push({
      label: "LAKESHIFT/DUCKDB",
      color: COLORS.blue!,
      values: rs("lakeshift", "duckdb"),
      marked: marks("lakeshift"),
    });
  if (ok("lakeshift") && ok("postgres"))
    series.push({ label: "LAKESHIFT/POSTGRES", color: COLORS.orange!, values: rs("lakeshift", "postgres") });
  if (series.length === 0 && ok("postgres") && ok("duckdb")) {
    series.push({
      label: "POSTGRES/DUCKDB",
      color: COLORS.orange!,
      values: rs("postgres", "duckdb"),
      marked: marks("postgres"),
    });
  }
  if (series.length > 0)
    return barChart({
      title: `TPC-H SF${sf} PER-QUERY RATIOS (LOG)`,
      categories: cats,
      series,
      unit: "x",
      reference: 1,
    });
  const only = run.systems.find((s) => !s.error)?.name ?? "none";
  const secs = ids.map((id) => (j.queries[id]?.[`${only}_s`] as number | null) ?? null);
  return barChart({
    title: `TPC-H SF${sf} ${only.toUpperCase()} SECONDS (LOG)`,
    categories: cats,
    series: [{ label: only.toUpperCase(), color: COLORS.green!, values: secs }],
    unit: "s",
  });
}

/** Writes the three report files; returns their paths. */
export async function writeReport(run: TpchRun, now = new Date()): Promise<string[]> {
  const date = now.toISOString().slice(0, 10);
  const base = `${date}-tpch-sf${sfLabel(run.options.sf)}`;
  await mkdir(run.options.resultsDir, { recursive: true });
  const j = buildJson(run, date);
  const md = join(run.options.resultsDir, `${base}.md`);
  const js = join(run.options.resultsDir, `${base}.json`);
  const png = join(run.options.resultsDir, `${base}.png`);
  await writeFile(js, `${JSON.stringify(j, null, 2)}\n`);
  await writeFile(png, chart(run, j));
  await writeFile(md, markdown(run, j, `${base}.png`));
  return [md, js, png];
}
