// tests/helpers/memory-cluster.ts
//! An in-memory implementation of our own Cluster/Session contract (src/session/api.ts) for
//! protocol tests: a tiny kv table and fixed statements (wire-memory-sql.ts), transactions,
//! prepared statements, portals with row limits, parameters, SET, cancel. A second real
//! implementation of the interface, not a mock of DuckDB or Postgres.

import { createHash, createHmac, pbkdf2Sync, randomBytes, randomInt } from "node:crypto";
import { AuthError, LakeshiftError, SqlState } from "../../src/common/errors.js";
import type {
  AuthMethod,
  Cluster,
  Credentials,
  ExecuteOutcome,
  RowSlice,
  Session,
  StartupInfo,
  StatementDescription,
} from "../../src/session/api.js";
import type { ResultColumn } from "../../src/session/result.js";
import {
  INT4,
  type Plan,
  type PlanResult,
  RowCursor,
  type Store,
  compile,
  splitStatements,
  splitWithOffsets,
} from "./wire-memory-sql.js";

export interface MemoryUser {
  readonly password: string;
  /** Defaults to the cluster's method. */
  readonly method?: AuthMethod;
}

export interface MemoryClusterOptions {
  readonly users?: Readonly<Record<string, MemoryUser>>;
  readonly method?: AuthMethod;
  readonly databases?: readonly string[];
  readonly maxConnections?: number;
  /** Makes credentials() and openSession() take this long, as a real catalog lookup may. */
  readonly delayMs?: number;
}

export function md5Hash(user: string, password: string): string {
  return `md5${createHash("md5")
    .update(password + user)
    .digest("hex")}`;
}

