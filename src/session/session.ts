// src/session/session.ts
//! One client session: transaction state, prepared statements and portals, and the statement
//! pipeline (parse -> bind -> translate -> execute) behind both the simple and the extended
//! query protocol.

import { searchPathSql } from "../catalog/index.js";
import { LakeshiftError, SqlState, asLakeshiftError } from "../common/errors.js";
import { str as quoteLiteral } from "../translate/duckdb/quote.js";
import type { EngineConnection } from "../engine/types.js";
import { parseScript } from "../sql/index.js";
import type { Statement } from "../sql/ast/index.js";
import type { ExecuteOutcome, Session, StartupInfo, StatementDescription } from "./api.js";
import type { ClusterContext, UserInfo } from "./context.js";
import { decodeParam, oidForDuckParam, type ParamValue } from "./params.js";
import { type Prepared, Pipeline } from "./pipeline.js";
import type { RowsCursor } from "./rows.js";
import { Settings } from "./settings.js";
import { TempTables } from "./temp-tables.js";

interface PreparedStatementEntry {
  readonly sql: string;
  /** Where the statement starts in `sql` (error positions count from the start of `sql`). */
  readonly offset: number;
  readonly stmt: Statement | null; // null: empty query
  readonly clientParamTypes: readonly number[];
  /** Planned at Parse / first use; re-planned when the catalog changed. */
  plan?: Prepared;
}

interface PortalEntry {
  readonly statement: PreparedStatementEntry;
  readonly params: readonly ParamValue[];
  readonly resultFormats: readonly number[];
  cursor?: RowsCursor;
  /** The statement log entry of the portal's run. */
  logId?: number;
  /** A command that already ran (portals run once). */
  done?: ExecuteOutcome;
}

type TxState = "idle" | "block" | "failed";

const TRANSACTION_CONTROL = new Set(["Begin", "Commit", "Rollback"]);

/** Command tags of statements that change no data (everything else invalidates cached results). */
const READ_ONLY_TAGS = new Set([
  "SET",
  "RESET",
  "SHOW",
  "BEGIN",
  "START TRANSACTION",
  "ROLLBACK",
  "DEALLOCATE",
  "EXPLAIN",
]);

/** The row count at the end of a command tag ('INSERT 0 5', 'SELECT 3', 'UPDATE 2'); 0 for none. */
function rowsOfTag(tag: string): number {
  const last = tag.slice(tag.lastIndexOf(" ") + 1);
  return /^\d+$/.test(last) ? Number(last) : 0;
}

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

export class LakeshiftSession implements Session {
  readonly settings: Settings;
  /** This session's temporary tables. */
  readonly temps: TempTables;
  private tx: TxState = "idle";
  private txStart: Date | null = null;
  private readonly statements = new Map<string, PreparedStatementEntry>();
  private readonly portals = new Map<string, PortalEntry>();
  private readonly pipeline: Pipeline;
  private cancelRequested = false;
  private timedOut = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

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

