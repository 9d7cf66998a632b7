// src/plan/functions/admin.ts
//! Session administration functions: cancel another session's query, or end the session.
//! https://docs.aws.amazon.com/redshift/latest/dg/PG_CANCEL_BACKEND.html
//! https://docs.aws.amazon.com/redshift/latest/dg/PG_TERMINATE_BACKEND.html

import { T } from "../../sql/types.js";
import type { FunctionSignature } from "./signature.js";
import { fixed, sig } from "./signature.js";

/**
 * The engine function both run as: ls_signal_backend(action, target pid, caller pid) -> 1. The
 * session layer registers it with the engine; the caller's pid is the connection's ls_pid.
 */
export const SIGNAL_BACKEND_FUNCTION = "ls_signal_backend";

export const ADMIN_FUNCTIONS: readonly FunctionSignature[] = [
  sig("pg_cancel_backend", "scalar", 1, 1, fixed(T.integer)),
  sig("pg_terminate_backend", "scalar", 1, 1, fixed(T.integer)),
];
