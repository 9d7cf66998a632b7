// src/session/extended.ts
//! The extended query protocol of one session: prepared statements (Parse, Describe, Close,
//! DEALLOCATE) and portals (Bind, Describe, Execute, Close, Sync). Statements are planned at first
//! use and planned again when the catalog changed; a portal runs once and may be read in parts.

import { LakeshiftError, SqlState } from "../common/errors.js";
import type { Statement } from "../sql/ast/index.js";
import { parseScript } from "../sql/index.js";
import type { ExecuteOutcome, StatementDescription } from "./api.js";
import { decodeParam, oidForDuckParam, type ParamValue } from "./params.js";
import type { Pipeline, Prepared } from "./pipeline.js";
import type { ResultColumn } from "./result.js";
import type { RowsCursor } from "./rows.js";
import type { StatementLog } from "./statement-log.js";

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

type RowsOutcome = Extract<ExecuteOutcome, { kind: "rows" }>;

/** What the extended protocol needs of its session: error bookkeeping and the statement log. */
export interface ExtendedHost {
  readonly inTransactionBlock: boolean;
  readonly log: StatementLog;
  /** Records a failure (the open block fails); returns the error to throw. */
  fail(e: unknown): LakeshiftError;
  /** Throws 25P02 when the block has failed and `stmt` does not end it. */
  checkNotFailed(stmt: Statement | null): void;
  /** Runs a statement with error bookkeeping and the statement timeout. */
  guarded<T>(stmt: Statement | null, run: () => Promise<T>, offset?: number): Promise<T>;
  /** A rows outcome whose errors fail the block and whose log entry ends when its rows are read. */
  failOnError(outcome: RowsOutcome, logId?: number): ExecuteOutcome;
}

export class ExtendedQuery {
  private readonly statements = new Map<string, PreparedStatementEntry>();
  private readonly portals = new Map<string, PortalEntry>();

  constructor(
    private readonly host: ExtendedHost,
    private readonly pipeline: Pipeline,
  ) {}

  async parse(name: string, sql: string, paramTypes: readonly number[]): Promise<void> {
    try {
      if (name !== "" && this.statements.has(name)) {
        throw new LakeshiftError(SqlState.DuplicatePreparedStatement, `prepared statement "${name}" already exists`);
      }
      const script = parseScript(sql);
      if (script.length > 1) {
        throw new LakeshiftError(SqlState.SyntaxError, "cannot insert multiple commands into a prepared statement");
      }
      const stmt = script[0]?.stmt ?? null;
      const offset = script[0]?.start ?? 0;
      this.host.checkNotFailed(stmt);
      this.statements.set(name, { sql, offset, stmt, clientParamTypes: paramTypes });
    } catch (e) {
      const err = this.host.fail(e);
      this.host.log.refused(sql, err);
      throw err;
    }
  }

  /** Runs a step before Execute (Describe, Bind): a refusal is logged as the statement's failure. */
  private async refusable<T>(s: PreparedStatementEntry, run: () => Promise<T>): Promise<T> {
    try {
      return await this.host.guarded(s.stmt, run, s.offset);
    } catch (e) {
      this.host.log.refused(s.sql, e);
      throw e;
    }
  }

  private statement(name: string): PreparedStatementEntry {
    const s = this.statements.get(name);
    if (!s) {
      throw this.host.fail(
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
    return this.refusable(s, async () => {
      const plan = await this.planOf(s);
      const paramTypes = plan.paramDuckTypes.map((t, i) => {
        const given = s.clientParamTypes[i];
        return given !== undefined && given !== 0 ? given : oidForDuckParam(t);
      });
      return { paramTypes, columns: plan.columns ? plan.columns.map((c) => c.result) : null };
    });
  }

  async bind(
    portal: string,
    statement: string,
    params: ReadonlyArray<Uint8Array | null>,
    paramFormats: readonly number[],
    resultFormats: readonly number[],
  ): Promise<void> {
    const s = this.statement(statement);
    await this.refusable(s, async () => {
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
    });
  }

  private portal(name: string): PortalEntry {
    const p = this.portals.get(name);
    if (!p) throw this.host.fail(new LakeshiftError(SqlState.InvalidCursorName, `portal "${name}" does not exist`));
    return p;
  }

  async describePortal(name: string): Promise<{ columns: readonly ResultColumn[] | null; formats: readonly number[] }> {
    const p = this.portal(name);
    return this.refusable(p.statement, async () => {
      const plan = await this.planOf(p.statement);
      if (!plan.columns) return { columns: null, formats: [] };
      return { columns: plan.columns.map((c) => c.result), formats: this.pipeline.formatsFor(plan, p.resultFormats) };
    });
  }

  async execute(name: string, maxRows: number): Promise<ExecuteOutcome> {
    const p = this.portal(name);
    if (p.cursor) return this.host.failOnError(p.cursor.outcome(maxRows) as RowsOutcome, p.logId);
    if (p.done) return p.done;
    let kept: RowsCursor | undefined;
    const logId = this.host.log.start(p.statement.sql);
    const outcome = await this.host.log.logged(logId, () =>
      this.host.guarded(
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
      return this.host.failOnError(kept.outcome(maxRows) as RowsOutcome, logId);
    }
    if (outcome.kind === "rows") return this.host.failOnError(outcome, logId);
    p.done = outcome;
    return outcome;
  }

  closeStatement(name: string): void {
    this.statements.delete(name);
  }

  closePortal(name: string): void {
    this.portals.get(name)?.cursor?.close();
    this.portals.delete(name);
  }

  sync(): void {
    // Unnamed portals do not outlive the batch; named ones live until the transaction ends.
    const unnamed = this.portals.get("");
    if (unnamed) {
      unnamed.cursor?.close();
      this.portals.delete("");
    }
    if (!this.host.inTransactionBlock) this.closeAllPortals();
  }

  closeAllPortals(): void {
    for (const p of this.portals.values()) p.cursor?.close();
    this.portals.clear();
  }

  /** DEALLOCATE name | ALL (from SQL). */
  deallocate(name: string | undefined): void {
    if (name === undefined) this.statements.clear();
    else if (!this.statements.delete(name)) {
      throw new LakeshiftError(SqlState.InvalidSqlStatementName, `prepared statement "${name}" does not exist`);
    }
  }
}
