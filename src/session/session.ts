// src/session/session.ts
//! One client session: transaction state, error bookkeeping, the statement timeout and
//! cancellation, and the simple query protocol. The extended protocol (prepared statements and
//! portals) is in extended.ts, the statement log in statement-log.ts, and the statement pipeline
//! (parse -> bind -> translate -> execute) in pipeline.ts.

import { searchPathSql } from "../catalog/index.js";
import { LakeshiftError, SqlState, asLakeshiftError } from "../common/errors.js";
import { str as quoteLiteral } from "../translate/duckdb/quote.js";
import type { EngineConnection } from "../engine/types.js";
import { parseScript } from "../sql/index.js";
import type { Statement } from "../sql/ast/index.js";
import type { ExecuteOutcome, RowSlice, Session, StartupInfo, StatementDescription } from "./api.js";
import type { ClusterContext, UserInfo } from "./context.js";
import { ExtendedQuery } from "./extended.js";
import { Pipeline } from "./pipeline.js";
import type { ResultColumn } from "./result.js";
import { Settings } from "./settings.js";
import { StatementLog, rowsOfTag } from "./statement-log.js";
import { TempTables } from "./temp-tables.js";

type TxState = "idle" | "block" | "failed";

const TRANSACTION_CONTROL = new Set(["Begin", "Commit", "Rollback"]);

/** The error with its position moved by `offset` characters (for a statement inside a longer text). */
function shiftPosition(err: LakeshiftError, offset: number): LakeshiftError {
  if (offset === 0 || err.position === undefined) return err;
  const shifted = new LakeshiftError(err.sqlstate, err.message, {
    position: err.position + offset,
    detail: err.detail,
    hint: err.hint,
    severity: err.severity,
  });
  shifted.name = err.name;
  return shifted;
}

/** Texts kept per session by the parse cache, and the longest text kept. */
const PARSE_CACHE_ENTRIES = 256;
const PARSE_CACHE_MAX_TEXT = 64 * 1024;

/** The error every statement of a terminated session ends with (the connection then closes). */
function terminationError(): LakeshiftError {
  return new LakeshiftError(SqlState.AdminShutdown, "terminating connection due to administrator command", {
    severity: "FATAL",
  });
}

export class LakeshiftSession implements Session {
  readonly settings: Settings;
  /** This session's temporary tables. */
  readonly temps: TempTables;
  private tx: TxState = "idle";
  private txStart: Date | null = null;
  private readonly pipeline: Pipeline;
  readonly log: StatementLog;
  private readonly extended: ExtendedQuery;
  private cancelRequested = false;
  /** CANCEL pid 'message': the text the cancelled statement fails with. */
  private cancelMessage: string | undefined;
  /** Repeats a cancel's interrupt until the cancelled statement ends (see cancel()). */
  private cancelTimer: NodeJS.Timeout | undefined;
  /** pg_terminate_backend: every statement fails with FATAL 57P01 and the front end closes. */
  private terminated = false;
  private terminationHandler: ((err: LakeshiftError) => void) | undefined;
  private timedOut = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** The cluster's data version when this connection's engine plans were made (see guarded()). */
  private plansDataVersion = -1;

  constructor(
    private readonly cluster: ClusterContext,
    readonly conn: EngineConnection,
    readonly user: UserInfo,
    readonly database: string,
    readonly processId: number,
    readonly secretKey: number,
    readonly startup: StartupInfo,
  ) {
    const startupParams = startup.params;
    const initial: Record<string, string> = {};
    for (const k of ["application_name", "datestyle", "timezone", "search_path", "extra_float_digits"]) {
      const v = startupParams[k] ?? startupParams[k === "datestyle" ? "DateStyle" : k === "timezone" ? "TimeZone" : k];
      if (v !== undefined) initial[k] = v;
    }
    this.settings = new Settings(initial);
    this.temps = new TempTables(user.name);
    this.settings.setInternal("is_superuser", user.superuser ? "on" : "off");
    this.settings.setInternal("session_authorization", user.name);
    this.pipeline = new Pipeline(cluster, this);
    this.log = new StatementLog(cluster, this);
    this.extended = new ExtendedQuery(this, this.pipeline);
  }

  initialParameterStatus(): ReadonlyArray<readonly [string, string]> {
    this.settings.takeChanged();
    const reported = this.settings.reported();
    // Redshift's drivers announce a protocol level; we answer with the base protocol (0), so
    // they expect plain Postgres RowDescriptions and text results.
    if (this.startup.params.client_protocol_version !== undefined) reported.push(["server_protocol_version", "0"]);
    return reported;
  }

