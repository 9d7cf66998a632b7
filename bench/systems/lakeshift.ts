// bench/systems/lakeshift.ts
//! Lakeshift over the wire: the runner starts `node dist/src/cli/main.js serve` on a free port
//! with fresh data and lake folders, connects with node-postgres as admin to dev, creates the
//! tables with DISTKEY/SORTKEY, and loads with COPY from the local lake, falling back to
//! multi-row INSERTs while COPY is missing.

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createGunzip } from "node:zlib";
import type pg from "pg";
import { TPCH_SCHEMA, type TpchTableDef } from "../../src/gen/index.js";
import { createTableSql } from "../tpch/ddl.js";
import { connectRaw, type PgTarget, runRaw } from "./pg-client.js";
import { exec, freePort, waitForPort } from "./proc.js";
import { type BenchSystem, elapsed, type LoadReport, type QueryOutcome, type TableFile } from "./types.js";

const HERE = dirname(fileURLToPath(import.meta.url));
/** dist/bench/systems -> dist/src/cli/main.js */
const MAIN = resolve(HERE, "../../src/cli/main.js");
const INSERT_BATCH_ROWS = 2000;

export type LakeshiftLoad = "auto" | "copy" | "insert";

export class LakeshiftSystem implements BenchSystem {
  readonly name = "lakeshift";
  private dir = "";
  private port = 0;
  private proc: ChildProcess | null = null;
  private client: pg.Client | null = null;
  private readonly password = randomBytes(12).toString("hex");
  private log = "";

  constructor(private readonly loadMode: LakeshiftLoad = "auto") {}

  async start(): Promise<string> {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} does not exist (the Lakeshift server is not built)`);
    this.dir = await mkdtemp(join(tmpdir(), "lakeshift-bench-ls-"));
    await mkdir(join(this.dir, "data"));
    await mkdir(join(this.dir, "lake"));
    this.port = await freePort();
    const args = ["serve", "--host", "127.0.0.1", "--port", String(this.port)];
    args.push("--data-dir", join(this.dir, "data"), "--lake-dir", join(this.dir, "lake"));
    const p = spawn(process.execPath, [MAIN, ...args], {
      env: { ...process.env, LAKESHIFT_ADMIN_PASSWORD: this.password },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.proc = p;
    const keep = (d: Buffer) => {
      this.log = (this.log + d.toString()).slice(-8000);
    };
    p.stdout?.on("data", keep);
    p.stderr?.on("data", keep);
    try {
      await waitForPort(this.port, 60000, () => p.exitCode === null);
    } catch (e) {
      throw new Error(`lakeshift did not start: ${(e as Error).message}\n${this.log}`);
    }
    this.client = await this.connect();
    const v = await runRaw(this.client, "select version()").catch(() => ({ rows: [["Lakeshift"]] }));
    return String(v.rows[0]?.[0] ?? "Lakeshift");
  }

  /** The server's process id (for CPU accounting). */
  serverPid(): number {
    const pid = this.proc?.pid;
    if (pid === undefined) throw new Error("lakeshift not started");
    return pid;
  }

  pgTarget(): PgTarget {
    return { host: "127.0.0.1", port: this.port, user: "admin", password: this.password, database: "dev" };
  }

  /**
   * Benchmark connections turn the result cache off (as Redshift benchmarks do): a repeated
   * query must run again, not come back from the cache.
   */
  private async connect(): Promise<pg.Client> {
    const c = await connectRaw(this.pgTarget());
    await c.query("set enable_result_cache_for_session to off");
    return c;
  }

  private get c(): pg.Client {
    if (!this.client) throw new Error("lakeshift not started");
    return this.client;
  }

  async load(files: readonly TableFile[]): Promise<LoadReport> {
    const t0 = performance.now();
    const tables: Record<string, number> = {};
    let method = this.loadMode === "insert" ? "multi-row INSERT" : "COPY from the local lake";
    for (const f of files) {
      const def = TPCH_SCHEMA.find((t) => t.name === f.table);
      if (!def) throw new Error(`no schema for ${f.table}`);
      await this.c.query(createTableSql(def, "redshift"));
      let took: number | null = null;
      if (method.startsWith("COPY")) {
        took = await this.copy(f).catch((e: unknown) => {
          if (this.loadMode === "copy") throw e;
          process.stderr.write(`lakeshift: COPY failed (${(e as Error).message}); loading with INSERTs\n`);
          return null;
        });
        if (took === null) method = "multi-row INSERT";
      }
      tables[f.table] = took ?? (await this.insert(def, f));
    }
    const t1 = performance.now();
    await this.c.query("ANALYZE").catch(() => {});
    return { tables, extra: { analyze: elapsed(t1) }, total_s: elapsed(t0), method };
  }

  /** Stages the file in the lake without dbgen's trailing '|' (not timed), then times COPY. */
  private async copy(f: TableFile): Promise<number> {
    const key = `tpch/${f.table}.tbl${f.file.endsWith(".gz") ? ".gz" : ""}`;
    const staged = join(this.dir, "lake", "bench", key);
    await mkdir(dirname(staged), { recursive: true });
    const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
    const pipe = f.file.endsWith(".gz")
      ? `zcat ${q(f.file)} | sed 's/|$//' | gzip -1 > ${q(staged)}`
      : `sed 's/|$//' ${q(f.file)} > ${q(staged)}`;
    await exec("sh", ["-c", pipe]);
    const t0 = performance.now();
    const gz = f.file.endsWith(".gz") ? " GZIP" : "";
    await this.c.query(`COPY ${f.table} FROM 's3://bench/${key}' IAM_ROLE default DELIMITER '|'${gz}`);
    return elapsed(t0);
  }

  private async insert(def: TpchTableDef, f: TableFile): Promise<number> {
    const t0 = performance.now();
    const input = createReadStream(f.file);
    const lines = createInterface({ input: f.file.endsWith(".gz") ? input.pipe(createGunzip()) : input });
    const quoted = def.columns.map((c) => !/^(INTEGER|DECIMAL)/.test(c.type));
    const head = `INSERT INTO ${def.name} (${def.columns.map((c) => c.name).join(", ")}) VALUES `;
    let batch: string[] = [];
    for await (const line of lines) {
      if (!line) continue;
      const cells = line.split("|");
      let tuple = "(";
      for (let i = 0; i < quoted.length; i++) {
        const v = cells[i] ?? "";
        tuple += (i ? "," : "") + (quoted[i] ? `'${v.replaceAll("'", "''")}'` : v);
      }
      batch.push(`${tuple})`);
      if (batch.length >= INSERT_BATCH_ROWS) {
        await this.c.query(head + batch.join(","));
        batch = [];
      }
    }
    if (batch.length > 0) await this.c.query(head + batch.join(","));
    return elapsed(t0);
  }

  /** A client-side timeout: the connection is dropped and a new one opened. */
  async run(sql: string, timeoutS: number): Promise<QueryOutcome> {
    const c = this.c;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((r) => {
      timer = setTimeout(() => r("timeout"), timeoutS * 1000);
    });
    try {
      const r = await Promise.race([runRaw(c, sql), timeout]);
      if (r !== "timeout") return r;
      await c.end().catch(() => {});
      this.client = await this.connect();
      return { rows: [], timedOut: true };
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    await this.client?.end().catch(() => {});
    this.client = null;
    const p = this.proc;
    if (p && p.exitCode === null) {
      const exited = new Promise((r) => p.once("exit", r));
      p.kill("SIGTERM");
      const t = setTimeout(() => p.kill("SIGKILL"), 10000);
      await exited;
      clearTimeout(t);
    }
    this.proc = null;
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}
