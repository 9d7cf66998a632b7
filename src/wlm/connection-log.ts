// src/wlm/connection-log.ts
//! The connection log behind stl_connection_log: authentications, failed authentications and
//! disconnects, bounded, written to DuckDB in batches like the statement log.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_STL_CONNECTION_LOG.html

import { CONNECTION_LOG_TABLE, listLiteral, nowMicros, qualified } from "./log-tables.js";
import type { LogSource, LogWriter } from "./log-writer.js";

export type ConnectionEvent = "authenticated" | "failed" | "disconnected";

export interface ConnectionEventInfo {
  readonly event: ConnectionEvent;
  readonly pid: number;
  readonly user: string;
  readonly database: string;
  /** "host" or "host:port" of the client. */
  readonly remote?: string;
  /** 'password', 'md5', 'scram-sha-256'... */
  readonly authMethod?: string;
  readonly applicationName?: string;
  readonly driverVersion?: string;
  readonly osVersion?: string;
}

export interface ConnectionLogEntry {
  readonly seq: number;
  /** Redshift's wording: 'authenticated', 'authentication failure', 'disconnecting session'. */
  readonly event: string;
  readonly atUs: number;
  readonly host: string;
  readonly port: number;
  readonly pid: number;
  readonly database: string;
  readonly user: string;
  readonly authMethod: string;
  /** Microseconds the session lasted (disconnects only). */
  readonly durationUs: number;
  readonly applicationName: string;
  readonly driverVersion: string;
  readonly osVersion: string;
}

const EVENT_TEXT: Readonly<Record<ConnectionEvent, string>> = {
  authenticated: "authenticated",
  failed: "authentication failure",
  disconnected: "disconnecting session",
};

function splitRemote(remote: string | undefined): { host: string; port: number } {
  if (!remote) return { host: "", port: 0 };
  const m = /^\[?([^\]]*?)\]?:(\d+)$/.exec(remote);
  if (m && (remote.split(":").length === 2 || remote.startsWith("["))) return { host: m[1] ?? "", port: Number(m[2]) };
  return { host: remote, port: 0 };
}

export class ConnectionLog implements LogSource {
  private readonly entries: ConnectionLogEntry[] = [];
  private pending: ConnectionLogEntry[] = [];
  private lastBatch: ConnectionLogEntry[] = [];
  private seq = 1;
  /** Open sessions by pid: when they authenticated and from where (for their disconnect row). */
  private readonly open = new Map<number, { at: number; remote?: string; authMethod?: string; app?: string }>();

  constructor(
    private readonly writer?: LogWriter,
    readonly capacity = 10_000,
  ) {
    writer?.add(this);
  }

  record(info: ConnectionEventInfo): void {
    const at = nowMicros();
    let duration = 0;
    let remote = info.remote;
    let authMethod = info.authMethod;
    let applicationName = info.applicationName;
    if (info.event === "authenticated") {
      this.open.set(info.pid, { at, remote, authMethod, app: applicationName });
    } else if (info.event === "disconnected") {
      const began = this.open.get(info.pid);
      if (began) {
        duration = at - began.at;
        remote ??= began.remote;
        authMethod ??= began.authMethod;
        applicationName ??= began.app;
      }
      this.open.delete(info.pid);
    }
    const { host, port } = splitRemote(remote);
    const entry: ConnectionLogEntry = {
      seq: this.seq++,
      event: EVENT_TEXT[info.event],
      atUs: at,
      host,
      port,
      pid: info.pid,
      database: info.database,
      user: info.user,
      authMethod: authMethod ?? "",
      durationUs: duration,
      applicationName: applicationName ?? "",
      driverVersion: info.driverVersion ?? "",
      osVersion: info.osVersion ?? "",
    };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.shift();
    this.pending.push(entry);
    this.writer?.changed();
  }

  list(): readonly ConnectionLogEntry[] {
    return this.entries;
  }

  takeBatch(): string {
    if (this.pending.length === 0) return "";
    const batch = this.pending;
    this.pending = [];
    this.lastBatch = batch;
    const table = qualified(CONNECTION_LOG_TABLE);
    const col = (f: (e: ConnectionLogEntry) => string | number) => `unnest(${listLiteral(batch.map(f))})`;
    const oldest = this.entries[0]?.seq ?? 0;
    return (
      `INSERT INTO ${table} SELECT ${col((e) => e.seq)}, ${col((e) => e.event)}, ` +
      `make_timestamp(${col((e) => e.atUs)}::BIGINT), ${col((e) => e.host)}, ${col((e) => e.port)}, ` +
      `${col((e) => e.pid)}, ${col((e) => e.database)}, ${col((e) => e.user)}, ${col((e) => e.authMethod)}, ` +
      `${col((e) => e.durationUs)}, ${col((e) => e.applicationName)}, ${col((e) => e.driverVersion)}, ` +
      `${col((e) => e.osVersion)}; DELETE FROM ${table} WHERE seq < ${oldest}`
    );
  }

  restoreBatch(): void {
    this.pending = [...this.lastBatch, ...this.pending];
    this.lastBatch = [];
  }
}
