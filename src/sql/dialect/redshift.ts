// src/sql/dialect/redshift.ts
//! Redshift's keyword tables as a diff over the Postgres base.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_pg_keywords.html

import { PG_RESERVED, PG_TYPE_FUNC_NAME } from "./postgres.js";

/** Words Redshift reserves on top of Postgres (TOP n, MINUS, QUALIFY, SYSDATE, PIVOT/UNPIVOT). */
const REDSHIFT_ADD_RESERVED = ["top", "minus", "qualify", "sysdate", "pivot", "unpivot"];
/** Postgres reserved words Redshift does not reserve, or that we let clients use as names. */
const REDSHIFT_REMOVE_RESERVED = ["current_schema", "concurrently", "collation", "verbose", "freeze"];

function diff(base: readonly string[], add: readonly string[], remove: readonly string[]): Set<string> {
  const s = new Set(base);
  for (const w of add) s.add(w);
  for (const w of remove) s.delete(w);
  return s;
}

/** Words that can never be a bare column name, table name or alias. */
export const RESERVED: ReadonlySet<string> = diff(
  [...PG_RESERVED, ...PG_TYPE_FUNC_NAME],
  REDSHIFT_ADD_RESERVED,
  REDSHIFT_REMOVE_RESERVED,
);

/** Reserved words that may still be called as functions: left(s, n), right(s, n). */
export const FUNC_NAME_KEYWORDS: ReadonlySet<string> = new Set(["left", "right", "authorization", "binary"]);

/**
 * Niladic SQL keywords called without parentheses; the parser makes them FunctionCalls.
 * CURRENT_SCHEMA is not listed: it is written current_schema() in Redshift.
 */
export const NILADIC_FUNCTIONS: ReadonlySet<string> = new Set([
  "current_date",
  "current_time",
  "current_timestamp",
  "localtime",
  "localtimestamp",
  "current_user",
  "session_user",
  "user",
  "current_role",
  "current_catalog",
  "sysdate",
]);

/** Does this lower-case word need double quotes to be read back as an identifier? */
export function needsQuotes(name: string): boolean {
  if (name.length === 0) return true;
  const c0 = name.charCodeAt(0);
  if (!((c0 >= 97 && c0 <= 122) || c0 === 95)) return true;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 36)) return true;
  }
  return RESERVED.has(name);
}