export function scramVerifier(password: string, salt = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

export class MemoryCluster implements Cluster {
  readonly store: Store = { kv: new Map(), chunksProduced: 0 };
  readonly sessions = new Map<number, MemorySession>();
  readonly authLog: { user: string; ok: boolean; method: AuthMethod }[] = [];
  opened = 0;
  closed = 0;
  private nextPid = 1000;

  constructor(readonly opts: MemoryClusterOptions = {}) {}

  async credentials(info: StartupInfo): Promise<Credentials> {
    if (this.opts.delayMs) await new Promise((r) => setTimeout(r, this.opts.delayMs));
    const dbs = this.opts.databases ?? ["dev"];
    if (!dbs.includes(info.database)) {
      throw new AuthError(SqlState.InvalidCatalogName, `database "${info.database}" does not exist`, {
        severity: "FATAL",
      });
    }
    const u = this.opts.users?.[info.user];
    const method = u?.method ?? this.opts.method ?? "md5";
    if (!u) {
      return {
        method,
        userExists: false,
        md5Hash: md5Hash(info.user, randomBytes(16).toString("hex")),
        checkPassword: () => false,
      };
    }
    return {
      method,
      userExists: true,
      md5Hash: md5Hash(info.user, u.password),
      scramVerifier: scramVerifier(u.password),
      checkPassword: (p) => p === u.password,
    };
  }

  recordAuthentication(info: StartupInfo, ok: boolean, method: AuthMethod): void {
    this.authLog.push({ user: info.user, ok, method });
  }

  async openSession(info: StartupInfo): Promise<Session> {
    if (this.opts.delayMs) await new Promise((r) => setTimeout(r, this.opts.delayMs));
    if (this.opts.maxConnections !== undefined && this.sessions.size >= this.opts.maxConnections) {
      throw new LakeshiftError(SqlState.TooManyConnections, "sorry, too many clients already", { severity: "FATAL" });
    }
    const s = new MemorySession(this, info, this.nextPid++, randomInt(1, 2 ** 31 - 1));
    this.sessions.set(s.processId, s);
    this.opened++;
    return s;
  }

  cancel(processId: number, secretKey: number): void {
    const s = this.sessions.get(processId);
    if (s && s.secretKey === secretKey) s.cancel();
  }

  async close(): Promise<void> {
    for (const s of [...this.sessions.values()]) await s.close();
  }
}

interface Prepared {
  readonly plan: Plan | null;
  readonly paramTypes: readonly number[];
}

interface Portal {
  readonly plan: Plan | null;
  readonly params: readonly (string | null)[];
  readonly formats: readonly number[];
  cursor: RowCursor | null;
  done: string | null;
}

export class MemorySession implements Session {
  private status: "I" | "T" | "E" = "I";
  private readonly params = new Map<string, string>();
  private changed: [string, string][] = [];
  private readonly statements = new Map<string, Prepared>();
  private readonly portals = new Map<string, Portal>();
  private running = false;
  /** True while a statement runs (tests wait for it before cancelling). */
  get isRunning(): boolean {
    return this.running;
  }
  private cancelled = false;
  private wake: (() => void) | null = null;
  isClosed = false;

  constructor(
    private readonly cluster: MemoryCluster,
    readonly info: StartupInfo,
    readonly processId: number,
    readonly secretKey: number,
  ) {
    this.params.set("application_name", info.params.application_name ?? "");
  }

  initialParameterStatus(): ReadonlyArray<readonly [string, string]> {
    return [
      ["application_name", this.params.get("application_name") ?? ""],
      ["client_encoding", "UTF8"],
      ["DateStyle", "ISO, MDY"],
      ["integer_datetimes", "on"],
      ["IntervalStyle", "postgres"],
      ["is_superuser", "on"],
      ["server_encoding", "UTF8"],
      ["server_protocol_version", "3"],
      ["server_version", "8.0.2"],
      ["session_authorization", this.info.user],
      ["standard_conforming_strings", "on"],
      ["TimeZone", "UTC"],
    ];
  }

  takeChangedParameters(): ReadonlyArray<readonly [string, string]> {
    const out = this.changed;
    this.changed = [];
    return out;
  }

  transactionStatus(): "I" | "T" | "E" {
    return this.status;
  }

  /** Runs one statement with transaction bookkeeping; returns its raw result. */
  private async run(plan: Plan, params: readonly (string | null)[]): Promise<PlanResult> {
    const c = plan.control;
    if (this.status === "E" && c !== "commit" && c !== "rollback") {
      throw new LakeshiftError(
        SqlState.InFailedSqlTransaction,
        "current transaction is aborted, commands ignored until end of transaction block",
      );
    }
    this.running = true;
    this.cancelled = false;
    try {
      if (c === "begin") this.status = "T";
      else if (c === "commit" || c === "rollback") {
        const tag = this.status === "E" ? "ROLLBACK" : c === "commit" ? "COMMIT" : "ROLLBACK";
        this.status = "I";
        return { kind: "command", tag };
      } else if (c !== undefined) {
        this.params.set(c.set, c.value);
        this.changed.push([c.set, c.value]);
      }
      return await plan.run({
        params,
        checkCancel: () => this.checkCancel(),
        sleep: (seconds) => this.sleep(seconds),
      });
    } catch (e) {
      if (this.status === "T") this.status = "E";
      throw e;
    } finally {
      this.running = false;
    }
  }

  private checkCancel(): void {
    if (this.cancelled) {
      this.cancelled = false;
      throw new LakeshiftError(SqlState.QueryCanceled, "canceling statement due to user request");
    }
  }

  private async sleep(seconds: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, seconds * 1000);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
    this.wake = null;
    this.checkCancel();
  }

  private rowsOutcome(
    columns: readonly ResultColumn[],
    formats: readonly number[],
    cursor: RowCursor,
    max: number,
  ): ExecuteOutcome {
    const counter = { n: 0 };
    let more = false;
    const session = this;
    async function* slices(): AsyncGenerator<RowSlice> {
      try {
        yield* cursor.take(max, counter);
        more = max > 0 && (await cursor.hasMore());
      } catch (e) {
        if (session.status === "T") session.status = "E";
        throw e;
      }
    }
    return {
      kind: "rows",
      columns,
      formats,
      slices: slices(),
      finish: () => ({ suspended: more, tag: `SELECT ${counter.n}` }),
    };
  }

  async *simpleQuery(sql: string): AsyncGenerator<ExecuteOutcome> {
    const statements = splitWithOffsets(sql);
    if (statements.length === 0) {
      yield { kind: "empty" };
      return;
    }
    for (const { text, offset } of statements) {
      let plan: Plan;
      try {
        plan = compile(text, this.cluster.store);
      } catch (e) {
        if (this.status === "T") this.status = "E";
        // Positions count from the start of the whole query string.
        if (e instanceof LakeshiftError && e.position !== undefined) {
          throw new LakeshiftError(e.sqlstate, e.message, { position: e.position + offset, detail: e.detail });
        }
        throw e;
      }
      const result = await this.run(plan, []);
      if (result.kind === "command") yield { kind: "command", tag: result.tag };
      else {
        this.running = true;
        try {
          yield this.rowsOutcome(
            plan.columns!,
            plan.columns!.map(() => 0),
            new RowCursor(result.chunks),
            0,
          );
        } finally {
          this.running = false;
        }
      }
    }
  }

  async parse(statement: string, sql: string, paramTypes: readonly number[]): Promise<void> {
    if (statement !== "" && this.statements.has(statement)) {
      throw new LakeshiftError("42P05", `prepared statement "${statement}" already exists`);
    }
    const parts = splitStatements(sql);
    if (parts.length > 1) {
      throw new LakeshiftError(SqlState.SyntaxError, "cannot insert multiple commands into a prepared statement");
    }
    let plan: Plan | null = null;
    try {
      plan = parts.length === 0 ? null : compile(parts[0]!, this.cluster.store);
    } catch (e) {
      if (this.status === "T") this.status = "E";
      throw e;
    }
    const inferred = plan?.paramTypes ?? [];
    const types = inferred.map((t, i) => (paramTypes[i] ? paramTypes[i]! : t));
    this.statements.set(statement, { plan, paramTypes: types });
  }

  private prepared(name: string): Prepared {
    const p = this.statements.get(name);
    if (!p) throw new LakeshiftError(SqlState.InvalidSqlStatementName, `prepared statement "${name}" does not exist`);
    return p;
  }

  async describeStatement(statement: string): Promise<StatementDescription> {
    const p = this.prepared(statement);
    return { paramTypes: p.paramTypes, columns: p.plan?.columns ?? null };
  }

  async bind(
    portal: string,
    statement: string,
    params: ReadonlyArray<Uint8Array | null>,
    paramFormats: readonly number[],
    resultFormats: readonly number[],
  ): Promise<void> {
    const p = this.prepared(statement);
    if (params.length !== p.paramTypes.length) {
      throw new LakeshiftError(
        SqlState.ProtocolViolation,
        `bind message supplies ${params.length} parameters, but prepared statement "${statement}" requires ${p.paramTypes.length}`,
      );
    }
    if (portal !== "" && this.portals.has(portal)) {
      throw new LakeshiftError("42P03", `portal "${portal}" already exists`);
    }
    const values = params.map((b, i) => {
      if (b === null) return null;
      const binary = (paramFormats.length === 1 ? paramFormats[0] : paramFormats[i]) === 1;
      if (binary && p.paramTypes[i] === INT4) return String(Buffer.from(b).readInt32BE(0));
      return Buffer.from(b).toString("utf8");
    });
    const ncols = p.plan?.columns?.length ?? 0;
    if (resultFormats.length > 1 && resultFormats.length !== ncols) {
      throw new LakeshiftError(
        SqlState.ProtocolViolation,
        `bind message has ${resultFormats.length} result formats but query has ${ncols} columns`,
      );
    }
    const formats = Array.from({ length: ncols }, (_, i) =>
      resultFormats.length === 1 ? resultFormats[0]! : (resultFormats[i] ?? 0),
    );
    this.portals.set(portal, { plan: p.plan, params: values, formats, cursor: null, done: null });
  }

  private portal(name: string): Portal {
    const p = this.portals.get(name);
    if (!p) throw new LakeshiftError(SqlState.InvalidCursorName, `portal "${name}" does not exist`);
    return p;
  }

  async describePortal(
    portal: string,
  ): Promise<{ columns: readonly ResultColumn[] | null; formats: readonly number[] }> {
    const p = this.portal(portal);
    return { columns: p.plan?.columns ?? null, formats: p.formats };
  }

  async execute(portal: string, maxRows: number): Promise<ExecuteOutcome> {
    const p = this.portal(portal);
    if (p.plan === null) return { kind: "empty" };
    if (p.done !== null) return { kind: "command", tag: p.done };
    if (p.cursor === null) {
      const result = await this.run(p.plan, p.params);
      if (result.kind === "command") {
        p.done = result.tag;
        return { kind: "command", tag: result.tag };
      }
      p.cursor = new RowCursor(result.chunks);
    }
    return this.rowsOutcome(p.plan.columns!, p.formats, p.cursor, maxRows);
  }

  async closeStatement(statement: string): Promise<void> {
    this.statements.delete(statement);
  }

  async closePortal(portal: string): Promise<void> {
    this.portals.delete(portal);
  }

  async sync(): Promise<void> {
    // Portals live in the transaction: outside a block, Sync ends the implicit one.
    if (this.status === "I") this.portals.clear();
  }

  onTerminate(): void {
    // Nothing in the memory cluster terminates sessions.
  }

  cancel(): void {
    if (!this.running) return;
    this.cancelled = true;
    this.wake?.();
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.cluster.sessions.delete(this.processId);
    this.cluster.closed++;
  }
}
