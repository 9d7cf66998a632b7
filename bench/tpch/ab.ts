// bench/tpch/ab.ts
//! In-process A/B of the SQL Lakeshift generates against DuckDB's own form of each TPC-H query,
//! without the wire: one DuckDB holds the tables twice, as the DuckDB system loads them (main,
//! unqualified) and as Lakeshift stores them ("dev"."public", created through Lakeshift's own DDL
//! translation, CHAR(n) values blank-padded as COPY writes them). Each query's generated SQL
//! comes from parse -> bind -> translate; the two forms run interleaved, and the report is the
//! median of each and their ratio.
//!
//! Times are process CPU seconds (all DuckDB threads) unless `--clock wall`.
//!
//! `node dist/bench/tpch/ab.js [--sf 1] [--reps 7] [--queries 2,13] [--db /tmp/x.duckdb] [--clock cpu|wall] [--print]`

import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { DuckDBConnection } from "@duckdb/node-api";
import { MemoryCatalog } from "../../src/catalog/memory.js";
import { TPCH_SCHEMA } from "../../src/gen/index.js";
import type { BindContext, BoundStatement } from "../../src/plan/index.js";
import { bindStatement } from "../../src/plan/index.js";
import { parseStatement } from "../../src/sql/index.js";
import { translate } from "../../src/translate/index.js";
import { median } from "../report/compare.js";
import { createTableSql } from "./ddl.js";
import { tpchQueries } from "./queries.js";

const ctx: BindContext = {
  user: "admin",
  database: "dev",
  statementTime: new Date(),
  transactionTime: new Date(),
  sessionInfo: {
    version: "1",
    backendPid: 1,
    currentSchema: "public",
    settings: (name) => ({ datestyle: "ISO, MDY", timezone: "UTC" })[name],
  },
};

/** A catalog of the TPC-H tables as Lakeshift would hold them, and the DuckDB DDL it creates them with. */
export function lakeshiftTpch(): { catalog: MemoryCatalog; ddl: string[] } {
  const catalog = new MemoryCatalog();
  const ddl: string[] = [];
  for (const t of TPCH_SCHEMA) {
    const bound = bindStatement(parseStatement(createTableSql(t, "redshift")), catalog, ctx);
    if (bound.kind !== "create-table") throw new Error(`unexpected ${bound.kind}`);
    ddl.push(...translate(bound).sql);
    catalog.addTable({
      name: t.name,
      columns: bound.table.columns.map((c) => ({ name: c.name, type: c.type, notNull: c.notNull })),
    });
  }
  return { catalog, ddl };
}

/** The DuckDB SQL Lakeshift runs for a Redshift query over the TPC-H tables. */
export function generatedSql(catalog: MemoryCatalog, sql: string): string {
  const bound: BoundStatement = bindStatement(parseStatement(sql), catalog, ctx);
  const out = translate(bound).sql;
  return out[out.length - 1] ?? "";
}

/**
 * Beside the DuckDB-form TPC-H tables in `con`'s main database, the same rows as Lakeshift stores
 * them: catalog "dev" (in `devFile`), tables made by Lakeshift's DDL translation, CHAR(n) values
 * blank-padded to n as every Lakeshift write pads them. Nothing is done if they are there already.
 */
export async function addLakeshiftForm(con: DuckDBConnection, devFile: string): Promise<void> {
  await con.run(`ATTACH IF NOT EXISTS '${devFile.replaceAll("'", "''")}' AS dev`);
  await con.run("CREATE SCHEMA IF NOT EXISTS dev.public");
  const have = await con.runAndReadAll("select count(*) from duckdb_tables() where database_name = 'dev'");
  if (Number(have.getRows()[0]?.[0]) === TPCH_SCHEMA.length) return;
  for (const s of lakeshiftTpch().ddl) await con.run(s);
  for (const t of TPCH_SCHEMA) {
    const cols = t.columns.map((c) => {
      const n = /^CHAR\((\d+)\)$/.exec(c.type)?.[1];
      return n ? `rpad(${c.name}, ${n}, ' ')` : c.name;
    });
    await con.run(`INSERT INTO dev.public.${t.name} SELECT ${cols.join(", ")} FROM main.${t.name}`);
  }
  await con.run("CHECKPOINT dev");
}

