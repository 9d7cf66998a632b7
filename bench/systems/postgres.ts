// bench/systems/postgres.ts
//! PostgreSQL 15 started by the runner: initdb into a temp dir as the postgres OS user (initdb
//! refuses root), a loopback port, the settings of the performance notes, psql \copy to load.

import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir, totalmem, userInfo } from "node:os";
import { join } from "node:path";
import type pg from "pg";
import { TPCH_SCHEMA } from "../../src/gen/index.js";
import { createTableSql, primaryKeySql } from "../tpch/ddl.js";
import { connectRaw, type PgTarget, runRaw } from "./pg-client.js";
import { exec, freePort } from "./proc.js";
import { type BenchSystem, elapsed, type LoadReport, type QueryOutcome, type TableFile } from "./types.js";

const BIN = process.env.LAKESHIFT_PG_BIN ?? "/usr/lib/postgresql/15/bin";

export class PostgresSystem implements BenchSystem {
  readonly name = "postgres";
  private dir = "";
  private port = 0;
  private client: pg.Client | null = null;
  private started = false;
  private readonly asRoot = userInfo().uid === 0;

  /** Runs a PostgreSQL binary as the postgres OS user when we are root. */
  private pgExec(bin: string, args: string[]): Promise<string> {
    return this.asRoot
      ? exec("runuser", ["-u", "postgres", "--", join(BIN, bin), ...args])
      : exec(join(BIN, bin), args);
  }

  async start(): Promise<string> {
    if (!existsSync(join(BIN, "initdb"))) {
      if (!this.asRoot) throw new Error(`PostgreSQL 15 not found in ${BIN}; install postgresql-15`);
      await exec("apt-get", ["install", "-y", "-q", "postgresql-15"]);
    }
    this.dir = await mkdtemp(join(tmpdir(), "lakeshift-bench-pg-"));
    await chmod(this.dir, 0o777);
    const data = join(this.dir, "data");
    await this.pgExec("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"]);
    this.port = await freePort();
    const shared = Math.max(128, Math.min(4096, Math.floor(totalmem() / 4 / 2 ** 20)));
    const settings = [
      `-p ${this.port}`,
      "-c listen_addresses=127.0.0.1",
      `-c unix_socket_directories=${this.dir}`,
      `-c shared_buffers=${shared}MB`,
      "-c work_mem=256MB",
      "-c maintenance_work_mem=1GB",
      "-c effective_cache_size=16GB",
      "-c max_wal_size=16GB",
      "-c checkpoint_timeout=30min",
      "-c random_page_cost=1.1",
    ].join(" ");
    await this.pgExec("pg_ctl", ["start", "-D", data, "-l", join(this.dir, "log"), "-w", "-t", "60", "-o", settings]);
    this.started = true;
    this.client = await connectRaw({ host: "127.0.0.1", port: this.port, user: "postgres", database: "postgres" });
    const v = await runRaw(this.client, "select version()");
    return String(v.rows[0]?.[0] ?? "PostgreSQL").replace(/ on .*/, "");
  }

  /** The postmaster's process id (its reaped children's CPU time covers finished backends). */
  postmasterPid(): number {
    return Number(readFileSync(join(this.dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
  }

  pgTarget(): PgTarget {
    return { host: "127.0.0.1", port: this.port, user: "postgres", database: "postgres" };
  }

  private get c(): pg.Client {
    if (!this.client) throw new Error("postgres not started");
    return this.client;
  }

  async load(files: readonly TableFile[]): Promise<LoadReport> {
    const t0 = performance.now();
    const tables: Record<string, number> = {};
    for (const f of files) {
      const def = TPCH_SCHEMA.find((t) => t.name === f.table);
      if (!def) throw new Error(`no schema for ${f.table}`);
      const t1 = performance.now();
      await this.c.query(createTableSql(def, "postgres"));
      // COPY rejects dbgen's trailing '|'; sed strips it on the way (psql runs it client-side).
      const cat = f.file.endsWith(".gz") ? `zcat '${f.file}' | sed 's/|$//'` : `sed 's/|$//' '${f.file}'`;
      const copy = `\\copy ${f.table} from program '${cat.replaceAll("'", "''")}' with (format text, delimiter '|')`;
      await exec(join(BIN, "psql"), ["-h", "127.0.0.1", "-p", String(this.port), "-U", "postgres", "-q", "-c", copy]);
      tables[f.table] = elapsed(t1);
    }
    const t2 = performance.now();
    for (const f of files) {
      const def = TPCH_SCHEMA.find((t) => t.name === f.table);
      if (def) await this.c.query(primaryKeySql(def));
    }
    const pk = elapsed(t2);
    const t3 = performance.now();
    await this.c.query("ANALYZE");
    return {
      tables,
      extra: { primary_keys: pk, analyze: elapsed(t3) },
      total_s: elapsed(t0),
      method: "psql \\copy (text) + primary keys + ANALYZE",
    };
  }

  async run(sql: string, timeoutS: number): Promise<QueryOutcome> {
    await this.c.query(`SET statement_timeout = ${Math.round(timeoutS * 1000)}`);
    return runRaw(this.c, sql);
  }

  async stop(): Promise<void> {
    await this.client?.end().catch(() => {});
    this.client = null;
    if (this.started) {
      await this.pgExec("pg_ctl", ["stop", "-D", join(this.dir, "data"), "-m", "immediate", "-w"]).catch(() => {});
      this.started = false;
    }
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}
