// src/session/engine-errors.ts
//! Engine errors as Redshift reports them. The engine maps DuckDB's error classes to SQLSTATEs;
//! here the session refines the ones whose meaning comes from how it translated the statement,
//! e.g. the CHECK (octet_length(c) <= n) that stands for VARCHAR(n)'s byte limit.

import { raisedError } from "../catalog/index.js";
import { LakeshiftError, SqlState, asLakeshiftError } from "../common/errors.js";

export function mapEngineError(e: unknown): LakeshiftError {
  const err = asLakeshiftError(e);
  // Catalog macros fail with error('[SQLSTATE] message').
  const raised = raisedError(err.message);
  if (raised) return new LakeshiftError(raised.sqlstate, raised.message);
  if (err.sqlstate === SqlState.CheckViolation) {
    const m = /(?:octet_length|strlen)\(.*?\)\s*<=\s*(\d+)/.exec(err.message);
    if (m)
      return new LakeshiftError(
        SqlState.StringDataRightTruncation,
        `value too long for type character varying(${m[1]})`,
      );
  }
  return err;
}
