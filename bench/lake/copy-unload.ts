// bench/lake/copy-unload.ts
//! COPY and UNLOAD against DuckDB doing the same work itself, on TPC-H lineitem from the local lake:
//!   COPY lineitem FROM 's3://bench/lineitem.tbl'   vs  INSERT INTO lineitem SELECT * FROM read_csv(...)
//!   UNLOAD ('select * from lineitem') ... PARQUET   vs  COPY lineitem TO '...' (FORMAT parquet)
//! Usage: node dist/bench/lake/copy-unload.js [--sf 1] [--data-dir bench/data/tpch-sf1] [--reps 3]
//! The .tbl file is made by `lakeshift gen tpch` (bench/data, not committed); its trailing '|' is
//! stripped into the lake first (not timed). Prints a Markdown table.

import { type ChildProcess, execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { MemoryCatalog, type MemoryColumnSpec } from "../../src/catalog/memory.js";
import { Engine } from "../../src/engine/index.js";
import { Lake } from "../../src/lake/access.js";
import { runCopy } from "../../src/lake/copy/run.js";
import { S3Store } from "../../src/lake/store/s3.js";
import { runUnload } from "../../src/lake/unload/run.js";
import { bindCopy, bindUnload } from "../../src/plan/bind/copy.js";
import { BindState } from "../../src/plan/bind/context.js";
import { TPCH_SCHEMA } from "../../src/gen/tpch/schema.js";
import { RoleStore, requireS3 } from "../../src/security/policy/index.js";
import { tokenize } from "../../src/sql/lexer/lexer.js";
import { parseCopy } from "../../src/sql/parser/copy.js";
import { parseUnload } from "../../src/sql/parser/unload.js";
import { Cursor } from "../../src/sql/parser/cursor.js";
import type { SqlType } from "../../src/sql/types.js";
import { copyConverter, copyConverterWith } from "../../src/translate/duckdb/copy.js";
import { connectRaw } from "../systems/pg-client.js";
import { PostgresSystem } from "../systems/postgres.js";
import { S3RVER_CREDENTIALS, startS3rver } from "./s3rver.js";

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? dflt) : dflt;
}

function sqlType(t: string): SqlType {
  const m = /^(\w+)(?:\((\d+)(?:,(\d+))?\))?$/.exec(t.replaceAll(" ", ""));
  const [, name = "", a, b] = m ?? [];
  switch (name.toUpperCase()) {
    case "INTEGER":
      return { id: "integer" };
    case "BIGINT":
      return { id: "bigint" };
    case "DECIMAL":
      return { id: "decimal", precision: Number(a), scale: Number(b ?? 0) };
    case "CHAR":
      return { id: "char", length: Number(a) };
    case "VARCHAR":
      return { id: "varchar", length: Number(a) };
    case "DATE":
      return { id: "date" };
    default:
      throw new Error(`type ${t}`);
  }
}

/** With LAKE_TRACE set, prints each statement's time. */
function traced<C extends { run(sql: string): Promise<number>; all(sql: string): Promise<unknown> }>(c: C): C {
  const wrap =
    <F extends (sql: string) => Promise<unknown>>(f: F) =>
    async (sql: string) => {
      const t0 = performance.now();
      try {
        return await f(sql);
      } finally {
        process.stderr.write(
          `${((performance.now() - t0) / 1000).toFixed(3)}s ${process.env.LAKE_TRACE === "full" ? sql : sql.slice(0, 110)}\n`,
        );
      }
    };
  return Object.assign(Object.create(c), { run: wrap(c.run.bind(c)), all: wrap(c.all.bind(c)) }) as C;
}