  /** The catalog as this session sees it now. */
  catalog(): import("../catalog/reader.js").CatalogReader {
    return this.cluster.readerFor(this);
  }

  /** SET (value) or RESET (undefined) a setting, and carry it to the engine where it matters there. */
  async applySetting(name: string, value: string | undefined): Promise<void> {
    const n = name.toLowerCase() === "time zone" ? "timezone" : name.toLowerCase();
    if (n === "timezone" && value !== undefined) {
      try {
        await this.conn.run(`SET TimeZone = ${quoteLiteral(value)}`);
      } catch {
        throw new LakeshiftError(SqlState.InvalidParameterValue, `invalid value for parameter "timezone": "${value}"`);
      }
    }
    if (value === undefined) this.settings.reset(n);
    else this.settings.set(n, value);
    if (n === "timezone" || n === "all") await this.syncTimeZone();
    if (n === "search_path" || n === "all") await this.syncSearchPath();
  }

  /** The engine renders TIMESTAMPTZ in the session's time zone. */
  async syncTimeZone(): Promise<void> {
    await this.conn.run(`SET TimeZone = ${quoteLiteral(this.settings.get("timezone") ?? "UTC")}`);
    // DuckDB folds the time zone into plans (e.g. a TIMESTAMPTZ constant's text): plan again.
    this.conn.resetPlans();
  }

  /** Makes the catalog macros (current_schemas, regclass_in, ...) see the session's search path. */
  async syncSearchPath(): Promise<void> {
    await this.conn.run(searchPathSql(this.settings.searchPath(this.user.name)));
    this.conn.resetPlans();
  }

  takeChangedParameters(): ReadonlyArray<readonly [string, string]> {
    return this.settings.takeChanged();
  }

  transactionStatus(): "I" | "T" | "E" {
    return this.tx === "idle" ? "I" : this.tx === "block" ? "T" : "E";
  }

  get inTransactionBlock(): boolean {
    return this.tx !== "idle";
  }

  /** Start of the current transaction (SYSDATE), or of the statement outside one. */
  transactionTime(now: Date): Date {
    return this.txStart ?? now;
  }

  // ---- transaction control, called by the pipeline --------------------------------------------

  async begin(): Promise<string | undefined> {
    if (this.tx !== "idle") return "there is already a transaction in progress";
    await this.conn.run("BEGIN TRANSACTION");
    this.tx = "block";
    this.txStart = new Date();
    this.temps.begin();
    return undefined;
  }

  async commit(): Promise<{ tag: string; notice?: string }> {
    if (this.tx === "idle") return { tag: "COMMIT", notice: "there is no transaction in progress" };
    if (this.tx === "failed") {
      await this.rollbackEngine();
      return { tag: "ROLLBACK" };
    }
    try {
      await this.conn.run("COMMIT");
    } catch (e) {
      await this.rollbackEngine();
      this.endTransaction();
      throw e;
    }
    this.endTransaction();
    this.temps.commit();
    await this.cluster.afterCommit(this);
    return { tag: "COMMIT" };
  }

  async rollback(): Promise<{ tag: string; notice?: string }> {
    if (this.tx === "idle") return { tag: "ROLLBACK", notice: "there is no transaction in progress" };
    await this.rollbackEngine();
    return { tag: "ROLLBACK" };
  }

  private async rollbackEngine(): Promise<void> {
    try {
      await this.conn.run("ROLLBACK");
    } catch {
      // DuckDB may already have ended an aborted transaction.
    }
    this.endTransaction();
    this.temps.rollback();
    this.cluster.afterRollback(this);
  }

  private endTransaction(): void {
    this.tx = "idle";
    this.txStart = null;
  }

  // ---- running statements ---------------------------------------------------------------------

  checkNotFailed(stmt: Statement | null): void {
    if (this.tx !== "failed" || stmt === null) return;
    if (stmt.kind === "Commit" || stmt.kind === "Rollback") return;
    throw new LakeshiftError(
      SqlState.InFailedSqlTransaction,
      "current transaction is aborted, commands ignored until end of transaction block",
    );
  }

