// src/session/api.ts
//! The contract between the statement pipeline (session) and its front ends (wire, api).
//! The wire layer speaks the Postgres protocol and calls these; it never sees SQL internals.

import type { LakeshiftError } from "../common/errors.js";
import type { EngineChunk } from "../engine/types.js";
import type { ResultColumn } from "./result.js";

/** How a user proves who they are. The wire layer runs the matching auth flow. */
export type AuthMethod = "trust" | "password" | "md5" | "scram-sha-256";

export interface Credentials {
  readonly method: AuthMethod;
  /** False for an unknown user: the flow still runs in full against a dummy verifier, then fails with 28P01, so a client cannot tell a wrong user from a wrong password. */
  readonly userExists: boolean;
  /** 'md5' + md5hex(password + username), as Postgres stores it. */
  readonly md5Hash?: string;
  /** 'SCRAM-SHA-256$<iterations>:<salt base64>$<StoredKey base64>:<ServerKey base64>' (RFC 5803 / Postgres format). */
  readonly scramVerifier?: string;
  /** Plain-text check for method 'password' (cleartext). */
  checkPassword?(password: string): boolean;
}

export interface StartupInfo {
  readonly user: string;
  readonly database: string;
  /** Every startup parameter the client sent (application_name, client_encoding, Redshift driver extras...). */
  readonly params: Readonly<Record<string, string>>;
  readonly remoteAddress?: string;
}

/** One slice of rows to encode: rows [start, end) of chunk. */
export interface RowSlice {
  readonly chunk: EngineChunk;
  readonly start: number;
  readonly end: number;
}

export type ExecuteOutcome =
  | {
      readonly kind: "rows";
      readonly columns: readonly ResultColumn[];
      /** Per column: 0 text, 1 binary. The chunk cells are already in that form: call chunk.cells(c, formats[c] === 1 ? 'binary-be' : 'text'). */
      readonly formats: readonly number[];
      /** The rows, at most maxRows of them in all when a limit was given. */
      readonly slices: AsyncIterable<RowSlice>;
      /** After slices are consumed: suspended=true when maxRows stopped it early (send PortalSuspended), else the complete tag, e.g. 'SELECT 42'. */
      finish(): { readonly suspended: boolean; readonly tag: string };
    }
  | {
      readonly kind: "command";
      readonly tag: string;
      /** Notices the statement raised (e.g. 'table "x" does not exist, skipping'), sent before its tag. */
      readonly notices?: readonly Notice[];
    }
  | { readonly kind: "empty" };

/** A NoticeResponse: something the client should hear about that is not an error. */
export interface Notice {
  readonly severity: "NOTICE" | "WARNING" | "INFO";
  readonly sqlstate: string;
  readonly message: string;
}

export interface StatementDescription {
  /** Parameter type OIDs (the client's where given, else inferred; 25 text when unknown). */
  readonly paramTypes: readonly number[];
  /** Result columns, or null when the statement returns no rows. */
  readonly columns: readonly ResultColumn[] | null;
}

export interface Session {
  readonly processId: number;
  readonly secretKey: number;
  /** ParameterStatus values to send after authentication (server_version, client_encoding, ...). */
  initialParameterStatus(): ReadonlyArray<readonly [string, string]>;
  /** Parameters changed by the last statement (SET application_name ...), to report as ParameterStatus; cleared by the call. */
  takeChangedParameters(): ReadonlyArray<readonly [string, string]>;
  /** 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block. */
  transactionStatus(): "I" | "T" | "E";

  /** Simple query protocol: yields one outcome per statement in the text, in order. Throws a LakeshiftError at the first failing statement (the rest are not run). All results are text format. */
  simpleQuery(sql: string): AsyncGenerator<ExecuteOutcome>;

  // Extended query protocol. Names are '' for the unnamed statement/portal.
  parse(statement: string, sql: string, paramTypes: readonly number[]): Promise<void>;
  describeStatement(statement: string): Promise<StatementDescription>;
  bind(
    portal: string,
    statement: string,
    params: ReadonlyArray<Uint8Array | null>,
    paramFormats: readonly number[],
    resultFormats: readonly number[],
  ): Promise<void>;
  /** Result columns of a bound portal (null when it returns no rows) and their formats. */
  describePortal(portal: string): Promise<{ columns: readonly ResultColumn[] | null; formats: readonly number[] }>;
  /** Runs (or resumes) a portal; maxRows 0 means all. */
  execute(portal: string, maxRows: number): Promise<ExecuteOutcome>;
  closeStatement(statement: string): Promise<void>;
  closePortal(portal: string): Promise<void>;
  /** Sync: closes the implicit transaction of an extended-protocol batch; after an error, ends the skip-until-Sync state. */
  sync(): Promise<void>;

  /** Interrupts the running statement; it fails with 57014. Called from another connection's CancelRequest. */
  cancel(): void;
  /**
   * Another session ended this one (pg_terminate_backend): the front end sends `err` (FATAL
   * 57P01) and closes the connection, once the statement running now, if any, has failed.
   */
  onTerminate(handler: (err: LakeshiftError) => void): void;
  close(): Promise<void>;
}

/** The running server as its front ends see it. */
export interface Cluster {
  /** Throws AuthError 3D000 for an unknown database. Returns dummy credentials for an unknown user (userExists=false). */
  credentials(info: StartupInfo): Promise<Credentials>;
  /** Records an authentication attempt (stl_connection_log). */
  recordAuthentication(info: StartupInfo, ok: boolean, method: AuthMethod): void;
  /** Opens a session for an authenticated user. Throws 53300 past the connection limit. */
  openSession(info: StartupInfo): Promise<Session>;
  /** CancelRequest: cancels the statement running in the session with this key pair; wrong keys are ignored. */
  cancel(processId: number, secretKey: number): void;
  close(): Promise<void>;
}
