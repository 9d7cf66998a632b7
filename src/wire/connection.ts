// src/wire/connection.ts
//! One client connection as an explicit state machine:
//!
//!   awaiting-startup --StartupMessage--> authenticating --auth ok--> ready --Terminate/EOF--> closed
//!        | SSLRequest: 'N', or 'S' + TLS upgrade      | 'p' answers        | Q, P/B/D/E/C/H/S
//!        | CancelRequest: cluster.cancel, close       |                    | after an extended-protocol error:
//!        | GSSENCRequest: 'N'                         |                    | skip until Sync
//!
//! Bad framing (lengths, unknown message types, anything before startup completes) sends FATAL
//! ErrorResponse 08P01 (when the socket still takes writes) and closes this connection only. A
//! well-framed message with a malformed body, once ready, gets an ERROR and the usual recovery,
//! as in Postgres. Nothing thrown here escapes a socket handler.

import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { SecureContext } from "node:tls";
import { LakeshiftError, ProtocolError, SqlState, asLakeshiftError } from "../common/errors.js";
import type { Cluster, Session, StartupInfo } from "../session/api.js";
import { type AuthFlow, type AuthStep, createAuthFlow } from "./auth/index.js";
import { ConnectionGone, Output } from "./output.js";
import type { FrontendMessage, StartupMessage } from "./protocol/messages.js";
import { FrontendCode } from "./protocol/codes.js";
import { MalformedMessageError, MessageReader } from "./protocol/reader.js";
import * as query from "./query.js";
import { upgradeToTls } from "./tls.js";

export type ConnectionState =
  | { readonly step: "awaiting-startup"; readonly encrypted: boolean }
  | { readonly step: "authenticating"; readonly info: StartupInfo; readonly flow: AuthFlow }
  | { readonly step: "ready"; readonly session: Session; skipUntilSync: boolean }
  | { readonly step: "closed" };

export interface ConnectionOptions {
  readonly tls?: SecureContext;
  readonly maxMessageBytes?: number;
  /** Time allowed from connect to ReadyForQuery (Postgres's authentication_timeout, 60 s). */
  readonly authTimeoutMs?: number;
}

/** Pause reading from the client while a statement runs and this much input is queued. */
const INPUT_HIGH_WATER = 1024 * 1024;

export class Connection {
  private state: ConnectionState = { step: "awaiting-startup", encrypted: false };
  private socket: Duplex;
  private readonly reader: MessageReader;
  private readonly out: Output;
  private pumping = false;
  private paused = false;
  private session: Session | null = null;
  /** Set when another session terminated this one: sent as FATAL once the running message is done. */
  private terminatedBy: LakeshiftError | null = null;
  private readonly authTimer: NodeJS.Timeout;
  private readonly onData = (chunk: Buffer): void => this.received(chunk);
  private readonly onEnd = (): void => this.shutdown();
  private readonly onError = (): void => this.shutdown();
  /** Resolves once the connection is closed and its session released. */
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;

  constructor(
    private readonly raw: Socket,
    private readonly cluster: Cluster,
    private readonly opts: ConnectionOptions = {},
  ) {
    this.socket = raw;
    this.reader = new MessageReader({ maxMessageBytes: opts.maxMessageBytes });
    this.out = new Output(raw);
    this.closed = new Promise((r) => (this.resolveClosed = r));
    this.authTimer = setTimeout(() => {
      if (this.state.step !== "ready") this.shutdown();
    }, opts.authTimeoutMs ?? 60_000);
    this.authTimer.unref();
    raw.setNoDelay(true);
    this.listen(raw);
  }

  get step(): ConnectionState["step"] {
    return this.state.step;
  }

  /** Re-read after every await: the client may have gone meanwhile. */
  private isClosed(): boolean {
    return this.state.step === "closed";
  }

  /** Closes the connection from the server side (server shutdown). */
  destroy(): void {
    this.shutdown();
    this.socket.destroy();
  }

  private listen(s: Duplex): void {
    s.on("data", this.onData);
    s.on("end", this.onEnd);
    s.on("close", this.onEnd);
    s.on("error", this.onError);
  }

  private unlisten(s: Duplex): void {
    s.off("data", this.onData);
    s.off("end", this.onEnd);
    s.off("close", this.onEnd);
    // Keep an error listener: an unhandled 'error' on a socket would crash the process.
  }

  private received(chunk: Buffer): void {
    if (this.state.step === "closed") return;
    this.reader.push(chunk);
    if (this.pumping) {
      if (this.reader.buffered > INPUT_HIGH_WATER && !this.paused) {
        this.paused = true;
        this.socket.pause();
      }
      return;
    }
    void this.pump();
  }