  /**
   * Runs a statement with error bookkeeping: a failure inside a block fails the block. `offset`
   * is where the statement starts in the text the client sent: error positions count from there.
   */
  async guarded<T>(stmt: Statement | null, run: () => Promise<T>, offset = 0): Promise<T> {
    if (this.closed) throw new LakeshiftError(SqlState.ConnectionException, "session is closed");
    if (this.terminated) throw terminationError();
    this.checkNotFailedOrThrow(stmt);
    this.cancelRequested = false;
    this.cancelMessage = undefined;
    // DuckDB plans from table statistics and does not plan a kept statement again when data
    // changes: a join planned while a table was empty answers NULL (or garbage) after rows
    // arrive. Plans kept from before a write anywhere are dropped.
    const version = this.cluster.dataVersion();
    if (version !== this.plansDataVersion) {
      if (this.plansDataVersion !== -1) this.conn.resetPlans();
      this.plansDataVersion = version;
    }
    this.armTimeout();
    let keepTimer = false;
    try {
      const result = await run();
      // Rows still to stream keep the statement running: the timer stops when they are done.
      keepTimer = (result as { kind?: string } | undefined)?.kind === "rows";
      return result;
    } catch (e) {
      throw shiftPosition(this.fail(e), offset);
    } finally {
      if (!keepTimer) this.disarmTimeout();
    }
  }

  /** SET statement_timeout (ms): the running statement is interrupted and fails with 57014. */
  private armTimeout(): void {
    this.disarmTimeout();
    this.timedOut = false;
    const ms = Number(this.settings.get("statement_timeout") ?? "0");
    if (ms > 0) {
      this.timer = setTimeout(() => {
        this.interruptRunning(() => {
          this.timedOut = true;
        });
      }, ms);
    }
  }

  private disarmTimeout(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Records a failure: the open transaction block becomes failed. Returns the error to throw. */
  fail(e: unknown): LakeshiftError {
    let err = asLakeshiftError(e);
    if (this.terminated) err = terminationError();
    else if (err.sqlstate === SqlState.QueryCanceled) {
      if (this.timedOut)
        err = new LakeshiftError(SqlState.QueryCanceled, "canceling statement due to statement timeout");
      else if (this.cancelRequested)
        err = new LakeshiftError(
          SqlState.QueryCanceled,
          this.cancelMessage ?? "canceling statement due to user request",
        );
    }
    if (this.tx === "block") this.tx = "failed";
    return err;
  }

  async *simpleQuery(sql: string): AsyncGenerator<ExecuteOutcome> {
    let script: ReturnType<typeof parseScript>;
    try {
      script = this.parseCached(sql);
    } catch (e) {
      const err = this.fail(e);
      this.log.refused(sql.trim(), err);
      throw err;
    }
    if (script.length === 0) {
      yield { kind: "empty" };
      return;
    }
    // Several statements in one Query run as one implicit transaction (as in Postgres), unless
    // the text controls transactions itself.
    const implicit =
      script.length > 1 && this.tx === "idle" && !script.some((s) => TRANSACTION_CONTROL.has(s.stmt.kind));
    if (implicit) await this.guarded(null, () => this.begin());
    let completed = false;
    try {
      for (const item of script) {
        // The log keeps the text as sent (comments included) when the query is one statement.
        const id = this.log.start(script.length === 1 ? sql.trim() : item.text);
        const outcome = await this.log.logged(id, () =>
          this.guarded(
            item.stmt,
            () => this.pipeline.run(item.stmt, item.text, [], [], this.pipeline.simplePlan(item.stmt)),
            item.start,
          ),
        );
        if (outcome.kind === "rows") yield this.failOnError(outcome, id);
        else yield outcome;
      }
      completed = true;
    } finally {
      if (implicit) {
        if (completed && this.tx === "block") await this.commit();
        else if (this.tx !== "idle") await this.rollbackEngine();
      }
    }
  }

  /**
   * Parsed simple-query texts, so a text sent again is not parsed again and its statements keep
   * their identity (the pipeline keeps plans by statement). The AST is immutable.
   */
  private readonly parsedTexts = new Map<string, ReturnType<typeof parseScript>>();

  private parseCached(sql: string): ReturnType<typeof parseScript> {
    const hit = this.parsedTexts.get(sql);
    if (hit) return hit;
    const script = parseScript(sql);
    if (sql.length <= PARSE_CACHE_MAX_TEXT) {
      if (this.parsedTexts.size >= PARSE_CACHE_ENTRIES) this.parsedTexts.clear();
      this.parsedTexts.set(sql, script);
    }
    return script;
  }

  /**
   * Wraps a rows outcome so an error while streaming also fails the transaction block, and the
   * statement's log entry ends when its rows are all read.
   */
  failOnError(outcome: Extract<ExecuteOutcome, { kind: "rows" }>, logId?: number): ExecuteOutcome {
    // A plain iterator rather than an async generator around the inner one: one promise per
    // slice instead of a generator's queue, which a one-row result on the hot path notices.
    const inner = outcome.slices[Symbol.asyncIterator]();
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      this.disarmTimeout();
    };
    const slices: AsyncIterableIterator<RowSlice> = {
      [Symbol.asyncIterator]() {
        return this;
      },
      next: async () => {
        let r: IteratorResult<RowSlice>;
        try {
          r = await inner.next();
        } catch (e) {
          settle();
          const err = this.fail(e);
          if (logId !== undefined) this.log.end(logId, err);
          throw err;
        }
        if (r.done && !settled) {
          settle();
          const done = outcome.finish();
          if (logId !== undefined && !done.suspended) this.log.end(logId, undefined, rowsOfTag(done.tag));
        }
        return r;
      },
      return: async () => {
        settle();
        await inner.return?.();
        return { done: true, value: undefined };
      },
    };
    return { ...outcome, slices };
  }

