// src/session/statement-log.ts
//! A session's side of the statement log (stl_query, sys_query_history, svl_statementtext):
//! each statement's entry starts before it runs and ends with its status and row count, for
//! commands when they complete and for row streams when their rows are all read.

import { asLakeshiftError, SqlState } from "../common/errors.js";
import type { ExecuteOutcome } from "./api.js";
import type { ClusterContext, UserInfo } from "./context.js";
import type { Settings } from "./settings.js";

/** Command tags of statements that change no data (everything else invalidates cached results). */
const READ_ONLY_TAGS = new Set([
  "SET",
  "RESET",
  "SHOW",
  "BEGIN",
  "START TRANSACTION",
  "ROLLBACK",
  "DEALLOCATE",
  "CANCEL",
  "EXPLAIN",
]);

/** The row count at the end of a command tag ('INSERT 0 5', 'SELECT 3', 'UPDATE 2'); 0 for none. */
export function rowsOfTag(tag: string): number {
  const last = tag.slice(tag.lastIndexOf(" ") + 1);
  return /^\d+$/.test(last) ? Number(last) : 0;
}

/** What the log needs to know of the session it records. */
export interface LoggedSession {
  readonly processId: number;
  readonly user: UserInfo;
  readonly database: string;
  readonly settings: Settings;
}

export class StatementLog {
  constructor(
    private readonly cluster: ClusterContext,
    private readonly session: LoggedSession,
  ) {}

  /** Opens the entry of a statement about to run; returns its id. */
  start(text: string): number {
    const s = this.session;
    return this.cluster.logs.queries.start({
      pid: s.processId,
      user: s.user.name,
      userId: s.user.usesysid,
      database: s.database,
      text,
      label: s.settings.get("query_group") ?? "default",
    });
  }

  /** Closes an entry: success with `rows` when `e` is undefined, else cancelled or failed. */
  end(id: number, e: unknown, rows = 0): void {
    if (e === undefined) {
      this.cluster.logs.queries.finish(id, { status: "success", rows });
      return;
    }
    const err = asLakeshiftError(e);
    this.cluster.logs.queries.finish(id, {
      status:
        err.sqlstate === SqlState.QueryCanceled || err.sqlstate === SqlState.AdminShutdown ? "cancelled" : "failed",
      error: err.message,
    });
  }

  /** Logs a statement refused before it ran (a syntax error, an unknown table, a bad parameter) as failed. */
  refused(text: string, e: unknown): void {
    this.end(this.start(text), e);
  }

  /** Runs a statement under its log entry: commands end it here, row streams when they are read. */
  async logged(id: number, run: () => Promise<ExecuteOutcome>): Promise<ExecuteOutcome> {
    let outcome: ExecuteOutcome;
    try {
      outcome = await run();
    } catch (e) {
      this.end(id, e);
      throw e;
    }
    if (outcome.kind === "command") {
      this.end(id, undefined, rowsOfTag(outcome.tag));
      if (!READ_ONLY_TAGS.has(outcome.tag)) this.cluster.dataChanged();
    } else if (outcome.kind === "empty") this.end(id, undefined);
    return outcome;
  }
}
