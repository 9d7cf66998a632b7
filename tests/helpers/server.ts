// tests/helpers/server.ts
//! Starts the real `lakeshift serve` CLI as a child process for over-the-wire tests: port 0 (the
//! server picks a free port and prints it), a temporary data and lake directory (removed on stop
//! unless the caller supplied its own data dir), and a known (or, on request, server-generated)
//! admin password.

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** dist/tests/helpers/server.js -> dist/src/cli/main.js */
const CLI = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
const LISTENING = /listening on ([^\s:]+):(\d+)/;
const START_TIMEOUT_MS = Number(process.env.LAKESHIFT_TEST_START_TIMEOUT_MS ?? 30_000);
const STOP_TIMEOUT_MS = 10_000;

export interface StartOptions {
  /** Use this data dir (never removed). Default: a fresh temp dir, removed on stop. */
  readonly dataDir?: string;
  /** Extra environment for the server process. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Admin password (LAKESHIFT_ADMIN_PASSWORD); default a random one. `null` leaves it unset so
   * the server generates one: read it with generatedPassword().
   */
  readonly password?: string | null;
  /** Configure host, port and directories through LAKESHIFT_* variables instead of flags. */
  readonly viaEnv?: boolean;
}

export interface TestServer {
  readonly host: string;
  /** The port of the current process; changes after restart(). */
  readonly port: number;
  readonly password: string;
  readonly user: string;
  readonly database: string;
  readonly dataDir: string;
  readonly lakeDir: string;
  /** The child's pid (of the current process). */
  readonly pid: number;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** True while the server process is running. */
  alive(): boolean;
  /** Sends `signal` (default SIGTERM), waits for exit (SIGKILL after 10 s), removes temp dirs. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** SIGKILL and wait for the exit; keeps the data dir for restart(). */
  kill9(): Promise<void>;
  /** Starts a new server process on the same data and lake dirs (after stop(), kill9() or a crash). */
  restart(): Promise<void>;
  /** node-postgres / postgres.js connection settings for this server. */
  connection(overrides?: { database?: string; user?: string; password?: string }): ConnectionSettings;
}

export interface ConnectionSettings {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

interface Launched {
  readonly child: ChildProcess;
  readonly host: string;
  readonly port: number;
  readonly log: { text: string };
}

interface LaunchSpec {
  readonly dataDir: string;
  readonly lakeDir: string;
  readonly password: string | null;
  readonly env: Readonly<Record<string, string>>;
  readonly viaEnv: boolean;
}

function launch({ dataDir, lakeDir, password, env, viaEnv }: LaunchSpec) {
  return new Promise<Launched>((resolve, reject) => {
    if (!existsSync(CLI)) {
      reject(new Error(`server CLI not built: ${CLI} (run npx tsc -p .)`));
      return;
    }
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    delete childEnv.LAKESHIFT_ADMIN_PASSWORD;
    if (password !== null) childEnv.LAKESHIFT_ADMIN_PASSWORD = password;
    const args = [CLI, "serve"];
    if (viaEnv) {
      Object.assign(childEnv, {
        LAKESHIFT_HOST: "127.0.0.1",
        LAKESHIFT_PORT: "0",
        LAKESHIFT_DATA_DIR: dataDir,
        LAKESHIFT_LAKE_DIR: lakeDir,
      });
    } else {
      args.push("--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir, "--lake-dir", lakeDir);
    }
    const child = spawn(process.execPath, args, { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    const log = { text: "" };
    let settled = false;
    const echo = process.env.LAKESHIFT_TEST_SERVER_LOG === "1";
    const timer = setTimeout(() => {
      fail(new Error(`server did not print "listening on" within ${START_TIMEOUT_MS} ms; output:\n${log.text}`));
      child.kill("SIGKILL");
    }, START_TIMEOUT_MS);
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(e);
    };
    const onData = (chunk: Buffer) => {
      const s = chunk.toString("utf8");
      log.text += s;
      if (echo) process.stderr.write(`[server ${child.pid}] ${s}`);
      if (log.text.length > 1_000_000) log.text = log.text.slice(-500_000);
      const m = LISTENING.exec(log.text);
      if (m && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ child, host: m[1]!, port: Number(m[2]), log });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("error", (e) => fail(e));
    child.once("exit", (code, signal) => {
      running.delete(child);
      fail(new Error(`server exited before listening (code ${code}, signal ${signal}); output:\n${log.text}`));
    });
  });
}

function waitExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
    }, timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      running.delete(child);
      resolve();
    });
  });
}

/**
 * With LAKESHIFT_TEST_EXTERNAL_URL=postgres://user:pw@host:port/db set, client tests run against
 * that server instead (e.g. a real PostgreSQL, to check a test's own expectations). There is no
 * process then: stop() does nothing, and kill9()/restart() throw.
 */
function externalServer(url: string): TestServer {
  const u = new URL(url);
  const conn: ConnectionSettings = {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1) || "dev",
  };
  const unsupported = async () => {
    throw new Error("not possible against LAKESHIFT_TEST_EXTERNAL_URL");
  };
  return {
    ...conn,
    dataDir: "",
    lakeDir: "",
    pid: -1,
    output: () => "",
    alive: () => true,
    stop: async () => {},
    kill9: unsupported,
    restart: unsupported,
    connection: (o = {}) => ({
      ...conn,
      database: o.database ?? conn.database,
      user: o.user ?? conn.user,
      password: o.password ?? conn.password,
    }),
  };
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const external = process.env.LAKESHIFT_TEST_EXTERNAL_URL;
  if (external && options.dataDir === undefined) return externalServer(external);
  const root = mkdtempSync(join(tmpdir(), "lakeshift-test-"));
  const dataDir = options.dataDir ?? join(root, "data");
  const lakeDir = join(root, "lake");
  const requested = options.password === undefined ? `pw-${randomBytes(6).toString("hex")}` : options.password;
  const env = options.env ?? {};
  const spec: LaunchSpec = { dataDir, lakeDir, password: requested, env, viaEnv: options.viaEnv ?? false };
  let current: Launched;
  try {
    current = await launch(spec);
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
  const firstOutput = current.log.text;
  const generated = /password: (\S+)/.exec(firstOutput)?.[1];
  const password = requested ?? generated ?? "";
  let stopped = false;
  const server: TestServer = {
    get host() {
      return current.host;
    },
    get port() {
      return current.port;
    },
    get pid() {
      return current.child.pid ?? -1;
    },
    password,
    user: "admin",
    database: "dev",
    dataDir,
    lakeDir,
    output: () => current.log.text,
    alive: () => current.child.exitCode === null && current.child.signalCode === null,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (!stopped) {
        stopped = true;
        if (server.alive()) current.child.kill(signal);
        await waitExit(current.child, STOP_TIMEOUT_MS);
      }
      rmSync(root, { recursive: true, force: true });
    },
    async kill9() {
      current.child.kill("SIGKILL");
      await waitExit(current.child, STOP_TIMEOUT_MS);
    },
    async restart() {
      if (server.alive()) {
        current.child.kill("SIGTERM");
        await waitExit(current.child, STOP_TIMEOUT_MS);
      }
      current = await launch(spec);
      stopped = false;
    },
    connection(overrides = {}) {
      return {
        host: current.host,
        port: current.port,
        user: overrides.user ?? "admin",
        password: overrides.password ?? password,
        database: overrides.database ?? "dev",
      };
    },
  };
  return server;
}