interface Timing {
  readonly wall: number;
  /** This process's CPU seconds (DuckDB's threads included); NaN for PostgreSQL. */
  readonly cpu: number;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

async function main(): Promise<void> {
  const sf = arg("sf", "1");
  const dataDir = resolve(arg("data-dir", `bench/data/tpch-sf${sf}`));
  const reps = Number(arg("reps", "3"));
  const withPg = !process.argv.includes("--no-postgres");
  const withS3 = !process.argv.includes("--no-s3");
  const tbl = join(dataDir, "lineitem.tbl");
  if (!existsSync(tbl)) throw new Error(`${tbl} is missing: run lakeshift gen tpch --sf ${sf} --out ${dataDir}`);
  const work = mkdtempSync(join(tmpdir(), "ls-bench-lake-"));
  chmodSync(work, 0o755); // PostgreSQL's server-side COPY reads the file as the postgres user
  const lakeDir = join(work, "lake");
  mkdirSync(join(lakeDir, "bench"), { recursive: true });
  const staged = join(lakeDir, "bench", "lineitem.tbl");
  execFileSync("sh", ["-c", `sed 's/|$//' '${tbl}' > '${staged}'`]);
  chmodSync(lakeDir, 0o755);
  chmodSync(join(lakeDir, "bench"), 0o755);
  const def = TPCH_SCHEMA.find((t) => t.name === "lineitem");
  if (!def) throw new Error("no lineitem in the schema");
  let s3rver: ChildProcess | undefined;
  let endpoint: string | undefined;
  if (withS3) {
    const started = await startS3rver(join(work, "s3rver"), ["bench"]);
    s3rver = started.child;
    endpoint = started.endpoint;
    const store = new S3Store({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
    await store.upload({ bucket: "bench", key: "s3/lineitem.tbl" }, staged);
    store.destroy();
  }
  const pgSystem = withPg ? new PostgresSystem() : undefined;
  const pgVersion = pgSystem ? await pgSystem.start() : undefined;
  const pgc = pgSystem ? await connectRaw(pgSystem.pgTarget()) : undefined;
  const engine = await Engine.open({ dataDir: ":memory:" });
  await engine.createDatabase("dev");
  const conn = await engine.connect("dev");
  await conn.run(`CREATE SCHEMA "dev"."public"`);
  const ddl = def.columns.map((c) => `${c.name} ${c.type}`).join(", ");
  await conn.run(`CREATE TABLE "dev"."public"."lineitem" (${ddl})`);
  await conn.run(`CREATE TABLE "dev"."public"."lineitem_duck" (${ddl})`);
  await pgc?.query(`CREATE TABLE lineitem (${ddl})`);
  const catalog = new MemoryCatalog();
  catalog.addTable({
    name: "lineitem",
    columns: def.columns.map((c): MemoryColumnSpec => ({ name: c.name, type: sqlType(c.type) })),
  });
  const roles = new RoleStore();
  const lakeOptions = {
    lakeDir,
    roles: { resolve: (s: string) => roles.resolve(s) },
    authorize: (role: { arn: string }, action: string, bucket: string, key: string) =>
      requireS3(roles.resolve(role.arn), action, bucket, key),
  };
  const lake = new Lake(lakeOptions as ConstructorParameters<typeof Lake>[0]);
  const s3Lake = endpoint
    ? new Lake({
        ...lakeOptions,
        s3: { endpoint, region: "us-east-1", forcePathStyle: true, credentials: S3RVER_CREDENTIALS },
      } as ConstructorParameters<typeof Lake>[0])
    : undefined;
  const state = () => {
    const now = new Date();
    return new BindState(catalog, {
      user: "admin",
      database: "dev",
      statementTime: now,
      transactionTime: now,
      sessionInfo: { version: "1", backendPid: 1, currentSchema: "public", settings: () => undefined },
    });
  };
  const bind = (sql: string) => bindCopy(parseCopy(new Cursor(sql, tokenize(sql))), state());
  const bound = bind("copy lineitem from 's3://bench/lineitem.tbl' iam_role default");
  const s3Bound = bind("copy lineitem from 's3://bench/s3/lineitem.tbl' iam_role default");
  const time = async (f: () => Promise<unknown>): Promise<Timing> => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await f();
    const c = process.cpuUsage(c0);
    return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
  };
  const results: Record<string, Timing[]> = { lakeshift: [], duckdb: [], lakeshiftS3: [], postgres: [] };
  const rows = { lakeshift: 0, duckdb: 0, lakeshiftS3: 0, postgres: 0 };
  const clear = () => conn.run(`DELETE FROM "dev"."public"."lineitem"; DELETE FROM "dev"."public"."lineitem_duck"`);
  const cols = `{${def.columns.map((c) => `'${c.name}': '${c.type}'`).join(", ")}}`;
  let query = 0;
  const copyWith = async (l: Lake, b: typeof bound) =>
    (
      await runCopy(process.env.LAKE_TRACE ? traced(conn) : conn, b, {
        lake: l,
        converter: copyConverterWith(engine.copyCasts() ?? undefined),
        identity: { userId: 1, sessionId: 1, queryId: ++query, database: "dev" },
      })
    ).rows;
  // Interleaved: each repetition runs every system once, so a change in the machine's load hits all.
  for (let i = 0; i < reps; i++) {
    await clear();
    results.lakeshift?.push(await time(async () => (rows.lakeshift = await copyWith(lake, bound))));
    await clear();
    results.duckdb?.push(
      await time(async () => {
        rows.duckdb = await conn.run(
          `INSERT INTO "dev"."public"."lineitem_duck" SELECT * FROM read_csv('${staged}', delim='|', header=false, columns=${cols})`,
        );
      }),
    );
    if (s3Lake) {
      await clear();
      rmSync(s3Lake.cache.dir, { recursive: true, force: true }); // each repetition downloads the object again
      results.lakeshiftS3?.push(await time(async () => (rows.lakeshiftS3 = await copyWith(s3Lake, s3Bound))));
    }
    if (pgc) {
      await pgc.query("TRUNCATE lineitem");
      const t = await time(async () => {
        const r = await pgc.query(`COPY lineitem FROM '${staged}' WITH (FORMAT text, DELIMITER '|')`);
        rows.postgres = r.rowCount ?? 0;
      });
      results.postgres?.push({ wall: t.wall, cpu: Number.NaN });
    }
  }
  // UNLOAD reads lineitem, which the loads above leave empty or full depending on which ran
  // last: it is filled once more, by DuckDB (not timed).
  await conn.run(`DELETE FROM "dev"."public"."lineitem"`);
  await conn.run(
    `INSERT INTO "dev"."public"."lineitem" SELECT * FROM read_csv('${staged}', delim='|', header=false, columns=${cols})`,
  );
  const unloadSql =
    "unload ('select * from lineitem') to 's3://bench/out/li_' iam_role default format parquet allowoverwrite";
  const unloadBound = bindUnload(parseUnload(new Cursor(unloadSql, tokenize(unloadSql))), state());
  const unloadT: Timing[] = [];
  const duckOutT: Timing[] = [];
  // Odd repetitions run DuckDB's COPY TO first: the write-back of the file written just before
  // falls on whichever goes second, so neither always pays it.
  for (let i = 0; i < reps; i++) {
    const out = join(work, `duck_${i}.parquet`);
    const unload = async () => {
      unloadT.push(await time(() => runUnload(conn, unloadBound, { lake, converter: copyConverter })));
    };
    const duck = async () => {
      duckOutT.push(
        await time(() => conn.run(`COPY "dev"."public"."lineitem" TO '${out}' (FORMAT parquet, COMPRESSION snappy)`)),
      );
    };
    for (const step of i % 2 === 0 ? [unload, duck] : [duck, unload]) await step();
  }
  const n = rows.duckdb;
  const med = (k: string, f: (t: Timing) => number) => median((results[k] ?? []).map(f));
  const rate = (s: number) => `${Math.round(n / s).toLocaleString("en-US")}`;
  const duckWall = med("duckdb", (t) => t.wall);
  const duckCpu = med("duckdb", (t) => t.cpu);
  const pgWall = med("postgres", (t) => t.wall);
  const line = (label: string, k: string) => {
    const w = med(k, (t) => t.wall);
    const c = med(k, (t) => t.cpu);
    const all = (results[k] ?? []).map((t) => t.wall.toFixed(1)).join(", ");
    const vsDuck = `${(duckWall / w).toFixed(2)}x (CPU ${Number.isNaN(c) ? "-" : `${(duckCpu / c).toFixed(2)}x`})`;
    const vsPg = pgc ? `${(pgWall / w).toFixed(2)}x` : "-";
    return `| ${label} | ${w.toFixed(2)} s (${all}) | ${Number.isNaN(c) ? "-" : `${c.toFixed(1)} s`} | ${rate(w)} | ${vsDuck} | ${vsPg} |`;
  };
  const timings = (ts: readonly Timing[]) =>
    `${median(ts.map((t) => t.wall)).toFixed(2)} s (${ts.map((t) => t.wall.toFixed(1)).join(", ")}), ${median(ts.map((t) => t.cpu)).toFixed(1)} s`;
  const rowsOk = Object.entries(rows).every(([k, v]) => v === n || (results[k] ?? []).length === 0);
  const lines = [
    `TPC-H SF${sf} lineitem, ${n.toLocaleString("en-US")} rows (${rowsOk ? "every system loaded all of them" : `ROW COUNTS DIFFER: ${JSON.stringify(rows)}`}), ${reps} interleaved repetitions, medians${pgVersion ? `; ${pgVersion}` : ""}`,
    "",
    "| load | wall (each run) | CPU (this process) | rows/s | vs DuckDB read_csv (wall, CPU) | vs PostgreSQL COPY (wall) |",
    "|---|---|---|---|---|---|",
    line("Lakeshift COPY, local lake", "lakeshift"),
    ...(s3Lake ? [line("Lakeshift COPY, s3rver on loopback (download included)", "lakeshiftS3")] : []),
    line("DuckDB INSERT ... read_csv", "duckdb"),
    ...(pgc ? [line("PostgreSQL COPY (server-side file)", "postgres")] : []),
    "",
    "| unload | Lakeshift UNLOAD PARQUET: wall (each run), CPU | DuckDB COPY TO parquet: wall (each run), CPU | DuckDB / Lakeshift (wall, CPU) |",
    "|---|---|---|---|",
    `| lineitem to Parquet | ${timings(unloadT)} | ${timings(duckOutT)} | ${(median(duckOutT.map((t) => t.wall)) / median(unloadT.map((t) => t.wall))).toFixed(2)}x (CPU ${(median(duckOutT.map((t) => t.cpu)) / median(unloadT.map((t) => t.cpu))).toFixed(2)}x) |`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  lake.close();
  s3Lake?.close();
  conn.close();
  await engine.close();
  await pgc?.end();
  await pgSystem?.stop();
  s3rver?.kill();
  rmSync(work, { recursive: true, force: true });
}

await main();
