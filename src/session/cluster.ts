// src/session/cluster.ts
//! The running cluster: one DuckDB engine (a file per database), the catalog store, the users,
//! and the sessions. Front ends (wire, api) see it as the Cluster contract.

import { randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { AuthError, LakeshiftError, SqlState } from "../common/errors.js";
import { logger } from "../common/log.js";
import type { CatalogReader } from "../catalog/reader.js";
import { CatalogStore } from "../catalog/store/catalog-store.js";
import { installSystemViews, sessionUserSql } from "../catalog/system/install.js";
import { CLUSTER_DATABASE } from "../catalog/well-known.js";
import { Engine } from "../engine/index.js";
import { privilegeHostFunction } from "./privilege-functions.js";
import type { EngineConnection } from "../engine/types.js";
import type { LakeService } from "../lake/index.js";
import { SystemLogs } from "../wlm/index.js";
import { md5Hash, scramVerifier, sha256Digest } from "../security/password.js";
import type { AuthMethod, Cluster, Credentials, Session, StartupInfo } from "./api.js";
import { type BackendSignal, signalBackend, signalHostFunction } from "./backend-signals.js";
import type { ClusterContext } from "./context.js";
import { DescribeCache } from "./describe-cache.js";
import { openLake } from "./lake.js";
import { transactionEnded } from "./maintenance.js";
import { ResultCache } from "./result-cache.js";
import { LakeshiftSession } from "./session.js";

const log = logger("cluster");

/** Redshift's build number shown by version(): 'Redshift 1.0.<BUILD>'. */
export const BUILD = "90000";

export interface OpenClusterOptions {
  readonly dataDir: string;
  readonly lakeDir: string;
  /** Password for the superuser 'admin' when it is first created; generated when absent. */
  readonly adminPassword?: string;
  readonly threads?: number;
  readonly memoryLimit?: string;
  /** Force one authentication method for everyone (default: SCRAM, MD5 for Redshift drivers). */
  readonly authMethod?: AuthMethod;
}

export async function openCluster(
  opts: OpenClusterOptions,
): Promise<{ cluster: LakeshiftCluster; generatedAdminPassword?: string }> {
  let opened: LakeshiftCluster | undefined;
  const engine = await Engine.open({
    dataDir: opts.dataDir,
    threads: opts.threads,
    memoryLimit: opts.memoryLimit,
    hostFunctions: [privilegeHostFunction(() => opened), signalHostFunction(() => opened)],
  });
  if (!engine.hasDatabase(CLUSTER_DATABASE)) await engine.createDatabase(CLUSTER_DATABASE);
  const admin = await engine.connect(CLUSTER_DATABASE);
  const store = await CatalogStore.open(admin, engine.databases());
  await installSystemViews(admin, engine.databases(), { hostPrivileges: true });
  let generatedAdminPassword: string | undefined;
  if (!store.getUser("admin")) {
    const password = opts.adminPassword ?? randomBytes(12).toString("base64url");
    if (opts.adminPassword === undefined) generatedAdminPassword = password;
    await admin.run("BEGIN TRANSACTION");
    await store.createUser(admin, {
      name: "admin",
      superuser: true,
      createdb: true,
      password: { md5Hash: md5Hash(password, "admin"), scramVerifier: scramVerifier(password) },
    });
    await admin.run("COMMIT");
    await store.afterCommit(admin);
  }
  const logs = new SystemLogs();
  logs.attach(await engine.connect(CLUSTER_DATABASE));
  const lake = openLake(engine, opts.dataDir, opts.lakeDir, CLUSTER_DATABASE);
  const cluster = new LakeshiftCluster(engine, store, admin, logs, lake, opts);
  opened = cluster;
  return { cluster, ...(generatedAdminPassword ? { generatedAdminPassword } : {}) };
}

export class LakeshiftCluster implements Cluster, ClusterContext {
  readonly build = BUILD;
  readonly describeCache = new DescribeCache(1024);
  readonly results = new ResultCache();
  private data = 0;
  private readonly sessions = new Map<number, LakeshiftSession>();
  private nextPid = 1000 + randomInt(1000);
  /** Verifiers for unknown users, so their login takes the same path and time as a wrong password. */
  private readonly dummy = { md5Hash: md5Hash(randomBytes(16).toString("hex"), "x") };
  private closed = false;

  constructor(
    readonly engine: Engine,
    readonly store: CatalogStore,
    readonly admin: EngineConnection,
    readonly logs: SystemLogs,
    readonly lake: LakeService,
    private readonly opts: OpenClusterOptions,
  ) {}

  /** How each startup authenticated, for the connection log row its session writes. */
  private readonly authMethods = new WeakMap<StartupInfo, AuthMethod>();

  // ---- Cluster (front ends) ---------------------------------------------------------------------

  async credentials(info: StartupInfo): Promise<Credentials> {
    if (!this.engine.hasDatabase(info.database)) {
      throw new AuthError(SqlState.InvalidCatalogName, `database "${info.database}" does not exist`, {
        severity: "FATAL",
      });
    }
    const method = this.opts.authMethod ?? (isRedshiftDriver(info.params) ? "md5" : "scram-sha-256");
    const user = this.store.getUser(info.user);
    const valid = user && (!user.validUntil || user.validUntil.getTime() > Date.now());
    if (user && valid && !user.md5Hash && !user.scramVerifier && user.sha256) {
      // CREATE USER ... PASSWORD 'sha256|<digest>|<salt>' keeps only Redshift's salted digest,
      // from which neither an md5 hash nor a SCRAM verifier can be made: such a user logs in with
      // the password in clear (Postgres's 'password' method), checked against the digest.
      return { method: "password", userExists: true, checkPassword: sha256Checker(user.sha256) };
    }
    if (!user || !valid || (!user.md5Hash && !user.scramVerifier)) {
      // No SCRAM verifier: the flow makes a mock one whose salt is stable per name and differs
      // between names, as a real user's does (one shared dummy salt would tell unknown names apart).
      return { method, userExists: false, md5Hash: this.dummy.md5Hash };
    }
    // A user whose password was given as an md5 hash has no SCRAM verifier: use md5 for them.
    const effective = method === "scram-sha-256" && !user.scramVerifier ? "md5" : method;
    return {
      method: effective === "md5" && !user.md5Hash ? "scram-sha-256" : effective,
      userExists: true,
      ...(user.md5Hash ? { md5Hash: user.md5Hash } : {}),
      ...(user.scramVerifier ? { scramVerifier: user.scramVerifier } : {}),
    };
  }

  recordAuthentication(info: StartupInfo, ok: boolean, method: AuthMethod): void {
    const line = `authentication ${ok ? "ok" : "failed"} user=${info.user} database=${info.database} method=${method} from=${info.remoteAddress ?? "?"}`;
    if (ok) {
      log.debug(line);
      this.authMethods.set(info, method);
      return;
    }
    log.info(line);
    this.logs.connections.record({ event: "failed", pid: 0, ...connectionFields(info, method) });
  }

  async openSession(info: StartupInfo): Promise<Session> {
    if (this.closed)
      throw new LakeshiftError(SqlState.AdminShutdown, "the server is shutting down", { severity: "FATAL" });
    const user = this.store.getUser(info.user);
    if (!user)
      throw new AuthError(SqlState.InvalidPassword, `password authentication failed for user "${info.user}"`, {
        severity: "FATAL",
      });
    if (user.connectionLimit >= 0) {
      const open = [...this.sessions.values()].filter((s) => s.user.name === user.name).length;
      if (open >= user.connectionLimit) {
        throw new LakeshiftError(SqlState.TooManyConnections, `too many connections for role "${user.name}"`, {
          severity: "FATAL",
        });
      }
    }
    const conn = await this.engine.connect(info.database);
    const pid = this.nextPid++;
    const session = new LakeshiftSession(
      this,
      conn,
      { name: user.name, usesysid: user.usesysid, superuser: user.superuser },
      info.database,
      pid,
      randomInt(0x7fffffff),
      info,
    );
    await session.syncSearchPath();
    await conn.run(sessionUserSql({ usesysid: user.usesysid, superuser: user.superuser, pid }));
    this.logs.connections.record({
      event: "authenticated",
      pid,
      ...connectionFields(info, this.authMethods.get(info)),
    });
    await session.syncTimeZone().catch(() => session.applySetting("timezone", "UTC"));
    this.sessions.set(pid, session);
    return session;
  }

  /** The open session with this process id. */
  sessionByPid(pid: number): LakeshiftSession | undefined {
    return this.sessions.get(pid);
  }

  cancel(processId: number, secretKey: number): void {
    const s = this.sessions.get(processId);
    if (s && s.secretKey === secretKey) s.cancel();
  }

  /** pg_cancel_backend / pg_terminate_backend / CANCEL from the session with pid `callerPid`. */
  signalFrom(callerPid: number | undefined, signal: BackendSignal, pid: number, message?: string): boolean {
    const caller = callerPid === undefined ? undefined : this.sessions.get(callerPid);
    return signalBackend(this.sessions, caller, signal, pid, message);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const s of [...this.sessions.values()]) await s.close().catch(() => {});
    this.admin.close();
    await this.logs.close().catch(() => {});
    this.lake.close();
    await this.engine.close();
  }

  // ---- ClusterContext (sessions) ----------------------------------------------------------------

  readerFor(session: LakeshiftSession): CatalogReader {
    const shared = this.store.readerFor({
      database: session.database,
      searchPath: session.settings.searchPath(session.user.name),
      runner: session.conn,
    });
    return session.temps.over(shared);
  }

  catalogVersion(): number {
    return this.store.version;
  }

  dataVersion(): number {
    return this.data;
  }

  dataChanged(): void {
    this.data++;
  }

  async ddlCommitted(session: LakeshiftSession): Promise<void> {
    await this.store.afterCommit(session.conn);
  }

  async afterCommit(session: LakeshiftSession): Promise<void> {
    await this.store.afterCommit(session.conn);
    transactionEnded(this, session, true);
  }

  afterRollback(session: LakeshiftSession): void {
    this.store.afterRollback(session.conn);
    transactionEnded(this, session, false);
  }

  sessionClosed(session: LakeshiftSession): void {
    this.sessions.delete(session.processId);
    this.logs.connections.record({
      event: "disconnected",
      pid: session.processId,
      ...connectionFields(session.startup, this.authMethods.get(session.startup)),
    });
  }
}

function connectionFields(info: StartupInfo, method: AuthMethod | undefined) {
  return {
    user: info.user,
    database: info.database,
    ...(info.remoteAddress ? { remote: info.remoteAddress } : {}),
    ...(method ? { authMethod: method } : {}),
    ...(info.params.application_name ? { applicationName: info.params.application_name } : {}),
    ...(info.params.driver_version ? { driverVersion: info.params.driver_version } : {}),
    ...(info.params.os_version ? { osVersion: info.params.os_version } : {}),
  };
}

/** Redshift's own drivers announce themselves; they authenticate with MD5. */
function isRedshiftDriver(params: Readonly<Record<string, string>>): boolean {
  return params.client_protocol_version !== undefined || /redshift/i.test(params.driver_version ?? "");
}

/** Checks a password against Redshift's stored '<hex digest>|<salt>' in constant time. */
function sha256Checker(stored: string): (password: string) => boolean {
  const bar = stored.indexOf("|");
  const salt = stored.slice(bar + 1);
  const want = Buffer.from(stored, "utf8");
  return (password) => {
    const got = Buffer.from(sha256Digest(password, salt), "utf8");
    return got.length === want.length && timingSafeEqual(got, want);
  };
}