  private checkNotFailed(stmt: Statement | null): void {
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
  private async guarded<T>(stmt: Statement | null, run: () => Promise<T>, offset = 0): Promise<T> {
    if (this.closed) throw new LakeshiftError(SqlState.ConnectionException, "session is closed");
    this.checkNotFailedOrThrow(stmt);
    this.cancelRequested = false;
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
        this.timedOut = true;
        this.conn.interrupt();
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
    if (err.sqlstate === SqlState.QueryCanceled) {
      if (this.timedOut)
        err = new LakeshiftError(SqlState.QueryCanceled, "canceling statement due to statement timeout");
      else if (this.cancelRequested)
        err = new LakeshiftError(SqlState.QueryCanceled, "canceling statement due to user request");
    }
    if (this.tx === "block") this.tx = "failed";
    return err;
  }

  async *simpleQuery(sql: string): AsyncGenerator<ExecuteOutcome> {
    let script: ReturnType<typeof parseScript>;
    try {
      script = parseScript(sql);
    } catch (e) {
      throw this.fail(e);
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
        const id = this.logStart(script.length === 1 ? sql.trim() : item.text);
        const outcome = await this.logged(id, () =>
          this.guarded(
            item.stmt,
            () => this.pipeline.run(item.stmt, item.text, [], [], this.pipeline.noPlan()),
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

  // ---- the statement log (stl_query and friends) -----------------------------------------------

  private logStart(text: string): number {
    return this.cluster.logs.queries.start({
      pid: this.processId,
      user: this.user.name,
      userId: this.user.usesysid,
      database: this.database,
      text,
      label: this.settings.get("query_group") ?? "default",
    });
  }

  private logEnd(id: number, e: unknown, rows = 0): void {
    if (e === undefined) {
      this.cluster.logs.queries.finish(id, { status: "success", rows });
      return;
    }
    const err = asLakeshiftError(e);
    this.cluster.logs.queries.finish(id, {
      status: err.sqlstate === SqlState.QueryCanceled ? "cancelled" : "failed",
      error: err.message,
    });
  }

  /** Runs a statement under its log entry: commands end it here, row streams when they are read. */
  private async logged(id: number, run: () => Promise<ExecuteOutcome>): Promise<ExecuteOutcome> {
    let outcome: ExecuteOutcome;
    try {
      outcome = await run();
    } catch (e) {
      this.logEnd(id, e);
      throw e;
    }
    if (outcome.kind === "command") {
      this.logEnd(id, undefined, rowsOfTag(outcome.tag));
      if (!READ_ONLY_TAGS.has(outcome.tag)) this.cluster.dataChanged();
    } else if (outcome.kind === "empty") this.logEnd(id, undefined);
    return outcome;
  }

  /**
   * Wraps a rows outcome so an error while streaming also fails the transaction block, and the
   * statement's log entry ends when its rows are all read.
   */
  private failOnError(outcome: Extract<ExecuteOutcome, { kind: "rows" }>, logId?: number): ExecuteOutcome {
    const self = this;
    const inner = outcome.slices;
    async function* slices() {
      try {
        yield* inner;
      } catch (e) {
        const err = self.fail(e);
        if (logId !== undefined) self.logEnd(logId, err);
        throw err;
      } finally {
        self.disarmTimeout();
      }
      const done = outcome.finish();
      if (logId !== undefined && !done.suspended) self.logEnd(logId, undefined, rowsOfTag(done.tag));
    }
    return { ...outcome, slices: slices() };
  }

  // ---- extended query protocol ------------------------------------------------------------------

  async parse(name: string, sql: string, paramTypes: readonly number[]): Promise<void> {
    if (name !== "" && this.statements.has(name)) {
      throw this.fail(
        new LakeshiftError(SqlState.DuplicatePreparedStatement, `prepared statement "${name}" already exists`),
      );
    }
    let stmt: Statement | null;
    let offset = 0;
    try {
      const script = parseScript(sql);
      if (script.length > 1) {
        throw new LakeshiftError(SqlState.SyntaxError, "cannot insert multiple commands into a prepared statement");
      }
      stmt = script[0]?.stmt ?? null;
      offset = script[0]?.start ?? 0;
    } catch (e) {
      throw this.fail(e);
    }
    this.checkNotFailedOrThrow(stmt);
    this.statements.set(name, { sql, offset, stmt, clientParamTypes: paramTypes });
  }

  private checkNotFailedOrThrow(stmt: Statement | null): void {
    try {
      this.checkNotFailed(stmt);
    } catch (e) {
      throw this.fail(e);
    }
  }

  private statement(name: string): PreparedStatementEntry {
    const s = this.statements.get(name);
    if (!s) {
      throw this.fail(
        new LakeshiftError(SqlState.InvalidSqlStatementName, `prepared statement "${name}" does not exist`),
      );
    }
    return s;
  }

  private async planOf(s: PreparedStatementEntry): Promise<Prepared> {
    if (s.stmt === null) return this.pipeline.noPlan();
    if (!s.plan || !this.pipeline.stillValid(s.plan)) {
      s.plan = await this.pipeline.prepare(s.stmt, s.sql);
    }
    return s.plan;
  }

  async describeStatement(name: string): Promise<StatementDescription> {
    const s = this.statement(name);
    return this.guarded(
      s.stmt,
      async () => {
        const plan = await this.planOf(s);
        const paramTypes = plan.paramDuckTypes.map((t, i) => {
          const given = s.clientParamTypes[i];
          return given !== undefined && given !== 0 ? given : oidForDuckParam(t);
        });
        return { paramTypes, columns: plan.columns ? plan.columns.map((c) => c.result) : null };
      },
      s.offset,
    );
  }

  async bind(
    portal: string,
    statement: string,
    params: ReadonlyArray<Uint8Array | null>,
    paramFormats: readonly number[],
    resultFormats: readonly number[],
  ): Promise<void> {
    const s = this.statement(statement);
    await this.guarded(
      s.stmt,
      async () => {
        if (portal !== "" && this.portals.has(portal)) {
          throw new LakeshiftError(SqlState.DuplicateCursor, `portal "${portal}" already exists`);
        }
        const plan = await this.planOf(s);
        if (params.length !== plan.paramDuckTypes.length) {
          throw new LakeshiftError(
            SqlState.ProtocolViolation,
            `bind message supplies ${params.length} parameters, but prepared statement "${statement}" requires ${plan.paramDuckTypes.length}`,
          );
        }
        const values = params.map((p, i) => {
          const format =
            paramFormats.length === 0 ? 0 : paramFormats.length === 1 ? (paramFormats[0] ?? 0) : (paramFormats[i] ?? 0);
          const given = s.clientParamTypes[i];
          const oid = given !== undefined && given !== 0 ? given : oidForDuckParam(plan.paramDuckTypes[i] ?? "VARCHAR");
          return decodeParam(p, format, oid);
        });
        const old = this.portals.get(portal);
        old?.cursor?.close();
        this.portals.set(portal, { statement: s, params: values, resultFormats });
      },
      s.offset,
    );
  }

  private portal(name: string): PortalEntry {
    const p = this.portals.get(name);
    if (!p) throw this.fail(new LakeshiftError(SqlState.InvalidCursorName, `portal "${name}" does not exist`));
    return p;
  }

  async describePortal(
    name: string,
  ): Promise<{ columns: readonly import("./result.js").ResultColumn[] | null; formats: readonly number[] }> {
    const p = this.portal(name);
    return this.guarded(
      p.statement.stmt,
      async () => {
        const plan = await this.planOf(p.statement);
        if (!plan.columns) return { columns: null, formats: [] };
        return { columns: plan.columns.map((c) => c.result), formats: this.pipeline.formatsFor(plan, p.resultFormats) };
      },
      p.statement.offset,
    );
  }

  async execute(name: string, maxRows: number): Promise<ExecuteOutcome> {
    const p = this.portal(name);
    if (p.cursor)
      return this.failOnError(p.cursor.outcome(maxRows) as Extract<ExecuteOutcome, { kind: "rows" }>, p.logId);
    if (p.done) return p.done;
    let kept: RowsCursor | undefined;
    const logId = this.logStart(p.statement.sql);
    const outcome = await this.logged(logId, () =>
      this.guarded(
        p.statement.stmt,
        async () => {
          if (p.statement.stmt === null) return { kind: "empty" } as const;
          const plan = await this.planOf(p.statement);
          return this.pipeline.run(p.statement.stmt, p.statement.sql, p.params, p.resultFormats, plan, (cursor) => {
            kept = cursor;
          });
        },
        p.statement.offset,
      ),
    );
    if (kept) {
      p.cursor = kept;
      p.logId = logId;
      return this.failOnError(kept.outcome(maxRows) as Extract<ExecuteOutcome, { kind: "rows" }>, logId);
    }
    if (outcome.kind === "rows") return this.failOnError(outcome, logId);
    p.done = outcome;
    return outcome;
  }

  async closeStatement(name: string): Promise<void> {
    this.statements.delete(name);
  }

  async closePortal(name: string): Promise<void> {
    this.portals.get(name)?.cursor?.close();
    this.portals.delete(name);
  }

  async sync(): Promise<void> {
    // Unnamed portals do not outlive the batch; named ones live until the transaction ends.
    const unnamed = this.portals.get("");
    if (unnamed) {
      unnamed.cursor?.close();
      this.portals.delete("");
    }
    if (this.tx === "idle") {
      for (const [name, p] of this.portals) {
        p.cursor?.close();
        this.portals.delete(name);
      }
    }
  }

  /** DEALLOCATE name | ALL (from SQL). */
  deallocate(name: string | undefined): void {
    if (name === undefined) this.statements.clear();
    else if (!this.statements.delete(name)) {
      throw new LakeshiftError(SqlState.InvalidSqlStatementName, `prepared statement "${name}" does not exist`);
    }
  }

  cancel(): void {
    this.cancelRequested = true;
    this.conn.interrupt();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.disarmTimeout();
    for (const p of this.portals.values()) p.cursor?.close();
    this.portals.clear();
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
