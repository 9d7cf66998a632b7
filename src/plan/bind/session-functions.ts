// src/plan/bind/session-functions.ts
//! Functions whose value is fixed for the statement: folded to constants from the BindContext.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_VERSION.html
//! https://docs.aws.amazon.com/redshift/latest/dg/r_GETDATE.html (statement start)
//! https://docs.aws.amazon.com/redshift/latest/dg/r_SYSDATE.html (transaction start)

import type { SqlType } from "../../sql/types.js";
import { T } from "../../sql/types.js";
import type { BoundLiteral } from "../bound/expr.js";
import type { BindContext } from "./context.js";

const NAME: SqlType = { id: "varchar", length: 128 };

function lit(value: string | null, type: SqlType): BoundLiteral {
  return { kind: "literal", value, type };
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

/** 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC. */
export function timestampText(d: Date): string {
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000`
  );
}

export function versionString(version: string): string {
  return `PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.${version}`;
}

/** Zero-argument session functions, by name. */
export const SESSION_FUNCTIONS: Record<string, (ctx: BindContext) => BoundLiteral> = {
  version: (ctx) => lit(versionString(ctx.sessionInfo.version), T.text),
  current_database: (ctx) => lit(ctx.database, NAME),
  current_user: (ctx) => lit(ctx.user, NAME),
  user: (ctx) => lit(ctx.user, NAME),
  session_user: (ctx) => lit(ctx.user, NAME),
  current_schema: (ctx) => lit(ctx.sessionInfo.currentSchema, NAME),
  current_user_id: (ctx) => lit(ctx.sessionInfo.settings("current_user_id") ?? "100", T.integer),
  pg_backend_pid: (ctx) => lit(String(ctx.sessionInfo.backendPid), T.integer),
  /** GETDATE() has no fractional seconds. */
  getdate: (ctx) => lit(timestampText(ctx.statementTime).slice(0, 19), T.timestamp),
  sysdate: (ctx) => lit(timestampText(ctx.transactionTime), T.timestamp),
  current_timestamp: (ctx) => lit(`${timestampText(ctx.transactionTime)}+00`, T.timestamptz),
  now: (ctx) => lit(`${timestampText(ctx.transactionTime)}+00`, T.timestamptz),
  localtimestamp: (ctx) => lit(timestampText(ctx.transactionTime), T.timestamp),
  current_date: (ctx) => lit(timestampText(ctx.transactionTime).slice(0, 10), T.date),
  localtime: (ctx) => lit(timestampText(ctx.transactionTime).slice(11), T.time),
  current_time: (ctx) => lit(`${timestampText(ctx.transactionTime).slice(11)}+00`, T.timetz),
};

/** Session functions Redshift also accepts as bare words (resolved when no column has the name). */
export const BARE_SESSION_WORDS: ReadonlySet<string> = new Set([
  "current_user_id",
  "current_schema",
  "sysdate",
  "getdate",
]);

/** current_setting('name'): the session's value, NULL when unknown. */
export function currentSetting(ctx: BindContext, name: string): BoundLiteral {
  return lit(ctx.sessionInfo.settings(name.toLowerCase()) ?? null, T.text);
}