  /** Handles queued messages one at a time, in order. */
  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.state.step !== "closed") {
        if (this.terminatedBy) return await this.fatal(this.terminatedBy);
        let msg: FrontendMessage | null;
        try {
          msg = this.reader.next();
        } catch (e) {
          if (e instanceof MalformedMessageError && this.state.step === "ready") {
            await this.onMalformed(e, this.state);
            continue;
          }
          await this.fatal(asLakeshiftError(e));
          return;
        }
        if (msg === null) break;
        try {
          await this.dispatch(msg);
        } catch (e) {
          if (e instanceof ConnectionGone) this.shutdown();
          else await this.fatal(asLakeshiftError(e));
          return;
        }
      }
    } catch (e) {
      await this.fatal(asLakeshiftError(e)); // never throws: nothing escapes a socket handler
    } finally {
      this.pumping = false;
      if (this.terminatedBy) void this.fatal(this.terminatedBy);
      if (this.paused && this.state.step !== "closed") {
        this.paused = false;
        this.socket.resume();
      }
    }
  }

  private async dispatch(msg: FrontendMessage): Promise<void> {
    switch (this.state.step) {
      case "awaiting-startup":
        return this.onStartupPhase(msg, this.state.encrypted);
      case "authenticating":
        return this.onAuthenticating(msg, this.state.info, this.state.flow);
      case "ready":
        return this.onReady(msg, this.state);
      case "closed":
        return;
    }
  }

  // awaiting-startup

  private async onStartupPhase(msg: FrontendMessage, encrypted: boolean): Promise<void> {
    switch (msg.kind) {
      case "ssl-request":
        if (encrypted) throw new ProtocolError("SSL negotiation requested on an encrypted connection");
        if (this.opts.tls === undefined) {
          this.out.ser.sslResponse(false);
          return this.out.flush();
        }
        return this.startTls(this.opts.tls);
      case "gssenc-request":
        this.out.ser.sslResponse(false);
        return this.out.flush();
      case "cancel-request":
        this.cluster.cancel(msg.processId, msg.secretKey);
        this.shutdown();
        return;
      case "startup":
        return this.startup(msg);
      default:
        throw new ProtocolError("expected a startup packet");
    }
  }

  private async startTls(context: SecureContext): Promise<void> {
    // Bytes sent after SSLRequest but before our answer would be unencrypted (CVE-2021-23214).
    if (this.reader.buffered > 0) throw new ProtocolError("received unencrypted data after SSL request");
    this.out.ser.sslResponse(true);
    await this.out.flush();
    if (this.isClosed()) return;
    this.unlisten(this.raw);
    const secure = upgradeToTls(this.raw, context);
    this.socket = secure;
    this.out.setSocket(secure);
    this.state = { step: "awaiting-startup", encrypted: true };
    this.listen(secure);
  }

  private async startup(msg: StartupMessage): Promise<void> {
    const major = msg.protocolVersion >>> 16;
    const minor = msg.protocolVersion & 0xffff;
    if (major !== 3) {
      throw new LakeshiftError(
        SqlState.FeatureNotSupported,
        `unsupported frontend protocol ${major}.${minor}: server supports 3.0 to 3.0`,
        { severity: "FATAL" },
      );
    }
    const params = msg.params;
    const user = params.user;
    if (!user) {
      throw new LakeshiftError(
        SqlState.InvalidAuthorizationSpecification,
        "no PostgreSQL user name specified in startup packet",
        { severity: "FATAL" },
      );
    }
    // Newer minor versions and _pq_ options: say what we speak and carry on (Postgres does the same).
    const protocolOptions = Object.keys(params).filter((k) => k.startsWith("_pq_."));
    if (minor > 0 || protocolOptions.length > 0) this.out.ser.negotiateProtocolVersion(196608, protocolOptions);
    const info: StartupInfo = {
      user,
      database: params.database || user,
      params,
      remoteAddress: this.raw.remoteAddress,
    };
    const creds = await this.cluster.credentials(info);
    if (this.isClosed()) return;
    const flow = createAuthFlow(user, creds);
    this.state = { step: "authenticating", info, flow };
    await this.authStep(info, flow, () => flow.begin(this.out.ser));
  }

  // authenticating

  private async onAuthenticating(msg: FrontendMessage, info: StartupInfo, flow: AuthFlow): Promise<void> {
    if (msg.kind === "terminate") return this.shutdown();
    if (msg.kind !== "password") {
      const code = msg.kind === "unknown" || msg.kind === "copy" ? msg.code : typeCode(msg.kind);
      throw new ProtocolError(`expected password response, got message type ${code}`);
    }
    await this.authStep(info, flow, () => flow.answer(msg.data, this.out.ser));
  }

  private async authStep(info: StartupInfo, flow: AuthFlow, run: () => AuthStep): Promise<void> {
    let step: AuthStep;
    try {
      step = run();
    } catch (e) {
      this.cluster.recordAuthentication(info, false, flow.method);
      throw e;
    }
    if (step === "continue") return this.out.flush();
    this.cluster.recordAuthentication(info, true, flow.method);
    this.out.ser.authenticationOk();
    const session = await this.cluster.openSession(info);
    if (this.isClosed()) {
      await session.close().catch(() => undefined);
      return;
    }
    this.session = session;
    session.onTerminate((err) => {
      this.terminatedBy = err;
      if (!this.pumping) void this.fatal(err);
    });
    for (const [name, value] of session.initialParameterStatus()) this.out.ser.parameterStatus(name, value);
    this.out.ser.backendKeyData(session.processId, session.secretKey);
    this.out.ser.readyForQuery(session.transactionStatus());
    this.state = { step: "ready", session, skipUntilSync: false };
    clearTimeout(this.authTimer);
    await this.out.flush();
  }

  // ready

  private async onReady(
    msg: FrontendMessage,
    st: { readonly session: Session; skipUntilSync: boolean },
  ): Promise<void> {
    const { session } = st;
    if (msg.kind === "terminate") return this.shutdown();
    if (msg.kind === "sync") {
      try {
        await session.sync();
      } catch (e) {
        this.reportError(e);
      }
      st.skipUntilSync = false;
      this.out.ser.readyForQuery(session.transactionStatus());
      return this.out.flush();
    }
    // After an extended-protocol error Postgres discards every message until Sync.
    if (st.skipUntilSync) return;
    try {
      switch (msg.kind) {
        case "query":
          return await query.simpleQuery(session, msg.sql, this.out);
        case "parse":
          return await query.parse(session, msg, this.out);
        case "bind":
          return await query.bind(session, msg, this.out);
        case "describe":
          return await query.describe(session, msg, this.out);
        case "execute":
          return await query.execute(session, msg, this.out);
        case "close":
          return await query.close(session, msg, this.out);
        case "flush":
          return await this.out.flush();
        case "copy":
          return; // stray CopyData/CopyDone/CopyFail are ignored, as in Postgres
        default: {
          const code = msg.kind === "unknown" ? msg.code : typeCode(msg.kind);
          throw new ProtocolError(`invalid frontend message type ${code}`);
        }
      }
    } catch (e) {
      if (e instanceof ConnectionGone || e instanceof ProtocolError) throw e;
      const err = asLakeshiftError(e);
      if (err.severity === "FATAL") throw err;
      this.reportError(err);
      st.skipUntilSync = true;
      // Postgres pushes an ErrorResponse out at once, without waiting for Sync.
      await this.out.flush();
    }
  }

  /**
   * A well-framed message with a bad body while ready: an ERROR, then the same recovery as for
   * a failed statement (Postgres: ERROR "insufficient data left in message" and go on).
   */
  private async onMalformed(
    e: MalformedMessageError,
    st: { readonly session: Session; skipUntilSync: boolean },
  ): Promise<void> {
    const code = e.messageCode;
    if (code === FrontendCode.Terminate) return this.shutdown();
    if (st.skipUntilSync && code !== FrontendCode.Sync) return;
    this.reportError(e);
    if (code === FrontendCode.Query || code === FrontendCode.Sync) {
      st.skipUntilSync = false;
      this.out.ser.readyForQuery(st.session.transactionStatus());
      return this.out.flush();
    }
    st.skipUntilSync = true;
    await this.out.flush();
  }

  private reportError(e: unknown): void {
    query.writeError(this.out.ser, asLakeshiftError(e), "ERROR");
  }

  // closing

  /** FATAL ErrorResponse if the socket still takes writes, then close. Never throws. */
  private async fatal(err: LakeshiftError): Promise<void> {
    if (this.state.step === "closed") return;
    try {
      query.writeError(this.out.ser, err, "FATAL");
      await this.out.flush();
    } catch {
      // the client may already be gone
    }
    this.shutdown();
  }

  private shutdown(): void {
    if (this.state.step === "closed") return;
    this.state = { step: "closed" };
    clearTimeout(this.authTimer);
    this.socket.end();
    // Give the FATAL message a moment to leave, then make sure the socket is gone.
    setTimeout(() => this.socket.destroy(), 1000).unref();
    const session = this.session;
    this.session = null;
    const released = session ? session.close().catch(() => undefined) : Promise.resolve();
    void released.then(() => this.resolveClosed());
  }
}

/** The message-type byte of a decoded message, for error texts. */
function typeCode(kind: FrontendMessage["kind"]): number {
  const codes: Partial<Record<FrontendMessage["kind"], string>> = {
    query: "Q",
    parse: "P",
    bind: "B",
    describe: "D",
    execute: "E",
    close: "C",
    sync: "S",
    flush: "H",
    terminate: "X",
    password: "p",
  };
  return (codes[kind] ?? "\0").charCodeAt(0);
}