  // ---- extended query protocol (src/session/extended.ts) -------------------------------------

  parse(name: string, sql: string, paramTypes: readonly number[]): Promise<void> {
    return this.extended.parse(name, sql, paramTypes);
  }

  describeStatement(name: string): Promise<StatementDescription> {
    return this.extended.describeStatement(name);
  }

  bind(
    portal: string,
    statement: string,
    params: ReadonlyArray<Uint8Array | null>,
    paramFormats: readonly number[],
    resultFormats: readonly number[],
  ): Promise<void> {
    return this.extended.bind(portal, statement, params, paramFormats, resultFormats);
  }

  describePortal(name: string): Promise<{ columns: readonly ResultColumn[] | null; formats: readonly number[] }> {
    return this.extended.describePortal(name);
  }

  execute(name: string, maxRows: number): Promise<ExecuteOutcome> {
    return this.extended.execute(name, maxRows);
  }

  async closeStatement(name: string): Promise<void> {
    this.extended.closeStatement(name);
  }

  async closePortal(name: string): Promise<void> {
    this.extended.closePortal(name);
  }

  async sync(): Promise<void> {
    this.extended.sync();
  }

  /** DEALLOCATE name | ALL (from SQL). */
  deallocate(name: string | undefined): void {
    this.extended.deallocate(name);
  }

  private checkNotFailedOrThrow(stmt: Statement | null): void {
    try {
      this.checkNotFailed(stmt);
    } catch (e) {
      throw this.fail(e);
    }
  }

  /**
   * Interrupts the running statement (CancelRequest, pg_cancel_backend, CANCEL): it fails with
   * 57014 and `message` when given.
   */
  cancel(message?: string): void {
    this.interruptRunning(() => {
      this.cancelRequested = true;
      this.cancelMessage = message;
    });
  }

  /**
   * Interrupts the engine after `mark` records why. An interrupt that reaches the engine while
   * the statement is between two engine calls, or still being planned, is lost, so it repeats
   * until the statement's log entry ends.
   */
  private interruptRunning(mark: () => void): void {
    const hit = () => {
      mark();
      this.conn.interrupt();
    };
    hit();
    const running = this.cluster.logs.queries.runningFor(this.processId);
    if (running === undefined) return;
    if (this.cancelTimer) clearInterval(this.cancelTimer);
    const until = Date.now() + 30_000;
    this.cancelTimer = setInterval(() => {
      const still = !this.closed && this.cluster.logs.queries.runningFor(this.processId)?.id === running.id;
      if (still && Date.now() < until) return hit();
      clearInterval(this.cancelTimer);
      this.cancelTimer = undefined;
    }, 20);
    this.cancelTimer.unref();
  }

  /** pg_terminate_backend: fails the running statement and has the front end close the connection. */
  terminate(): void {
    if (this.closed || this.terminated) return;
    this.terminated = true;
    this.cancel();
    this.terminationHandler?.(terminationError());
  }

  onTerminate(handler: (err: LakeshiftError) => void): void {
    this.terminationHandler = handler;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.disarmTimeout();
    if (this.cancelTimer) clearInterval(this.cancelTimer);
    this.extended.closeAllPortals();
    if (this.tx !== "idle") {
      try {
        await this.conn.run("ROLLBACK");
      } catch {
        // already ended
      }
      this.cluster.afterRollback(this);
    }
    this.conn.close();
    this.cluster.sessionClosed(this);
  }
}