async function load(con: DuckDBConnection, dataDir: string, devFile: string): Promise<void> {
  const have = await con.runAndReadAll("select count(*) from duckdb_tables() where database_name <> 'dev'");
  if (Number(have.getRows()[0]?.[0]) !== TPCH_SCHEMA.length) {
    for (const t of TPCH_SCHEMA) {
      const file = resolve(dataDir, `${t.name}.tbl`);
      if (!existsSync(file)) throw new Error(`${file} is missing (run the tpch bench once to generate it)`);
      await con.run(createTableSql(t, "duckdb").replace("CREATE TABLE", "CREATE OR REPLACE TABLE"));
      await con.run(`COPY ${t.name} FROM '${file.replaceAll("'", "''")}' (DELIMITER '|', HEADER false)`);
    }
    await con.run("CHECKPOINT");
  }
  await addLakeshiftForm(con, devFile);
}

/** Seconds of process CPU (all DuckDB threads, user + system) a query takes: steadier than wall time on a busy machine. */
async function time(con: DuckDBConnection, sql: string, wall = false): Promise<number> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await con.runAndReadAll(sql);
  r.getRows();
  const c = process.cpuUsage(c0);
  return wall ? (performance.now() - t0) / 1000 : (c.user + c.system) / 1e6;
}

export async function abMain(argv: readonly string[]): Promise<void> {
  const f = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--print") f.set("print", "1");
    else f.set(a.replace(/^--/, ""), argv[++i] ?? "");
  }
  const sf = Number(f.get("sf") ?? "1");
  const reps = Number(f.get("reps") ?? "7");
  const wall = f.get("clock") === "wall";
  const only = f.get("queries")?.split(",").map(Number);
  const { catalog } = lakeshiftTpch();
  const queries = tpchQueries(sf, only);
  if (f.has("print")) {
    for (const q of queries) process.stdout.write(`-- ${q.id}\n${generatedSql(catalog, q.sql)};\n\n`);
    return;
  }
  const inst = await DuckDBInstance.create(f.get("db") ?? ":memory:");
  const con = await inst.connect();
  const t0 = performance.now();
  const db = f.get("db");
  await load(con, resolve(f.get("data-dir") ?? `bench/data/tpch-sf${sf}`), db ? `${db}.dev` : ":memory:");
  process.stderr.write(`loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const ratios: number[] = [];
  process.stdout.write(`${wall ? "wall-clock" : "process CPU"} seconds, median of ${reps}, interleaved\n\n`);
  process.stdout.write("| query | generated s | reference s | ratio |\n|---|---:|---:|---:|\n");
  for (const q of queries) {
    const gen = generatedSql(catalog, q.sql);
    await time(con, gen);
    await time(con, q.sql);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < reps; i++) {
      if (i % 2 === 0) {
        a.push(await time(con, gen, wall));
        b.push(await time(con, q.sql, wall));
      } else {
        b.push(await time(con, q.sql, wall));
        a.push(await time(con, gen, wall));
      }
    }
    const ratio = median(a) / median(b);
    ratios.push(ratio);
    process.stdout.write(`| ${q.id} | ${median(a).toFixed(4)} | ${median(b).toFixed(4)} | ${ratio.toFixed(2)}x |\n`);
  }
  const geo = Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length);
  process.stdout.write(`\ngeometric mean generated/reference: ${geo.toFixed(3)}x\n`);
  con.closeSync();
  inst.closeSync();
}

const invoked = process.argv[1] ?? "";
if (invoked.endsWith("tpch/ab.js")) {
  abMain(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`ab: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
